"""Checks for the exercises of notebook 01 (the recurrence)."""

import numpy as np

from ..core import activations
from .checking import check_function, step_cases


def _rnn_step(x_t, h_prev, W, U, b, f=np.tanh):
    return f(x_t @ W + h_prev @ U + b)


def check_rnn_step(fn):
    """Notebook 01: fn(x_t, h_prev, W, U, b) -> h_t = tanh(x_t @ W + h_prev @ U + b), (B, H)."""
    return check_function(fn, step_cases(), _rnn_step, name="rnn_step",
                          arg_names=("x_t", "h_prev", "W", "U", "b"), mistakes=[
        ("the bias is missing: h_t = tanh(x_t @ W + h_prev @ U + b) adds b before the tanh.",
         lambda x, h, W, U, b: np.tanh(x @ W + h @ U)),
        ("the recurrent term h_prev @ U is missing: without it the step has no memory.",
         lambda x, h, W, U, b: np.tanh(x @ W + b)),
        ("the input term x_t @ W is missing: the new input never reaches the state.",
         lambda x, h, W, U, b: np.tanh(h @ U + b)),
        ("this is sigmoid(...): the seed writes σ, but SimpleRNN (and this course) use tanh "
         "for the hidden state.", lambda x, h, W, U, b: activations.sigmoid(x @ W + h @ U + b)),
        ("the activation is missing: apply np.tanh to x_t @ W + h_prev @ U + b.",
         lambda x, h, W, U, b: x @ W + h @ U + b),
        ("this uses relu; the simple RNN's hidden activation is tanh.",
         lambda x, h, W, U, b: np.maximum(x @ W + h @ U + b, 0)),
        ("U is used transposed (h_prev @ U.T): with row vectors the term is h_prev @ U.",
         lambda x, h, W, U, b: np.tanh(x @ W + h @ U.T + b)),
    ])


def _param_shapes(D, H):
    return ((D, H), (H, H), (H,))


def check_param_shapes(fn):
    """Notebook 01: fn(D, H) -> (shape of W, shape of U, shape of b) = ((D, H), (H, H), (H,))."""
    cases = [(1, 10), (3, 4), (7, 2), (10, 10)]
    return check_function(fn, cases, _param_shapes, name="param_shapes", numeric=False,
                          arg_names=("D", "H"), mistakes=[
        ("W is (H, D): that is the seed's column convention (W x_t). In code x_t @ W needs "
         "W of shape (D, H).", lambda D, H: ((H, D), (H, H), (H,))),
        ("U maps the hidden state to the hidden state: its shape is (H, H), not (D, H).",
         lambda D, H: ((D, H), (D, H), (H,))),
        ("U maps the hidden state to the hidden state: its shape is (H, H), not (H, D).",
         lambda D, H: ((D, H), (H, D), (H,))),
        ("b has one number per hidden unit: its shape is (H,), a 1-D vector.",
         lambda D, H: ((D, H), (H, H), (1, H))),
        ("b has one number per hidden unit, H of them (not D).",
         lambda D, H: ((D, H), (H, H), (D,))),
    ])
