"""Checks for the exercises of notebooks 06 (language) and 07 (time series).

Each runs the learner's function on hidden cases with `exercises.check_function`, prints
"Correct: ..." or "Not yet: ..." in words, returns True or False and never raises.
"""

import numpy as np

from . import activations
from .exercises import check_function

# --- notebook 06 --------------------------------------------------------------------------


def _perplexity(loss):
    return np.exp(loss)


def check_perplexity(fn):
    """Notebook 06: fn(loss) -> perplexity = exp(loss), the loss a mean cross-entropy in nats."""
    cases = [(0.0,), (np.log(75.0),), (1.5,), (2.0794415416798357,), (3.2,)]
    return check_function(fn, cases, _perplexity, name="perplexity", arg_names=("loss",),
                          mistakes=[
        ("this is 2 ** loss: that is right for a loss in bits, but the course's losses use the "
         "natural log (nats), so perplexity = exp(loss).", lambda loss: 2.0 ** loss),
        ("this is 10 ** loss: the losses use the natural log, so perplexity = exp(loss).",
         lambda loss: 10.0 ** loss),
        ("this is exp(-loss), one over the perplexity: a larger loss must give a larger "
         "perplexity.", lambda loss: np.exp(-loss)),
        ("this returns the loss itself: perplexity undoes the log, exp(loss).",
         lambda loss: loss),
        ("this is log(loss): perplexity goes the other way, exp(loss).",
         lambda loss: np.log(loss) if loss > 0 else -np.inf),
    ])


def _temperature(p, temperature):
    with np.errstate(divide="ignore"):
        return activations.softmax(np.log(p) / temperature, axis=-1)


def _temperature_cases():
    rng = np.random.default_rng(6)
    cases = []
    for V, tau in ((5, 1.0), (5, 0.5), (8, 2.0), (4, 0.25), (6, 1.5)):
        p = rng.dirichlet(np.ones(V))
        cases.append((p, tau))
    return cases


def check_temperature(fn):
    """Notebook 06: fn(p, temperature) -> q with q_v proportional to p_v ** (1 / temperature)."""
    def no_normalise(p, t):
        return p ** (1 / t)

    def times_t(p, t):
        q = p ** t
        return q / q.sum()

    def divided(p, t):
        q = p / t
        return q / q.sum()

    def softmax_of_p(p, t):
        return activations.softmax(p / t)

    return check_function(fn, _temperature_cases(), _temperature, name="apply_temperature",
                          arg_names=("p", "temperature"), mistakes=[
        ("the result does not sum to 1: after p ** (1 / τ), divide by the sum.", no_normalise),
        ("the power is τ, not 1/τ: then τ < 1 would flatten the distribution instead of "
         "sharpening it. Use p ** (1 / τ).", times_t),
        ("dividing p by τ and normalising gives p back unchanged: the temperature divides the "
         "log-probabilities, log(p) / τ, i.e. p ** (1 / τ).", divided),
        ("this is softmax(p / τ), a softmax of the probabilities themselves: it needs the "
         "log-probabilities, softmax(log(p) / τ).", softmax_of_p),
    ])


# --- notebook 07 --------------------------------------------------------------------------


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


__all__ = ["check_perplexity", "check_seasonal_naive", "check_skill", "check_temperature"]
