"""rnn_helpers: the numpy package behind the rnn-notebooks course.

    import rnn_helpers as rh

The functional core (rh.rnn, rh.lstm, rh.gru) is the lesson; the Keras-like layers
(rh.layers, rh.models) are the bridge from the seed article's Keras program.
"""

from . import activations, rnn

__version__ = "0.1.0"

__all__ = ["activations", "rnn"]
