"""Tests for notebook 04's gradient-flow widget: its axes follow the data (no browser)."""

import pytest

from rnn_helpers.analysis import gradflow
from rnn_helpers.plots.gradients import flow_limits
from rnn_helpers.widgets import gradients as wg


def test_the_picture_is_the_widget_default_and_fits_t_from_0_to_T():
    fig = wg.gradient_flow_figure(radius=1.0, T=30, activation="tanh", seed=2)
    ax = fig.axes[0]
    assert ax.get_xlim() == pytest.approx((-1.5, 31.5))          # not 0 .. 100 at T = 30
    xlim, ylim = flow_limits(fig.flow)
    assert ax.get_xlim() == pytest.approx(xlim) and ax.get_ylim() == pytest.approx(ylim)
    assert fig.flow["T"] == 30 and "tanh" in ax.get_title()


def test_the_widget_axes_follow_each_move():
    box = wg.gradient_flow_widget(seed=2)
    ax = box.figure.axes[0]
    assert ax.get_xlim() == pytest.approx((-1.5, 31.5))
    box.controls["T"].value = 80
    box.controls["activation"].value = "linear"
    box.controls["radius"].value = 1.5
    assert ax.get_xlim() == pytest.approx((-4.0, 84.0))
    assert ax.get_ylim() == pytest.approx(flow_limits(box.result)[1])
    assert ax.get_ylim()[1] >= 1.5**80                           # the explosion fits on the axis
    box.controls["T"].value = 10
    assert ax.get_xlim() == pytest.approx((-0.5, 10.5))
    assert box.result["T"] == 10
    expected = gradflow.jacobian_flow(1.5, 10, "linear", seed=2)
    assert box.result["norms"] == pytest.approx(expected["norms"])
    assert box.redraw() is None and len(box.children) == 3
