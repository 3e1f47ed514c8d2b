"""Tests for rnn_helpers.widgets.training (notebook 03): the learning-rate runs, their view and the
widget (set a control, read the result; no browser)."""

import numpy as np
import pytest

from rnn_helpers.widgets import training as wt


@pytest.fixture(scope="module")
def runs():
    return wt.learning_rate_runs(learning_rates=(1e-3, 1e-2, 1e-1), epochs=4, n=60)


def test_learning_rate_runs_and_view(runs):
    assert sorted(runs) == [1e-3, 1e-2, 1e-1]
    assert all(len(h.history["loss"]) == 4 for h in runs.values())
    view = wt.learning_rate_view(runs, 1e-2, 2)
    assert view["epochs"] == 2 and view["logs"]["loss"] == runs[1e-2].history["loss"][:2]
    assert view["val_accuracy"] == runs[1e-2].history["val_accuracy"][1]
    assert "learning rate 0.01" in view["title"] and "after 2 epochs" in view["title"]
    assert wt.learning_rate_view(runs, 1e-2, 99)["epochs"] == 4
    with pytest.raises(ValueError, match="learning_rate: expected one of the trained rates"):
        wt.learning_rate_view(runs, 0.5, 2)


def test_learning_rate_runs_are_reproducible():
    a = wt.learning_rate_runs(learning_rates=(1e-2,), epochs=2, n=30)
    b = wt.learning_rate_runs(learning_rates=(1e-2,), epochs=2, n=30)
    assert a[1e-2].history == b[1e-2].history


def test_learning_rate_widget_follows_its_controls(runs):
    box = wt.learning_rate_widget(runs)
    assert box.result["learning_rate"] == 1e-2 and box.result["epochs"] == 4
    box.controls["log10_lr"].value = -3
    box.controls["epochs"].value = 2
    assert box.result["learning_rate"] == 1e-3 and box.result["epochs"] == 2
    lines = {line.get_gid(): line for ax in box.figure.axes for line in ax.lines}
    np.testing.assert_array_equal(lines["loss"].get_ydata(), runs[1e-3].history["loss"][:2])
    assert "learning rate 0.001" in box.figure._suptitle.get_text()
    assert (box.controls["log10_lr"].min, box.controls["log10_lr"].max) == (-3, -1)
    with pytest.raises(ValueError, match="runs: expected runs at consecutive powers of ten"):
        wt.learning_rate_widget({1e-3: runs[1e-3], 1e-1: runs[1e-1]}, learning_rate=1e-3)
