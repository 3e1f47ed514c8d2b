"""Keras-like models, as `tensorflow.keras.models`:

    from rnn_helpers.models import Sequential

    sequential.py   Sequential: the stack of layers, compile, evaluate, predict
    training.py     fit: the training loop, the NaN guard
    callbacks.py    History, StopTraining and the callbacks' hooks
    saving.py       save_weights / load_weights (.npz files, written atomically)
    checks.py       x and y checked before anything changes; a failed call undone
"""

from .callbacks import History, StopTraining
from .sequential import Sequential

__all__ = ["History", "Sequential", "StopTraining"]
