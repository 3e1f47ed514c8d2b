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
