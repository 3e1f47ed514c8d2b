"""Tests for rnn_helpers.exercises.beyond: right answers pass, usual mistakes are named."""

import numpy as np
import pytest

from rnn_helpers.core import activations
from rnn_helpers.exercises import beyond as ex
from rnn_helpers.layers import Bidirectional, SimpleRNN
from tests.conftest import stub, verdict


def softmax_t(e):
    return activations.softmax(e, axis=1)


def right_shape(B, T, D, H, merge_mode, return_sequences):
    width = 2 * H if merge_mode == "concat" else H
    return (B, T, width) if return_sequences else (B, width)


@pytest.mark.parametrize("merge_mode", ["concat", "sum", "ave", "mul"])
@pytest.mark.parametrize("return_sequences", [True, False])
def test_the_shape_rule_is_the_layers(merge_mode, return_sequences):
    """The reference the checker uses is what rh.layers.Bidirectional returns."""
    layer = Bidirectional(SimpleRNN(5, return_sequences=return_sequences, seed=0),
                          merge_mode=merge_mode)
    y = layer(np.zeros((4, 6, 3)))
    assert y.shape == right_shape(4, 6, 3, 5, merge_mode, return_sequences)


@pytest.mark.parametrize("answer, ok, words", [
    (right_shape, True, "Correct"),
    (lambda B, T, D, H, m, r: list(right_shape(B, T, D, H, m, r)), True, "Correct"),
    (stub, False, "NotImplementedError"),
    (lambda B, T, D, H, m, r: (B, T, H) if r else (B, H), False, "H + H = 2H"),
    (lambda B, T, D, H, m, r: (B, T, 2 * H) if r else (B, 2 * H), False, "only 'concat'"),
    (lambda B, T, D, H, m, r: (B, T, 2 * H if m == "concat" else H), False, "no time axis"),
    (lambda B, T, D, H, m, r: right_shape(B, T, D, D, m, r), False, "D input features"),
    (lambda B, T, D, H, m, r: ..., False, "`...`"),
    (lambda B, T, D, H, m, r: (T, 2 * H), False, "not the expected answer"),
])
def test_check_bidirectional_shape(capsys, answer, ok, words):
    got, out = verdict(capsys, ex.check_bidirectional_shape, answer)
    assert got is ok and words in out


def test_the_buggy_merge_is_right_on_one_sequence_without_the_batch_axis_only():
    rng = np.random.default_rng(0)
    f, b = rng.normal(size=(2, 5, 3)), rng.normal(size=(2, 5, 3))
    right = np.concatenate([f, b[:, ::-1]], axis=-1)
    assert np.allclose(ex.buggy_merge(f[0], b[0]), right[0])      # (T, H): passes
    assert not np.allclose(ex.buggy_merge(f, b), right)            # (B, T, H): wrong
    assert not np.allclose(ex.buggy_merge(f[:1], b[:1]), right[:1])


@pytest.mark.parametrize("answer, ok, words", [
    (lambda f, b: np.concatenate([f, b[:, ::-1]], axis=-1), True, "Correct"),
    (stub, False, "NotImplementedError"),
    (ex.buggy_merge, False, "colleague's bug"),
    (lambda f, b: np.concatenate([f, b], axis=-1), False, "reading order"),
    (lambda f, b: np.concatenate([f, b[..., ::-1]], axis=-1), False, "features"),
    (lambda f, b: np.concatenate([b[:, ::-1], f], axis=-1), False, "swapped"),
    (lambda f, b: np.concatenate([f, b[:, ::-1]], axis=1), False, "axis=-1"),
    (lambda f, b: f + b[:, ::-1], False, "merge_mode='sum'"),
    (lambda f, b: None, False, "return"),
])
def test_check_merge_bidirectional(capsys, answer, ok, words):
    got, out = verdict(capsys, ex.check_merge_bidirectional, answer)
    assert got is ok and words in out


def scores(h, s):
    return np.einsum("bth,bh->bt", h, s) / np.sqrt(h.shape[-1])


@pytest.mark.parametrize("answer, ok, words", [
    (lambda h, s: np.sum(softmax_t(scores(h, s))[:, :, None] * h, axis=1), True, "Correct"),
    (lambda h, s: softmax_t((h @ s[:, :, None])[..., 0] / h.shape[2] ** 0.5)[:, None, :] @ h
     @ np.eye(h.shape[2]), False, "shape"),
    (stub, False, "NotImplementedError"),
    (lambda h, s: np.sum(softmax_t(scores(h, s) * np.sqrt(h.shape[-1]))[:, :, None] * h,
                         axis=1), False, "sqrt(H)"),
    (lambda h, s: np.sum(activations.softmax(scores(h, s), axis=0)[:, :, None] * h, axis=1),
     False, "batch"),
    (lambda h, s: np.sum(scores(h, s)[:, :, None] * h, axis=1), False, "without the softmax"),
    (lambda h, s: h.mean(axis=1), False, "plain mean"),
    (lambda h, s: np.sum(softmax_t(scores(h, h[:, -1]))[:, :, None] * h, axis=1), False,
     "last state"),
    (lambda h, s: softmax_t(scores(h, s)), False, "weights came back"),
])
def test_check_dot_attention(capsys, answer, ok, words):
    got, out = verdict(capsys, ex.check_dot_attention, answer)
    assert got is ok and words in out


def by_loop(a, b, k):
    A, Bc = a, b
    for _ in range(k - 1):
        A, Bc = A * a, a * Bc + b          # first (A, Bc), then one more (a, b)
    return A, Bc


@pytest.mark.parametrize("answer, ok, words", [
    (lambda a, b, k: (a ** k, b * (1 - a ** k) / (1 - a)), True, "Correct"),
    (by_loop, True, "Correct"),
    (stub, False, "NotImplementedError"),
    (lambda a, b, k: (a ** k, k * b), False, "added k times"),
    (lambda a, b, k: (a ** k, b), False, "only the last"),
    (lambda a, b, k: (k * a, b * (1 - a ** k) / (1 - a)), False, "a**k"),
    (lambda a, b, k: by_loop(a, b, k + 1), False, "too many"),
    (lambda a, b, k: (a ** (k - 1), b * (1 - a ** (k - 1)) / (1 - a)), False, "too few"),
    (lambda a, b, k: (a ** k, b * (1 - a ** (k + 1)) / (1 - a)), False, "one power too many"),
    (lambda a, b, k: ..., False, "`...`"),
])
def test_check_repeat_step(capsys, answer, ok, words):
    got, out = verdict(capsys, ex.check_repeat_step, answer)
    assert got is ok and words in out
