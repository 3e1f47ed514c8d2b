"""Tests for rnn_helpers.analysis.forecasting (notebook 07): the least-squares autoregression,
the recursive horizon errors and the noise floor."""

import numpy as np
import pytest

from rnn_helpers.analysis import forecasting as fc
from rnn_helpers.datasets import timeseries


def test_linear_ar_recovers_a_known_recurrence():
    # y_t = 1.5 y_{t-1} - 0.7 y_{t-2} + 0.2 exactly: least squares finds those weights
    y = np.zeros(60)
    y[:2] = [1.0, 0.5]
    for t in range(2, 60):
        y[t] = 1.5 * y[t - 1] - 0.7 * y[t - 2] + 0.2
    X, target = timeseries.make_windows(y, T=2)
    coef = fc.fit_linear_ar(X, target)
    np.testing.assert_allclose(coef, [-0.7, 1.5, 0.2], atol=1e-9)   # oldest step first, then c
    np.testing.assert_allclose(fc.linear_ar_forecast(coef, X), target, atol=1e-9)


def test_linear_ar_fits_a_sine_and_beats_the_naive_rules():
    # a sine obeys y_t = 2 cos(w) y_{t-1} - y_{t-2}: a linear model on the window is the right one
    y = timeseries.periodic_series(400, period=24, noise=0.1, seed=3)
    X, target = timeseries.make_windows(y, T=36)
    coef = fc.fit_linear_ar(X[:300], target[:300])
    pred = fc.linear_ar_forecast(coef, X[300:])
    assert pred.shape == (len(X) - 300, 1)
    ar = timeseries.mae(target[300:], pred)
    assert ar < timeseries.mae(target[300:], timeseries.seasonal_naive_forecast(X[300:], 24))
    assert ar < timeseries.mae(target[300:], timeseries.naive_forecast(X[300:]))


def test_linear_ar_input_checks():
    X, y = np.zeros((5, 4, 1)), np.zeros((5, 1))
    with pytest.raises(ValueError, match=r"X: expected at least T \+ 1 = 5 windows"):
        fc.fit_linear_ar(X[:4], y[:4])
    with pytest.raises(ValueError, match="y: expected one target per window: 5 values"):
        fc.fit_linear_ar(X, np.zeros((4, 1)))
    with pytest.raises(ValueError, match=r"X: expected one feature per step \(N, T, 1\)"):
        fc.fit_linear_ar(np.zeros((9, 4, 2)), np.zeros((9, 1)))
    with pytest.raises(ValueError, match=r"coef: expected T \+ 1 = 5 numbers"):
        fc.linear_ar_forecast(np.zeros(4), X)


def test_horizon_errors_of_a_perfect_and_of_a_constant_forecaster():
    y = np.arange(40.0)

    def next_value(window):                       # exact on a straight line
        return window[:, -1, :] + 1.0

    origins = np.array([10, 20])
    np.testing.assert_allclose(fc.horizon_errors(next_value, y, origins, 5, T=4), 0.0)
    errors = fc.horizon_errors(lambda w: w[:, -1, :], y, origins, 5, T=4)     # "naive"
    np.testing.assert_allclose(errors, [1, 2, 3, 4, 5])
    with pytest.raises(ValueError, match=r"origins: expected time steps in \[T, L - steps\]"):
        fc.horizon_errors(next_value, y, [2], 5, T=4)
    with pytest.raises(ValueError, match="origins: expected integer time steps"):
        fc.horizon_errors(next_value, y, [10.0], 5, T=4)


def test_noise_floor_is_the_mean_of_abs_noise():
    expected, spread = fc.noise_floor(0.1, 200)
    assert expected == pytest.approx(0.1 * np.sqrt(2 / np.pi))
    assert spread == pytest.approx(0.1 * np.sqrt(1 - 2 / np.pi) / np.sqrt(200))
    draws = np.abs(0.1 * np.random.default_rng(0).standard_normal((2000, 200))).mean(axis=1)
    assert draws.mean() == pytest.approx(expected, abs=3 * spread / np.sqrt(2000))
    assert draws.std() == pytest.approx(spread, rel=0.1)
    assert draws.min() < expected < draws.max()       # an expected value, not a bound
    with pytest.raises(ValueError, match="sigma: expected a finite number >= 0"):
        fc.noise_floor(-1, 10)


def test_autocorrelation_peaks_at_the_cycle_and_checks_its_arguments():
    t = np.arange(400)
    acf = fc.autocorrelation(np.sin(2 * np.pi * t / 12), 30)
    assert acf.shape == (30,)
    assert int(np.argmax(acf[3:])) + 4 == 12                       # lag 12 is the cycle
    assert acf[5] < -0.9                                            # half a cycle: opposite
    np.testing.assert_allclose(acf[0], np.corrcoef(np.sin(2 * np.pi * t[:-1] / 12),
                                                   np.sin(2 * np.pi * t[1:] / 12))[0, 1])
    for bad in (dict(y=np.ones((3, 3)), max_lag=1), dict(y=np.arange(10.0), max_lag=9),
                dict(y=np.arange(10.0), max_lag=0)):
        with pytest.raises(ValueError):
            fc.autocorrelation(**bad)
