"""Tests for rnn_helpers.exercises.unrolled (notebook 02): check_shapes (predict every shape),
check_loop_fix (the two bugs in a loop) and the earlier check_output_step and check_rnn_loop pass
right answers, name the usual mistakes and answer garbage with a line, not a traceback."""

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


# --- exercise 1: predict every shape before running ------------------------------------------
RIGHT_SHAPES = {"x": (4, 7, 3), "h0": (4, 6), "W": (3, 6), "U": (6, 6), "b": (6,),
                "x_t": (4, 3), "h_t": (4, 6), "h_all": (4, 7, 6), "h_last": (4, 6),
                "W_y": (6, 2), "b_y": (2,), "o_all": (4, 7, 2), "o_last": (4, 2)}


def test_run_shapes_come_from_a_real_run():
    assert unrolled.run_shapes() == RIGHT_SHAPES


@pytest.mark.parametrize("answer,ok,words", [
    (RIGHT_SHAPES, True, "all 13 shapes"),
    ({k: list(v) for k, v in RIGHT_SHAPES.items()}, True, "Correct"),
    (dict(RIGHT_SHAPES, W=("D", "H"), o_all="(B, T, O)", b_y="O"), True, "Correct"),
    ({k: ... for k in RIGHT_SHAPES}, False, "still `...`"),
    (dict(RIGHT_SHAPES, W=(6, 3)), False, "W (H, D) is transposed"),
    (dict(RIGHT_SHAPES, W_y=(2, 6)), False, "W_y (O, H) is transposed"),
    (dict(RIGHT_SHAPES, h0=(6,)), False, "h0 (H,) has no batch axis"),
    (dict(RIGHT_SHAPES, b=(4, 6)), False, "b (B, H) has a batch axis it does not have"),
    (dict(RIGHT_SHAPES, h_last=(4, 7, 6)), False, "returns only h_T"),
    (dict(RIGHT_SHAPES, h_all=(4, 6)), False, "lost the time axis"),
    (dict(RIGHT_SHAPES, o_last=(4, 7, 2)), False, "keeps the time axis"),
    (dict(RIGHT_SHAPES, x=(7, 4, 3)), False, "batch first"),
    (dict(RIGHT_SHAPES, U=(2, 2)), False, "five-step example's sizes"),
    (dict(RIGHT_SHAPES, x_t=(4, 1, 3)), False, "x_t (B, 1, D) is not it"),
    (dict(RIGHT_SHAPES, W=(3, 6, 1), U=None), False, "11 of 13 right"),
    ({k: v for k, v in RIGHT_SHAPES.items() if k != "b"}, False, "b is missing"),
    (dict(RIGHT_SHAPES, W=3.5), False, "tuple of numbers"),
    ([(4, 7, 3)], False, "a dict"),
    (np.zeros((4, 7)), False, "a dict"),
    (None, False, "a dict"),
])
def test_check_shapes(capsys, answer, ok, words):
    got, out = verdict(capsys, unrolled.check_shapes, answer)
    assert got is ok and words in out, out


def test_check_shapes_names_every_wrong_entry(capsys):
    got, out = verdict(capsys, unrolled.check_shapes, dict(RIGHT_SHAPES, W=(6, 3), b=(4, 6)))
    assert not got and "11 of 13 right" in out and "W (H, D)" in out and "b (B, H)" in out


# --- exercise 2: find the two bugs in a loop -------------------------------------------------
def _fixed(x, h0, W, U, b):
    B, T, D = x.shape
    h = np.zeros((B, T, U.shape[0]))
    h_prev = h0
    for t in range(T):
        h[:, t] = np.tanh(x[:, t] @ W + h_prev @ U + b)
        h_prev = h[:, t]
    return h


def _stale(x, h0, W, U, b):
    B, T, D = x.shape
    h = np.zeros((B, T, U.shape[0]))
    h_prev = h0
    for t in range(T):
        h[:, t] = np.tanh(x[:, t] @ W + h_prev @ U + b)
        h_prev = h[:, t - 1]
    return h


@pytest.mark.parametrize("answer,ok,words", [
    (_fixed, True, "Correct"),
    (lambda *a: np.stack(_loop(*a), axis=1), True, "Correct"),
    (unrolled.buggy_rnn_loop, False, "still the loop as given"),
    (_stale, False, "one step stale (off by one)"),
    (lambda x, h0, W, U, b: _fixed(x, h0, W, U.T, b), False, "transposed"),
    (lambda *a: _fixed(*a)[:, -1], False, "only the last state"),
    (lambda *a: _fixed(*a).transpose(1, 0, 2), False, "time first"),
    (lambda *a: _fixed(*a)[:, :, :1], False, "expected (2, 5, 3)"),
    (lambda x, h0, W, U, b: np.tanh(x @ W), False, "values differ"),
    (lambda *a: None, False, "return"),
    (lambda *a: ..., False, "`...`"),
    (lambda x, h0, W, U, b: x @ U, False, "matrix product"),
    (stub, False, "NotImplementedError"),
    ("not a function", False, "expected a function"),
])
def test_check_loop_fix(capsys, answer, ok, words):
    got, out = verdict(capsys, unrolled.check_loop_fix, answer)
    assert got is ok and words in out, out


def test_the_given_loop_agrees_on_row_1_only():
    """What the exercise's prompt says of the five-step example: row 1 right, row 2 wrong."""
    from rnn_helpers.analysis.five_steps import five_step_example
    ex = five_step_example()
    x, W, U, b = (ex[k] for k in ("x", "W", "U", "b"))
    h0 = np.zeros((1, W.shape[1]))
    given, right = unrolled.buggy_rnn_loop(x, h0, W, U, b), _fixed(x, h0, W, U, b)
    assert np.allclose(given[:, 0], right[:, 0]) and not np.allclose(given[:, 1], right[:, 1])
    for one_bug in (_stale, lambda x, h0, W, U, b: _fixed(x, h0, W, U.T, b)):
        assert not np.allclose(one_bug(x, h0, W, U, b)[:, 1], right[:, 1])
