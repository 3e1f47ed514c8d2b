"""Keras-like models, as `tensorflow.keras.models`:

    from rnn_helpers.models import Sequential

    sequential.py   Sequential: the stack of layers, compile, fit, evaluate, predict, saving
"""

from .sequential import History, Sequential, StopTraining

__all__ = ["History", "Sequential", "StopTraining"]
