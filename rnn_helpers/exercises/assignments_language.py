"""Checkers for assignment A3, a character language model (assignments/source/A3_char_lm).

    check_encoding(build_vocab, encode, decode)          Part 1
    check_count_ngrams(count_ngrams)                     Part 2
    check_ngram_perplexity(ngram_perplexity)             Part 3
    check_softmax_cross_entropy(softmax_cross_entropy)   Part 4
    check_stream_batches(stream_batches)                 Part 5
    check_training_loop(train_char_model, softmax_cross_entropy)   Part 6
    check_perplexity_target(model, train_ids, held_ids, V)         Part 7
    check_temperature_probs, check_generate                        Part 8

Parts 4-6 and the model (CharRNN, its perplexity) live in assignments_language_model.py, Part 8
in assignments_language_sampling.py; the notebook imports this module as `checks`.
"""

import hashlib
from collections import Counter, defaultdict

import numpy as np

from .assignments_common import AnswerError, attempt, points, run_cases
from .assignments_language_model import (
    CharRNN,
    check_softmax_cross_entropy,
    check_stream_batches,
    check_training_loop,
    perplexity,
    ready_to_train,
)
from .assignments_language_sampling import check_generate, check_temperature_probs
from .checking import check_function, checker, say

__all__ = [
    "ALPHA", "CharRNN", "attempt", "best_ngram", "check_beats_ngrams", "check_count_ngrams",
    "check_encoding", "check_generate", "check_ngram_perplexity", "check_perplexity_target",
    "check_softmax_cross_entropy", "check_stream_batches", "check_temperature_probs",
    "check_training_loop", "perplexity", "points", "ready_to_train",
]

ALPHA = 0.03
"""The n-grams' smoothing: every count gets ALPHA added (chosen on the training text)."""


# --- Part 1: characters as numbers -----------------------------------------------------------

@checker
def check_encoding(build_vocab, encode, decode):
    """Part 1: build_vocab(text) -> sorted distinct characters; encode(text, chars) -> int
    array; decode(ids, chars) -> text; decode(encode(t)) == t."""
    text = "Anne Elliot, of Kellynch Hall.\nAnne!"
    try:
        chars = run_cases(build_vocab, [(text,)], "build_vocab")[0]
        if chars is None or isinstance(chars, str) or len(chars) != len(set(text)):
            raise AnswerError(f"build_vocab should return a list of the {len(set(text))} "
                              f"distinct characters, got {chars!r:.80}.")
        ids = run_cases(encode, [(text, list(chars))], "encode")[0]
        back = run_cases(decode, [(ids, list(chars))], "decode")[0]
    except AnswerError as stop:
        return say(False, str(stop))
    if list(chars) != sorted(set(text)):
        return say(False, "the characters are not in sorted order: sorted(set(text)) gives "
                          "every run (and the teacher's model) the same ids.")
    ids = np.asarray(ids)
    want = np.array([sorted(set(text)).index(c) for c in text])
    if ids.shape != want.shape or not np.issubdtype(ids.dtype, np.integer):
        return say(False, f"encode should return an integer array of {len(text)} ids, one per "
                          f"character, got {ids.dtype} of shape {ids.shape}.")
    if np.array_equal(ids, want + 1):
        return say(False, "the ids start at 1: character chars[i] has id i, from 0 to V - 1.")
    if not np.array_equal(ids, want):
        return say(False, "encode gives other ids: the id of a character is its index in chars.")
    if back != text:
        hint = " (joined with spaces? use \"\".join)" if back == " ".join(text) else ""
        return say(False, f"decode(encode(text)) is not the text{hint}.")
    return say(True, "build_vocab, encode and decode agree: decode(encode(text)) == text.")


# --- Parts 2 and 3: counting n-grams ---------------------------------------------------------

def reference_counts(ids, n, skip=0, drop_last=False, reverse=False):
    """{context (tuple of n-1 ids): Counter(next id)}: the right counts, or a usual mistake."""
    ids, width = [int(i) for i in ids], n - 1
    counts = defaultdict(Counter)
    for t in range(width + skip, len(ids) - (1 if drop_last else 0)):
        context = tuple(ids[t - width - skip:t - skip])
        counts[context[::-1] if reverse else context][ids[t]] += 1
    return counts


def _plain(counts):
    """The learner's counts as {tuple of ints: {int: int}}, or AnswerError."""
    if not isinstance(counts, dict):
        raise AnswerError(f"count_ngrams should return a dict {{context: counts}}, got "
                          f"{type(counts).__name__}.")
    out = {}
    for context, row in counts.items():
        if not isinstance(context, tuple) or not isinstance(row, dict):
            raise AnswerError("each key should be a tuple of n - 1 ids and each value a dict "
                              f"(or Counter) of next id -> count; found {context!r:.40}: "
                              f"{type(row).__name__}.")
        plain = {int(k): int(v) for k, v in row.items() if v}
        if plain:
            out[tuple(int(i) for i in context)] = plain
    return out


_COUNT_MISTAKES = [
    ("an off-by-one: the last n-gram is not counted (the loop stops one position early).",
     lambda ids, n: reference_counts(ids, n, drop_last=True)),
    ("the context is n characters, not n - 1: an n-gram is the n - 1 characters before a "
     "character, and the character itself.", lambda ids, n: reference_counts(ids, n + 1)),
    ("the context and the next character are not neighbours (one character is skipped "
     "between them): the context of ids[t] is ids[t - n + 1 : t].",
     lambda ids, n: reference_counts(ids, n, skip=1)),
    ("the context is reversed: keep the characters in the order they were read.",
     lambda ids, n: reference_counts(ids, n, reverse=True)),
]


@checker
def check_count_ngrams(fn):
    """Part 2: fn(ids, n) -> {tuple(ids[t-n+1:t]): {ids[t]: count}} over t = n-1 .. L-1."""
    rng = np.random.default_rng(26)
    cases = [(rng.integers(0, 4, 30), 2), (rng.integers(0, 3, 25), 3),
             (rng.integers(0, 5, 12), 1), (np.array([0, 1, 0, 1, 0, 2]), 4)]
    try:
        got = [_plain(c) for c in run_cases(fn, cases, "count_ngrams")]
    except AnswerError as stop:
        return say(False, str(stop))
    want = [_plain(reference_counts(*c)) for c in cases]
    if got == want:
        return say(True, f"count_ngrams agrees with the reference on {len(cases)} hidden cases "
                         "(n = 1 to 4).")
    for description, wrong in _COUNT_MISTAKES:
        if got == [_plain(wrong(*c)) for c in cases]:
            return say(False, description)
    return say(False, "the counts differ from the reference: for t = n-1 .. L-1, add 1 to "
                      "counts[tuple(ids[t-n+1:t])][ids[t]].")


def reference_perplexity(counts, ids, n, V, alpha=ALPHA, no_alpha_v=False, wrong_axis=False):
    """exp(mean over t = n-1 .. L-1 of -log p(ids[t] | context)), add-alpha smoothing:
    p(v | context) = (count(context, v) + alpha) / (count(context) + alpha * V)."""
    totals = {c: sum(row.values()) for c, row in counts.items()}
    by_next = Counter()
    for row in counts.values():
        by_next.update(row)
    ids = [int(i) for i in ids]
    logs = []
    for t in range(n - 1, len(ids)):
        context, v = tuple(ids[t - n + 1:t]), ids[t]
        count = counts.get(context, {}).get(v, 0)
        total = by_next[v] if wrong_axis else totals.get(context, 0)
        logs.append(np.log((count + alpha) / (total + (alpha if no_alpha_v else alpha * V))))
    return float(np.exp(-np.mean(logs)))


_PERPLEXITY_MISTAKES = [
    ("the denominator misses alpha * V: every one of the V characters got alpha added, so "
     "count(context) + alpha * V makes the probabilities sum to 1.", {"no_alpha_v": True}),
    ("the counts are normalised over the wrong axis: p(v | context) divides by the count of "
     "the CONTEXT (all its next characters), not by how often v follows anything.",
     {"wrong_axis": True}),
]


@checker
def check_ngram_perplexity(fn):
    """Part 3: fn(counts, ids, n, V, alpha) -> the held-out perplexity of an n-gram model."""
    rng = np.random.default_rng(27)
    cases = []
    for n, V, L in ((2, 4, 60), (3, 3, 50), (1, 5, 40)):
        train, held = rng.integers(0, V, L), rng.integers(0, V, L // 2)
        cases.append((reference_counts(train, n), held, n, V, 0.5))
    return check_function(fn, cases, reference_perplexity, name="ngram_perplexity",
                          arg_names=("counts", "ids", "n", "V", "alpha"), mistakes=[
        *[(d, lambda *c, kw=kw: reference_perplexity(*c, **kw)) for d, kw in _PERPLEXITY_MISTAKES],
        ("this is exp of the SUM of -log p: perplexity is exp of the MEAN.",
         lambda counts, ids, n, V, a: reference_perplexity(counts, ids, n, V, a) ** (
             len(ids) - n + 1)),
        ("this is 2 ** (mean of -log p) with a natural log: either use log2 with 2 ** or, as the "
         "course does, np.log with np.exp.",
         lambda counts, ids, n, V, a: 2.0 ** np.log(reference_perplexity(counts, ids, n, V, a))),
    ])


@checker
def check_beats_ngrams(model, ids, baseline, what="held-out", n=None):
    """Part 7: the model's perplexity on `ids` is below the best n-gram's, `baseline`."""
    if model is None:
        return say(False, "there is no trained model yet (see the training cell's message).")
    pp = perplexity(model, ids)
    text = (f"the model's {what} perplexity is {pp:.2f}, the best n-gram's"
            f"{'' if n is None else f' (n = {n})'} {baseline:.2f}")
    if pp < baseline:
        return say(True, text + f": {baseline - pp:.2f} better than counting.")
    return say(False, text + ": not below it yet. More epochs, or more units? (The solution "
                             "trains a GRU(128) for 6 epochs.)")


_BASELINES = {}


def best_ngram(train_ids, held_ids, V, orders=(1, 2, 3, 4, 5), alpha=ALPHA):
    """(perplexity, n) of the best n-gram of the given orders on held_ids: the baseline (kept,
    so that a second call on the same text costs nothing)."""
    key = (hashlib.sha1(np.asarray(train_ids).tobytes()).hexdigest(),
           hashlib.sha1(np.asarray(held_ids).tobytes()).hexdigest(), V, tuple(orders), alpha)
    if key not in _BASELINES:
        _BASELINES[key] = min(
            (reference_perplexity(reference_counts(train_ids, n), held_ids, n, V, alpha), n)
            for n in orders)
    return _BASELINES[key]


@checker
def check_perplexity_target(model, train_ids, held_ids, V, what="held-out"):
    """Part 7: the model's perplexity on held_ids below the best n-gram's (n = 1 .. 5, counted
    on train_ids by the reference, so a slip in Parts 2-3 cannot lower the bar)."""
    if model is None or train_ids is None:
        return say(False, "there is no trained model yet (see the training cell's message).")
    baseline, n = best_ngram(train_ids, held_ids, V)
    return check_beats_ngrams(model, held_ids, baseline, what=what, n=n)
