"""Tests for rnn_helpers.plots.recurrence (notebook 01): the scalar RNN's figure, updated in place,
and the static figures of its regimes."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnn_helpers.core import scalar_rnn
from rnn_helpers.plots import recurrence


def test_scalar_figure_and_update_in_place():
    r = scalar_rnn.run(1.0, 0.5, 0.0, "pulse", T=10)
    fig = recurrence.plot_scalar_rnn(r["x"], r["h"])
    ax_x, ax_h = fig.axes
    assert ax_h.get_xlabel() == "time step t" and ax_h.get_ylabel() and ax_x.get_ylabel()
    r2 = scalar_rnn.run(1.0, -0.5, 0.0, "noise", T=10)
    recurrence.update_scalar_rnn(fig, r2["x"], r2["h"], "new")
    h_line = next(line for line in ax_h.lines if line.get_gid() == "h")
    np.testing.assert_array_equal(h_line.get_ydata(), r2["h"])
    assert ax_x.get_title() == "new"
    assert ax_x.get_ylim()[1] >= np.max(np.abs(r2["x"]))


@pytest.mark.parametrize("make", [recurrence.plot_regimes, recurrence.plot_memory,
                                  recurrence.plot_tanh_vs_sigmoid])
def test_static_figures_have_titles_labels_legends(make):
    fig = make()
    assert isinstance(fig, Figure)
    for ax in fig.axes:
        assert ax.get_title()
        assert ax.get_legend() is not None
    assert any(ax.get_xlabel() for ax in fig.axes) and any(ax.get_ylabel() for ax in fig.axes)


def test_regime_panels_match_their_titles():
    for name, w, u, b, pattern in recurrence.REGIME_EXAMPLES:
        assert name.startswith(scalar_rnn.run(w, u, b, pattern=pattern, T=20)["regime"])
