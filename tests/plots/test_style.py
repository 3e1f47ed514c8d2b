"""Tests for rnn_helpers.plots.style: legends that stay off the data, limits that follow the data,
numbers without a negative zero."""

import numpy as np
import pytest

from rnn_helpers.plots import style


def _figure_with_a_line(y):
    fig, ax = style.new_figure()
    ax.plot(np.arange(len(y)), y, label="h_t")
    return fig, ax


def test_a_legend_inside_can_hide_data_that_moves_after_it_was_placed():
    fig, ax = _figure_with_a_line(np.zeros(30))
    ax.legend(loc="upper right")
    line = ax.get_lines()[0]
    line.set_ydata(np.full(30, 0.05))           # as a widget moves its line later
    ax.set_ylim(-0.06, 0.06)
    assert style.legend_covers_data(ax) > 0


def test_legend_outside_never_hides_data():
    for y in (np.zeros(30), np.linspace(-1, 1, 30), np.full(30, 0.99)):
        fig, ax = _figure_with_a_line(y)
        ax.set_ylim(-1.1, 1.1)
        legend = style.legend_outside(ax)
        assert legend.get_bbox_to_anchor() is not None
        assert style.legend_covers_data(ax) == 0
        # constrained layout keeps the legend inside the figure
        fig_box = fig.bbox
        box = legend.get_window_extent()
        assert box.x1 <= fig_box.x1 + 1 and box.y0 >= fig_box.y0 - 1


def test_legend_covers_data_without_a_legend_is_zero():
    _, ax = _figure_with_a_line(np.arange(5.0))
    assert style.legend_covers_data(ax) == 0.0


def test_data_limits_follow_the_data():
    low, high = style.data_limits([0.5, 0.2], [0.9, np.nan, np.inf], include=[0])
    assert low < 0 and high > 0.9 and low == pytest.approx(-0.045) and high == pytest.approx(0.945)
    assert style.data_limits([0.25, 0.25]) == pytest.approx((0.2375, 0.2625))
    low, high = style.data_limits([1e-3, 1e2], log=True, pad=0)
    assert (low, high) == pytest.approx((1e-3, 1e2))
    assert style.data_limits([]) == (0.0, 1.0)


@pytest.mark.parametrize("value, digits, expected", [
    (-0.001, 2, "0.00"), (-0.0, 2, "0.00"), (0.004, 2, "0.00"), (-1.5, 1, "−1.5"),
    (2.345, 2, "2.35"), (-0.006, 2, "−0.01"),
])
def test_format_number_has_no_negative_zero(value, digits, expected):
    assert style.format_number(value, digits) == expected


def test_format_number_with_a_unit():
    assert style.format_number(-0.0001, 2, "nats") == "0.00 nats"


def test_texts_outside_figure_finds_a_cut_label():
    fig, ax = style.new_figure()
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("time step t")
    assert style.texts_outside_figure(fig) == []       # constrained layout: nothing cut
    ax.set_position([0.1, 0.02, 0.85, 0.9])              # as a layout frozen too tight
    fig.set_layout_engine("none")
    cut = style.texts_outside_figure(fig)
    assert "time step t" in [text for text, _ in cut]
