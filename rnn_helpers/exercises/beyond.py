"""Checks for the exercises of notebook 09, in the style of `exercises`: each runs the
learner's function on hidden cases, prints "Correct: ..." or "Not yet: ..." with what is wrong
in words, returns True or False and never raises."""

import numpy as np

from ..core import activations
from .checking import check_function


def _merge(y_forward, y_backward_raw):
    return np.concatenate([y_forward, y_backward_raw[:, ::-1]], axis=-1)


def check_merge_bidirectional(fn):
    """fn(y_forward, y_backward_raw) -> the Bidirectional output (B, T, 2H), "concat" mode.

    y_forward (B, T, H): the forward layer's h→_1 .. h→_T. y_backward_raw (B, T, H): what the
    backward layer returned when it read x_T .. x_1, so its step 0 belongs to x_T.
    """
    rng = np.random.default_rng(90)
    cases = [(rng.normal(size=(B, T, H)), rng.normal(size=(B, T, H)))
             for B, T, H in ((2, 5, 3), (1, 4, 2), (3, 6, 4))]
    return check_function(fn, cases, _merge, name="merge_bidirectional",
                          arg_names=("y_forward", "y_backward_raw"), mistakes=[
        ("the backward outputs are still in reading order (x_T first): reverse them in time, "
         "y_backward_raw[:, ::-1], so that step t holds h←_t, the state for x_t.",
         lambda f, b: np.concatenate([f, b], axis=-1)),
        ("the two directions are swapped: Keras puts the forward layer's output first.",
         lambda f, b: np.concatenate([b[:, ::-1], f], axis=-1)),
        ("the outputs were joined along time (axis 1), giving (B, 2T, H): join them along "
         "the features, axis=-1, for (B, T, 2H).",
         lambda f, b: np.concatenate([f, b[:, ::-1]], axis=1)),
        ("the outputs were added: that is merge_mode='sum'; 'concat' puts them side by side.",
         lambda f, b: f + b[:, ::-1]),
        ("both halves were reversed: only the backward layer read the sequence reversed.",
         lambda f, b: np.concatenate([f, b], axis=-1)[:, ::-1]),
    ])


def _context(e, h):
    return np.einsum("bt,bth->bh", activations.softmax(e, axis=1), h)


def check_attention_context(fn):
    """fn(e, h) -> the context c = Σ_t α_t h_t with α = softmax(e) over time, shape (B, H).

    e (B, T) the scores, h (B, T, H) the states.
    """
    rng = np.random.default_rng(91)
    cases = [(rng.normal(0, 2, size=(B, T)), rng.normal(size=(B, T, H)))
             for B, T, H in ((3, 5, 4), (2, 7, 3), (1, 4, 2))]
    return check_function(fn, cases, _context, name="attention_context",
                          arg_names=("e", "h"), mistakes=[
        ("the softmax runs over the batch (axis 0): the weights of one sequence must add up "
         "to 1 over its time steps, softmax(e, axis=1).",
         lambda e, h: np.einsum("bt,bth->bh", activations.softmax(e, axis=0), h)),
        ("the scores were used as weights without the softmax: α = softmax(e) makes them "
         "positive and add up to 1.", lambda e, h: np.einsum("bt,bth->bh", e, h)),
        ("this is the plain mean of the states: every step got the same weight 1/T. Weigh "
         "h_t by α_t = softmax(e)_t.", lambda e, h: h.mean(axis=1)),
        ("the weights came back instead of the context: multiply each h_t by α_t and add "
         "over t.", lambda e, h: activations.softmax(e, axis=1)),
        ("exp(e) was not divided by its sum: the weights must add up to 1.",
         lambda e, h: np.einsum("bt,bth->bh", np.exp(e), h)),
    ])


def _combine(a1, b1, a2, b2):
    return a1 * a2, a2 * b1 + b2


def check_combine(fn):
    """fn(a1, b1, a2, b2) -> (a, b): the single step equal to "first h -> a1*h + b1, then
    h -> a2*h + b2", i.e. (a1 * a2, a2 * b1 + b2)."""
    rng = np.random.default_rng(92)
    cases = [tuple(rng.uniform(0.1, 1.0, size=(B, H)) if k % 2 == 0 else
                   rng.normal(size=(B, H)) for k in range(4)) for B, H in ((2, 3), (1, 4))]
    return check_function(fn, cases, _combine, name="combine",
                          arg_names=("a1", "b1", "a2", "b2"), mistakes=[
        ("the order is swapped: that is 'first step 2, then step 1'. Apply step 2 to the "
         "result of step 1: a2 * (a1*h + b1) + b2.",
         lambda a1, b1, a2, b2: (a1 * a2, a1 * b2 + b1)),
        ("the offsets were just added: b1 passes through step 2 too, so it is multiplied by "
         "a2. Expand a2 * (a1*h + b1) + b2.",
         lambda a1, b1, a2, b2: (a1 * a2, b1 + b2)),
        ("the factors were added: two steps multiply h by a1 and then by a2.",
         lambda a1, b1, a2, b2: (a1 + a2, a2 * b1 + b2)),
    ])


__all__ = ["check_attention_context", "check_combine", "check_merge_bidirectional"]
