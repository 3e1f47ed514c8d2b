"""Tests for rnn_helpers.layers.dense: Dense on one step and on every step of a sequence, and a
gradient-checked backward."""

import numpy as np
import pytest

from rnn_helpers.layers import Dense
from tests.conftest import check_layer_gradients, random_x


def test_dense_on_sequences_is_applied_to_every_step():
    dense = Dense(2, activation="softmax", input_shape=(3,), seed=0)
    x = random_x()
    y = dense(x)
    assert y.shape == (2, 5, 2)
    for t in range(5):
        np.testing.assert_allclose(y[:, t], dense(x[:, t]), atol=1e-15)
    np.testing.assert_allclose(y.sum(axis=-1), 1.0)


@pytest.mark.parametrize("activation", [None, "linear", "tanh", "sigmoid", "relu", "softmax"])
@pytest.mark.parametrize("ndim", [2, 3])
def test_dense_gradients(activation, ndim):
    rng = np.random.default_rng(7)
    dense = Dense(3, activation=activation, input_shape=(4,), seed=0)
    dense.params["b"][:] = rng.normal(size=3) * 0.1
    x = rng.normal(size=(2, 4) if ndim == 2 else (2, 5, 4))
    upstream = rng.normal(size=x.shape[:-1] + (3,))
    check_layer_gradients(dense, x, upstream)
