"""Tests for the widgets of notebooks 00-02: set a control's value, read `.result` (no browser)."""

import numpy as np
import pytest

from rnn_helpers import five_steps, scalar_rnn, widgets
from rnn_helpers.widgets import _render, unrolled


@pytest.fixture(scope="module")
def scalar_box():
    return widgets.scalar_rnn_widget(T=12)


@pytest.fixture(scope="module")
def unrolled_box():
    return widgets.unrolled_widget()


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


def test_glossary_widget_looks_terms_up():
    box = widgets.glossary_widget()
    assert box.result["chinese"] == "隐藏状态"
    box.controls["term"].value = "vanishing gradient"
    assert box.result["chinese"] == "梯度消失" and box.result["notebook"] == "04"


def test_redrawer_png_is_a_png_of_the_figure():
    r = scalar_rnn.run(T=8)
    fig = widgets.scalar_rnn.plot_scalar_rnn(r["x"], r["h"])
    png = _render.Redrawer(fig, fig.axes[1].lines).png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    keyed = _render.Redrawer(fig, fig.axes[1].lines, draw=False)
    keyed.refresh("pulse")
    assert keyed.png("pulse")[:8] == b"\x89PNG\r\n\x1a\n" and set(keyed.backgrounds) == {"pulse"}
    assert _render.figure_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"
