"""Tests for rnn_helpers.exercises.beyond: right answers pass, usual mistakes are named."""

import numpy as np
import pytest

from rnn_helpers.core import activations
from rnn_helpers.exercises import beyond as ex
from tests.conftest import stub, verdict


def softmax_t(e):
    return activations.softmax(e, axis=1)


@pytest.mark.parametrize("answer, ok, words", [
    (lambda f, b: np.concatenate([f, b[:, ::-1]], axis=-1), True, "Correct"),
    (stub, False, "NotImplementedError"),
    (lambda f, b: np.concatenate([f, b], axis=-1), False, "reading order"),
    (lambda f, b: np.concatenate([b[:, ::-1], f], axis=-1), False, "swapped"),
    (lambda f, b: np.concatenate([f, b[:, ::-1]], axis=1), False, "axis=-1"),
    (lambda f, b: f + b[:, ::-1], False, "merge_mode='sum'"),
    (lambda f, b: None, False, "return"),
])
def test_check_merge_bidirectional(capsys, answer, ok, words):
    got, out = verdict(capsys, ex.check_merge_bidirectional, answer)
    assert got is ok and words in out


@pytest.mark.parametrize("answer, ok, words", [
    (lambda e, h: np.sum(softmax_t(e)[:, :, None] * h, axis=1), True, "Correct"),
    (stub, False, "NotImplementedError"),
    (lambda e, h: np.sum(activations.softmax(e, axis=0)[:, :, None] * h, axis=1), False,
     "batch"),
    (lambda e, h: np.sum(e[:, :, None] * h, axis=1), False, "without the softmax"),
    (lambda e, h: h.mean(axis=1), False, "plain mean"),
    (lambda e, h: softmax_t(e), False, "weights came back"),
    (lambda e, h: np.sum(softmax_t(e)[:, :, None] * h, axis=2), False, "shape"),
])
def test_check_attention_context(capsys, answer, ok, words):
    got, out = verdict(capsys, ex.check_attention_context, answer)
    assert got is ok and words in out


@pytest.mark.parametrize("answer, ok, words", [
    (lambda a1, b1, a2, b2: (a1 * a2, a2 * b1 + b2), True, "Correct"),
    (stub, False, "NotImplementedError"),
    (lambda a1, b1, a2, b2: (a1 * a2, a1 * b2 + b1), False, "order is swapped"),
    (lambda a1, b1, a2, b2: (a1 * a2, b1 + b2), False, "just added"),
    (lambda a1, b1, a2, b2: (a1 + a2, a2 * b1 + b2), False, "factors were added"),
    (lambda a1, b1, a2, b2: ..., False, "`...`"),
])
def test_check_combine(capsys, answer, ok, words):
    got, out = verdict(capsys, ex.check_combine, answer)
    assert got is ok and words in out
