"""Tests for rnn_helpers.layers.recurrent, LSTM and GRU: same numbers as the core, Keras'
weights and counts, gradient-checked. SimpleRNN: test_recurrent.py."""

import numpy as np
import pytest

from rnn_helpers.core.gru import gru_forward
from rnn_helpers.core.lstm import lstm_forward
from rnn_helpers.layers import GRU, LSTM, Dense, SimpleRNN
from rnn_helpers.models import Sequential
from tests.conftest import assert_gradients, check_layer_gradients, random_x

CELLS = {"LSTM": LSTM, "GRU": GRU}


def _layer(cell, seed=0, H=4, D=3, **kwargs):
    layer = CELLS[cell](H, input_shape=(5, D), seed=seed, **kwargs)
    if layer.use_bias:   # biases away from their initial values, so that every term counts
        layer.params["b"][...] += np.random.default_rng(seed + 10).normal(
            size=layer.params["b"].shape) * 0.3
    return layer


def _core(cell, x, weights, states=(None, None)):
    """(h, [h_T, c_T] or [h_T]) from the functional core with the layer's weights."""
    if cell == "LSTM":
        h, c, _ = lstm_forward(x, states[0], states[1], *weights)
        return h, [h[:, -1], c[:, -1]]
    h, _ = gru_forward(x, states[0], *weights)
    return h, [h[:, -1]]


# --- forward ---------------------------------------------------------------------------------
@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("return_sequences", [True, False])
def test_forward_equals_core(cell, return_sequences):
    layer = _layer(cell, return_sequences=return_sequences)
    x = random_x()
    h, _ = _core(cell, x, layer.get_weights())
    expected = h if return_sequences else h[:, -1]
    np.testing.assert_allclose(layer(x), expected, rtol=0, atol=1e-15)


@pytest.mark.parametrize("cell", CELLS)
def test_return_state_and_initial_state(cell):
    layer = _layer(cell, return_sequences=True, return_state=True)
    x, rng = random_x(), np.random.default_rng(2)
    n = 2 if cell == "LSTM" else 1
    states = [rng.normal(size=(2, 4)) for _ in range(n)]
    out = layer(x, initial_state=states)
    assert isinstance(out, list) and len(out) == 1 + n      # LSTM: [output, h_T, c_T]
    h, final = _core(cell, x, layer.get_weights(), states + [None])
    np.testing.assert_allclose(out[0], h, atol=1e-15)
    for got, want in zip(out[1:], final, strict=True):
        np.testing.assert_allclose(got, want, atol=1e-15)
    np.testing.assert_array_equal(out[1], out[0][:, -1])    # h_T is the last output
    assert layer.compute_output_shape((5, 3)) == [(5, 4)] + [(4,)] * n


def test_lstm_fixed_values():
    """A 1-unit LSTM by hand: W = [.5, -.5, 1, 2] (i, f, c, o), U = 0, b = 0, x = [1, 2]."""
    layer = LSTM(1, return_state=True, use_bias=False, input_shape=(2, 1))
    layer.set_weights([np.array([[0.5, -0.5, 1.0, 2.0]]), np.zeros((1, 4))])
    out, h_T, c_T = layer(np.array([[[1.0], [2.0]]]))

    def sig(a):
        return 1 / (1 + np.exp(-a))

    c1 = sig(0.5) * np.tanh(1.0)
    c2 = sig(-1.0) * c1 + sig(1.0) * np.tanh(2.0)
    np.testing.assert_allclose(c_T, [[c2]], rtol=1e-14)
    np.testing.assert_allclose(out, [[sig(4.0) * np.tanh(c2)]], rtol=1e-14)
    np.testing.assert_array_equal(out, h_T)


def test_gru_fixed_values():
    """A 1-unit GRU by hand, reset_after: the reset gate multiplies h_prev @ U_h + b'_h."""
    layer = GRU(1, input_shape=(2, 1))
    W, U = np.array([[1.0, -1.0, 0.5]]), np.array([[0.5, 2.0, -1.0]])
    b = np.array([[0.1, 0.2, 0.3], [-0.1, 0.0, 0.4]])
    layer.set_weights([W, U, b])
    x = np.array([[[1.0], [-2.0]]])

    def sig(a):
        return 1 / (1 + np.exp(-a))

    h = 0.0
    for x_t in (1.0, -2.0):
        z = sig(x_t * 1.0 + 0.1 + h * 0.5 - 0.1)
        r = sig(x_t * -1.0 + 0.2 + h * 2.0 + 0.0)
        h_tilde = np.tanh(x_t * 0.5 + 0.3 + r * (h * -1.0 + 0.4))
        h = z * h + (1 - z) * h_tilde
    np.testing.assert_allclose(layer(x), [[h]], rtol=1e-14)


@pytest.mark.parametrize("cell", CELLS)
def test_float32_input_and_builds_on_first_call(cell):
    layer = CELLS[cell](3, return_sequences=True)
    assert not layer.built
    assert layer(random_x(T=7).astype(np.float32)).shape == (2, 7, 3)
    assert layer.built and layer.input_shape == (7, 3)


# --- Keras' weights, initialisers and counts -------------------------------------------------
@pytest.mark.parametrize("D, H", [(1, 10), (3, 4), (65, 24)])
def test_parameter_counts_equal_the_formulas(D, H):
    lstm, gru = LSTM(H, input_shape=(5, D)), GRU(H, input_shape=(5, D))
    assert lstm.count_params() == 4 * (D * H + H * H + H)
    assert gru.count_params() == 3 * (D * H + H * H + 2 * H)
    assert [w.shape for w in lstm.get_weights()] == [(D, 4 * H), (H, 4 * H), (4 * H,)]
    assert [w.shape for w in gru.get_weights()] == [(D, 3 * H), (H, 3 * H), (2, 3 * H)]
    assert SimpleRNN(H, input_shape=(5, D)).count_params() == D * H + H * H + H


def test_keras_counts_of_known_models():
    """Keras' summary of LSTM(10) and GRU(10) on (5, 1): 480 and 390 parameters."""
    assert LSTM(10, input_shape=(5, 1)).count_params() == 480
    assert GRU(10, input_shape=(5, 1)).count_params() == 390
    model = Sequential([LSTM(32, input_shape=(None, 8)), Dense(1)])
    assert model.count_params() == 4 * (8 * 32 + 32 * 32 + 32) + 33


def test_no_bias_counts_and_shapes():
    assert [w.shape for w in LSTM(4, use_bias=False, input_shape=(5, 3)).get_weights()] == [
        (3, 16), (4, 16)]
    assert GRU(4, use_bias=False, input_shape=(5, 3)).count_params() == 3 * (3 * 4 + 16)


def test_keras_initialisers():
    H, D = 8, 3
    lstm = LSTM(H, input_shape=(5, D), seed=0)
    W, U, b = lstm.get_weights()
    limit = np.sqrt(6 / (D + 4 * H))                          # glorot: fan_out = 4H
    assert np.all(np.abs(W) <= limit) and W.std() > limit / 4
    np.testing.assert_allclose(U @ U.T, np.eye(H), atol=1e-12)   # orthogonal rows
    np.testing.assert_array_equal(b, np.r_[np.zeros(H), np.ones(H), np.zeros(2 * H)])
    plain = LSTM(H, input_shape=(5, D), unit_forget_bias=False, seed=0)
    assert np.all(plain.params["b"] == 0)
    ones = LSTM(2, input_shape=(5, D), bias_initializer="ones")
    np.testing.assert_array_equal(ones.params["b"], np.ones(8))
    gru = GRU(H, input_shape=(5, D), seed=0)
    W, U, b = gru.get_weights()
    assert np.all(np.abs(W) <= np.sqrt(6 / (D + 3 * H)))
    np.testing.assert_allclose(U @ U.T, np.eye(H), atol=1e-12)
    assert b.shape == (2, 3 * H) and np.all(b == 0)


@pytest.mark.parametrize("cell", CELLS)
def test_seed_reproduces_weights(cell):
    a, b = _layer(cell, seed=3), _layer(cell, seed=3)
    for wa, wb in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(wa, wb)


@pytest.mark.parametrize("cell", CELLS)
def test_set_weights_round_trip_in_place_and_build_from_weights(cell):
    layer = _layer(cell)
    W_array = layer.params["W"]
    new = [w + 1.0 for w in layer.get_weights()]
    layer.set_weights(new)
    assert layer.params["W"] is W_array
    for a, b in zip(layer.get_weights(), new, strict=True):
        np.testing.assert_array_equal(a, b)
    fresh = CELLS[cell](4)
    fresh.set_weights(new)
    assert fresh.built and fresh.input_shape == (None, 3)
    np.testing.assert_array_equal(fresh(random_x()), layer(random_x()))


@pytest.mark.parametrize("cell, index, shape, message", [
    ("LSTM", 0, (3, 4), r"weights\[0\] \(kernel of layer '.*'\): expected shape \(3, 16\), got "
                        r"shape \(3, 4\)\. An LSTM keeps its 4 gates \(i, f, c, o\) side by side"),
    ("LSTM", 1, (16, 4), r"weights\[1\] \(recurrent_kernel of layer '.*'\): expected shape "
                         r"\(4, 16\), got shape \(16, 4\)\. PyTorch stores its weights transposed"),
    ("LSTM", 2, (12,), r"weights\[2\] \(bias of layer '.*'\): expected shape \(16,\), got "
                       r"shape \(12,\)$"),
    ("GRU", 2, (12,), r"weights\[2\] \(bias of layer '.*'\): expected shape \(2, 12\), got "
                      r"shape \(12,\)\. Keras' GRU with reset_after=True keeps two bias rows"),
    ("GRU", 0, (3, 4), r"expected shape \(3, 12\), got shape \(3, 4\)\. A GRU keeps its 3 gates "
                       r"\(z, r, h\)"),
])
def test_bad_weight_shapes_name_the_weight_and_the_shape(cell, index, shape, message):
    layer = _layer(cell)
    before = [w.copy() for w in layer.get_weights()]
    weights = layer.get_weights()
    weights[index] = np.zeros(shape)
    with pytest.raises(ValueError, match=message):
        layer.set_weights(weights)
    for a, b in zip(layer.get_weights(), before, strict=True):   # nothing was changed
        np.testing.assert_array_equal(a, b)


def test_bad_arguments():
    with pytest.raises(ValueError, match=r"weights: expected 3 arrays for layer '.*' \[kernel "
                                         r"\(3, 16\), recurrent_kernel \(4, 16\), bias \(16,\)\]"):
        _layer("LSTM").set_weights([np.zeros((3, 16))])
    with pytest.raises(ValueError, match="activation: expected 'tanh'.*got 'relu'"):
        LSTM(3, activation="relu")
    with pytest.raises(ValueError, match="recurrent_activation: expected 'sigmoid'.*got 'tanh'"):
        GRU(3, recurrent_activation="tanh")
    with pytest.raises(ValueError, match="reset_after: expected True.*Cho et al"):
        GRU(3, reset_after=False)
    with pytest.raises(TypeError, match="unit_forget_bias: expected True or False"):
        LSTM(3, unit_forget_bias=1)
    with pytest.raises(ValueError, match=r"initial_state: expected a list of 2 array\(s\)"):
        _layer("LSTM")(random_x(), initial_state=np.zeros((2, 4)))
    with pytest.raises(ValueError, match=r"initial_state\[1\]: expected shape \(2, 4\)"):
        _layer("LSTM")(random_x(), initial_state=[np.zeros((2, 4)), np.zeros((2, 5))])
    layer = _layer("LSTM", return_state=True)
    layer(random_x())
    with pytest.raises(ValueError, match=r"dy: expected a list of 3 gradients \[doutput, dh, "
                                         r"dc\]"):
        layer.backward(np.zeros((2, 4)))
    with pytest.raises(ValueError, match="layer: expected a layer with one output"):
        Sequential([LSTM(3, return_state=True)])


# --- gradient checks (float64) ---------------------------------------------------------------
@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("return_sequences", [True, False])
def test_gradients(cell, return_sequences):
    layer = _layer(cell, return_sequences=return_sequences)
    shape = (2, 5, 4) if return_sequences else (2, 4)
    check_layer_gradients(layer, random_x(), np.random.default_rng(4).normal(size=shape))


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("return_sequences", [True, False])
def test_gradients_with_return_state_and_initial_states(cell, return_sequences):
    rng = np.random.default_rng(5)
    layer = _layer(cell, return_sequences=return_sequences, return_state=True)
    names = ["h0", "c0"] if cell == "LSTM" else ["h0"]
    states = {k: rng.normal(size=(2, 4)) for k in names}
    out_shape = (2, 5, 4) if return_sequences else (2, 4)
    upstream = [rng.normal(size=out_shape)] + [rng.normal(size=(2, 4)) for _ in names]
    errors = check_layer_gradients(layer, random_x(), upstream,
                                   {"initial_state": list(states.values())}, extra=states)
    assert set(errors) == {"x", "W", "U", "b", *names}


@pytest.mark.parametrize("cell", CELLS)
def test_gradients_when_only_the_cell_state_is_used(cell):
    """None for a gradient that does not come (here: only c_T, or only h_T, is used)."""
    rng = np.random.default_rng(8)
    layer = _layer(cell, return_state=True)
    upstream = [None, None, rng.normal(size=(2, 4))] if cell == "LSTM" else [
        None, rng.normal(size=(2, 4))]
    ups = [np.zeros((2, 4)) if u is None else u for u in upstream]
    x = random_x()

    def loss():
        return float(sum(np.sum(o * u) for o, u in zip(layer(x), ups, strict=True)))

    loss()
    dx = layer.backward(upstream)
    assert_gradients(loss, {"x": x, **layer.params}, {"dx": dx, **layer.grads})


@pytest.mark.parametrize("cell", CELLS)
def test_gradients_without_bias(cell):
    layer = _layer(cell, use_bias=False)
    check_layer_gradients(layer, random_x(), np.random.default_rng(6).normal(size=(2, 4)))
    assert set(layer.grads) == {"W", "U"}


@pytest.mark.parametrize("cell", CELLS)
def test_in_a_sequential_model_it_learns(cell):
    """Stacked (return_sequences=True into a second layer), then Dense: the loss goes down."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 6, 2))
    y = (X[:, 0, 0] > 0).astype(int)[:, None]
    model = Sequential([CELLS[cell](6, return_sequences=True, input_shape=(6, 2), seed=0),
                        CELLS[cell](6, seed=1), Dense(1, activation="sigmoid", seed=2)])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(X, y, epochs=8, batch_size=16, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert model.output_shape == (None, 1)
    assert len(model.get_weights()) == 8
