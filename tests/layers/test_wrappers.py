"""Tests for rnn_helpers.layers.wrappers: Bidirectional gives two of the core's RNNs merged as
Keras merges them, orders its weights as Keras does, passes gradient checks and fits in
Sequential."""

import numpy as np
import pytest

from rnn_helpers import layers
from rnn_helpers.core.rnn import rnn_forward
from rnn_helpers.layers import Bidirectional, Dense, SimpleRNN
from rnn_helpers.models import Sequential
from tests.conftest import TOL, layer_gradient_errors, random_x


@pytest.mark.parametrize("return_sequences", [True, False])
def test_bidirectional_is_two_rnns_merged_as_keras(return_sequences):
    layer = Bidirectional(SimpleRNN(4, return_sequences=return_sequences, seed=0))
    x = random_x(T=6)
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
    errors = layer_gradient_errors(layer, random_x(T=4, D=2))
    assert max(errors.values()) < TOL, errors


@pytest.mark.parametrize("cell", ["LSTM", "GRU"])
def test_bidirectional_wraps_lstm_and_gru(cell):
    layer = Bidirectional(getattr(layers, cell)(3, return_sequences=True, seed=0))
    x = random_x(T=4, D=2)
    assert layer(x).shape == (2, 4, 6)
    n = len(layer.forward_layer.get_weights())
    assert len(layer.get_weights()) == 2 * n          # forward's weights, then backward's
    errors = layer_gradient_errors(layer, x)
    assert max(errors.values()) < TOL, errors


def test_bidirectional_merge_none_returns_both():
    layer = Bidirectional(SimpleRNN(3, return_sequences=True, seed=0), merge_mode=None)
    x = random_x(T=6)
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
    layer(random_x(T=6))
    with pytest.raises(ValueError, match="dy: expected shape"):
        layer.backward(np.ones((2, 6, 3)))
