"""Tests for rnn_helpers.widgets._render, what every widget uses to redraw: the PNGs it makes."""

from rnn_helpers.core import scalar_rnn
from rnn_helpers.plots.recurrence import plot_scalar_rnn
from rnn_helpers.widgets import _render


def test_redrawer_png_is_a_png_of_the_figure():
    r = scalar_rnn.run(T=8)
    fig = plot_scalar_rnn(r["x"], r["h"])
    png = _render.Redrawer(fig, fig.axes[1].lines).png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    keyed = _render.Redrawer(fig, fig.axes[1].lines, draw=False)
    keyed.refresh("pulse")
    assert keyed.png("pulse")[:8] == b"\x89PNG\r\n\x1a\n" and set(keyed.backgrounds) == {"pulse"}
    assert _render.figure_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"
