"""Tests for rnn_helpers.layers.min_gru: the MinGRU layer gives the core's minGRU, passes gradient
checks (scan and loop) and learns marker recall in Sequential."""

import numpy as np
import pytest

from rnn_helpers.core import linear_rnn, losses, optim
from rnn_helpers.datasets import beyond
from rnn_helpers.layers import Dense, MinGRU
from rnn_helpers.models import Sequential
from tests.conftest import TOL, layer_gradient_errors, random_x


@pytest.mark.parametrize("return_sequences", [True, False])
def test_min_gru_layer_equals_core(return_sequences):
    layer = MinGRU(4, return_sequences=return_sequences, seed=0, update_bias=-2.0,
                   input_shape=(6, 3))
    x = random_x(T=6)
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
    errors = layer_gradient_errors(layer, random_x(T=5, D=2))
    assert max(errors.values()) < TOL, errors


def test_min_gru_learns_marker_recall_in_sequential():
    X, y = beyond.marker_recall(400, T=12, K=2, seed=0)
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
