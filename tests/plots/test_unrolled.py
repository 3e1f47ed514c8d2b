"""Tests for rnn_helpers.plots.unrolled (notebook 02): the unrolled graph's layout, values,
highlight and bad input."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnn_helpers.analysis import five_steps
from rnn_helpers.plots import unrolled


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_layout_has_every_node_and_edge():
    nodes, edges = unrolled.unrolled_layout(5)
    assert len(nodes) == 1 + 3 * 5          # h_0, and x_t, h_t, o_t for t = 1 .. 5
    labels = [label for _, _, label in edges]
    assert labels.count("W") == labels.count("U") == labels.count("W′") == 5
    assert (("h", 0), ("h", 1), "U") in edges
    assert (("x", 3), ("h", 3), "W") in edges
    assert (("h", 5), ("o", 5), "W′") in edges
    nodes, edges = unrolled.unrolled_layout(3, show_output=False)
    assert not any(kind == "o" for kind, _ in nodes) and len(edges) == 6


def test_nodes_sit_in_rows_x_h_o():
    nodes, _ = unrolled.unrolled_layout(4)
    for t in range(1, 5):
        assert nodes[("x", t)][1] < nodes[("h", t)][1] < nodes[("o", t)][1]
        assert nodes[("x", t)][0] == nodes[("h", t)][0] == nodes[("o", t)][0] == t


def test_format_value():
    assert unrolled.format_value(0.5) == "0.50"
    assert unrolled.format_value([0.537, -0.7616]) == "[0.54, -0.76]"
    assert unrolled.format_value(np.arange(5.0)) == "[0.00, 1.00, 2.00, …]"
    assert unrolled.format_value(-0.001) == "0.00"


def test_plot_unrolled_labels_and_values():
    fig = unrolled.plot_unrolled(5, values=five_steps.five_step_trace())
    assert isinstance(fig, Figure)
    texts = _texts(fig)
    for name in ("x₁", "h₀", "h₅", "o₅"):
        assert name in texts
    assert texts.count("W") == texts.count("U") == texts.count("W′") == 5
    assert "[0.54, -0.76]" in texts           # h_1 of the example
    assert "-1.00" in texts                   # x_5
    assert fig.axes[0].get_title()


def test_highlight_colours_one_step():
    fig = unrolled.plot_unrolled(5, highlight=3)
    assert "t = 3" in fig.axes[0].get_title()
    edge_colours = {tuple(np.round(p.get_edgecolor(), 3)) for p in fig.axes[0].patches}
    assert len(edge_colours) >= 3             # highlighted, h_{t-1}, the rest


def test_returned_frame_and_no_outputs():
    fig = unrolled.plot_unrolled(4, show_output=False, returned="last")
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
        unrolled.plot_unrolled(**kwargs)
