"""Decoding a trained encoder-decoder (analysis.seq2seq): greedy and beam search, exact match
(notebook 11).

    greedy: at each step take the most probable character, feed it back
    beam:   keep the K most probable prefixes (by the sum of log-probabilities), extend each
            by every character, keep the K best again; at the end return the best prefix

Greedy can commit early to a character that makes the rest unlikely; beam search keeps
K alternatives alive. With targets of a fixed length (YYYY-MM-DD) no length penalty is needed.
"""

import numpy as np

from .._validate import check_array, check_positive_int, fail
from .seq2seq import decoder_step, encode


def greedy_decode(p, X, T, start):
    """Most probable character at every step. X (B, S) -> (ids (B, T), α (B, T, S) or None)."""
    T = check_positive_int("T", T)
    h, mask, _ = encode(p, X)
    s, y = h[:, -1], np.full(len(h), start)
    out, alphas = [], []
    for _ in range(T):
        probs, s, alpha, _ = decoder_step(p, h, mask, s, y)
        y = probs.argmax(axis=1)
        out.append(y)
        alphas.append(alpha)
    alpha = None if alphas[0] is None else np.stack(alphas, axis=1)
    return np.stack(out, axis=1), alpha


def beam_decode(p, X, T, start, beam_width=3):
    """Beam search with K = beam_width prefixes per source, all sources at once.

    X (B, S) -> (ids (B, T) the best prefix, log-probability (B,) of it).
    """
    T, K = check_positive_int("T", T), check_positive_int("beam_width", beam_width)
    h, mask, _ = encode(p, X)
    B, S, H = h.shape
    hk = np.repeat(h, K, axis=0)                        # every source K times: (B·K, S, H)
    maskk = np.repeat(mask, K, axis=0)
    s = hk[:, -1]
    y = np.full(B * K, start)
    score = np.tile(np.r_[0.0, np.full(K - 1, -np.inf)], B)   # one live prefix at first
    seqs = np.zeros((B * K, 0), dtype=np.int64)
    for _ in range(T):
        probs, s, _, _ = decoder_step(p, hk, maskk, s, y)
        V = probs.shape[1]
        total = (score[:, None] + np.log(np.maximum(probs, 1e-300))).reshape(B, K * V)
        best = np.argsort(-total, axis=1, kind="stable")[:, :K]      # (B, K) in K·V
        parent = (np.arange(B)[:, None] * K + best // V).ravel()    # rows of hk they extend
        y = (best % V).ravel()
        score = np.take_along_axis(total, best, axis=1).ravel()
        seqs = np.concatenate([seqs[parent], y[:, None]], axis=1)
        s = s[parent]
    top = score.reshape(B, K).argmax(axis=1) + np.arange(B) * K
    return seqs[top], score[top]


def exact_match(pred, Y):
    """The share of rows where every character is right. pred, Y (B, T) ids."""
    pred, Y = np.asarray(pred), np.asarray(Y)
    if pred.shape != Y.shape:
        fail("pred", f"shape {Y.shape}, like Y", f"shape {pred.shape}")
    return float(np.mean(np.all(pred == Y, axis=1)))


def char_accuracy(pred, Y):
    """The share of characters that are right."""
    pred, Y = np.asarray(pred), np.asarray(Y)
    if pred.shape != Y.shape:
        fail("pred", f"shape {Y.shape}, like Y", f"shape {pred.shape}")
    return float(np.mean(pred == Y))


def position_accuracy(pred, Y):
    """The share of rows right at each position: (T,). Which characters a model gets wrong."""
    pred, Y = np.asarray(pred), np.asarray(Y)
    if pred.shape != Y.shape or Y.ndim != 2:
        fail("pred", f"shape {Y.shape}, like Y (n, T)", f"shape {pred.shape}")
    return np.mean(pred == Y, axis=0)


def position_majority(Y):
    """The baseline that reads nothing: the most common id at each position of the training
    targets Y (n, T) -> ids (T,), the same answer for every source."""
    Y = check_array("Y", Y, ndim=2, layout="(n, T) target ids")
    if Y.shape[0] == 0 or np.any(Y < 0) or np.any(Y != np.round(Y)):
        fail("Y", "at least one row of non-negative integer ids", f"shape {Y.shape}")
    Y = Y.astype(np.int64)
    return np.array([np.bincount(Y[:, t]).argmax() for t in range(Y.shape[1])])


def evaluate(p, X, Y, start, beam_width=3):
    """Greedy and beam decoding of X, scored against Y (n, T).

    -> {"greedy", "beam": ids (n, T); "exact_greedy", "exact_beam", "char_greedy",
        "char_beam": shares; "positions": position_accuracy of greedy (T,)}
    """
    Y = np.asarray(Y)
    if Y.ndim != 2 or len(Y) != len(X):
        fail("Y", f"target ids of shape ({len(X)}, T), one row per source",
              f"shape {Y.shape}")
    greedy, _ = greedy_decode(p, X, Y.shape[1], start)
    beam, _ = beam_decode(p, X, Y.shape[1], start, beam_width)
    return {"greedy": greedy, "beam": beam,
            "exact_greedy": exact_match(greedy, Y), "exact_beam": exact_match(beam, Y),
            "char_greedy": char_accuracy(greedy, Y), "char_beam": char_accuracy(beam, Y),
            "positions": position_accuracy(greedy, Y)}


__all__ = ["beam_decode", "char_accuracy", "evaluate", "exact_match", "greedy_decode",
           "position_accuracy", "position_majority"]
