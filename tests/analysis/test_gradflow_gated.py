"""∂L/∂h_t (and ∂L/∂c_t) at every step of LSTM and GRU: gradient-checked in float64."""

import numpy as np
import pytest

from rnn_helpers.analysis import gradflow, gradflow_gated
from rnn_helpers.core import losses
from rnn_helpers.core.activations import sigmoid
from rnn_helpers.core.lstm import lstm_gates
from rnn_helpers.layers import GRU, LSTM, Dense, SimpleRNN
from rnn_helpers.models import Sequential
from tests.conftest import assert_gradients, random_normal

B, T, D, H = 2, 6, 3, 4


def _weights(gates, b_shape, seed=0):
    return random_normal(seed, ((D, gates * H), 0.5), ((H, gates * H), 0.5), (b_shape, 0.3))


def _inputs(seed=1):
    return random_normal(seed, (B, T, D), (B, T, H))


def _lstm_loss(x, W, U, b, dh, delta_h, delta_c, h0, c0):
    """Σ_t Σ dh_t * h_t, with delta added to every c_t and h_t (d loss / d delta = the total
    gradient on that state, through every path)."""
    h, c, loss = h0, c0, 0.0
    for t in range(x.shape[1]):
        a = x[:, t] @ W + h @ U + b
        i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), \
            sigmoid(a[:, 3 * H:])
        c = f * c + i * g + delta_c[:, t]
        h = o * np.tanh(c) + delta_h[:, t]
        loss += np.sum(dh[:, t] * h)
    return float(loss)


def _gru_loss(x, W, U, b, dh, delta_h, h0):
    h, loss = h0, 0.0
    for t in range(x.shape[1]):
        xw, hu = x[:, t] @ W + b[0], h @ U + b[1]
        z = sigmoid(xw[:, :H] + hu[:, :H])
        r = sigmoid(xw[:, H:2 * H] + hu[:, H:2 * H])
        h_tilde = np.tanh(xw[:, 2 * H:] + r * hu[:, 2 * H:])
        h = z * h + (1 - z) * h_tilde + delta_h[:, t]
        loss += np.sum(dh[:, t] * h)
    return float(loss)


def test_lstm_state_gradients_are_the_total_gradients():
    W, U, b = _weights(4, (4 * H,))
    x, dh = _inputs()
    rng = np.random.default_rng(2)
    h0, c0 = rng.normal(size=(B, H)), rng.normal(size=(B, H))
    delta_h, delta_c = np.zeros((B, T, H)), np.zeros((B, T, H))
    got = gradflow_gated.lstm_state_gradients(x, dh, W, U, b, h0, c0)
    assert_gradients(lambda: _lstm_loss(x, W, U, b, dh, delta_h, delta_c, h0, c0),
                     {"h": delta_h, "c": delta_c}, got)


def test_gru_state_gradients_are_the_total_gradients():
    W, U, b = _weights(3, (2, 3 * H))
    x, dh = _inputs()
    h0 = np.random.default_rng(3).normal(size=(B, H))
    delta_h = np.zeros((B, T, H))
    got = gradflow_gated.gru_state_gradients(x, dh, W, U, b, h0)
    assert_gradients(lambda: _gru_loss(x, W, U, b, dh, delta_h, h0), {"h": delta_h}, got)


def test_lstm_cell_path_with_a_gradient_on_c_T():
    W, U, b = _weights(4, (4 * H,), seed=4)
    x, _ = _inputs(5)
    dh = np.zeros((B, T, H))
    dc_last = np.random.default_rng(6).normal(size=(B, H))
    got = gradflow_gated.lstm_state_gradients(x, dh, W, U, b, dc_last=dc_last)
    np.testing.assert_allclose(got["dc"][:, -1], dc_last)       # nothing comes through h_T
    np.testing.assert_allclose(got["dh"][:, -1], 0.0)
    gates = lstm_gates(x, W, U, b)
    f, o, c = gates["f"], gates["o"], gates["c"]
    for t in range(T - 1):   # dc_t = dc_{t+1} * f_{t+1} + dh_t * o_t * (1 - tanh(c_t)**2)
        want = got["dc"][:, t + 1] * f[:, t + 1] + got["dh"][:, t] * o[:, t] * (
            1 - np.tanh(c[:, t]) ** 2)
        np.testing.assert_allclose(got["dc"][:, t], want, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("cell", ["SimpleRNN", "LSTM", "GRU"])
def test_model_state_gradients_follow_the_model(cell):
    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(5, T, D)), rng.integers(0, 2, size=(5, 1))
    layer = {"SimpleRNN": SimpleRNN, "LSTM": LSTM, "GRU": GRU}[cell](H, input_shape=(T, D),
                                                                     seed=0)
    model = Sequential([layer, Dense(1, activation="sigmoid", seed=1)])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    got = gradflow_gated.model_state_gradients(model, X, y)
    _, dy = losses.binary_crossentropy(y, model.forward(X))
    dh_T = model.layers[1].backward(dy)
    np.testing.assert_allclose(got["dh"][:, -1], dh_T)           # from the Dense layer
    dh = np.zeros((5, T, H))
    dh[:, -1] = dh_T
    want = gradflow_gated.layer_state_gradients(layer, X, dh)
    np.testing.assert_allclose(got["dh"], want["dh"])
    assert ("dc" in got) == (cell == "LSTM")
    if cell == "SimpleRNN":   # the same numbers as notebook 04's tool
        np.testing.assert_allclose(got["dh"], gradflow.model_hidden_gradients(model, X, y))
    # ∂L/∂h_0 from the layer's own backward is one step further back than t = 1
    model.backward(dy)
    assert np.linalg.norm(layer.dinitial_state[0]) > 0


def test_compare_cells_and_norms():
    rng = np.random.default_rng(8)
    X, y = rng.normal(size=(4, T, D)), rng.integers(0, 2, size=(4, 1))
    models = {}
    for name, cls in {"SimpleRNN": SimpleRNN, "LSTM": LSTM, "GRU": GRU}.items():
        m = Sequential([cls(H, input_shape=(T, D), seed=0), Dense(1, activation="sigmoid")])
        m.compile(optimizer="adam", loss="binary_crossentropy")
        models[name] = m
    curves = gradflow_gated.compare_cells(models, X, y)
    assert list(curves) == ["SimpleRNN", "LSTM", "LSTM (cell state c)", "GRU"]
    for name in ("SimpleRNN", "LSTM", "GRU"):
        assert curves[name].shape == (T,) and curves[name][-1] == pytest.approx(1.0)
    g = np.arange(24.0).reshape(2, 3, 4)
    np.testing.assert_allclose(gradflow_gated.norms_per_step(g),
                               [np.linalg.norm(g[:, t]) for t in range(3)])


def test_bad_input():
    model = Sequential([Dense(2, input_shape=(3,))])
    with pytest.raises(ValueError, match="model: expected a compiled Sequential model"):
        gradflow_gated.model_state_gradients(model, np.zeros((1, 2, 3)), np.zeros((1, 2)))
    model.compile(optimizer="adam", loss="mse")
    with pytest.raises(ValueError, match=r"layer: expected the index of a SimpleRNN, LSTM or "
                                         r"GRU layer of the model \(one of \[\]\), got 0"):
        gradflow_gated.model_state_gradients(model, np.zeros((1, 2, 3)), np.zeros((1, 2)))
    with pytest.raises(TypeError, match="layer: expected a SimpleRNN, LSTM or GRU layer"):
        gradflow_gated.layer_state_gradients(Dense(2), np.zeros((1, 2, 3)), np.zeros((1, 2, 2)))
    W, U, b = _weights(4, (4 * H,))
    with pytest.raises(ValueError, match=r"dh: expected shape \(2, 6, 4\)"):
        gradflow_gated.lstm_state_gradients(np.zeros((B, T, D)), np.zeros((B, T, 5)), W, U, b)
    with pytest.raises(ValueError, match="models: expected a non-empty dict"):
        gradflow_gated.compare_cells({}, None, None)
