"""Tests for rnn_helpers.plots.units: text coloured by a unit's activation."""

import numpy as np
import pytest

from rnn_helpers.plots import units


def test_html_colours_each_character():
    text = units.unit_html(["(a)"], np.array([[1.0, 0.0, -1.0]]), unit=3, r=0.9)
    assert text.count("<span") == 3 and "#ff0000" in text and "#0000ff" in text
    assert "unit 3" in text and "0.90" in text
    assert units.show_unit(["(a)"], np.zeros((1, 3)), 0)._repr_html_().startswith("<div>")


def test_figure():
    fig = units.plot_unit_text(["(a)", "aa("], np.zeros((2, 3)), quantity=[[1, 1, 1], [0, 0, 1]],
                               unit=2)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    with pytest.raises(ValueError, match="strings"):
        units.plot_unit_text(["(a"], np.zeros((1, 3)))


def test_correlation_bars():
    from rnn_helpers.plots import style

    r = np.array([0.2, -0.9, 0.5])
    fig = units.plot_unit_correlations(r, "the depth", readout_r=0.99)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and "depth" in ax.get_ylabel()
    assert "best unit: 1" in " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert style.legend_covers_data(ax) == 0
    with pytest.raises(ValueError, match="r"):
        units.plot_unit_correlations(np.zeros((2, 2)))


def test_level_means_figure_groups_units_by_their_switch():
    means = np.array([[-1.0, 1.0, -1.0], [1.0, 1.0, -1.0], [1.0, -1.0, 1.0]])
    fig = units.plot_level_means(np.array([0.0, 1.0, 2.0]), means)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2"]
    assert {t.get_text() for t in ax.texts} == {"0\u21941", "1\u21942"}
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() == "depth"
    with pytest.raises(ValueError, match="levels"):
        units.plot_level_means(np.zeros(2), means)
