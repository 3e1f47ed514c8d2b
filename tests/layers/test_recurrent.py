"""Tests for rnn_helpers.layers.recurrent, SimpleRNN: the core's numbers, Keras' weights (beside
Dense's), and a gradient-checked backward. LSTM and GRU: test_recurrent_gated.py."""

import numpy as np
import pytest

from rnn_helpers.core import initializers, utils
from rnn_helpers.core.rnn import rnn_forward
from rnn_helpers.layers import Dense, SimpleRNN
from tests.conftest import check_layer_gradients, random_x


def _rnn(seed=0, **kwargs):
    return SimpleRNN(4, input_shape=(5, 3), seed=seed, **kwargs)


# --- forward -------------------------------------------------------------------------------
@pytest.mark.parametrize("return_sequences", [True, False])
def test_simple_rnn_forward_equals_core(return_sequences):
    layer = _rnn(return_sequences=return_sequences)
    x = random_x()
    W, U, b = layer.get_weights()
    h, _ = rnn_forward(x, None, W, U, b)
    out = layer(x)
    expected = h if return_sequences else h[:, -1]
    np.testing.assert_allclose(out, expected, rtol=0, atol=1e-15)


def test_simple_rnn_return_state_and_initial_state():
    layer = _rnn(return_state=True)
    x = random_x()
    h0 = np.random.default_rng(2).normal(size=(2, 4))
    out, state = layer(x, initial_state=[h0])
    h, _ = rnn_forward(x, h0, *layer.get_weights())
    np.testing.assert_allclose(out, h[:, -1], atol=1e-15)
    np.testing.assert_allclose(state, h[:, -1], atol=1e-15)
    out2, _ = layer(x, initial_state=h0)           # a bare array is accepted too
    np.testing.assert_array_equal(out, out2)


def test_simple_rnn_relu_and_no_bias():
    layer = SimpleRNN(4, activation="relu", use_bias=False, input_shape=(5, 3), seed=0)
    assert [w.shape for w in layer.get_weights()] == [(3, 4), (4, 4)]
    x = random_x()
    h, _ = rnn_forward(x, None, *layer.get_weights(), np.zeros(4), activation="relu")
    np.testing.assert_allclose(layer(x), h[:, -1], atol=1e-15)


def test_layer_builds_on_first_call():
    layer = SimpleRNN(6, return_sequences=True)
    assert not layer.built
    assert layer(random_x(T=7)).shape == (2, 7, 6)
    assert layer.built and layer.input_shape == (7, 3)
    assert layer(random_x(T=2)).shape == (2, 2, 6)    # any number of time steps afterwards


# --- Keras' weights, shapes and counts -----------------------------------------------------
def test_keras_weight_order_shapes_and_counts():
    rnn1 = SimpleRNN(10, input_shape=(5, 1), return_sequences=True)
    rnn2 = SimpleRNN(10, input_shape=(5, 10))
    dense = Dense(1, activation="sigmoid", input_shape=(10,))
    assert [w.shape for w in rnn1.get_weights()] == [(1, 10), (10, 10), (10,)]
    assert [w.shape for w in dense.get_weights()] == [(10, 1), (1,)]
    assert (rnn1.count_params(), rnn2.count_params(), dense.count_params()) == (120, 210, 11)
    assert rnn1.compute_output_shape((5, 1)) == (5, 10)
    assert rnn2.compute_output_shape((5, 10)) == (10,)
    assert SimpleRNN(3, return_state=True).compute_output_shape((7, 2)) == [(3,), (3,)]
    assert dense.compute_output_shape((5, 10)) == (5, 1)
    assert list(rnn1.params) == list(rnn1.grads) == ["W", "U", "b"]


def test_keras_initialisers():
    layer = SimpleRNN(8, input_shape=(5, 3), seed=0)
    W, U, b = layer.get_weights()
    limit = np.sqrt(6 / (3 + 8))
    assert np.all(np.abs(W) <= limit) and W.std() > limit / 4     # glorot_uniform
    np.testing.assert_allclose(U.T @ U, np.eye(8), atol=1e-12)      # orthogonal
    assert np.all(b == 0)                                           # zeros
    wide = initializers.orthogonal((3, 5), np.random.default_rng(0))
    np.testing.assert_allclose(wide @ wide.T, np.eye(3), atol=1e-12)


def test_seed_and_set_random_seed_reproduce_weights():
    a, b = _rnn(seed=3), _rnn(seed=3)
    for wa, wb in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(wa, wb)
    utils.set_random_seed(7)
    c = SimpleRNN(4, input_shape=(5, 3))
    utils.set_random_seed(7)
    d = SimpleRNN(4, input_shape=(5, 3))
    e = SimpleRNN(4, input_shape=(5, 3))
    np.testing.assert_array_equal(c.params["W"], d.params["W"])
    assert not np.array_equal(d.params["W"], e.params["W"])


def test_set_weights_round_trip_in_place_and_build_from_weights():
    layer = _rnn()
    W_array = layer.params["W"]
    new = [w + 1.0 for w in layer.get_weights()]
    layer.set_weights(new)
    assert layer.params["W"] is W_array          # updated in place
    for a, b in zip(layer.get_weights(), new, strict=True):
        np.testing.assert_array_equal(a, b)
    fresh = SimpleRNN(4)
    fresh.set_weights(new)                       # builds from the kernel's shape
    assert fresh.built and fresh.input_shape == (None, 3)
    np.testing.assert_array_equal(fresh(random_x()), layer(random_x()))


# --- gradient checks (float64) -------------------------------------------------------------
@pytest.mark.parametrize("return_sequences", [True, False])
@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_simple_rnn_gradients(return_sequences, activation):
    rng = np.random.default_rng(4)
    layer = SimpleRNN(4, activation=activation, return_sequences=return_sequences,
                      input_shape=(5, 3), seed=0)
    layer.params["b"][:] = rng.normal(size=4) * 0.1
    shape = (2, 5, 4) if return_sequences else (2, 4)
    check_layer_gradients(layer, random_x(), rng.normal(size=shape))


def test_simple_rnn_gradients_with_return_state_and_initial_state():
    rng = np.random.default_rng(5)
    layer = _rnn(return_sequences=True, return_state=True)
    h0 = rng.normal(size=(2, 4))
    upstream = [rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 4))]
    check_layer_gradients(layer, random_x(), upstream, {"initial_state": [h0]}, extra={"h0": h0})


def test_simple_rnn_gradients_without_bias():
    layer = SimpleRNN(4, use_bias=False, input_shape=(5, 3), seed=0)
    check_layer_gradients(layer, random_x(), np.random.default_rng(6).normal(size=(2, 4)))
    assert set(layer.grads) == {"W", "U"}
