"""Tests for rnn_helpers.core.embedding: the lookup, its gradient, bad input."""

import numpy as np
import pytest

from rnn_helpers.core import embedding as emb
from rnn_helpers.core.gradcheck import check_gradients
from rnn_helpers.datasets import text as tx
from tests.conftest import raises_with


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


@pytest.mark.parametrize("call, words", [
    (lambda: emb.embedding_forward(np.array([0, 1]), np.ones((3, 2))),
     "ids: expected a 2-D array of integer ids (B, T)"),
    (lambda: emb.embedding_forward(np.array([[0, 3]]), np.ones((3, 2))),
     "ids: expected ids in [0, 3)"),
    (lambda: emb.embedding_forward(np.array([[0.5]]), np.ones((3, 2))),
     "ids: expected integer ids"),
    (lambda: emb.embedding_forward(np.array([[0]]), np.ones(3)), "E: expected a 2-D array"),
])
def test_bad_input(call, words):
    raises_with(call, words)
