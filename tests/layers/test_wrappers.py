"""Tests for rnn_helpers.layers_extra: Bidirectional, Conv1D, AttentionPooling and MinGRU give
the core's numbers, order their weights as Keras does, pass gradient checks and fit in
Sequential."""

import numpy as np
import pytest

from rnn_helpers import attention, linear_rnn, losses
from rnn_helpers.gradcheck import check_gradients
from rnn_helpers.layers import Dense, SimpleRNN
from rnn_helpers.layers_extra import AttentionPooling, Bidirectional, Conv1D, MinGRU
from rnn_helpers.models import Sequential
from rnn_helpers.rnn import rnn_forward

TOL = 1e-7


def _x(B=2, T=6, D=3, seed=1):
    return np.random.default_rng(seed).normal(size=(B, T, D))


def _grad_errors(layer, x, seed=0):
    """Gradient check of every input and weight of `layer` on sum(output * dy)."""
    y = layer(x)
    dy = np.random.default_rng(seed).normal(size=np.shape(y))
    dx = layer.backward(dy)

    def loss():
        return float(np.sum(layer.forward(x) * dy))

    arrays = {"x": x, **layer.params}
    return check_gradients(loss, arrays, {"x": dx, **layer.grads})


# --- Bidirectional ---------------------------------------------------------------------------
@pytest.mark.parametrize("return_sequences", [True, False])
def test_bidirectional_is_two_rnns_merged_as_keras(return_sequences):
    layer = Bidirectional(SimpleRNN(4, return_sequences=return_sequences, seed=0))
    x = _x()
    y = layer(x)
    Wf, Uf, bf, Wb, Ub, bb = layer.get_weights()
    h_f, _ = rnn_forward(x, None, Wf, Uf, bf)
    h_b, _ = rnn_forward(x[:, ::-1], None, Wb, Ub, bb)     # reads x_T first
    if return_sequences:
        expected = np.concatenate([h_f, h_b[:, ::-1]], axis=-1)   # re-reversed in time
    else:
        expected = np.concatenate([h_f[:, -1], h_b[:, -1]], axis=-1)
    np.testing.assert_allclose(y, expected, rtol=0, atol=1e-15)


def test_bidirectional_weights_names_and_counts():
    layer = Bidirectional(SimpleRNN(4, return_sequences=True, seed=0), input_shape=(6, 3))
    assert [w.shape for w in layer.get_weights()] == [(3, 4), (4, 4), (4,)] * 2
    assert layer.count_params() == 2 * (3 * 4 + 4 * 4 + 4)
    assert layer.compute_output_shape((6, 3)) == (6, 8)
    assert layer.forward_layer.name.startswith("forward_simple_rnn")
    assert layer.backward_layer.name.startswith("backward_simple_rnn")
    f, b = layer.get_weights()[:3], layer.get_weights()[3:]
    assert not np.allclose(f[0], b[0])      # each direction has its own initial weights
    new = [np.full_like(w, i) for i, w in enumerate(layer.get_weights())]
    layer.set_weights(new)
    np.testing.assert_array_equal(layer.backward_layer.params["U"], 4.0)   # shared arrays
    np.testing.assert_array_equal(layer.params["forward/W"], 0.0)


@pytest.mark.parametrize("merge_mode", ["concat", "sum", "ave", "mul"])
@pytest.mark.parametrize("return_sequences", [True, False])
def test_bidirectional_gradients(merge_mode, return_sequences):
    layer = Bidirectional(SimpleRNN(3, return_sequences=return_sequences, seed=2),
                          merge_mode=merge_mode)
    errors = _grad_errors(layer, _x(T=4, D=2))
    assert max(errors.values()) < TOL, errors


@pytest.mark.parametrize("cell", ["LSTM", "GRU"])
def test_bidirectional_wraps_lstm_and_gru(cell):
    from rnn_helpers import layers

    if not hasattr(layers, cell):
        pytest.skip(f"layers.{cell} is not there yet")
    layer = Bidirectional(getattr(layers, cell)(3, return_sequences=True, seed=0))
    x = _x(T=4, D=2)
    assert layer(x).shape == (2, 4, 6)
    n = len(layer.forward_layer.get_weights())
    assert len(layer.get_weights()) == 2 * n          # forward's weights, then backward's
    errors = _grad_errors(layer, x)
    assert max(errors.values()) < TOL, errors


def test_bidirectional_merge_none_returns_both():
    layer = Bidirectional(SimpleRNN(3, return_sequences=True, seed=0), merge_mode=None)
    x = _x()
    y_f, y_b = layer(x)
    merged = Bidirectional(SimpleRNN(3, return_sequences=True, seed=0))
    np.testing.assert_allclose(np.concatenate([y_f, y_b], -1), merged(x), atol=1e-15)
    dx = layer.backward([np.ones_like(y_f), np.zeros_like(y_b)])
    assert dx.shape == x.shape


def test_bidirectional_in_sequential_fits_and_saves(tmp_path):
    model = Sequential([Bidirectional(SimpleRNN(4, return_sequences=True, seed=0),
                                      input_shape=(5, 1)),
                        Bidirectional(SimpleRNN(3, seed=1)),
                        Dense(1, activation="sigmoid", seed=2)])
    assert model.output_shape == (None, 1)
    assert model.count_params() == 2 * (4 + 16 + 4) + 2 * (8 * 3 + 9 + 3) + 7
    lines = []
    model.summary(print_fn=lines.append)
    assert any("Bidirectional" in line and "(None, 5, 8)" in line for line in lines)
    x = np.random.default_rng(0).random((40, 5, 1))
    y = (x[:, 0, 0] > x[:, -1, 0]).astype(float)[:, None]
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    before = model.get_weights()
    model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    assert not np.allclose(before[0], model.get_weights()[0])
    path = str(tmp_path / "bi.npz")
    model.save_weights(path)
    other = Sequential([Bidirectional(SimpleRNN(4, return_sequences=True), input_shape=(5, 1)),
                        Bidirectional(SimpleRNN(3)), Dense(1, activation="sigmoid")])
    other.load_weights(path)
    np.testing.assert_allclose(other.predict(x), model.predict(x))


def test_bidirectional_bad_input():
    with pytest.raises(TypeError, match="layer: expected a recurrent layer"):
        Bidirectional(Dense(3))
    with pytest.raises(ValueError, match="merge_mode: expected one of"):
        Bidirectional(SimpleRNN(3), merge_mode="max")
    with pytest.raises(ValueError, match="return_state=False"):
        Bidirectional(SimpleRNN(3, return_state=True))
    layer = Bidirectional(SimpleRNN(3, return_sequences=True, seed=0))
    with pytest.raises(ValueError, match="backward: expected a forward"):
        layer.backward(np.ones((1, 2, 6)))
    layer(_x())
    with pytest.raises(ValueError, match="dy: expected shape"):
        layer.backward(np.ones((2, 6, 3)))


# --- Conv1D ----------------------------------------------------------------------------------
def test_conv1d_by_hand():
    # one channel, kernel (1, 2, 3)/ (K=3, C=1, F=1), bias 0.5, x = 1, 2, 3, 4:
    #   valid: y_1 = 1*1 + 2*2 + 3*3 + 0.5 = 14.5, y_2 = 2 + 6 + 12 + 0.5 = 20.5
    #   same (one zero each side): y = (0 + 2 + 6, 1 + 4 + 9, 2 + 6 + 12, 3 + 8 + 0) + 0.5
    #   causal (two zeros left):   y = (3, 2 + 6, 1 + 4 + 9, 2 + 6 + 12) + 0.5
    x = np.array([1.0, 2.0, 3.0, 4.0])[None, :, None]
    kernel, bias = np.array([1.0, 2.0, 3.0])[:, None, None], np.array([0.5])
    expected = {"valid": [14.5, 20.5], "same": [8.5, 14.5, 20.5, 11.5],
                "causal": [3.5, 8.5, 14.5, 20.5]}
    for padding, values in expected.items():
        layer = Conv1D(1, 3, padding=padding)
        layer.set_weights([kernel, bias])
        np.testing.assert_allclose(layer(x)[0, :, 0], values)
    # same with strides 2 (TensorFlow's rule): 2 outputs, pad total (2-1)*2 + 3 - 4 = 1, all of
    # it on the right: windows (1, 2, 3) and (3, 4, 0)
    strided = Conv1D(1, 3, strides=2, padding="same")
    strided.set_weights([kernel, bias])
    np.testing.assert_allclose(strided(x)[0, :, 0], [14.5, 11.5])


@pytest.mark.parametrize("T", [5, 6, 7, 8])
@pytest.mark.parametrize("K", [1, 2, 3, 4])
@pytest.mark.parametrize("strides", [1, 2, 3])
def test_conv1d_output_lengths_follow_keras(T, K, strides):
    for padding, length in (("valid", (T - K) // strides + 1), ("same", -(-T // strides)),
                            ("causal", (T - 1) // strides + 1)):
        layer = Conv1D(2, K, strides=strides, padding=padding, seed=0)
        assert layer(_x(T=T)).shape == (2, length, 2)
        assert layer.compute_output_shape((T, 3)) == (length, 2)


def test_conv1d_equals_a_loop_over_windows():
    layer = Conv1D(4, 3, strides=2, activation="relu", seed=0)
    x = _x(T=9)
    y = layer(x)
    W, b = layer.get_weights()
    assert W.shape == (3, 3, 4)                      # Keras' kernel (K, C, F)
    for t in range(y.shape[1]):
        window = x[:, 2 * t:2 * t + 3]               # (B, K, C)
        z = np.einsum("bkc,kcf->bf", window, W) + b
        np.testing.assert_allclose(y[:, t], np.maximum(z, 0), atol=1e-14)


@pytest.mark.parametrize("padding", ["valid", "same", "causal"])
@pytest.mark.parametrize("strides", [1, 2])
@pytest.mark.parametrize("activation", ["tanh", None])
def test_conv1d_gradients(padding, strides, activation):
    layer = Conv1D(3, 3, strides=strides, padding=padding, activation=activation, seed=0)
    errors = _grad_errors(layer, _x(T=7, D=2))
    assert max(errors.values()) < TOL, errors


def test_conv1d_bad_input():
    with pytest.raises(ValueError, match="filters: expected a positive integer"):
        Conv1D(0, 3)
    with pytest.raises(ValueError, match="padding: expected one of"):
        Conv1D(2, 3, padding="full")
    with pytest.raises(ValueError, match="at least kernel_size = 5 time steps"):
        Conv1D(2, 5, input_shape=(3, 1))
    with pytest.raises(ValueError, match=r"weights\[0\] \(kernel\): expected a 3-D"):
        Conv1D(2, 3).set_weights([np.ones((3, 2)), np.ones(2)])
    with pytest.raises(ValueError, match="x: expected a 3-D array"):
        Conv1D(2, 3)(np.ones((4, 1)))


# --- AttentionPooling ------------------------------------------------------------------------
def test_attention_pooling_is_the_core_with_the_last_state_as_query():
    layer = AttentionPooling(5, seed=0)
    h = _x(T=7, D=4)
    c = layer(h)
    W_a, U_a, b_a, v = layer.get_weights()
    c_core, alpha, _ = attention.additive_attention_forward(h, h[:, -1], W_a, U_a, b_a, v)
    np.testing.assert_allclose(c, c_core, atol=1e-15)
    np.testing.assert_allclose(layer.alpha, alpha, atol=1e-15)
    assert layer.compute_output_shape((7, 4)) == (4,)
    assert layer.count_params() == 4 * 5 + 4 * 5 + 5 + 5


def test_attention_pooling_gradients():
    errors = _grad_errors(AttentionPooling(3, seed=1), _x(T=5, D=4))
    assert max(errors.values()) < TOL, errors


def test_attention_pooling_wants_sequences():
    with pytest.raises(ValueError, match="return_sequences=True"):
        Sequential([SimpleRNN(4, input_shape=(5, 1)), AttentionPooling(3)])


# --- MinGRU ----------------------------------------------------------------------------------
@pytest.mark.parametrize("return_sequences", [True, False])
def test_min_gru_layer_equals_core(return_sequences):
    layer = MinGRU(4, return_sequences=return_sequences, seed=0, update_bias=-2.0,
                   input_shape=(6, 3))
    x = _x()
    W_z, b_z, W_h, b_h = layer.get_weights()
    np.testing.assert_array_equal(b_z, -2.0)
    h, _ = linear_rnn.min_gru_forward(x, None, W_z, b_z, W_h, b_h, method="loop")
    out = layer(x)
    np.testing.assert_allclose(out, h if return_sequences else h[:, -1], atol=1e-14)
    assert layer.count_params() == 2 * (3 * 4 + 4)


@pytest.mark.parametrize("method", ["scan", "loop"])
@pytest.mark.parametrize("return_sequences", [True, False])
def test_min_gru_layer_gradients(method, return_sequences):
    layer = MinGRU(3, return_sequences=return_sequences, method=method, seed=3)
    errors = _grad_errors(layer, _x(T=5, D=2))
    assert max(errors.values()) < TOL, errors


def test_min_gru_learns_marker_recall_in_sequential():
    from rnn_helpers import datasets_beyond, optim

    X, y = datasets_beyond.marker_recall(400, T=12, K=2, seed=0)
    model = Sequential([MinGRU(8, input_shape=(12, 3), seed=0, update_bias=-3.0),
                        Dense(2, activation="softmax", seed=1)])
    model.compile(optimizer=optim.Adam(0.02), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(X, y, epochs=6, batch_size=32, verbose=0)
    assert history.history["accuracy"][-1] > 0.9
    loss, _ = losses.sparse_categorical_crossentropy(y, model.predict(X))
    assert loss < history.history["loss"][0]


def test_min_gru_bad_input():
    with pytest.raises(ValueError, match="method: expected one of"):
        MinGRU(3, method="fast")
    with pytest.raises(ValueError, match="update_bias: expected a number"):
        MinGRU(3, update_bias="low")
