"""Tests for rnn_helpers.exercises.unrolled (notebook 02): check_output_step and check_rnn_loop
pass right answers and name the usual mistakes."""

import numpy as np
import pytest

from rnn_helpers.core import activations
from rnn_helpers.exercises import unrolled
from tests.conftest import stub, verdict


@pytest.mark.parametrize("answer,ok,words", [
    (lambda h, W_y, b_y: activations.sigmoid(h @ W_y + b_y), True, "Correct"),
    (lambda h, W_y, b_y: 1 / (1 + np.exp(-(h @ W_y + b_y))), True, "Correct"),
    (lambda h, W_y, b_y: activations.sigmoid(h @ W_y), False, "b_y"),
    (lambda h, W_y, b_y: np.tanh(h @ W_y + b_y), False, "sigmoid"),
    (lambda h, W_y, b_y: h @ W_y + b_y, False, "activation is missing"),
    (lambda h, W_y, b_y: activations.sigmoid(W_y.T @ h + b_y), False, "matrix product"),
    (stub, False, "NotImplementedError"),
])
def test_check_output_step(capsys, answer, ok, words):
    got, out = verdict(capsys, unrolled.check_output_step, answer)
    assert got is ok and words in out


def _loop(x, h0, W, U, b):
    h, states = h0, []
    for t in range(x.shape[1]):
        h = np.tanh(x[:, t] @ W + h @ U + b)
        states.append(h)
    return states


@pytest.mark.parametrize("answer,ok,words", [
    (lambda *a: np.stack(_loop(*a), axis=1), True, "Correct"),
    (lambda *a: _loop(*a)[-1], False, "return_sequences=False"),
    (lambda *a: np.stack(_loop(*a), axis=0), False, "time first"),
    (lambda x, h0, *w: np.stack([h0] + _loop(x, h0, *w), axis=1), False, "h_0 is included"),
    (lambda x, h0, W, U, b: np.stack([np.tanh(x[:, t] @ W + h0 @ U + b)
                                      for t in range(x.shape[1])], axis=1), False, "carry"),
    (lambda x, h0, *w: np.stack(_loop(x, 0 * h0, *w), axis=1), False, "h0 is ignored"),
    (lambda *a: np.stack(_loop(*a), axis=1)[:, :-1], False, "expected (2, 5, 3)"),
    (stub, False, "NotImplementedError"),
])
def test_check_rnn_loop(capsys, answer, ok, words):
    got, out = verdict(capsys, unrolled.check_rnn_loop, answer)
    assert got is ok and words in out
