"""Tests for rnn_helpers.widgets.gradients (notebook 04): the gradient-flow widget follows its
controls (no browser)."""

import numpy as np
import pytest

from rnn_helpers.plots.gradients import flow_limits
from rnn_helpers.widgets import gradients as wg


def test_gradient_widget_follows_its_controls():
    box = wg.gradient_flow_widget()
    assert box.result["T"] == 30 and box.result["activation"] == "tanh"
    box.controls["radius"].value = 1.5
    box.controls["T"].value = 80
    box.controls["activation"].value = "linear"
    result = box.result
    assert result["T"] == 80 and result["activation"] == "linear"
    assert result["radius"] == pytest.approx(1.5)
    np.testing.assert_allclose(result["norms"], 1.5 ** (80 - np.arange(81)), rtol=1e-9)
    ax = box.figure.axes[0]
    assert "linear" in ax.get_title() and "T = 80" in ax.get_title()
    lines = {line.get_gid(): line for line in ax.lines}
    assert len(lines["measured"].get_xdata()) == 81
    xlim, ylim = flow_limits(result)                       # the axes fit the new values
    assert ax.get_xlim() == pytest.approx(xlim) and ax.get_ylim() == pytest.approx(ylim)
    assert (box.controls["radius"].min, box.controls["radius"].max) == (0.5, 1.5)
    assert (box.controls["T"].min, box.controls["T"].max) == (5, 100)
    assert tuple(box.controls["activation"].options) == ("tanh", "relu", "linear")
