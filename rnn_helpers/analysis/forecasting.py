"""A forecasting baseline that learns, and the error no forecast can beat (notebook 07).

    coef = fit_linear_ar(X_train, y_train)            # least squares on the RNN's own windows
    linear_ar_forecast(coef, X_test)                  # (N, 1), beside naive and seasonal naive
    horizon_errors(predict, series, origins, 48, T)   # a forecaster fed its own guesses
    noise_floor(sigma, n)                             # a perfect forecast's MAE: mean, spread
    autocorrelation(y, max_lag)                       # corr(y_t, y_(t+k)), k = 1 .. max_lag

The linear autoregression (线性自回归) is the model forecasters try first: the next value as a
weighted sum of the last T values, weights found by least squares in one step. A network that
does not beat it has not earned its training, however well it beats "tomorrow = today".
"""

import numpy as np

from .._validate import check_array, check_number, check_positive_int, fail
from ..datasets import timeseries


def _check_windows(X):
    X = check_array("X", X, ndim=3, layout="(N, T, 1)")
    if X.shape[2] != 1:
        fail("X", "one feature per step (N, T, 1)", f"shape {X.shape}")
    return X


def fit_linear_ar(X, y):
    """A linear autoregression of order T, fitted by least squares.

        y_hat[n] = X[n, 0, 0] w_0 + ... + X[n, T-1, 0] w_{T-1} + c
        (w, c) = argmin sum_n (y_hat[n] - y[n])**2        (np.linalg.lstsq)

    X (N, T, 1) windows, y (N, 1) their next values, N >= T + 1 -> coef (T + 1,) = [w, c].
    """
    X = _check_windows(X)
    y = check_array("y", y, ndim=(1, 2), layout="(N, 1)").reshape(-1)
    N, T, _ = X.shape
    if len(y) != N:
        fail("y", f"one target per window: {N} values", f"{len(y)} values")
    if N < T + 1:
        fail("X", f"at least T + 1 = {T + 1} windows to fit T + 1 numbers", f"{N} windows")
    design = np.concatenate([X[:, :, 0], np.ones((N, 1))], axis=1)      # (N, T + 1)
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    return coef


def linear_ar_forecast(coef, X):
    """The fitted autoregression's forecasts: y_hat[n] = X[n, :, 0] @ w + c.

    coef (T + 1,) from `fit_linear_ar`, X (N, T, 1) -> y_hat (N, 1). It has the signature of
    `model.predict` once `coef` is given, so `recursive_forecast` can feed it its own guesses.
    """
    coef = check_array("coef", coef, ndim=1, layout="(T + 1,)")
    X = _check_windows(X)
    if len(coef) != X.shape[1] + 1:
        fail("coef", f"T + 1 = {X.shape[1] + 1} numbers for windows of T = {X.shape[1]} steps",
             f"{len(coef)} numbers")
    return (X[:, :, 0] @ coef[:-1] + coef[-1])[:, None]


def horizon_errors(predict, series, origins, steps, T):
    """Mean absolute error k = 1 .. `steps` ahead of a recursive forecast, over the origins.

        for each origin o: known series[o - T : o], forecast `steps` values by feeding each
        guess back in (`timeseries.recursive_forecast`), compare with series[o : o + steps]

    predict : a model or a function (B, T, 1) -> (B, 1); origins: integer time steps
    -> (steps,) the error at each horizon, averaged over the origins.
    """
    series = check_array("series", series, ndim=1, layout="(L,)")
    T, steps = check_positive_int("T", T), check_positive_int("steps", steps)
    origins = timeseries.check_origins(origins, T, steps, len(series))
    history = series[origins[:, None] - T + np.arange(T)]                # (n, T)
    truth = series[origins[:, None] + np.arange(steps)]                  # (n, steps)
    guesses = timeseries.recursive_forecast(predict, history, steps)     # (n, steps)
    return np.mean(np.abs(guesses - truth), axis=0)


def noise_floor(sigma, n):
    """What a perfect forecast's mean absolute error is when the noise is N(0, sigma**2).

        expected = E|sigma e| = sigma sqrt(2 / pi)
        spread   = the standard deviation of the mean of n such values
                 = sigma sqrt(1 - 2 / pi) / sqrt(n)

    An expected value, not a bound: on one test slice of n values the perfect forecast's MAE
    lands within a few `spread` of it, above or below. -> (expected, spread)
    """
    sigma = check_number("sigma", sigma, low=0)
    n = check_positive_int("n", n)
    return sigma * np.sqrt(2 / np.pi), sigma * np.sqrt(1 - 2 / np.pi) / np.sqrt(n)


__all__ = ["fit_linear_ar", "horizon_errors", "linear_ar_forecast", "noise_floor"]


def autocorrelation(y, max_lag):
    """rho_k = corr(y_t, y_(t+k)) for k = 1 .. max_lag, an array of max_lag values: how much a
    value says about the one k steps later. A series with a cycle of P steps peaks at k = P."""
    y = check_array("y", y, ndim=1, layout="(L,)")
    max_lag = check_positive_int("max_lag", max_lag)
    if max_lag > len(y) - 2:
        fail("max_lag", f"at most len(y) - 2 = {len(y) - 2}", max_lag)
    return np.array([np.corrcoef(y[:-k], y[k:])[0, 1] for k in range(1, max_lag + 1)])

