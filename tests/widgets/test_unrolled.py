"""Tests for rnn_helpers.widgets.unrolled (notebook 02): the unrolled widget walks the five steps
and its page prints every value (no browser)."""

import numpy as np
import pytest

from rnn_helpers.analysis import five_steps
from rnn_helpers.widgets import unrolled


@pytest.fixture(scope="module")
def unrolled_box():
    return unrolled.unrolled_widget()


def test_unrolled_widget_walks_the_steps(unrolled_box):
    ex = five_steps.five_step_example()
    assert unrolled_box.controls["t"].max == 5
    for t in (3, 5, 1):
        unrolled_box.controls["t"].value = t
        expected = five_steps.step_report(ex, t)
        assert unrolled_box.result["t"] == t
        np.testing.assert_allclose(unrolled_box.result["h_t"], expected["h_t"])


def test_step_html_prints_every_value():
    report = five_steps.step_report(five_steps.five_step_example(), 2)
    page = unrolled.step_html(report)
    for text in ("Step t = 2", "x<sub>2</sub>", "h<sub>1</sub>", "[0.66, -0.65]", "0.82"):
        assert text in page
