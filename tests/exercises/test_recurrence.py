"""Tests for rnn_helpers.exercises.recurrence (notebook 01): check_rnn_step and check_param_shapes
pass right answers, name the usual mistakes, and never raise."""

import numpy as np
import pytest

from rnn_helpers.core import activations
from rnn_helpers.exercises import recurrence
from tests.conftest import stub, verdict

STEP_ANSWERS = {
    "right": (lambda x, h, W, U, b: np.tanh(x @ W + h @ U + b), "Correct"),
    "stub": (stub, "NotImplementedError"),
    "no bias": (lambda x, h, W, U, b: np.tanh(x @ W + h @ U), "bias is missing"),
    "no memory": (lambda x, h, W, U, b: np.tanh(x @ W + b), "recurrent term"),
    "no input": (lambda x, h, W, U, b: np.tanh(h @ U + b), "input term"),
    "sigmoid": (lambda x, h, W, U, b: activations.sigmoid(x @ W + h @ U + b), "tanh"),
    "linear": (lambda x, h, W, U, b: x @ W + h @ U + b, "activation is missing"),
    "relu": (lambda x, h, W, U, b: np.maximum(0, x @ W + h @ U + b), "relu"),
    "U.T": (lambda x, h, W, U, b: np.tanh(x @ W + h @ U.T + b), "U.T"),
    "one row": (lambda x, h, W, U, b: np.tanh(x @ W + h @ U + b)[0], "batch axis"),
    "transposed": (lambda x, h, W, U, b: np.tanh(x @ W + h @ U + b).T, "swapped"),
    "column": (lambda x, h, W, U, b: np.tanh(W @ x + U @ h + b), "matrix product"),
    "none": (lambda x, h, W, U, b: None, "return"),
    "dots": (lambda x, h, W, U, b: ..., "`...`"),
    "pair": (lambda x, h, W, U, b: (np.tanh(x @ W + h @ U + b), {}), "pair"),
    "doubled b": (lambda x, h, W, U, b: np.tanh(x @ W + h @ U + 2 * b), "values differ"),
    "text": (lambda x, h, W, U, b: "h", "numeric"),
}


@pytest.mark.parametrize("key", list(STEP_ANSWERS))
def test_check_rnn_step(capsys, key):
    answer, words = STEP_ANSWERS[key]
    ok, out = verdict(capsys, recurrence.check_rnn_step, answer)
    assert ok is (key == "right")
    assert out.startswith("Correct" if ok else "Not yet")
    assert words in out


def test_learner_cannot_change_the_hidden_cases(capsys):
    def vandal(x, h, W, U, b):
        out = np.tanh(x @ W + h @ U + b)
        W[...] = 0
        b[...] = 0
        return out
    assert recurrence.check_rnn_step(vandal)
    assert recurrence.check_rnn_step(lambda x, h, W, U, b: np.tanh(x @ W + h @ U + b))


# param_shapes (notebook 01) ----------------------------------------------------------------

@pytest.mark.parametrize("answer,ok,words", [
    (lambda D, H: ((D, H), (H, H), (H,)), True, "Correct"),
    (lambda D, H: [[D, H], [H, H], [H]], True, "Correct"),
    (lambda D, H: (np.zeros((D, H)).shape, (H, H), (H,)), True, "Correct"),
    (lambda D, H: ((H, D), (H, H), (H,)), False, "column convention"),
    (lambda D, H: ((D, H), (D, H), (H,)), False, "(H, H)"),
    (lambda D, H: ((D, H), (H, D), (H,)), False, "(H, H)"),
    (lambda D, H: ((D, H), (H, H), (1, H)), False, "(H,)"),
    (lambda D, H: ((D, H), (H, H), (D,)), False, "not D"),
    (lambda D, H: ((D, H), (H, H), (1,)), False, "not the expected answer yet"),
    (lambda D, H: ..., False, "`...`"),
    (lambda D, H: (..., ..., ...), False, "`...` somewhere"),
    (lambda D, H: ((D, H), ..., (H,)), False, "`...` somewhere"),
    (stub, False, "NotImplementedError"),
])
def test_check_param_shapes(capsys, answer, ok, words):
    got, out = verdict(capsys, recurrence.check_param_shapes, answer)
    assert got is ok and words in out
