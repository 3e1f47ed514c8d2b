"""Tests for rnn_helpers.plots.graph (the unrolled graph) and plots.recurrence (scalar RNN)."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnn_helpers import five_steps, plots, scalar_rnn
from rnn_helpers.plots import graph


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_layout_has_every_node_and_edge():
    nodes, edges = graph.unrolled_layout(5)
    assert len(nodes) == 1 + 3 * 5          # h_0, and x_t, h_t, o_t for t = 1 .. 5
    labels = [label for _, _, label in edges]
    assert labels.count("W") == labels.count("U") == labels.count("W′") == 5
    assert (("h", 0), ("h", 1), "U") in edges
    assert (("x", 3), ("h", 3), "W") in edges
    assert (("h", 5), ("o", 5), "W′") in edges
    nodes, edges = graph.unrolled_layout(3, show_output=False)
    assert not any(kind == "o" for kind, _ in nodes) and len(edges) == 6


def test_nodes_sit_in_rows_x_h_o():
    nodes, _ = graph.unrolled_layout(4)
    for t in range(1, 5):
        assert nodes[("x", t)][1] < nodes[("h", t)][1] < nodes[("o", t)][1]
        assert nodes[("x", t)][0] == nodes[("h", t)][0] == nodes[("o", t)][0] == t


def test_format_value():
    assert graph.format_value(0.5) == "0.50"
    assert graph.format_value([0.537, -0.7616]) == "[0.54, -0.76]"
    assert graph.format_value(np.arange(5.0)) == "[0.00, 1.00, 2.00, …]"
    assert graph.format_value(-0.001) == "0.00"


def test_plot_unrolled_labels_and_values():
    fig = plots.plot_unrolled(5, values=five_steps.five_step_trace())
    assert isinstance(fig, Figure)
    texts = _texts(fig)
    for name in ("x₁", "h₀", "h₅", "o₅"):
        assert name in texts
    assert texts.count("W") == texts.count("U") == texts.count("W′") == 5
    assert "[0.54, -0.76]" in texts           # h_1 of the example
    assert "-1.00" in texts                   # x_5
    assert fig.axes[0].get_title()


def test_highlight_colours_one_step():
    fig = plots.plot_unrolled(5, highlight=3)
    assert "t = 3" in fig.axes[0].get_title()
    edge_colours = {tuple(np.round(p.get_edgecolor(), 3)) for p in fig.axes[0].patches}
    assert len(edge_colours) >= 3             # highlighted, h_{t-1}, the rest


def test_returned_frame_and_no_outputs():
    fig = plots.plot_unrolled(4, show_output=False, returned="last")
    texts = _texts(fig)
    assert not any(t.startswith("o") for t in texts)
    assert any("return_sequences=False" in t for t in texts)


@pytest.mark.parametrize("kwargs,words", [
    ({"T": 0}, "T"),
    ({"T": 3, "highlight": 4}, "highlight"),
    ({"T": 3, "highlight": True}, "highlight"),
    ({"T": 3, "returned": "all"}, "returned"),
    ({"T": 3, "values": {"h": np.zeros((7, 2))}}, r"values\['h'\]"),
    ({"T": 3, "values": {"x": np.zeros((2, 1))}}, r"values\['x'\]"),
])
def test_plot_unrolled_bad_input(kwargs, words):
    with pytest.raises(ValueError, match=f"^{words}: expected"):
        plots.plot_unrolled(**kwargs)


def test_scalar_figure_and_update_in_place():
    r = scalar_rnn.run(1.0, 0.5, 0.0, "pulse", T=10)
    fig = plots.plot_scalar_rnn(r["x"], r["h"])
    ax_x, ax_h = fig.axes
    assert ax_h.get_xlabel() == "time step t" and ax_h.get_ylabel() and ax_x.get_ylabel()
    r2 = scalar_rnn.run(1.0, -0.5, 0.0, "noise", T=10)
    plots.update_scalar_rnn(fig, r2["x"], r2["h"], "new")
    h_line = next(line for line in ax_h.lines if line.get_gid() == "h")
    np.testing.assert_array_equal(h_line.get_ydata(), r2["h"])
    assert ax_x.get_title() == "new"
    assert ax_x.get_ylim()[1] >= np.max(np.abs(r2["x"]))


@pytest.mark.parametrize("make", [plots.plot_regimes, plots.plot_memory,
                                  plots.plot_tanh_vs_sigmoid])
def test_static_figures_have_titles_labels_legends(make):
    fig = make()
    assert isinstance(fig, Figure)
    for ax in fig.axes:
        assert ax.get_title()
        assert ax.get_legend() is not None
    assert any(ax.get_xlabel() for ax in fig.axes) and any(ax.get_ylabel() for ax in fig.axes)


def test_regime_panels_match_their_titles():
    for name, w, u, b, pattern in plots.recurrence.REGIME_EXAMPLES:
        assert name.startswith(scalar_rnn.run(w, u, b, pattern=pattern, T=20)["regime"])
