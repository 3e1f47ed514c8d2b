"""Tests for the reference lines and the one-panel-per-run figures of notebooks 03 and 04
(rnn_helpers.plots.training and .gradients): what is drawn, labelled, scaled and refused."""

import numpy as np
import pytest

from rnn_helpers.analysis import gradflow
from rnn_helpers.plots import gradients as gplots
from rnn_helpers.plots import training as tplots
from tests.conftest import raises_with

LOGS = {"loss": [0.7, 0.5, 0.4], "accuracy": [0.5, 0.7, 0.8],
        "val_loss": [0.7, 0.6, 0.55], "val_accuracy": [0.5, 0.6, 0.65]}


def _lines(ax):
    return {line.get_label(): line for line in ax.lines}


def test_history_draws_a_baseline_beside_chance_on_the_accuracy_panel():
    fig = tplots.history(LOGS, baselines={"accuracy": {"last-value rule": 0.8}})
    loss_ax, acc_ax = fig.axes
    lines = _lines(acc_ax)
    assert {"chance (50 %)", "last-value rule"} <= set(lines)
    np.testing.assert_allclose(lines["last-value rule"].get_ydata(), [0.8, 0.8])
    assert "last-value rule" not in _lines(loss_ax)
    assert "last-value rule" in [t.get_text() for t in acc_ax.get_legend().get_texts()]


def test_compare_held_out_keys_are_named_and_get_the_baselines():
    runs = {"Adam": LOGS, "SGD": {k: [v * 0.9 for v in vals] for k, vals in LOGS.items()}}
    fig = tplots.compare(runs, keys=("val_loss", "val_accuracy"),
                         baselines={"loss": {"always 50/50 (ln 2)": np.log(2)},
                                    "accuracy": {"last-value rule": 0.8}})
    loss_ax, acc_ax = fig.axes
    assert loss_ax.get_ylabel() == "held-out loss" and acc_ax.get_title() == "Held-out accuracy"
    sgd = _lines(acc_ax)["SGD"].get_ydata()
    np.testing.assert_allclose(sgd, np.array(LOGS["val_accuracy"]) * 0.9)
    assert {"chance (50 %)", "last-value rule"} <= set(_lines(acc_ax))
    assert "always 50/50 (ln 2)" in _lines(loss_ax) and "chance (50 %)" not in _lines(loss_ax)


def test_apart_gives_each_run_its_own_panel_and_scale():
    blown = {"loss": [0.3, 1e5, 1e60, 1e150]}
    tamed = {"loss": [0.25, 0.1, 0.06, 0.05, 0.04, 0.03]}
    fig = tplots.apart({"plain": blown, "clipped": tamed},
                       baselines={"loss": {"always 0.5 (1/12)": 1 / 12}}, title="t")
    left, right = fig.axes
    assert left.get_yscale() == "log" and right.get_yscale() == "linear"
    assert left.get_title() == "plain" and right.get_title() == "clipped"
    assert "plain: stopped" in _lines(left)                       # shorter than the other run
    assert right.get_ylim()[1] < 1                                # not flattened by the 1e150
    assert left.get_xlim() == right.get_xlim() == pytest.approx((0.5, 6.5))
    assert "always 0.5 (1/12)" in _lines(left) and "always 0.5 (1/12)" in _lines(right)
    assert tplots.apart({"a": tamed}, logy=True).axes[0].get_yscale() == "log"


@pytest.mark.parametrize("call, words", [
    (lambda: tplots.history(LOGS, baselines={"accuracy": 0.8}), "baselines: expected a dict"),
    (lambda: tplots.compare({"a": LOGS}, baselines=[0.8]), "baselines: expected a dict"),
    (lambda: tplots.apart({"a": LOGS}, logy="yes"), 'logy: expected True, False or "auto"'),
    (lambda: tplots.apart({}), "histories: expected a non-empty dict"),
])
def test_bad_input(call, words):
    raises_with(call, words)


def test_gradient_norms_in_panels_split_the_parts_and_mark_exact_zeros():
    recurrent = [2.0, 50.0, 1e6, 0.0, 0.0, 0.0]
    dense = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5]
    fig = gplots.gradient_norms(
        {"plain": {"U": recurrent, "Dense": dense},
         "clipped": {"U": [1.0, 0.5, 0.4, 0.3, 0.3, 0.2, 0.2, 0.1],
                     "Dense": [0.5, 0.4, 0.3, 0.3, 0.2, 0.2, 0.1, 0.1]}},
        per_epoch=2, stopped=["plain"], title="split")
    plain, clipped = fig.axes
    lines = _lines(plain)
    assert {"U", "Dense", "U: exactly 0", "Dense: stopped"} <= set(lines)
    assert "U: stopped" not in lines                  # its last value is 0: no cross on a log axis
    np.testing.assert_array_equal(lines["U: exactly 0"].get_xdata(), [4, 5, 6])
    assert lines["U: exactly 0"].get_ydata()[0] < 1.0      # on the bottom edge
    assert np.isnan(lines["U"].get_ydata()[3])
    assert "stopped" not in " ".join(_lines(clipped))
    assert clipped.get_ylim()[1] < 10 and plain.get_ylim()[1] > 1e5   # each its own scale
    assert clipped.get_xlim()[1] > plain.get_xlim()[1]               # and its own updates
    assert fig._suptitle.get_text() == "split" and "2 updates per epoch" in plain.get_xlabel()
    raises_with(lambda: gplots.gradient_norms({"a": {"U": [1.0]}}, stopped=["b"]),
                "stopped: expected panel titles among ['a']")


@pytest.mark.parametrize("T", [5, 30, 100])
def test_flow_limits_follow_the_length(T):
    flow = gradflow.jacobian_flow(radius=1.0, T=T, activation="tanh")
    (x0, x1), (y0, y1) = gplots.flow_limits(flow)
    assert (x0, x1) == pytest.approx((-0.05 * T, 1.05 * T))
    assert y0 <= flow["norms"][flow["norms"] > 1e-16].min() and y1 >= flow["norms"].max()
    assert np.log10(y0) == int(np.log10(y0)) and np.log10(y1) == int(np.log10(y1))  # decades


def test_flow_limits_stop_at_the_vanishing_floor_and_keep_a_span_around_one():
    vanished = gradflow.jacobian_flow(radius=0.5, T=100, activation="tanh")
    assert gplots.flow_limits(vanished)[1][0] == pytest.approx(gplots.VANISHED)
    flat = gradflow.jacobian_flow(radius=1.0, T=40, activation="linear")   # all norms 1
    assert gplots.flow_limits(flat)[1] == pytest.approx((1e-2, 1e2))
    grows = gradflow.jacobian_flow(radius=1.5, T=60, activation="linear")
    assert gplots.flow_limits(grows)[1][1] >= 1.5**60
