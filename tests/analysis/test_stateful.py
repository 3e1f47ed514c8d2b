"""Tests for rnn_helpers.analysis.stateful: consecutive windows, the carried state, training."""

import numpy as np
import pytest

import rnn_helpers as rh
from rnn_helpers.analysis import stateful


def test_windows_continue_each_other():
    ids = np.arange(101)
    X, Y = stateful.stream_windows(ids, batch_size=4, T=5)
    assert X.shape == Y.shape == (5, 4, 5)
    np.testing.assert_array_equal(X[1, 2, 0], X[0, 2, -1] + 1)   # window 2 follows window 1
    np.testing.assert_array_equal(Y[:, :, :-1], X[:, :, 1:])


def _model(V):
    return rh.models.Sequential([
        rh.layers.Embedding(V, 4, seed=1),
        rh.layers.SimpleRNN(8, return_sequences=True, seed=2),
        rh.layers.Dense(V, activation="softmax", seed=3),
    ])


def test_fit_and_loss_with_and_without_carry():
    ids = np.random.default_rng(0).integers(0, 5, 400)
    model = _model(5)
    losses = stateful.fit_stateful(model, ids, T=10, batch_size=4, epochs=2, carry=True)
    assert len(losses) == 2 and losses[1] < losses[0]
    a = stateful.stateful_loss(model, ids, T=10, batch_size=4, carry=True)
    b = stateful.stateful_loss(model, ids, T=10, batch_size=4, carry=False)
    assert np.isfinite(a) and np.isfinite(b) and a != b


def test_carry_gives_the_same_states_as_one_long_sequence():
    ids = np.random.default_rng(1).integers(0, 5, 81)
    model = _model(5)
    model.build((10,))
    X, _ = stateful.stream_windows(ids, batch_size=2, T=10)
    long = model.layers[1].forward(model.layers[0].forward(np.concatenate(list(X), axis=1)))
    h = None
    for j, x in enumerate(X):
        out = model.layers[1].forward(model.layers[0].forward(x), initial_state=h)
        h = out[:, -1].copy()
        np.testing.assert_allclose(out, long[:, 10 * j:10 * (j + 1)], atol=1e-12)


def test_bad_input():
    with pytest.raises(ValueError, match="ids"):
        stateful.stream_windows(np.arange(10), batch_size=4, T=5)
    lstm = rh.models.Sequential([rh.layers.Embedding(5, 4),
                                 rh.layers.LSTM(3, return_sequences=True),
                                 rh.layers.Dense(5, activation="softmax")])
    with pytest.raises(ValueError, match="SimpleRNN or GRU"):
        stateful.fit_stateful(lstm, np.arange(200) % 5, T=5, batch_size=2)
