"""Tests for rnn_helpers.widgets.recurrence (notebook 01): the scalar-RNN widget follows its
controls (set a value, read `.result`; no browser)."""

import numpy as np
import pytest

from rnn_helpers.core import scalar_rnn
from rnn_helpers.widgets import recurrence


@pytest.fixture(scope="module")
def scalar_box():
    return recurrence.scalar_rnn_widget(T=12)


def test_scalar_widget_starts_with_the_defaults(scalar_box):
    expected = scalar_rnn.run(1.0, 0.5, 0.0, "pulse", T=12)
    np.testing.assert_array_equal(scalar_box.result["h"], expected["h"])
    assert set(scalar_box.controls) == {"w", "u", "b", "pattern"}


def test_scalar_widget_follows_its_sliders(scalar_box):
    scalar_box.controls["u"].value = -0.7
    assert scalar_box.result["regime"] == "oscillates"
    scalar_box.controls["pattern"].value = "step"
    scalar_box.controls["w"].value = 3.0
    scalar_box.controls["u"].value = 0.5
    assert scalar_box.result["regime"] == "saturates"
    expected = scalar_rnn.run(3.0, 0.5, 0.0, "step", T=12)
    np.testing.assert_allclose(scalar_box.result["h"], expected["h"])
    h_line = next(line for line in scalar_box.figure.axes[1].lines if line.get_gid() == "h")
    np.testing.assert_allclose(h_line.get_ydata(), expected["h"])   # the figure moved too
    scalar_box.controls["pattern"].value = "noise"                  # new input range
    np.testing.assert_allclose(scalar_box.result["x"], scalar_rnn.input_pattern("noise", T=12))
