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


def time_major_view(shape, seed):
    """A (B, T, F) view of contiguous time-major (T, B, F) memory, as a recurrent layer returns
    its sequence, and a contiguous copy of it."""
    B, T, F = shape
    x = np.random.default_rng(seed).normal(size=(T, B, F)).transpose(1, 0, 2)
    assert not x.flags.c_contiguous and x.transpose(1, 0, 2).flags.c_contiguous
    return x, np.ascontiguousarray(x)


@pytest.mark.parametrize("activation", [None, "tanh", "softmax"])
@pytest.mark.parametrize("shape", [(3, 5, 4), (2, 7, 1)])
def test_dense_on_a_time_major_view_gives_the_numbers_of_a_contiguous_copy(shape, activation):
    """A recurrent layer's output is a (B, T, F) view of (T, B, F) memory: Dense computes in
    that order (no copy) and returns views of the same kind; the numbers are the same."""
    x_view, x_copy = time_major_view(shape, 8)
    dz_view, dz_copy = time_major_view(shape[:2] + (3,), 9)
    results = []
    for x, dz in ((x_view, dz_view), (x_copy, dz_copy)):
        dense = Dense(3, activation=activation, input_shape=(shape[-1],), seed=0)
        dense.params["b"][:] = [0.1, -0.2, 0.3]
        y = dense.forward(x)
        dx = dense.backward(dz)
        z = dense.forward_logits(x)
        dx_logits = dense.backward_logits(dz)
        results.append((y, dx, z, dx_logits, dense.grads["W"], dense.grads["b"]))
    for view, copy in zip(*results, strict=True):
        assert view.shape == copy.shape
        np.testing.assert_allclose(view, copy, rtol=1e-13, atol=1e-13)
    y, dx, z, dx_logits = results[0][:4]
    for a in (y, z, dx, dx_logits):   # still time-major: the next layer reads it without a copy
        assert a.transpose(1, 0, 2).flags.c_contiguous


def test_dense_time_major_view_gradients():
    x, _ = time_major_view((2, 5, 4), 10)
    dense = Dense(3, activation="tanh", input_shape=(4,), seed=0)
    upstream, _ = time_major_view((2, 5, 3), 11)
    check_layer_gradients(dense, x, upstream)
