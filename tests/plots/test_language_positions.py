"""Tests for notebook 06's loss-by-position figure (issue 12, carrying the state): one line per
reading, the baselines as horizontal lines, labelled axes, a legend beside the data."""

import numpy as np
import pytest

from rnn_helpers.plots import language as plang
from rnn_helpers.plots.style import legend_covers_data, texts_outside_figure


def test_loss_by_position_lines_and_labels():
    zeros = 2.0 + np.exp(-np.arange(50) / 2.0)
    kept = np.full(50, 2.0)
    fig = plang.plot_loss_by_position({"from zeros": zeros, "carried": kept},
                                      baselines={"unigram": 3.07}, title="A title")
    ax = fig.axes[0]
    lines = ax.get_lines()
    assert len(lines) == 3
    np.testing.assert_allclose(lines[0].get_ydata(), zeros)
    np.testing.assert_allclose(lines[0].get_xdata(), np.arange(50))
    assert ax.get_title() == "A title" and "position" in ax.get_xlabel()
    assert "nats" in ax.get_ylabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["from zeros", "carried", "unigram: 3.07"]
    assert legend_covers_data(ax) == 0
    assert not texts_outside_figure(fig)


def test_loss_by_position_bad_input():
    with pytest.raises(ValueError, match="curves: expected a non-empty dict"):
        plang.plot_loss_by_position({})
    with pytest.raises(ValueError, match="curves"):
        plang.plot_loss_by_position({"a": np.zeros((2, 3))})
