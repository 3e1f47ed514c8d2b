"""Checks for the exercises of notebook 02 (five steps unrolled)."""

import numpy as np

from ..core import activations
from .checking import check_function, seq_cases


def _output_step(h_t, W_y, b_y, f=activations.sigmoid):
    return f(h_t @ W_y + b_y)


def check_output_step(fn):
    """Notebook 02: fn(h_t, W_y, b_y) -> o_t = sigmoid(h_t @ W_y + b_y), shape (B, O)."""
    rng = np.random.default_rng(2)
    cases = [(np.tanh(rng.normal(size=(B, H))), rng.normal(size=(H, O)), rng.normal(0, 0.5, O))
             for B, H, O in ((3, 4, 1), (2, 5, 3), (1, 2, 1))]
    return check_function(fn, cases, _output_step, name="output_step",
                          arg_names=("h_t", "W_y", "b_y"), mistakes=[
        ("the bias b_y (the seed's b′) is missing: o_t = sigmoid(h_t @ W_y + b_y).",
         lambda h, W_y, b_y: activations.sigmoid(h @ W_y)),
        ("this uses tanh: the output here is Dense(1, activation=\"sigmoid\"), so σ′ is the "
         "sigmoid, a probability in (0, 1).", lambda h, W_y, b_y: np.tanh(h @ W_y + b_y)),
        ("the activation is missing: apply the sigmoid, rh.activations.sigmoid(...).",
         lambda h, W_y, b_y: h @ W_y + b_y),
    ])


def _rnn_loop(x, h0, W, U, b):
    h_prev, states = h0, []
    for t in range(x.shape[1]):
        h_prev = np.tanh(x[:, t] @ W + h_prev @ U + b)
        states.append(h_prev)
    return np.stack(states, axis=1)


def check_rnn_loop(fn):
    """Notebook 02: fn(x, h0, W, U, b) -> every state h_1 .. h_T, shape (B, T, H)."""
    def only_last(*case):
        return _rnn_loop(*case)[:, -1]

    def time_first(*case):
        return _rnn_loop(*case).transpose(1, 0, 2)

    def with_h0(x, h0, W, U, b):
        return np.concatenate([h0[:, None], _rnn_loop(x, h0, W, U, b)], axis=1)

    def no_carry(x, h0, W, U, b):
        return np.stack([np.tanh(x[:, t] @ W + h0 @ U + b) for t in range(x.shape[1])], axis=1)

    def zeros_start(x, h0, W, U, b):
        return _rnn_loop(x, np.zeros_like(h0), W, U, b)

    return check_function(fn, seq_cases(), _rnn_loop, name="rnn_loop",
                          arg_names=("x", "h0", "W", "U", "b"), mistakes=[
        ("only the last state h_T came back, shape (B, H): that is return_sequences=False. "
         "Collect every h_t and stack them on axis 1.", only_last),
        ("the states are stacked time first, (T, B, H): stack them on axis 1 for (B, T, H).",
         time_first),
        ("h_0 is included: return h_1 .. h_T, T states (h_0 is the given start).", with_h0),
        ("every step used h0: after computing h_t, carry it on as the next step's h_prev.",
         no_carry),
        ("the given h0 is ignored: the first step starts from h0, not from zeros.",
         zeros_start),
    ])
