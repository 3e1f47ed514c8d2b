"""Tests for notebook 03's learning-rate widget with the last-value rule drawn beside chance."""

import pytest

from rnn_helpers.datasets import tasks
from rnn_helpers.widgets import training as wt
from tests.conftest import raises_with


@pytest.fixture(scope="module")
def runs():
    return wt.learning_rate_runs(learning_rates=(1e-3, 1e-2), epochs=2, n=60, seed=3)


def test_the_split_is_the_runs_data_and_holds_out_two_thirds_by_default():
    X_train, X_val, y_train, y_val = wt.learning_rate_split(seed=5)
    assert (len(X_train), len(X_val)) == (200, 400)
    X_train, X_val, y_train, y_val = wt.learning_rate_split(n=60, seed=3)
    assert (len(X_train), len(X_val)) == (20, 40)
    assert 0 <= tasks.last_value_accuracy(X_val, y_val) <= 1


def test_the_figure_and_the_widget_draw_the_baseline(runs):
    fig = wt.learning_rate_figure(runs, 1e-2, 2, baseline=0.8)
    labels = {line.get_label() for line in fig.axes[1].lines}
    assert {"chance (50 %)", "last-value rule (no memory)"} <= labels
    box = wt.learning_rate_widget(runs, baseline=0.8)
    labels = {line.get_label() for line in box.figure.axes[1].lines}
    assert "last-value rule (no memory)" in labels
    box.controls["log10_lr"].value = -3
    assert box.result["learning_rate"] == 1e-3
    assert "last-value rule (no memory)" not in {
        line.get_label() for line in wt.learning_rate_figure(runs, 1e-2, 2).axes[1].lines}


def test_a_baseline_outside_0_1_is_refused(runs):
    raises_with(lambda: wt.learning_rate_figure(runs, 1e-2, 2, baseline=80), "baseline")
