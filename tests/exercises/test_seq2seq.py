"""Tests for rnn_helpers.exercises.seq2seq: right answers pass, usual mistakes are named, and
nothing the learner passes makes a checker raise."""

import numpy as np
import pytest

from rnn_helpers.exercises import seq2seq as ex
from tests.conftest import stub, verdict


@pytest.mark.parametrize("answer, ok, words", [
    ((500, 10, 27), True, "Correct"),
    ([500, 10, 27], True, "Correct"),
    ((500, 27, 10), False, "swapped"),
    ((10, 27), False, "one source's map"),
    ((500, 27), False, "one decoder step"),
    ((500, 10, 32), False, "size of the context"),
    ((500, 27, 32), False, "encoder's states"),
    (..., False, "`...`"),
    (np.zeros((500, 10, 27)), False, "the shape itself"),
    ("(500, 10, 27)", False, "not it yet"),
])
def test_check_alignment_shape(capsys, answer, ok, words):
    got, out = verdict(capsys, lambda a: ex.check_alignment_shape(a, 500, 10, 27), answer)
    assert got is ok and words in out


def _right(scores, log_probs, K):
    total = (scores[:, None] + log_probs).ravel()
    best = np.argsort(-total)[:K]
    return best // log_probs.shape[1], best % log_probs.shape[1], total[best]


@pytest.mark.parametrize("answer, ok, words", [
    (_right, True, "Correct"),
    (stub, False, "NotImplementedError"),
    (ex._only_new, False, "alone"),
    (ex._per_prefix, False, "greedy inside every beam"),
    (ex._worst, False, "worst"),
    (ex._product, False, "multiplied"),
    (ex._swapped, False, "swapped"),
    (ex._by_prev, False, "instead of V"),
    (lambda s, lp, K: None, False, "return"),
    (lambda s, lp, K: "abc", False, "numeric"),
    (lambda s, lp, K: 1 / 0, False, "ZeroDivisionError"),
    ("beam_step", False, "expected a function"),
])
def test_check_beam_step(capsys, answer, ok, words):
    got, out = verdict(capsys, ex.check_beam_step, answer)
    assert got is ok and words in out


def test_width_one_is_greedy():
    scores, log_probs, K = ex._cases()[2]
    parents, chars, new = ex._beam_step(scores, log_probs, K)
    assert K == 1 and parents[0] == 0 and chars[0] == log_probs[0].argmax()
    assert new[0] == pytest.approx(scores[0] + log_probs[0].max())
