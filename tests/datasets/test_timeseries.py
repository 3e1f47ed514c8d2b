"""Tests for rnn_helpers.datasets.timeseries: generated series, windows, baselines, errors."""

import numpy as np
import pytest

from rnn_helpers.datasets import timeseries as ts
from tests.conftest import raises_with


def test_periodic_series_is_seeded_and_periodic():
    a = ts.periodic_series(100, period=10, noise=0.0, seed=0)
    np.testing.assert_allclose(a[:90], a[10:], atol=1e-12)
    t = np.arange(3)
    np.testing.assert_allclose(a[:3], np.sin(2 * np.pi * t / 10)
                               + 0.5 * np.sin(4 * np.pi * t / 10 + 1.0))
    b = ts.periodic_series(100, period=10, noise=0.1, seed=0)
    np.testing.assert_array_equal(b, ts.periodic_series(100, period=10, noise=0.1, seed=0))
    assert 0.07 < np.std(b - a) < 0.13


def test_random_walk_and_returns():
    p = ts.random_walk(500, start=100.0, volatility=0.01, seed=1)
    assert p[0] == 100.0 and np.all(p > 0)
    r = ts.log_returns(p)
    assert r.shape == (499,) and 0.008 < r.std() < 0.012
    assert abs(np.corrcoef(r[:-1], r[1:])[0, 1]) < 0.12          # no memory in the changes
    m = ts.log_returns(ts.random_walk(2000, momentum=0.5, seed=1))
    assert 0.4 < np.corrcoef(m[:-1], m[1:])[0, 1] < 0.6           # momentum: a rise follows a rise
    np.testing.assert_array_equal(p, ts.random_walk(500, seed=1))


def test_windows_and_naive_rules():
    y = np.arange(10.0)
    X, target = ts.make_windows(y, T=4)
    assert X.shape == (6, 4, 1) and target.shape == (6, 1)
    np.testing.assert_array_equal(X[2, :, 0], [2, 3, 4, 5])
    assert target[2, 0] == 6
    X3, t3 = ts.make_windows(y, T=4, horizon=3)
    assert X3.shape == (4, 4, 1) and t3[0, 0] == 6
    np.testing.assert_array_equal(ts.naive_forecast(X)[:, 0], y[3:9])
    np.testing.assert_array_equal(ts.seasonal_naive_forecast(X, 4)[:, 0], y[0:6])
    np.testing.assert_array_equal(ts.seasonal_naive_forecast(X, 2)[:, 0], y[2:8])


def test_seasonal_naive_is_exact_on_a_noise_free_cycle():
    y = ts.periodic_series(200, period=12, noise=0.0)
    X, target = ts.make_windows(y, T=24)
    assert ts.mae(target, ts.seasonal_naive_forecast(X, 12)) < 1e-12
    assert ts.mae(target, ts.naive_forecast(X)) > 0.1


def test_errors():
    assert ts.mae([1, 2, 3], [2, 2, 5]) == pytest.approx(1.0)
    assert ts.rmse([1, 2, 3], [2, 2, 5]) == pytest.approx(np.sqrt(5 / 3))
    assert ts.mae(np.ones((3, 1)), np.zeros(3)) == 1.0


def test_recursive_forecast_feeds_predictions_back():
    def mean_of_window(X):              # a "model": the next value is the window's mean
        return X.mean(axis=1)

    out = ts.recursive_forecast(mean_of_window, np.array([1.0, 2.0, 3.0]), 3)
    expected = []
    window = [1.0, 2.0, 3.0]
    for _ in range(3):
        expected.append(np.mean(window))
        window = window[1:] + [expected[-1]]
    np.testing.assert_allclose(out, expected)
    batch = ts.recursive_forecast(mean_of_window, np.array([[1.0, 2.0, 3.0], [0, 0, 3.0]]), 2)
    assert batch.shape == (2, 2)
    np.testing.assert_allclose(batch[0], expected[:2])


def test_repeat_forecasts_and_multi_step():
    hist = np.array([1.0, 2.0, 3.0, 4.0])
    rep = ts.repeat_forecasts(hist, 5, period=2)
    np.testing.assert_array_equal(rep["naive"], [4] * 5)
    np.testing.assert_array_equal(rep["seasonal naive"], [3, 4, 3, 4, 3])
    y = ts.periodic_series(100, period=5, noise=0.0)

    def perfect(X):                     # exact for a period-5 noise-free series
        return X[:, -5, :]

    out = ts.multi_step(perfect, y, [20, 30], steps=7, T=10, period=5)
    assert out["truth"].shape == out["RNN"].shape == (2, 7)
    np.testing.assert_allclose(out["RNN"], out["truth"], atol=1e-12)
    np.testing.assert_allclose(out["mae"]["seasonal naive"], 0, atol=1e-12)
    assert out["mae"]["naive"].shape == (7,)


def test_standardize_uses_the_training_part_only():
    y = np.array([1.0, 3.0, 100.0])
    z, mean, std = ts.standardize(y, 2)
    assert (mean, std) == (2.0, 1.0)
    np.testing.assert_allclose(z, [-1, 1, 98])


@pytest.mark.parametrize("call, words", [
    (lambda: ts.periodic_series(0), "n: expected a positive integer"),
    (lambda: ts.periodic_series(10, noise=-1), "noise: expected a finite number >= 0"),
    (lambda: ts.periodic_series(10, seed=-1), "seed: expected a non-negative integer"),
    (lambda: ts.random_walk(10, start=0), "start: expected a finite number > 0"),
    (lambda: ts.random_walk(10, momentum=1.0), "momentum: expected a number in (-1, 1)"),
    (lambda: ts.log_returns([1.0, -1.0]), "prices: expected positive prices"),
    (lambda: ts.make_windows(np.arange(4.0), T=4), "series: expected at least T + horizon = 5"),
    (lambda: ts.make_windows(np.ones((3, 2)), T=1), "series: expected a 1-D array (L,)"),
    (lambda: ts.naive_forecast(np.ones((2, 3, 2))), "X: expected one feature per step"),
    (lambda: ts.seasonal_naive_forecast(np.ones((2, 3, 1)), 4), "period: expected at most"),
    (lambda: ts.mae([1, 2], [1, 2, 3]), "y_pred: expected the shape of y_true"),
    (lambda: ts.standardize(np.ones(5), 3), "series: expected a training part that varies"),
    (lambda: ts.multi_step(lambda X: X[:, -1], np.ones(10), [2], 3, T=4, period=2),
     "origins: expected time steps in [T, L - steps]"),
])
def test_bad_input(call, words):
    raises_with(call, words)


def test_recursive_forecast_needs_a_function():
    with pytest.raises(TypeError, match="predict: expected a function or a model"):
        ts.recursive_forecast(3, np.ones(4), 2)


def test_return_windows_line_up_with_the_prices():
    p = ts.random_walk(60, seed=2)
    d = ts.return_windows(p, T=5, n_train=40)
    r = np.log(p[1:] / p[:-1])
    assert d["X_train"].shape == (34, 5, 1) and len(d["X_test"]) == len(d["today"]) == 20
    # the last training target is the change p[38] -> p[39]: only the first 40 prices are used
    assert d["y_train"][-1, 0] * d["std"] + d["mean"] == pytest.approx(r[38])
    first = d["X_test"][0, :, 0] * d["std"] + d["mean"]
    np.testing.assert_allclose(first, r[34:39])
    assert d["y_test"][0, 0] * d["std"] + d["mean"] == pytest.approx(r[39])
    assert d["today"][0] == p[39] and d["tomorrow"][0] == p[40]


def test_price_errors():
    today = np.array([100.0, 100.0])
    tomorrow = np.array([101.0, 99.0])
    perfect = np.log(tomorrow / today)
    e = ts.price_errors(today, tomorrow, perfect)
    assert e["MAE model"] == pytest.approx(0) and e["MAE naive"] == 1.0
    assert e["skill"] == pytest.approx(1.0) and e["direction"] == 1.0
    e = ts.price_errors(today, tomorrow, np.zeros(2))
    assert e["skill"] == 0.0 and e["direction"] == 0.0
