"""Tests for rnn_helpers.analysis.cell_wires: every wire of one step equals the core's step
functions (the numbers the cell diagrams and notebook 05's step widget show)."""

import numpy as np
import pytest

from rnn_helpers.analysis import cell_wires as cw
from rnn_helpers.core import gru, lstm, rnn


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def test_lstm_wires_equal_lstm_step_forward(rng):
    B, D, H = 3, 2, 4
    x, h, c = rng.standard_normal((B, D)), rng.standard_normal((B, H)), rng.standard_normal(
        (B, H))
    W, U = rng.standard_normal((D, 4 * H)), rng.standard_normal((H, 4 * H))
    b = rng.standard_normal(4 * H)
    wires = cw.lstm_wires(x, h, c, W, U, b)
    h_t, c_t, cache = lstm.lstm_step_forward(x, h, c, W, U, b)
    np.testing.assert_allclose(wires["h_t"], h_t, rtol=0, atol=1e-14)
    np.testing.assert_allclose(wires["c_t"], c_t, rtol=0, atol=1e-14)
    np.testing.assert_allclose(wires["omega"], cache["o"], rtol=0, atol=1e-14)
    np.testing.assert_allclose(wires["fc"] + wires["ic"], wires["c_t"])
    np.testing.assert_allclose(wires["omega"] * np.tanh(wires["c_t"]), wires["h_t"])
    assert cw.step_difference("lstm", wires, W, U, b) < 1e-14


def test_gru_wires_equal_gru_step_forward(rng):
    B, D, H = 2, 3, 5
    x, h = rng.standard_normal((B, D)), rng.standard_normal((B, H))
    W, U = rng.standard_normal((D, 3 * H)), rng.standard_normal((H, 3 * H))
    b = rng.standard_normal((2, 3 * H))
    wires = cw.gru_wires(x, h, W, U, b)
    h_t, cache = gru.gru_step_forward(x, h, W, U, b)
    np.testing.assert_allclose(wires["h_t"], h_t, rtol=0, atol=1e-14)
    np.testing.assert_allclose(wires["keep"] + wires["new"], wires["h_t"])
    np.testing.assert_allclose(wires["one_minus_z"], 1 - wires["z"])
    assert cw.step_difference("gru", wires, W, U, b) < 1e-14


def test_rnn_wires_and_defaults(rng):
    W, U, b = rng.standard_normal((1, 2)), rng.standard_normal((2, 2)), rng.standard_normal(2)
    wires = cw.rnn_wires([0.5], None, W, U, b)          # (D,) input, h_prev = 0
    h_t, _ = rnn.rnn_step_forward(np.array([[0.5]]), np.zeros((1, 2)), W, U, b)
    np.testing.assert_allclose(wires["h_t"], h_t)
    assert wires["h_prev"].shape == (1, 2) and not wires["h_prev"].any()
    assert cw.step_difference("rnn", wires, W, U, b) < 1e-15


def test_sequence_carries_the_state_like_lstm_forward():
    W, U, b = cw.small_lstm(D=1, H=2, seed=3)
    x = np.array([[0.8], [-0.5], [0.3], [1.0]])
    steps = cw.lstm_sequence_wires(x, W, U, b)
    h, c, _ = lstm.lstm_forward(x[None], None, None, W, U, b)
    np.testing.assert_allclose(np.concatenate([s["h_t"] for s in steps]), h[0], atol=1e-14)
    np.testing.assert_allclose(np.concatenate([s["c_t"] for s in steps]), c[0], atol=1e-14)
    np.testing.assert_allclose(steps[1]["h_prev"], steps[0]["h_t"])


def test_bad_input():
    W, U, b = cw.small_lstm(D=1, H=2)
    with pytest.raises(ValueError, match="h_prev"):
        cw.lstm_wires([0.1], np.zeros((1, 3)), None, W, U, b)
    with pytest.raises(ValueError, match="cell"):
        cw.step_difference("transformer", {}, W, U, b)
    with pytest.raises(ValueError, match="H"):
        cw.small_lstm(H=0)
