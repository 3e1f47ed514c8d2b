"""Tests for rnn_helpers.core.metrics: confusion matrices, accuracies and baselines."""

import numpy as np
import pytest

from rnn_helpers.core import metrics


def test_confusion_matrix_fixed_values():
    cm = metrics.confusion_matrix([0, 1, 2, 2, 1], [0, 2, 2, 1, 1], n_classes=4)
    np.testing.assert_array_equal(cm, [[1, 0, 0, 0], [0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]])
    assert cm.dtype == np.int64
    assert metrics.confusion_matrix([1, 0], [1, 1]).shape == (2, 2)   # K from the labels


def test_confusion_matrix_rows_are_the_truth_and_sum_to_class_counts():
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 5, 200), rng.integers(0, 5, 200)
    cm = metrics.confusion_matrix(y_true, y_pred, 5)
    np.testing.assert_array_equal(cm.sum(axis=1), np.bincount(y_true, minlength=5))
    np.testing.assert_array_equal(cm.sum(axis=0), np.bincount(y_pred, minlength=5))
    assert np.trace(cm) / cm.sum() == pytest.approx(metrics.accuracy(y_true, y_pred))


def test_confusion_matrix_over_tokens_with_a_mask():
    y_true = np.array([[0, 1, 1], [2, 2, 0]])
    y_pred = np.array([[0, 1, 0], [2, 1, 0]])
    mask = np.array([[1, 1, 0], [1, 1, 0]])
    cm = metrics.confusion_matrix(y_true, y_pred, 3, mask=mask)
    assert cm.sum() == 4
    np.testing.assert_array_equal(cm, [[1, 0, 0], [0, 1, 0], [0, 1, 1]])
    assert metrics.accuracy(y_true, y_pred, mask) == 0.75
    assert metrics.accuracy(y_true, y_pred) == pytest.approx(4 / 6)


def test_per_class_accuracy():
    cm = np.array([[3, 1, 0], [0, 0, 0], [1, 1, 2]])
    acc = metrics.per_class_accuracy(cm)
    np.testing.assert_allclose(acc[[0, 2]], [0.75, 0.5])
    assert np.isnan(acc[1])


def test_sequence_accuracy():
    y_true = np.array([[0, 1, 1], [2, 2, 0], [1, 1, 1]])
    y_pred = np.array([[0, 1, 1], [2, 1, 0], [1, 1, 0]])
    assert metrics.sequence_accuracy(y_true, y_pred) == pytest.approx(1 / 3)
    mask = np.array([[1, 1, 1], [1, 1, 1], [1, 1, 0]])
    assert metrics.sequence_accuracy(y_true, y_pred, mask) == pytest.approx(2 / 3)


def test_chance_and_majority_baselines():
    assert metrics.chance_accuracy(4) == 0.25
    acc, label = metrics.majority_baseline([0, 1, 1, 2, 1], [1, 1, 0, 2])
    assert (acc, label) == (0.5, 1)
    y_train = np.array([[0, 0, 1], [1, 1, 1]])
    acc, label = metrics.majority_baseline(y_train, [[1, 0, 0]], mask_train=[[1, 1, 1],
                                                                              [0, 0, 1]])
    assert (label, acc) == (0, pytest.approx(2 / 3))


def test_symbol_baseline_learns_a_lookup_table():
    s_train = np.array([[0, 1, 2, 0], [1, 1, 0, 2]])
    y_train = np.array([[3, 1, 0, 3], [1, 2, 3, 0]])      # symbol 0 -> 3, 1 -> 1 (2 of 3), 2 -> 0
    s_test = np.array([[2, 0, 1]])
    acc, table = metrics.symbol_baseline(s_train, y_train, s_test, np.array([[0, 3, 2]]))
    np.testing.assert_array_equal(table, [3, 1, 0])
    assert acc == pytest.approx(2 / 3)
    onehot = np.eye(3)[s_train]
    acc2, table2 = metrics.symbol_baseline(onehot, y_train, np.eye(3)[s_test], [[0, 3, 2]])
    assert acc2 == acc and table2.tolist() == table.tolist()


def test_metrics_bad_input():
    with pytest.raises(ValueError, match=r"y_pred: expected integer class labels \(use "
                                         r"probs.argmax\(axis=-1\)"):
        metrics.accuracy([0, 1, 2], np.full((3, 3), 1 / 3))
    with pytest.raises(ValueError, match=r"y_pred: expected labels of the shape of y_true "
                                         r"\(3,\).*Probabilities\? Take probs.argmax"):
        metrics.accuracy([0, 1, 2], np.eye(3, dtype=int))
    with pytest.raises(ValueError, match="y_true: expected integer class labels"):
        metrics.accuracy([0.5, 1.0], [0, 1])
    with pytest.raises(ValueError, match="n_classes: expected more than the largest label 3"):
        metrics.confusion_matrix([0, 3], [0, 1], n_classes=3)
    with pytest.raises(ValueError, match="y_true: expected at least one label to count"):
        metrics.accuracy([0, 1], [0, 1], mask=[0, 0])
    with pytest.raises(ValueError, match="cm: expected a square confusion matrix"):
        metrics.per_class_accuracy(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="y_pred: expected labels >= 0"):
        metrics.accuracy([0, 1], [0, -1])
