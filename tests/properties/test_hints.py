"""Messages that lead to the fix: when an error message carries a hint, doing what it says
makes the call work. Each test provokes a hint on generated shapes, follows it literally (the
code in the message is applied as written), and calls again."""

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rnn_helpers.core import embedding, losses, rnn
from rnn_helpers.layers import Dense, SimpleRNN
from rnn_helpers.models import Sequential

sizes = st.integers(1, 6)


def follow(message, x):
    """Apply the code of the message's hint ("x[None]", "x[..., None]") to x."""
    found = re.search(r"\b\w+(\[(?:\.\.\., )?None\]) adds", message)
    assert found, f"no hint with code in: {message}"
    return x[None] if found.group(1) == "[None]" else x[..., None]


@given(B=sizes, T=sizes, built=st.booleans())
def test_missing_feature_axis_hint(B, T, built):
    """x (B, T) for a model reading one feature per step: the hint adds the feature axis."""
    model = Sequential([SimpleRNN(3, input_shape=(T, 1) if built else None, seed=0),
                        Dense(1, activation="sigmoid", seed=1)])
    model.compile("adam", "binary_crossentropy")
    x, y = np.random.default_rng(0).normal(size=(B, T)), np.ones(B)
    with pytest.raises(ValueError, match="Missing feature axis") as error:
        model.fit(x, y, verbose=0)
    model.fit(follow(str(error.value), x), y, verbose=0)


@given(T=sizes, D=sizes)
def test_missing_batch_axis_hint(T, D):
    """One sample (T, D) given to predict: the hint adds the batch axis."""
    model = Sequential([SimpleRNN(3, input_shape=(T, D), seed=0), Dense(2, seed=1)])
    x = np.random.default_rng(0).normal(size=(T, D))
    with pytest.raises(ValueError, match="axis") as error:
        model.predict(x)
    assert model.predict(follow(str(error.value), x)).shape[1:] == (2,)


@given(T=sizes, D=sizes, H=sizes)
def test_core_function_batch_axis_hint(T, D, H):
    """rnn_forward on one sequence (T, D): the first reading of the hint, x[None], works."""
    rng = np.random.default_rng(0)
    x, W, U, b = rng.normal(size=(T, D)), rng.normal(size=(D, H)), np.eye(H), np.zeros(H)
    with pytest.raises(ValueError, match="forget the batch axis") as error:
        rnn.rnn_forward(x, None, W, U, b)
    h, _ = rnn.rnn_forward(follow(str(error.value), x), None, W, U, b)
    assert h.shape == (1, T, H)


@given(T=sizes, V=st.integers(2, 6))
def test_embedding_ids_batch_axis_hint(T, V):
    ids = np.random.default_rng(0).integers(0, V, T)
    E = np.ones((V, 3))
    with pytest.raises(ValueError, match="ids") as error:
        embedding.embedding_forward(ids, E)
    x, _ = embedding.embedding_forward(follow(str(error.value).replace("adds one", "adds"),
                                              ids), E)
    assert x.shape == (1, T, 3)


@given(B=sizes, K=st.integers(2, 5))
def test_integer_labels_hint(B, K):
    """Integer labels with categorical_crossentropy: the hint names the loss to compile."""
    model = Sequential([SimpleRNN(3, input_shape=(4, 2), seed=0),
                        Dense(K, activation="softmax", seed=1)])
    model.compile("adam", "categorical_crossentropy")
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(B, 4, 2)), rng.integers(0, K, B)
    with pytest.raises(ValueError, match="Integer labels") as error:
        model.fit(x, y, verbose=0)
    loss = re.search(r"loss='(\w+)'", str(error.value)).group(1)
    model.compile("adam", loss)
    model.fit(x, y, verbose=0)


@given(B=sizes, K=st.integers(2, 5))
def test_one_hot_labels_hint(B, K):
    rng = np.random.default_rng(0)
    y_pred, y_true = rng.dirichlet(np.ones(K), B), np.eye(K)[rng.integers(0, K, B)]
    with pytest.raises(ValueError, match="One-hot labels") as error:
        losses.sparse_categorical_crossentropy(y_true, y_pred)
    name = re.search(r"Use (\w+)", str(error.value)).group(1)
    loss, _ = getattr(losses, name)(y_true, y_pred)
    assert np.isfinite(loss)


@given(B=sizes, scale=st.floats(2, 50))
def test_logits_hint(B, scale):
    rng = np.random.default_rng(0)
    logits, y = rng.normal(size=(B, 1)) * scale + scale, rng.integers(0, 2, (B, 1))
    with pytest.raises(ValueError, match="from_logits=True") as error:
        losses.binary_crossentropy(y, logits)
    assert "from_logits=True" in str(error.value)
    loss, _ = losses.binary_crossentropy(y, logits, from_logits=True)
    assert np.isfinite(loss)


@given(T=sizes, D=sizes)
def test_return_sequences_hint(T, D):
    """Two recurrent layers, the first without return_sequences: the hint fixes the stack."""
    with pytest.raises(ValueError, match="return_sequences=True") as error:
        Sequential([SimpleRNN(3, input_shape=(T, D)), SimpleRNN(2)])
    assert "give that one return_sequences=True" in str(error.value)
    model = Sequential([SimpleRNN(3, input_shape=(T, D), return_sequences=True), SimpleRNN(2)])
    assert model.output_shape == (None, 2)


@given(B=sizes)
def test_keras_loss_hint(B):
    """A loss returning only a number: the message says to return the gradient too."""
    def keras_mse(y_true, y_pred):
        return float(np.mean((y_pred - y_true) ** 2))

    def with_gradient(y_true, y_pred):
        d = y_pred - y_true
        return float(np.mean(d * d)), 2 * d / d.size

    model = Sequential([SimpleRNN(3, input_shape=(4, 2), seed=0), Dense(1, seed=1)])
    x, y = np.random.default_rng(0).normal(size=(B, 4, 2)), np.zeros((B, 1))
    model.compile("adam", keras_mse)
    with pytest.raises(TypeError, match="write its gradient too") as error:
        model.fit(x, y, verbose=0)
    assert "(loss, dy_pred)" in str(error.value)
    model.compile("adam", with_gradient)
    model.fit(x, y, verbose=0)
