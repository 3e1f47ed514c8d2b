"""Tests for rnn_helpers.datasets.tasks: shapes, seeds, labels, and the split."""

import numpy as np
import pytest

from rnn_helpers.datasets import tasks as datasets


def test_seed_random_shapes_ranges_and_seed():
    X, y = datasets.seed_random()
    assert X.shape == (1000, 5, 1) and y.shape == (1000, 1)
    assert X.min() >= 0 and X.max() < 1
    assert set(np.unique(y)) == {0, 1}
    X2, y2 = datasets.seed_random(seed=0)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = datasets.seed_random(seed=1)
    assert not np.array_equal(X, X3)


def test_seed_random_labels_carry_no_signal():
    # the labels are coin flips: the best threshold on any single step is near chance
    X, y = datasets.seed_random(n=4000, seed=3)
    assert abs(y.mean() - 0.5) < 0.03
    for t in range(5):
        assert abs(np.corrcoef(X[:, t, 0], y[:, 0])[0, 1]) < 0.05


@pytest.mark.parametrize("T", [2, 5, 30])
def test_first_vs_last_labels_and_margin(T):
    X, y = datasets.first_vs_last(n=500, T=T, seed=2, margin=0.1)
    assert X.shape == (500, T, 1) and y.shape == (500, 1) and y.dtype == np.int64
    d = X[:, 0, 0] - X[:, -1, 0]
    np.testing.assert_array_equal(y[:, 0], (d > 0).astype(int))
    assert np.all(np.abs(d) >= 0.1)
    assert 0.4 < y.mean() < 0.6


def test_sum_threshold_labels_and_margin():
    X, y = datasets.sum_threshold(n=500, T=5, seed=4, margin=0.2)
    s = X[:, :, 0].sum(axis=1)
    np.testing.assert_array_equal(y[:, 0], (s > 2.5).astype(int))
    assert np.all(np.abs(s - 2.5) >= 0.2)
    assert 0.4 < y.mean() < 0.6


def test_margin_zero_keeps_every_draw():
    X, _ = datasets.first_vs_last(n=50, seed=7, margin=0)
    np.testing.assert_array_equal(X, np.random.default_rng(7).random((50, 5, 1)))


def test_train_test_split_partitions_the_data():
    X, y = datasets.seed_random(n=100, seed=0)
    X_tr, X_te, y_tr, y_te = datasets.train_test_split(X, y, test_size=0.25, seed=1)
    assert X_tr.shape == (75, 5, 1) and X_te.shape == (25, 5, 1)
    assert y_tr.shape == (75, 1) and y_te.shape == (25, 1)
    both = np.concatenate([X_tr, X_te])[:, 0, 0]
    assert sorted(both) == sorted(X[:, 0, 0])
    # the pairs stay together
    row = {x: lab for x, lab in zip(X[:, 0, 0], y[:, 0], strict=True)}
    assert all(row[x] == lab for x, lab in zip(X_te[:, 0, 0], y_te[:, 0], strict=True))
    again = datasets.train_test_split(X, y, test_size=25, seed=1)
    np.testing.assert_array_equal(again[1], X_te)
    last = datasets.train_test_split(X, y, test_size=10, shuffle=False)
    np.testing.assert_array_equal(last[1], X[90:])


@pytest.mark.parametrize("call, words", [
    (lambda: datasets.seed_random(n=0), "n: expected a positive integer"),
    (lambda: datasets.seed_random(seed=-1), "seed: expected a non-negative integer"),
    (lambda: datasets.first_vs_last(T=1), "T: expected at least 2"),
    (lambda: datasets.first_vs_last(margin=0.9), "margin: expected a number in [0, 0.5]"),
    (lambda: datasets.sum_threshold(margin=-1), "margin: expected a number in [0, 1.25]"),
    (lambda: datasets.train_test_split(np.zeros((10, 5, 1)), np.zeros((9, 1))),
     "y: expected 10 labels"),
    (lambda: datasets.train_test_split(np.zeros((10, 5, 1)), np.zeros((10, 1)), test_size=1.5),
     "test_size: expected a fraction in (0, 1)"),
    (lambda: datasets.train_test_split(np.zeros(10), np.zeros(10)), "X: expected a 2-D or 3-D"),
])
def test_bad_input_messages(call, words):
    with pytest.raises(ValueError, match=None) as info:
        call()
    assert words in str(info.value)


def test_recall_first_target_is_the_first_value():
    X, y = datasets.recall_first(n=20, T=30, seed=1)
    assert X.shape == (20, 30, 1) and y.shape == (20, 1) and y.dtype == np.float64
    np.testing.assert_array_equal(y[:, 0], X[:, 0, 0])
