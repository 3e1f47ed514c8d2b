"""Tests for rnn_helpers.datasets.beyond: shapes, labels that follow the rule, seeds, baselines."""

import numpy as np
import pytest

from rnn_helpers.datasets import beyond as db


def test_marker_recall():
    X, y = db.marker_recall(500, T=20, K=4, seed=0)
    assert X.shape == (500, 20, 5) and y.shape == (500,)
    np.testing.assert_array_equal(X[:, :, :4].sum(axis=2), 1.0)      # one symbol per step
    np.testing.assert_array_equal(X[:, :, 4].sum(axis=1), 1.0)       # exactly one marker
    where = db.marker_positions(X)
    assert where.max() < 10                                          # first half by default
    np.testing.assert_array_equal(np.argmax(X[np.arange(500), where, :4], axis=1), y)
    assert abs(np.mean(y == 0) - 0.25) < 0.06                        # chance is 1/K
    X2, y2 = db.marker_recall(500, T=20, K=4, seed=0)
    np.testing.assert_array_equal(X, X2)
    assert not np.array_equal(db.marker_recall(500, T=20, K=4, seed=1)[1], y)
    X3, _ = db.marker_recall(50, T=20, K=2, seed=0, earliest=15, latest=19)
    assert db.marker_positions(X3).min() >= 15


def test_local_peaks_and_the_causal_guess():
    X, y = db.local_peaks(2000, T=20, seed=0)
    assert X.shape == (2000, 20, 1) and y.shape == (2000, 20, 1)
    x = X[0, :, 0]
    for t in range(20):
        left = x[t - 1] if t > 0 else -np.inf
        right = x[t + 1] if t < 19 else -np.inf
        assert y[0, t, 0] == int(x[t] > left and x[t] > right)
    assert 0.3 < y.mean() < 0.37                  # about a third are peaks
    guess = db.causal_peak_guess(X)
    accuracy = np.mean(guess == y)
    assert 0.85 < accuracy < 0.90                  # 7/8 on inner steps, exact at the end
    np.testing.assert_array_equal(guess[:, -1], y[:, -1])


def test_motif_sequences():
    X, y = db.motif_sequences(300, T=40, L=8, noise=0.0, seed=0)
    assert X.shape == (300, 40, 1) and set(np.unique(y)) == {0, 1, 2}
    shapes = np.stack(list(db.motif_shapes(8).values()))
    for i in range(5):   # without noise the shape sits exactly somewhere in the zeros
        nz = np.flatnonzero(X[i, :, 0])
        start = nz[0]   # the shapes never pass through exactly 0 at their ends
        np.testing.assert_allclose(X[i, start:start + 8, 0], shapes[y[i]], atol=1e-12)


@pytest.mark.parametrize("call, words", [
    (lambda: db.marker_recall(10, T=5, earliest=3, latest=2), "earliest, latest: expected"),
    (lambda: db.marker_recall(0), "n: expected a positive integer"),
    (lambda: db.local_peaks(10, T=1), "T: expected at least 2"),
    (lambda: db.motif_sequences(10, T=5, L=8), "L: expected at most T = 5"),
    (lambda: db.causal_peak_guess(np.ones((2, 3, 2))), "X: expected shape"),
])
def test_bad_input(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_recall_report(recall_example):
    X, y, alpha, y_prob = recall_example
    report = db.recall_report(X, y, alpha, y_prob, 3)
    assert report["target"] == y[3]
    assert report["predicted"] == int(np.argmax(y_prob[3]))
    assert report["correct"] == (report["predicted"] == report["target"])
    assert report["symbols"][report["marker"]] == y[3]
    with pytest.raises(ValueError, match=r"i: expected a sequence index in \[0, 6\)"):
        db.recall_report(X, y, alpha, y_prob, 6)
