"""Checks for the exercises of notebooks 06 (language) and 07 (time series).

Each runs the learner's function on hidden cases with `exercises.check_function`, prints
"Correct: ..." or "Not yet: ..." in words, returns True or False and never raises.
"""

import numpy as np

from ..core import activations
from .checking import check_function

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
