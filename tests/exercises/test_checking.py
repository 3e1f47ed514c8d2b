"""Tests for rnn_helpers.exercises: right answers pass, usual mistakes are named, nothing raises."""

import numpy as np
import pytest

from rnn_helpers import activations, exercises


def _verdict(capsys, check, answer):
    ok = check(answer)
    out = capsys.readouterr().out
    assert out.count("\n") == 1, out           # one line, never a traceback
    return ok, out


def stub(*args):
    raise NotImplementedError


# rnn_step (notebook 01) --------------------------------------------------------------------

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
    ok, out = _verdict(capsys, exercises.check_rnn_step, answer)
    assert ok is (key == "right")
    assert out.startswith("Correct" if ok else "Not yet")
    assert words in out


def test_learner_cannot_change_the_hidden_cases(capsys):
    def vandal(x, h, W, U, b):
        out = np.tanh(x @ W + h @ U + b)
        W[...] = 0
        b[...] = 0
        return out
    assert exercises.check_rnn_step(vandal)
    assert exercises.check_rnn_step(lambda x, h, W, U, b: np.tanh(x @ W + h @ U + b))


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
    got, out = _verdict(capsys, exercises.check_param_shapes, answer)
    assert got is ok and words in out


# output_step and rnn_loop (notebook 02) ----------------------------------------------------

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
    got, out = _verdict(capsys, exercises.check_output_step, answer)
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
    got, out = _verdict(capsys, exercises.check_rnn_loop, answer)
    assert got is ok and words in out


# values and the generic checker ------------------------------------------------------------

@pytest.mark.parametrize("answer,ok,words", [
    ((32, 5, 1), True, "Correct"),
    ([32, 5, 1], True, "Correct"),
    (np.zeros((32, 5, 1)).shape, True, "Correct"),
    ((1000, 5, 1), False, "whole of X"),
    ((32, 1, 5), False, "swapped"),
    ((5, 1), False, "batch axis"),
    ((5, 32, 1), False, "time first"),
    ((32, 5), False, "feature axis"),
    ((3, 3), False, "not it yet"),
    (..., False, "`...`"),
    (None, False, "`None`"),
])
def test_check_batch_shape(capsys, answer, ok, words):
    got, out = _verdict(capsys, exercises.check_batch_shape, answer)
    assert got is ok and words in out


def test_check_function_generic_messages(capsys):
    cases = [(np.arange(3.0),), (np.ones(2),)]
    ok, out = _verdict(capsys, lambda fn: exercises.check_function(fn, cases, np.square,
                                                                   name="square"), 3)
    assert not ok and "expected a function" in out
    ok, out = _verdict(capsys, lambda fn: exercises.check_function(fn, cases, np.square,
                                                                   name="square"),
                       lambda v: v * np.nan)
    assert not ok and "NaN" in out
    ok, out = _verdict(capsys, lambda fn: exercises.check_function(fn, cases, np.square,
                                                                   name="square"),
                       lambda v: v[10])
    assert not ok and "IndexError" in out and "case 1" in out
    ok, out = _verdict(capsys, lambda fn: exercises.check_function(
        fn, [{"v": np.ones(2)}], lambda v: v ** 2, name="square"), lambda v: v ** 2)
    assert ok and "1 hidden cases" in out


def test_check_value_with_arrays(capsys):
    assert exercises.check_value([1.0, 2.0], np.array([1.0, 2.0]), name="v")
    assert not exercises.check_value("a", np.array([1.0]), name="v")
    assert "numeric" in capsys.readouterr().out
