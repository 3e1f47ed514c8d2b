"""Tests for rnn_helpers.plots.gradients (notebook 04): gradient flow, gradient norms and the BPTT
paths; what is drawn, labelled and refused."""

import numpy as np
import pytest

from rnn_helpers.analysis import gradflow
from rnn_helpers.plots import gradients as gplots


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


def test_layer_gradients_full_lines_truncated_rings_and_zero_ticks():
    full = {"layer 2": np.array([1e-3, 2e-3, 4e-3, 8e-3]),
            "layer 1": np.array([5e-3, 3e-3, 2e-3, 6e-3])}
    cut = {"layer 2": np.array([0.0, 0.0, 4e-3, 8e-3]), "layer 1": np.array([0.0, 0.0, 2e-3, 6e-3])}
    fig = gplots.layer_gradients(full, cut, k=2, title="t")
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "time step t"
    assert ax.get_ylabel() == "‖∂L/∂h_t‖ (log scale)" and ax.get_title() == "t"
    lines = {line.get_label(): line for line in ax.lines}
    np.testing.assert_allclose(lines["layer 1, full BPTT"].get_ydata(), full["layer 1"])
    rings = lines["layer 2, k = 2"].get_ydata()
    assert np.isnan(rings[:2]).all() and np.allclose(rings[2:], cut["layer 2"][2:])
    assert len(lines["layer 1, k = 2: exactly 0"].get_xdata()) == 2
    low, high = ax.get_ylim()
    assert low <= 1e-3 and high >= 8e-3 and np.log10(low) % 1 == 0 and np.log10(high) % 1 == 0
    assert ax.get_legend() is not None and list(ax.get_xticks()) == [1, 2, 3, 4]
    fig = gplots.layer_gradients(full)                   # full BPTT alone
    assert len(fig.axes[0].lines) == 2
    with pytest.raises(ValueError, match="4 values, one per step"):
        gplots.layer_gradients(full, {"layer 2": [1.0, 2.0]})
    with pytest.raises(ValueError, match="only zeros"):
        gplots.layer_gradients({"layer 2": np.zeros(3)})
