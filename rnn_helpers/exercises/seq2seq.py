"""Checks for the exercises of notebook 11 (sequence to sequence with attention), in the style
of `exercises`: each prints "Correct: ..." or "Not yet: ..." with what is wrong in words,
returns True or False and never raises."""

import numpy as np

from .checking import check_function, check_value, checker, say


@checker
def check_alignment_shape(answer, B, T, S, H=32):
    """answer: the shape of the attention weights `greedy_decode` returns for B sources of S
    columns translated into T characters: (B, T, S), one weight per (output step, source
    column), for every source."""
    expected = (int(B), int(T), int(S))
    if isinstance(answer, np.ndarray):
        return say(False, "write the shape itself, a tuple such as (2, 3): an array's .shape is "
                          "one. Predict it before you run anything.")
    return check_value(answer, expected, name="the shape of α", mistakes=[
        ((B, S, T), "the two last axes are swapped: each output step t has one weight per source "
                    "column, so a row of α is one step of the decoder: (B, T, S)."),
        ((T, S), "that is one source's map: greedy_decode translates the whole batch, B first."),
        ((B, S), "that is one decoder step: the decoder asks its question again at each of the "
                 f"T = {T} output steps."),
        ((B, T), "one number per output step is the context's weight on... which column? α has "
                 "a weight for every source column: (B, T, S)."),
        ((B, T, H), f"H = {H} is the size of the context c (a weighted sum of states); the "
                    "weights α are over the source columns, S of them."),
        ((B, S, H), "that is the encoder's states h: the weights are one per source column and "
                    "output step."),
    ], hint="α has one weight per source column, for every output step, for every source.")


def _beam_step(scores, log_probs, K):
    total = (scores[:, None] + log_probs).ravel()
    best = np.argsort(-total, kind="stable")[:K]
    V = log_probs.shape[1]
    return best // V, best % V, total[best]


def _cases():
    rng = np.random.default_rng(110)
    cases = []
    for K_prev, V, K in ((3, 5, 3), (2, 6, 2), (1, 7, 1), (4, 4, 3)):
        scores = np.sort(rng.normal(-2.0, 1.5, K_prev))[::-1].copy()
        logits = rng.normal(0.0, 2.0, (K_prev, V))
        log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        cases.append((scores, log_probs, K))
    return cases


def _only_new(scores, log_probs, K):
    flat = log_probs.ravel()
    best = np.argsort(-flat, kind="stable")[:K]
    V = log_probs.shape[1]
    return best // V, best % V, scores[best // V] + flat[best]


def _per_prefix(scores, log_probs, K):
    chars = log_probs.argmax(axis=1)
    total = scores + log_probs[np.arange(len(scores)), chars]
    order = np.argsort(-total, kind="stable")[:K]
    return order, chars[order], total[order]


def _worst(scores, log_probs, K):
    total = (scores[:, None] + log_probs).ravel()
    best = np.argsort(total, kind="stable")[:K]
    V = log_probs.shape[1]
    return best // V, best % V, total[best]


def _product(scores, log_probs, K):
    total = (scores[:, None] * log_probs).ravel()
    best = np.argsort(-total, kind="stable")[:K]
    V = log_probs.shape[1]
    return best // V, best % V, total[best]


def _swapped(scores, log_probs, K):
    total = (scores[:, None] + log_probs).ravel()
    best = np.argsort(-total, kind="stable")[:K]
    V = log_probs.shape[1]
    return best % V, best // V, total[best]


def _by_prev(scores, log_probs, K):
    total = (scores[:, None] + log_probs).ravel()
    best = np.argsort(-total, kind="stable")[:K]
    K_prev = log_probs.shape[0]
    return best // K_prev, best % K_prev, total[best]


def check_beam_step(fn):
    """fn(scores, log_probs, K) -> (parents, chars, new_scores), each (K,), best first.

    scores (K_prev,): the log-probability of each live prefix; log_probs (K_prev, V): the
    log-probability of every next character after each prefix. Keep the K best extensions
    over all prefixes and characters together: a new score is the prefix's score plus the
    character's log-probability.
    """
    return check_function(fn, _cases(), _beam_step, name="beam_step",
                          arg_names=("scores", "log_probs", "K"), mistakes=[
        ("the extensions were ranked by the new character's log-probability alone: a prefix's "
         "own score counts too. Rank by scores[k] + log_probs[k, c] (a sum of logs is the log "
         "of the product of probabilities).", _only_new),
        ("each prefix kept only its own best character: that is greedy inside every beam. The K "
         "best may include two extensions of the same prefix, and none of another.",
         _per_prefix),
        ("these are the K worst extensions: sort the totals from the largest down, e.g. "
         "np.argsort(-total).", _worst),
        ("the scores were multiplied by the log-probabilities: log-probabilities add (the "
         "probabilities multiply).", _product),
        ("parents and characters are swapped: in the flattened (K_prev, V) table, entry i is "
         "prefix i // V and character i % V.", _swapped),
        ("the flat index was split with K_prev instead of V: entry i of the flattened "
         "(K_prev, V) table is prefix i // V, character i % V.", _by_prev),
    ])


__all__ = ["check_alignment_shape", "check_beam_step"]
