"""Tests for the counts notebook 05 writes from the lag sweep (issue 10): weight updates with
partial batches, how many seeds learned, and what the final state keeps of the label."""

import math

import numpy as np
import pytest

from rnn_helpers.analysis import experiments as ex
from rnn_helpers.layers import Dense, SimpleRNN
from rnn_helpers.models import Sequential


def test_updates_count_the_partial_batch():
    assert ex.updates(1000, 32, 10) == 320              # 31 full batches and one of 8, x 10
    assert ex.updates(4000, 32, 10) == 1250
    assert ex.updates(64, 32, 1) == 2
    assert ex.updates(65, 32, 3) == 9 == math.ceil(65 / 32) * 3
    with pytest.raises(ValueError, match="batch_size: expected a positive integer"):
        ex.updates(10, 0, 1)


def test_updates_equal_the_steps_fit_makes():
    X, y = ex.first_symbol_task(n=70, lag=2, n_noise=2, seed=0)
    model = ex.build_model("SimpleRNN", X.shape[1:], units=2)
    history = model.fit(X, y, epochs=2, batch_size=32, verbose=0)
    assert history.params["steps"] * 2 == ex.updates(70, 32, 2)


def test_count_learned():
    runs = [{"cell": "LSTM", "lag": 40, "accuracy": a} for a in (1.0, 0.5, 0.881, 0.74)]
    runs += [{"cell": "GRU", "lag": 10, "accuracy": 1.0}]
    assert ex.count_learned(runs) == {"LSTM": {40: (2, 4)}, "GRU": {10: (1, 1)}}
    assert ex.count_learned(runs, threshold=0.9)["LSTM"][40] == (1, 4)
    with pytest.raises(ValueError, match="runs: expected a non-empty list"):
        ex.count_learned([])


def test_count_learned_on_the_shipped_sweep():
    sweep = ex.load_lag_sweep()
    counts = ex.count_learned(sweep["runs"])
    assert set(counts) == set(sweep["cells"])
    assert all(n == len(sweep["seeds"]) for lags in counts.values() for _, n in lags.values())


def test_final_state_gap():
    X, y = ex.first_symbol_task(n=40, lag=3, n_noise=2, seed=1)
    model = ex.build_model("LSTM", X.shape[1:], units=3, seed=0)
    h_T = model.layers[0].forward(X)
    want = np.max(np.abs(h_T[y == 0].mean(axis=0) - h_T[y == 1].mean(axis=0)))
    assert ex.final_state_gap(model, X, y) == pytest.approx(want)
    same = np.zeros(len(X), dtype=int)
    same[::2] = 1
    X_same = np.repeat(X[:1], len(X), axis=0)           # one sequence: no gap, whatever the label
    assert ex.final_state_gap(model, X_same, same) == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError, match="y: expected 40 labels"):
        ex.final_state_gap(model, X, y[:2])
    rnn = Sequential([SimpleRNN(2, return_sequences=True, input_shape=X.shape[1:]), Dense(2)])
    with pytest.raises(ValueError, match="model: expected a Sequential whose first layer"):
        ex.final_state_gap(rnn, X, y)
