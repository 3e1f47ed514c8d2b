"""Tests for rnn_helpers.layers.embedding: the Embedding layer, alone and in a model."""

import numpy as np
import pytest

from rnn_helpers.layers import Dense, Embedding, SimpleRNN
from rnn_helpers.models import Sequential
from tests.conftest import raises_with


def test_layer_keras_conventions():
    layer = Embedding(10, 4, seed=0)
    assert not layer.built
    x = layer(np.array([[1, 2, 3]]))
    assert x.shape == (1, 3, 4) and layer.built
    (E,) = layer.get_weights()
    assert E.shape == (10, 4) and np.abs(E).max() <= 0.05     # Keras' uniform(-0.05, 0.05)
    assert layer.count_params() == 40
    assert layer.compute_output_shape((7,)) == (7, 4)
    assert layer.backward(np.ones((1, 3, 4))) is None
    np.testing.assert_array_equal(layer.grads["E"][[1, 2, 3]], 1)
    other = Embedding(10, 4)
    other.set_weights([E * 2])
    np.testing.assert_allclose(other(np.array([[3]]))[0, 0], 2 * E[3])
    assert "input_dim=10" in repr(layer)


def test_in_a_sequential_model_gradients_reach_E():
    rng = np.random.default_rng(2)
    model = Sequential([Embedding(7, 3, seed=0), SimpleRNN(5, return_sequences=True, seed=1),
                        Dense(7, activation="softmax", seed=2)])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    X = rng.integers(0, 7, size=(8, 6))
    Y = rng.integers(0, 7, size=(8, 6))
    model.build((6,))
    assert model.count_params() == 7 * 3 + (3 * 5 + 5 * 5 + 5) + (5 * 7 + 7)
    before = model.layers[0].params["E"].copy()
    history = model.fit(X, Y, epochs=2, batch_size=4, verbose=0)
    assert len(history.history["loss"]) == 2
    assert not np.allclose(before, model.layers[0].params["E"])
    assert model.predict(X).shape == (8, 6, 7)


@pytest.mark.parametrize("call, words", [
    (lambda: Embedding(0, 3), "input_dim: expected a positive integer"),
    (lambda: Embedding(3, 2, input_shape=(4, 1)), "input_shape: expected (T,)"),
])
def test_bad_input(call, words):
    raises_with(call, words)


def test_backward_needs_forward_and_right_shape():
    layer = Embedding(4, 2, seed=0)
    with pytest.raises(ValueError, match="backward: expected a forward"):
        layer.backward(np.ones((1, 1, 2)))
    layer(np.array([[0, 1]]))
    with pytest.raises(ValueError, match="dx: expected shape"):
        layer.backward(np.ones((1, 2, 3)))
