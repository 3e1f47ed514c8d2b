"""Tests for rnn_helpers.embedding: the lookup, its gradient, the layer in a model."""

import numpy as np
import pytest

from rnn_helpers import embedding as emb
from rnn_helpers import text as tx
from rnn_helpers.gradcheck import check_gradients
from rnn_helpers.layers import Dense, SimpleRNN
from rnn_helpers.models import Sequential


def test_lookup_equals_one_hot_times_E():
    rng = np.random.default_rng(0)
    E = rng.normal(size=(5, 3))
    ids = np.array([[0, 4, 4], [2, 1, 0]])
    x, _ = emb.embedding_forward(ids, E)
    assert x.shape == (2, 3, 3)
    np.testing.assert_allclose(x, tx.one_hot(ids, 5) @ E)
    np.testing.assert_array_equal(x[0, 1], E[4])


def test_gradient_check_repeated_ids():
    rng = np.random.default_rng(1)
    E = rng.normal(size=(6, 4))
    ids = np.array([[1, 1, 5], [0, 1, 5]])       # id 1 three times: add.at must add all
    dx = rng.normal(size=(2, 3, 4))

    def f():
        return float(np.sum(emb.embedding_forward(ids, E)[0] * dx))

    _, cache = emb.embedding_forward(ids, E)
    grads = emb.embedding_backward(dx, cache)
    errors = check_gradients(f, {"E": E}, grads)
    assert errors["E"] < 1e-7
    np.testing.assert_allclose(grads["dE"][1], dx[0, 0] + dx[0, 1] + dx[1, 1])
    np.testing.assert_array_equal(grads["dE"][[2, 3, 4]], 0)


def test_layer_keras_conventions():
    layer = emb.Embedding(10, 4, seed=0)
    assert not layer.built
    x = layer(np.array([[1, 2, 3]]))
    assert x.shape == (1, 3, 4) and layer.built
    (E,) = layer.get_weights()
    assert E.shape == (10, 4) and np.abs(E).max() <= 0.05     # Keras' uniform(-0.05, 0.05)
    assert layer.count_params() == 40
    assert layer.compute_output_shape((7,)) == (7, 4)
    assert layer.backward(np.ones((1, 3, 4))) is None
    np.testing.assert_array_equal(layer.grads["E"][[1, 2, 3]], 1)
    other = emb.Embedding(10, 4)
    other.set_weights([E * 2])
    np.testing.assert_allclose(other(np.array([[3]]))[0, 0], 2 * E[3])
    assert "input_dim=10" in repr(layer)


def test_in_a_sequential_model_gradients_reach_E():
    rng = np.random.default_rng(2)
    model = Sequential([emb.Embedding(7, 3, seed=0), SimpleRNN(5, return_sequences=True, seed=1),
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
    (lambda: emb.embedding_forward(np.array([0, 1]), np.ones((3, 2))),
     "ids: expected a 2-D array of integer ids (B, T)"),
    (lambda: emb.embedding_forward(np.array([[0, 3]]), np.ones((3, 2))),
     "ids: expected ids in [0, 3)"),
    (lambda: emb.embedding_forward(np.array([[0.5]]), np.ones((3, 2))),
     "ids: expected integer ids"),
    (lambda: emb.embedding_forward(np.array([[0]]), np.ones(3)), "E: expected a 2-D array"),
    (lambda: emb.Embedding(0, 3), "input_dim: expected a positive integer"),
    (lambda: emb.Embedding(3, 2, input_shape=(4, 1)), "input_shape: expected (T,)"),
])
def test_bad_input(call, words):
    with pytest.raises(ValueError) as info:
        call()
    assert words in str(info.value)


def test_backward_needs_forward_and_right_shape():
    layer = emb.Embedding(4, 2, seed=0)
    with pytest.raises(ValueError, match="backward: expected a forward"):
        layer.backward(np.ones((1, 1, 2)))
    layer(np.array([[0, 1]]))
    with pytest.raises(ValueError, match="dx: expected shape"):
        layer.backward(np.ones((1, 2, 3)))
