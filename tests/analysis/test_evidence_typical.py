"""Tests for the evidence notebook 10 recomputes with margins (rnn_helpers.analysis.evidence):
the typical gradient ratio over many trajectories, and a linear rule against "tomorrow =
today" on a generated price."""

import numpy as np
import pytest

from rnn_helpers.analysis import evidence
from rnn_helpers.datasets import timeseries


def test_typical_gradient_ratio_is_the_geometric_mean_over_disjoint_trajectories():
    ratios = [evidence.gradient_ratio(10, seed=2 * 4 + k) for k in range(4)]
    typical = evidence.typical_gradient_ratio(10, trials=4, seed=2)
    assert typical == pytest.approx(np.exp(np.mean(np.log(ratios))))
    assert min(ratios) <= typical <= max(ratios)
    # linear and orthogonal: exactly radius ** lag on every trajectory
    assert evidence.typical_gradient_ratio(15, "linear", radius=0.9, trials=3) == pytest.approx(
        0.9**15)


def test_typical_gradient_ratio_vanishes_with_tanh_and_explodes_with_a_large_radius():
    for seed in range(3):
        assert evidence.typical_gradient_ratio(20, seed=seed) < 0.01
        assert evidence.typical_gradient_ratio(20, radius=3.0, seed=seed) > 50


def test_typical_gradient_ratio_bad_input():
    with pytest.raises(ValueError, match="^trials: expected a positive integer"):
        evidence.typical_gradient_ratio(trials=0)
    with pytest.raises(ValueError, match="^seed: expected"):
        evidence.typical_gradient_ratio(seed=-1)


def test_linear_change_forecast_by_hand():
    result = evidence.linear_change_forecast(0.3, n=400, seed=5)
    r = timeseries.log_returns(timeseries.random_walk(400, momentum=0.3, seed=5))
    half = len(r) // 2
    phi = np.linalg.lstsq(r[:half - 1, None], r[1:half], rcond=None)[0][0]
    assert result["phi"] == pytest.approx(phi)
    err = r[half:] - phi * r[half - 1:-1]
    assert result["mae"] == pytest.approx(np.mean(np.abs(err)))
    assert result["mae_naive"] == pytest.approx(np.mean(np.abs(r[half:])))
    assert result["skill"] == pytest.approx(1 - result["mae"] / result["mae_naive"])


def test_linear_change_forecast_finds_momentum_and_nothing_in_a_random_walk():
    for seed in (1, 2, 3):
        walk = evidence.linear_change_forecast(0.0, seed=seed)
        momentum = evidence.linear_change_forecast(0.3, seed=seed)
        assert abs(walk["skill"]) < 0.005 and abs(walk["phi"]) < 0.06
        assert momentum["skill"] > 0.02 and momentum["phi"] == pytest.approx(0.3, abs=0.06)
    with pytest.raises(ValueError, match="^n: expected at least 20 prices"):
        evidence.linear_change_forecast(n=10)
