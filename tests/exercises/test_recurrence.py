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


# exercise 1: predict three steps of the PULSE network (notebook 01) -----------------------------

def test_pulse_states_are_a_run_of_rnn_forward():
    from rnn_helpers.core.rnn import rnn_forward
    p = recurrence.PULSE
    h, _ = rnn_forward(p["x"][None, :, None], None, p["W"], p["U"], p["b"])
    states = recurrence.pulse_states()
    assert np.allclose(np.stack([states[k] for k in ("h_1", "h_2", "h_3")]), h[0])


@pytest.mark.parametrize("predicted,ok,words", [
    ({"h_1": (0.76, 0), "h_2": (0, 0.91), "h_3": (-0.72, 0)}, True, "Correct"),
    ({"h_1": np.array([0.7616, 0]), "h_2": [0, 0.9093], "h_3": (-0.7208, 0.0)}, True, "Correct"),
    ({"h_1": (0.76, 0), "h_2": (0, -0.64), "h_3": (0.57, 0)}, False, "transposed"),
    ({"h_1": (0.76, 0), "h_2": (0, 0), "h_3": (0, 0)}, False, "not carried on"),
    ({"h_1": (1, 0), "h_2": (0, 2), "h_3": (-2, 0)}, False, "tanh is missing"),
    ({"h_1": (0.76, 0), "h_2": (0.76, 0.91), "h_3": (0, 0)}, False, "x_1 was fed again"),
    ({"h_1": (0.76, 0), "h_2": (0, 0.91), "h_3": (0.3, 0.3)}, False, "h_3 is not it yet"),
    ({"h_1": (..., ...), "h_2": (..., ...), "h_3": (..., ...)}, False, "still `...`"),
    ({"h_1": "ab", "h_2": 1, "h_3": 2}, False, "two numbers"),
    ({"h_1": (0.76, 0)}, False, "h_2 is still `...`"),
    (np.zeros(3), False, "dict"),
    (None, False, "dict"),
])
def test_check_pulse_prediction(capsys, predicted, ok, words):
    got, out = verdict(capsys, recurrence.check_pulse_prediction, predicted)
    assert got is ok and words in out, out


# exercise 2: the shapes and count of a stacked model (notebook 01) -------------------------------

RIGHT_STACKED = {"W1": (3, 7), "U1": (7, 7), "b1": (7,), "W2": (7, 5), "U2": (5, 5), "b2": (5,),
                 "n_params": 148}


@pytest.mark.parametrize("change,ok,words", [
    ({}, True, "148 weights"),
    ({"W1": [3, 7], "b1": 7, "n_params": 148.0}, True, "Correct"),
    ({"W2": (3, 5)}, False, "its D is 7"),
    ({"W1": (7, 3)}, False, "transposed"),
    ({"U2": (7, 5)}, False, "(H, H)"),
    ({"b1": (1, 7)}, False, "1-D vector"),
    ({"n_params": 142}, False, "Dense layer's weights are missing"),
    ({"n_params": 1480}, False, "T does not appear"),
    ({"n_params": 135}, False, "biases are missing"),
    ({"n_params": 100}, False, "add up"),
    ({"n_params": ...}, False, "now n_params"),
    ({"W1": ..., "U1": ...}, False, "W1 is still `...`"),
    ({"W1": "DH"}, False, "tuple of numbers"),
])
def test_check_stacked_shapes(capsys, change, ok, words):
    got, out = verdict(capsys, recurrence.check_stacked_shapes, {**RIGHT_STACKED, **change})
    assert got is ok and words in out, out


def test_stacked_model_matches_the_prompt():
    model = recurrence.stacked_model()
    shapes = [w.shape for layer in model.layers[:2] for w in layer.get_weights()]
    assert shapes == [RIGHT_STACKED[k] for k in ("W1", "U1", "b1", "W2", "U2", "b2")]
    assert model.count_params() == RIGHT_STACKED["n_params"]


def test_check_stacked_shapes_garbage(capsys):
    for answer in ([1, 2], "W", None, 3.0):
        got, out = verdict(capsys, recurrence.check_stacked_shapes, answer)
        assert got is False and out.startswith("Not yet"), out
