"""Checks for the exercises of notebook 07 (time series)."""

import numpy as np

from .checking import check_function


def _seasonal(X, period):
    return X[:, X.shape[1] - period, :]


def _windows_cases():
    rng = np.random.default_rng(7)
    cases = []
    for N, T, period in ((4, 6, 3), (3, 8, 8), (5, 10, 4), (2, 5, 1)):
        cases.append((rng.normal(size=(N, T, 1)).round(3), period))
    return cases


def check_seasonal_naive(fn):
    """Notebook 07: fn(X, period) -> X[:, T - period, :], the value one period before the
    target (the target follows X's last step), shape (N, 1)."""
    return check_function(fn, _windows_cases(), _seasonal, name="seasonal_naive",
                          arg_names=("X", "period"), mistakes=[
        ("this is the last value of each window, the plain naive forecast: go back one whole "
         "period from the target, X[:, T - period].", lambda X, p: X[:, -1, :]),
        ("off by one step: the target is the step after X's last, so one period before it is "
         "X[:, T - period], not X[:, T - period - 1].",
         lambda X, p: X[:, X.shape[1] - p - 1, :]),
        ("off by one step: the target is the step after X's last, so one period before it is "
         "X[:, T - period], not X[:, T - period + 1].",
         lambda X, p: X[:, min(X.shape[1] - p + 1, X.shape[1] - 1), :]),
        ("the shape should be (N, 1), like the model's output: keep the feature axis, "
         "X[:, T - period, :].", lambda X, p: X[:, X.shape[1] - p, 0]),
    ])


def _skill(y_true, y_model, y_naive):
    return 1 - np.mean(np.abs(y_model - y_true)) / np.mean(np.abs(y_naive - y_true))


def check_skill(fn):
    """Notebook 07: fn(y_true, y_model, y_naive) -> 1 - MAE(model) / MAE(naive)."""
    rng = np.random.default_rng(8)
    cases = []
    for n, model_noise in ((20, 0.5), (30, 1.0), (10, 2.0), (40, 0.1)):
        y = rng.normal(size=(n, 1))
        cases.append((y, y + model_noise * rng.normal(size=(n, 1)), y + rng.normal(size=(n, 1))))

    def mse_based(y, m, nv):
        return 1 - np.mean((m - y) ** 2) / np.mean((nv - y) ** 2)

    return check_function(fn, cases, _skill, name="skill",
                          arg_names=("y_true", "y_model", "y_naive"), mistakes=[
        ("this is the ratio MAE(model) / MAE(naive) itself; the skill is 1 minus it, so that 0 "
         "means 'as good as naive' and > 0 means better.",
         lambda y, m, nv: np.mean(np.abs(m - y)) / np.mean(np.abs(nv - y))),
        ("the ratio is upside down: MAE(model) goes on top, MAE(naive) below.",
         lambda y, m, nv: 1 - np.mean(np.abs(nv - y)) / np.mean(np.abs(m - y))),
        ("this uses squared errors; the exercise asks for absolute errors, np.abs(...).",
         mse_based),
        ("the errors need absolute values: without np.abs, positive and negative errors "
         "cancel.", lambda y, m, nv: 1 - np.mean(m - y) / np.mean(nv - y)),
    ])
