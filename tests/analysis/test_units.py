"""Tests for rnn_helpers.analysis.units: correlations of units with a quantity."""

import numpy as np
import pytest

import rnn_helpers as rh
from rnn_helpers.analysis import units


def test_correlations_find_the_unit():
    rng = np.random.default_rng(0)
    q = rng.integers(0, 4, (20, 10)).astype(float)
    h = rng.standard_normal((20, 10, 3))
    h[:, :, 1] = np.tanh(0.5 * q)                      # unit 1 tracks q
    h[:, :, 2] = 0.3                                   # unit 2 never moves
    r = units.unit_correlations(h, q)
    assert r[1] > 0.95 and abs(r[0]) < 0.3 and r[2] == 0.0
    assert units.best_units(h, q, 1)[0][0] == 1
    assert units.linear_readout_r(h, q) >= r[1] - 1e-12
    assert units.describe_unit(-0.95) == "tracks it on its own"
    assert units.describe_unit(0.6) == "follows it partly"
    assert units.describe_unit(0.1) == "does not track it"


def test_hidden_states_of_a_model():
    model = rh.models.Sequential([rh.layers.SimpleRNN(4, return_sequences=True, input_shape=(5, 3)),
                                  rh.layers.Dense(2, activation="softmax")])
    X = np.random.default_rng(0).random((6, 5, 3))
    assert units.hidden_states(model, X).shape == (6, 5, 4)
    last = rh.models.Sequential([rh.layers.SimpleRNN(4, input_shape=(5, 3))])
    with pytest.raises(ValueError, match="return_sequences"):
        units.hidden_states(last, X)
