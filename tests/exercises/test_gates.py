"""Tests for rnn_helpers.exercises.gates (notebook 05): the forget-gate, GRU-step (two bugs to
find), GRU-update and parameter-count checkers pass right answers and name the usual mistakes."""

import numpy as np

from rnn_helpers.core.activations import sigmoid
from rnn_helpers.core.gru import gru_step_forward
from rnn_helpers.exercises import gates as ex
from tests.conftest import verdict


def test_forget_gate_exercise(capsys):
    def right(x_t, h_prev, W, U, b):
        H = U.shape[0]
        f = slice(H, 2 * H)
        return sigmoid(x_t @ W[:, f] + h_prev @ U[:, f] + b[f])

    def first_block(x_t, h_prev, W, U, b):
        H = U.shape[0]
        return sigmoid(x_t @ W[:, :H] + h_prev @ U[:, :H] + b[:H])

    def all_four(x_t, h_prev, W, U, b):
        return sigmoid(x_t @ W + h_prev @ U + b)

    def stub(x_t, h_prev, W, U, b):
        return ...

    ok, out = verdict(capsys, ex.check_forget_gate, right)
    assert ok and out.startswith("Correct")
    ok, out = verdict(capsys, ex.check_forget_gate, first_block)
    assert not ok and "input gate" in out and "SECOND block" in out
    ok, out = verdict(capsys, ex.check_forget_gate, all_four)
    assert not ok and "all four gates" in out
    ok, out = verdict(capsys, ex.check_forget_gate, stub)
    assert not ok and out.startswith("Not yet") and "..." in out


def test_gru_update_exercise(capsys):
    ok, out = verdict(capsys, ex.check_gru_update, lambda z_t, h_prev, h_tilde:
                      z_t * h_prev + (1 - z_t) * h_tilde)
    assert ok
    ok, out = verdict(capsys, ex.check_gru_update, lambda z_t, h_prev, h_tilde:
                      (1 - z_t) * h_prev + z_t * h_tilde)
    assert not ok and "swapped" in out


def test_param_count_exercise(capsys):
    gates = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}

    def right(cell, D, H):
        return gates[cell] * (D * H + H * H + (2 if cell == "GRU" else 1) * H)

    ok, out = verdict(capsys, ex.check_param_counts, right)
    assert ok and "8 hidden cases" in out
    ok, out = verdict(capsys, ex.check_param_counts,
                       lambda cell, D, H: gates[cell] * (D * H + H * H + H))
    assert not ok and "two" in out and "(2, 3H)" in out
    ok, out = verdict(capsys, ex.check_param_counts, lambda cell, D, H: D * H + H * H + H)
    assert not ok and "like a SimpleRNN" in out
    ok, out = verdict(capsys, ex.check_param_counts, lambda cell, D, H: 1 / 0)
    assert not ok and "ZeroDivisionError" in out


def test_gru_step_exercise_reference_is_the_package():
    for case in ex._gru_cases():
        assert np.allclose(ex._keras_gru_step(*case), gru_step_forward(*case)[0])
        assert not np.allclose(ex.buggy_gru_step(*case), gru_step_forward(*case)[0])


def _fixed_gru(x_t, h_prev, W, U, b):
    H = h_prev.shape[1]
    xW, hU = x_t @ W + b[0], h_prev @ U + b[1]
    z_t = sigmoid(xW[:, :H] + hU[:, :H])
    r_t = sigmoid(xW[:, H:2 * H] + hU[:, H:2 * H])
    h_tilde = np.tanh(xW[:, 2 * H:] + r_t * hU[:, 2 * H:])
    return z_t * h_prev + (1 - z_t) * h_tilde


def test_gru_step_exercise(capsys):
    def variant(**kwargs):
        return lambda *case: ex._gru_step(*case, **kwargs)

    for answer, ok, words in [
        (_fixed_gru, True, "Correct"),
        (lambda *case: gru_step_forward(*case)[0], True, "Correct"),
        (ex.buggy_gru_step, False, "still the step as given"),
        (variant(swap_mix=True), False, "mixes the other way round"),
        (variant(swap_gates=True), False, "roles are swapped"),
        (variant(reset="before"), False, "reset_after=False"),
        (variant(reset="outside"), False, "outside the reset gate"),
        (variant(bias_rows=(1, 0)), False, "bias rows are swapped"),
        (lambda *case: gru_step_forward(*case), False, "return only the array"),
        (lambda x_t, h_prev, W, U, b: x_t @ W, False, "expected (3, 4)"),
        (lambda x_t, h_prev, W, U, b: h_prev @ W, False, "matrix product"),
        (lambda *case: None, False, "return"),
        (lambda *case: 1 / 0, False, "ZeroDivisionError"),
        (42, False, "expected a function"),
    ]:
        got, out = verdict(capsys, ex.check_gru_step, answer)
        assert got is ok and words in out, (words, out)


# exercise 1: read a gate trace (notebook 05) -----------------------------------------------------

def test_gate_trace_is_an_lstm_run():
    from rnn_helpers.core.lstm import lstm_forward
    trace = ex.gate_trace()
    h, c, _ = lstm_forward(ex.TRACE_INPUTS[None].astype(float), None, None, ex.TRACE_W,
                           np.zeros((1, 4)), ex.TRACE_B)
    assert np.allclose(trace["c"], c[0, :, 0]) and np.allclose(trace["h"], h[0, :, 0])
    assert np.allclose(ex._cell_states(trace), trace["c"])       # the recurrence, by hand
    assert int(np.argmin(trace["f"])) + 1 == 4                    # the clear signal at step 4
    drops = np.diff(np.r_[0.0, trace["h"]])
    assert int(np.argmin(drops)) + 1 == 3                         # h falls most at step 3


def _forget(args):
    return ex.check_forget_reading(*args)


def test_check_forget_reading(capsys):
    trace = ex.gate_trace()
    for args, ok, words in [
        ((4, 0.73), True, "forgets at step 4"),
        ((np.int64(4), np.float64(0.737)), True, "Correct"),
        ((3, 0.73), False, "h falls most at step 3"),
        ((1, 0.73), False, "means KEEP"),
        ((6, 0.73), False, "means KEEP"),
        ((4, float(trace["h"][-1])), False, "that is h_6"),
        ((4, 0.947), False, "forget gate is missing"),
        ((4, 0.013), False, "1 - f_t"),
        ((4, 0.4), False, "step by step"),
        ((4, ...), False, "now c_last"),
        ((..., ...), False, "`...` left"),
        ((7, 0.73), False, "from 1 to 6"),
        (("4", 0.73), False, "from 1 to 6"),
        ((True, 0.73), False, "from 1 to 6"),
    ]:
        got, out = verdict(capsys, _forget, args)
        assert got is ok and words in out, (args, out)


# exercise 3: the units one budget buys (notebook 05) ---------------------------------------------

def test_budget_units_agree_with_the_layers():
    from rnn_helpers.analysis.experiments import CELLS
    budget = CELLS["LSTM"](ex.BUDGET_H, input_shape=(None, ex.BUDGET_D)).count_params()
    for cell, H in ex.budget_units().items():
        layer = CELLS[cell]
        assert layer(H, input_shape=(None, ex.BUDGET_D)).count_params() <= budget
        assert layer(H + 1, input_shape=(None, ex.BUDGET_D)).count_params() > budget


def test_check_budget_units(capsys):
    right = {"SimpleRNN": 36, "LSTM": 16, "GRU": 18}
    assert ex.budget_units() == right
    for change, ok, words in [
        ({}, True, "1,728 weights"),
        ({"SimpleRNN": np.int64(36)}, True, "Correct"),
        ({"SimpleRNN": 16, "GRU": 16}, False, "same H = 16"),
        ({"GRU": 19}, False, "one bias vector"),
        ({"SimpleRNN": 37}, False, "over the budget"),
        ({"SimpleRNN": 35}, False, "SimpleRNN(36) still fits"),
        ({"LSTM": 15}, False, "LSTM(16) still fits"),
        ({"GRU": ...}, False, "`...` left"),
        ({"GRU": 18.5}, False, "whole number"),
        ({"GRU": True}, False, "whole number"),
    ]:
        got, out = verdict(capsys, ex.check_budget_units, {**right, **change})
        assert got is ok and words in out, (change, out)
    for garbage in ([], None, {"SimpleRNN": 36}, "36"):
        got, out = verdict(capsys, ex.check_budget_units, garbage)
        assert got is False and "should be a dict" in out, out
