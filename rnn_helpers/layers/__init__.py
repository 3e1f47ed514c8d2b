"""Keras-like layers over the functional core, as `tensorflow.keras.layers`:

    from rnn_helpers.layers import SimpleRNN, LSTM, GRU, Dense

    base.py        Layer: building, weights in Keras' order, names, parameter counts
    recurrent_base.py  Recurrent: what every recurrent layer shares
    recurrent.py   SimpleRNN, LSTM, GRU
    dense.py       Dense, the seed's output layer o_t
    embedding.py   Embedding: integer ids -> learned vectors
    conv.py        Conv1D (the CNN of a CRNN)
    wrappers.py    Bidirectional
    attention.py   AttentionPooling (not in Keras)
    min_gru.py     MinGRU (not in Keras)
"""

from .attention import AttentionPooling
from .base import Layer
from .conv import Conv1D
from .dense import Dense
from .embedding import Embedding
from .min_gru import MinGRU
from .recurrent import GRU, LSTM, SimpleRNN
from .wrappers import Bidirectional

__all__ = [
    "AttentionPooling", "Bidirectional", "Conv1D", "Dense", "Embedding", "GRU", "LSTM", "Layer",
    "MinGRU", "SimpleRNN",
]
