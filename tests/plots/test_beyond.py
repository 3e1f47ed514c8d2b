"""Tests for rnn_helpers.plots.beyond (notebook 09): attention, peaks, motifs and the scan; every
figure has its titles and labels."""

import numpy as np

from rnn_helpers.core import linear_rnn
from rnn_helpers.datasets import beyond as data
from rnn_helpers.plots import beyond


def _labelled(fig):
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert all(ax.get_ylabel() for ax in axes)
    assert axes[-1].get_xlabel()      # stacked panels share the bottom one's time axis
    assert any(ax.get_title() for ax in fig.axes) or fig._suptitle is not None


def test_figures_have_titles_and_labels(recall_example):
    X, y, alpha, y_prob = recall_example
    _labelled(beyond.attention_heatmap(alpha, data.marker_positions(X)))
    _labelled(beyond.attention_example(data.recall_report(X, y, alpha, y_prob, 0)))
    Xp, yp = data.local_peaks(2, T=12, seed=0)
    _labelled(beyond.plot_peaks(Xp[0], yp[0], np.full(12, 0.3), np.full(12, 0.6)))
    Xm, ym = data.motif_sequences(30, T=40, seed=0)
    shapes = data.motif_shapes()
    _labelled(beyond.plot_motifs(Xm, ym, list(shapes.values()), list(shapes)))
    rng = np.random.default_rng(0)
    a, b = rng.uniform(size=(1, 20, 3)), rng.normal(size=(1, 20, 3))
    fig = beyond.plot_scan(linear_rnn.linear_loop(a, b)[0], linear_rnn.linear_scan(a, b)[0])
    _labelled(fig)


def test_cell_curves_figure_has_its_labels_and_a_legend_off_the_data():
    from rnn_helpers.plots.style import legend_covers_data

    rng = np.random.default_rng(0)
    curves = {name: rng.uniform(0.2, 1.0, size=(3, 15)).tolist()
              for name in ("SimpleRNN", "LSTM", "GRU", "SimpleRNN + attention")}
    fig = beyond.plot_cell_curves(curves, chance=0.25, budget=5)
    _labelled(fig)
    ax = fig.axes[0]
    assert "%" in ax.get_ylabel() and ax.get_legend() is not None
    assert legend_covers_data(ax) == 0
    means = [line for line in ax.get_lines() if "mean of 3" in line.get_label()]
    assert len(means) == 4
    assert np.allclose(means[1].get_ydata(), 100 * np.mean(curves["LSTM"], axis=0))
