"""Tests for the memory-free baseline of `first_vs_last` (notebook 03): the last-value rule."""

import numpy as np
import pytest

from rnn_helpers.datasets import tasks
from tests.conftest import raises_with


def test_last_value_rule_answers_one_when_the_last_value_is_small():
    X = np.array([[[0.9], [0.2]], [[0.1], [0.7]], [[0.3], [0.5]]])   # (3, 2, 1)
    np.testing.assert_array_equal(tasks.last_value_rule(X), [[1], [0], [0]])
    assert tasks.last_value_rule(X).shape == (3, 1)
    assert tasks.last_value_accuracy(X, np.array([[1], [0], [1]])) == pytest.approx(2 / 3)


@pytest.mark.parametrize("margin, expected", [(0.1, 2 * (0.45 - 0.125) / 0.81), (0.0, 0.75)])
def test_last_value_accuracy_matches_its_expected_value(margin, expected):
    X, y = tasks.first_vs_last(n=100_000, T=5, seed=3, margin=margin)
    assert tasks.last_value_accuracy(X, y) == pytest.approx(expected, abs=0.005)


def test_no_memory_free_rule_does_better():
    # other thresholds on x_T are worse: 0.5 is the best guess from x_T alone
    X, y = tasks.first_vs_last(n=50_000, T=5, seed=4)
    best = tasks.last_value_accuracy(X, y)
    for threshold in (0.3, 0.4, 0.6, 0.7):
        assert np.mean((X[:, -1, :1] < threshold) == y) < best


@pytest.mark.parametrize("call, words", [
    (lambda: tasks.last_value_rule(np.zeros((4, 5))), "X: expected a 3-D array"),
    (lambda: tasks.last_value_accuracy(np.zeros((4, 5, 1)), np.zeros((3, 1))),
     "y: expected shape (4, 1)"),
])
def test_bad_input_messages(call, words):
    raises_with(call, words)
