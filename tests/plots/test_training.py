"""Tests for rnn_helpers.plots.training (notebook 03): training curves, what is drawn, labelled
and refused."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnn_helpers.models import History
from rnn_helpers.plots import training as tplots
from tests.conftest import raises_with

LOGS = {"loss": [0.7, 0.5, 0.4], "accuracy": [0.5, 0.7, 0.8],
        "val_loss": [0.7, 0.6, 0.55], "val_accuracy": [0.5, 0.6, 0.65]}


def _history(logs):
    h = History()
    h.history = {k: list(v) for k, v in logs.items()}
    h.epoch = list(range(len(logs["loss"])))
    return h


def _lines(ax):
    return {line.get_label(): line for line in ax.lines}


def test_history_draws_train_and_validation_per_quantity():
    fig = tplots.history(_history(LOGS), title="run")
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    loss_ax, acc_ax = fig.axes
    assert loss_ax.get_xlabel() == "epoch" and loss_ax.get_ylabel() == "loss"
    assert acc_ax.get_ylabel() == "accuracy" and acc_ax.get_title() == "Accuracy"
    lines = _lines(loss_ax)
    np.testing.assert_array_equal(lines["train"].get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(lines["validation (held out)"].get_ydata(), LOGS["val_loss"])
    assert "chance (50 %)" in _lines(acc_ax)
    assert fig._suptitle.get_text() == "run"
    assert all(ax.get_legend() is not None for ax in fig.axes)


def test_history_accepts_the_dict_and_chosen_keys():
    fig = tplots.history({"loss": [1.0, 0.5]})
    assert len(fig.axes) == 1 and len(fig.axes[0].lines) == 1
    fig = tplots.history(LOGS, keys="accuracy")
    assert len(fig.axes) == 1 and fig.axes[0].get_ylabel() == "accuracy"


def test_update_history_moves_the_lines():
    fig = tplots.history(LOGS)
    changed = tplots.update_history(fig, {k: v[:2] for k, v in LOGS.items()}, title="cut")
    assert len(changed) == 4
    np.testing.assert_array_equal(_lines(fig.axes[0])["train"].get_ydata(), [0.7, 0.5])
    assert fig._suptitle.get_text() == "cut"


def test_compare_one_colour_per_run_and_marks_a_stopped_run():
    stopped = {"loss": [0.7, 5.0, 1e6]}
    runs = {"SGD": _history(LOGS), "clipped": stopped, "nan": {"loss": [0.7, np.nan]}}
    fig = tplots.compare(runs, logy=True, validation=True)
    ax = fig.axes[0]
    labels = set(_lines(ax))
    assert {"SGD", "clipped", "nan", "SGD (validation)", "nan: stopped"} <= labels
    assert "clipped: stopped" not in labels        # as long as the longest run: not marked
    assert ax.get_yscale() == "log" and ax.get_ylabel() == "loss (log scale)"
    assert _lines(ax)["SGD"].get_color() == _lines(ax)["SGD (validation)"].get_color()


@pytest.mark.parametrize("call, words", [
    (lambda: tplots.history({}), "history: expected a History"),
    (lambda: tplots.history(LOGS, keys=["mae"]), "keys: expected names recorded"),
    (lambda: tplots.compare({}), "histories: expected a non-empty dict"),
    (lambda: tplots.compare({"a": LOGS}, keys=["mae"]), "keys: expected names recorded by run"),
])
def test_training_plots_bad_input(call, words):
    raises_with(call, words)
