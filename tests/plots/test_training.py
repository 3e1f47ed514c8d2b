"""Figures of training curves and of gradient flow: what is drawn, labelled and refused."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnn_helpers import gradflow
from rnn_helpers.models import History
from rnn_helpers.plots import gradients as gplots
from rnn_helpers.plots import training as tplots

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
    with pytest.raises(ValueError) as info:
        call()
    assert words in str(info.value)


def test_gradient_flow_from_a_jacobian_flow():
    flow = gradflow.jacobian_flow(radius=0.8, T=20, activation="tanh")
    fig = gplots.gradient_flow(flow, ylim=(1e-16, 1e16))
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "time step t"
    assert ax.get_ylabel() == "‖∂h_T/∂h_t‖ (log scale)"
    assert "tanh" in ax.get_title() and "ρ(U) = 0.80" in ax.get_title()
    lines = {line.get_gid(): line for line in ax.lines}
    np.testing.assert_allclose(lines["measured"].get_ydata(), flow["norms"])
    np.testing.assert_allclose(lines["bound"].get_ydata(), flow["bound"])
    assert ax.get_ylim() == pytest.approx((1e-16, 1e16))
    # a new T moves the lines and the limits
    assert gplots.update_gradient_flow(fig, gradflow.jacobian_flow(1.2, 50, "linear")) is True
    assert len(lines["measured"].get_xdata()) == 51 and "linear" in ax.get_title()
    assert gplots.update_gradient_flow(fig, gradflow.jacobian_flow(1.0, 50, "relu")) is False


def test_gradient_flow_several_curves_and_zeros_become_gaps():
    fig = gplots.gradient_flow({"run A": [1.0, 0.1, 0.0], "run B": [1.0, 2.0, 4.0]},
                               t=[1, 2, 3], ylabel="‖∂L/∂h_t‖ (log scale)", title="two")
    ax = fig.axes[0]
    assert ax.get_legend() is not None and ax.get_title() == "two"
    ydata = {line.get_label(): line.get_ydata() for line in ax.lines}
    assert np.isnan(ydata["run A"][2])
    with pytest.raises(ValueError, match="norms\\['b'\\]: expected 2 values"):
        gplots.gradient_flow({"a": [1.0, 2.0], "b": [1.0]})


def test_gradient_norms_per_update_marks_the_stopped_run():
    runs = {"SGD": [1.0, 10.0, 1e6], "SGD, clipnorm=0.5": [1.0, 0.8, 0.7, 0.6]}
    fig = gplots.gradient_norms(runs, per_epoch=2)
    ax = fig.axes[0]
    labels = {line.get_label() for line in ax.lines}
    assert {"SGD", "SGD, clipnorm=0.5", "SGD: stopped"} <= labels
    assert ax.get_yscale() == "log" and "2 updates per epoch" in ax.get_xlabel()
    assert "before clipping" in ax.get_ylabel()
    with pytest.raises(ValueError, match="runs: expected a non-empty dict"):
        gplots.gradient_norms([1.0])


def test_bptt_paths_draws_one_or_two_paths():
    inner = gplots.bptt_paths(5, 3)
    last = gplots.bptt_paths(5, 5)
    texts = [t.get_text() for t in inner.axes[0].texts]
    assert any(s.startswith("1: from o₃") for s in texts)
    assert any(s.startswith("2: from h₄") for s in texts)
    assert not any(s.startswith("2:") for s in (t.get_text() for t in last.axes[0].texts))
    assert "h₃" in inner.axes[0].get_title()
    with pytest.raises(ValueError, match="t: expected a step in 1 .. 5"):
        gplots.bptt_paths(5, 0)
