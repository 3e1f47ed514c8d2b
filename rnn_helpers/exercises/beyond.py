"""Checks for the exercises of notebook 09, in the style of `exercises`: each runs the
learner's function on hidden cases, prints "Correct: ..." or "Not yet: ..." with what is wrong
in words, returns True or False and never raises.

    Exercise 1  check_bidirectional_shape   predict a Bidirectional layer's output shape
                buggy_merge                 a colleague's merge, right on one (T, H) only
                check_merge_bidirectional   the merge, fixed
    Exercise 2  check_dot_attention         dot-product attention: scores, weights, context
    Exercise 3  check_repeat_step           k identical steps of h -> a*h + b as one step
"""

import numpy as np

from ..core import activations
from .checking import check_function

# --- exercise 1: two directions ----------------------------------------------------------------


def _bi_shape(B, T, D, H, merge_mode, return_sequences):
    width = 2 * H if merge_mode == "concat" else H
    return (B, T, width) if return_sequences else (B, width)


_SHAPE_CASES = [(8, 12, 3, 5, "concat", True), (8, 12, 3, 5, "sum", True),
                (8, 12, 3, 5, "concat", False), (2, 7, 4, 6, "sum", False),
                (1, 5, 2, 3, "ave", True), (4, 9, 6, 2, "mul", False), (3, 4, 1, 7, "concat", True)]


def _with_width(width):
    """A wrong shape rule that keeps the time axis right but computes the width by `width`."""
    def shape(B, T, D, H, merge_mode, return_sequences):
        w = width(D, H, merge_mode)
        return (B, T, w) if return_sequences else (B, w)
    return shape


def check_bidirectional_shape(fn):
    """fn(B, T, D, H, merge_mode, return_sequences) -> the output shape of
    Bidirectional(SimpleRNN(H, return_sequences=return_sequences), merge_mode=merge_mode)
    on x (B, T, D), as a tuple. merge_mode is "concat", "sum", "ave" or "mul"."""
    return check_function(fn, _SHAPE_CASES, _bi_shape, name="bidirectional_shape", numeric=False,
                          arg_names=("B", "T", "D", "H", "merge_mode", "return_sequences"),
                          mistakes=[
        ("with merge_mode='concat' h→_t and h←_t are put side by side: H + H = 2H numbers per "
         "step, not H.", _with_width(lambda D, H, m: H)),
        ("only 'concat' doubles the width: 'sum', 'ave' and 'mul' combine the two directions "
         "element by element, so each step keeps H numbers.", _with_width(lambda D, H, m: 2 * H)),
        ("without return_sequences each direction gives one vector per sequence (its last "
         "state), so the output has no time axis: (B, width).",
         lambda B, T, D, H, m, r: (B, T, 2 * H if m == "concat" else H)),
        ("the width comes from the H units of each direction, not from the D input features.",
         _with_width(lambda D, H, m: 2 * D if m == "concat" else D)),
        ("the time axis is doubled: the two directions run over the same T steps and are "
         "merged step by step, so T stays T.",
         lambda B, T, D, H, m, r: (B, 2 * T, H) if r else (B, 2 * H if m == "concat" else H)),
    ])


def buggy_merge(y_forward, y_backward_raw):
    """Keras' "concat" merge of a bidirectional layer, as a colleague wrote it.

    y_forward (B, T, H): h→_1 .. h→_T. y_backward_raw (B, T, H): what the backward layer
    returned while reading x_T .. x_1. Their test, on one sequence of shape (T, H), passes.
    """
    y_backward = y_backward_raw[::-1]                 # back in time order
    return np.concatenate([y_forward, y_backward], axis=-1)


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
        ("this is the colleague's bug: [::-1] reverses the first axis. On one sequence (T, H) "
         "that is time, which is why their test passed; on a batch (B, T, H) it is the batch. "
         "Reverse axis 1: y_backward_raw[:, ::-1].", buggy_merge),
        ("the backward outputs are still in reading order (x_T first): reverse them in time, "
         "along axis 1, so that step t holds h←_t, the state for x_t.",
         lambda f, b: np.concatenate([f, b], axis=-1)),
        ("the features of each step were reversed (the last axis), not the time steps: "
         "reverse axis 1.", lambda f, b: np.concatenate([f, b[..., ::-1]], axis=-1)),
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


# --- exercise 2: dot-product attention ---------------------------------------------------------

def _dot_attention(h, s, scale=True, axis=1):
    e = np.einsum("bth,bh->bt", h, s) / (np.sqrt(h.shape[-1]) if scale else 1.0)
    return np.einsum("bt,bth->bh", activations.softmax(e, axis=axis), h)


def check_dot_attention(fn):
    """fn(h, s) -> the context c (B, H) of scaled dot-product attention:
    e_t = h_t · s / sqrt(H), α = softmax(e) over t, c = Σ_t α_t h_t.

    h (B, T, H) the states, s (B, H) the query.
    """
    rng = np.random.default_rng(91)
    cases = [(rng.normal(size=(B, T, H)), rng.normal(0, 1.5, size=(B, H)))
             for B, T, H in ((3, 5, 4), (2, 7, 9), (1, 4, 2))]
    softmax = activations.softmax
    return check_function(fn, cases, _dot_attention, name="dot_attention",
                          arg_names=("h", "s"), mistakes=[
        ("the scores were not divided by sqrt(H): e_t = h_t · s / sqrt(H) keeps them from "
         "growing with the width H.", lambda h, s: _dot_attention(h, s, scale=False)),
        ("the softmax runs over the batch (axis 0): the weights of one sequence must add up "
         "to 1 over its time steps, softmax(e, axis=1).",
         lambda h, s: _dot_attention(h, s, axis=0)),
        ("the scores were used as weights without the softmax: α = softmax(e) makes them "
         "positive and add up to 1.",
         lambda h, s: np.einsum("bt,bth->bh", np.einsum("bth,bh->bt", h, s)
                                / np.sqrt(h.shape[-1]), h)),
        ("this is the plain mean of the states: every step got the same weight 1/T. Score "
         "each h_t against the query s first.", lambda h, s: h.mean(axis=1)),
        ("the query was the last state h_T, not s: here the query is given as s.",
         lambda h, s: _dot_attention(h, h[:, -1])),
        ("the weights came back instead of the context: multiply each h_t by α_t and add "
         "over t.", lambda h, s: softmax(np.einsum("bth,bh->bt", h, s) / np.sqrt(h.shape[-1]),
                                        axis=1)),
    ])


# --- exercise 3: k steps in one ----------------------------------------------------------------

def _repeat_step(a, b, k):
    return a ** k, b * (1 - a ** k) / (1 - a)


def check_repeat_step(fn):
    """fn(a, b, k) -> (A, Bc): the single step h -> A*h + Bc equal to k repetitions of
    h -> a*h + b (element by element), i.e. (a**k, b * (1 + a + ... + a**(k-1)))."""
    rng = np.random.default_rng(92)
    cases = [(rng.uniform(0.2, 0.95, size=(B, H)), rng.normal(size=(B, H)), k)
             for B, H, k in ((2, 3, 4), (1, 4, 1), (3, 2, 7), (2, 2, 2))]
    return check_function(fn, cases, _repeat_step, name="repeat_step",
                          arg_names=("a", "b", "k"), mistakes=[
        ("the offsets were added k times, b*k: but every b but the last goes through the "
         "later steps too, and each multiplies it by a. The offset is b*(1 + a + ... + a**(k-1)).",
         lambda a, b, k: (a ** k, k * b)),
        ("only the last step's b is kept: the earlier ones are shrunk by a, not wiped out. "
         "The offset is b*(1 + a + ... + a**(k-1)).", lambda a, b, k: (a ** k, b)),
        ("the factor is k*a: k steps multiply h by a, k times, so the factor is a**k.",
         lambda a, b, k: (k * a, b * (1 - a ** k) / (1 - a))),
        ("one step too many: with k = 1 the answer must be the step itself, (a, b).",
         lambda a, b, k: _repeat_step(a, b, k + 1)),
        ("one step too few: with k = 1 the answer must be the step itself, (a, b).",
         lambda a, b, k: _repeat_step(a, b, k - 1)),
        ("the offset is b*(1 + a + ... + a**k), one power too many: the last step adds b "
         "itself, unshrunk, and the first b is multiplied by the k - 1 steps after it.",
         lambda a, b, k: (a ** k, b * (1 - a ** (k + 1)) / (1 - a))),
    ])


__all__ = ["buggy_merge", "check_bidirectional_shape", "check_dot_attention",
           "check_merge_bidirectional", "check_repeat_step"]
