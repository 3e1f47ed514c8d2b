"""Notebook 09's widget and figures: set the slider, read `.result` (no browser)."""

import numpy as np
import pytest

from rnn_helpers import datasets_beyond, linear_rnn
from rnn_helpers.plots import attention as attention_plots
from rnn_helpers.plots import beyond
from rnn_helpers.widgets.attention import attention_widget


@pytest.fixture(scope="module")
def data():
    X, y = datasets_beyond.marker_recall(6, T=10, K=3, seed=0)
    rng = np.random.default_rng(1)
    alpha = rng.dirichlet(np.ones(10), size=6)
    alpha[2] = 0.0
    alpha[2, datasets_beyond.marker_positions(X)[2]] = 1.0
    y_prob = rng.dirichlet(np.ones(3), size=6)
    return X, y, alpha, y_prob


def test_attention_widget_follows_its_slider(data):
    X, y, alpha, y_prob = data
    box = attention_widget(X, y, alpha, y_prob)
    assert box.result["index"] == 0
    assert box.controls["index"].max == 5
    for i in (2, 5, 1):
        box.controls["index"].value = i
        expected = datasets_beyond.recall_report(X, y, alpha, y_prob, i)
        assert box.result["index"] == i
        np.testing.assert_array_equal(box.result["alpha"], alpha[i])
        assert box.result["marker"] == expected["marker"]
        bars = next(c for c in box.figure.axes[0].collections if c.get_gid() == "alpha")
        heights = [path.vertices[:, 1].max() for path in bars.get_paths()]
        np.testing.assert_allclose(heights, alpha[i])          # the figure moved too
    box.controls["index"].value = 2
    assert box.result["alpha_at_marker"] == 1.0 and box.result["argmax"] == box.result["marker"]


def test_recall_report(data):
    X, y, alpha, y_prob = data
    report = datasets_beyond.recall_report(X, y, alpha, y_prob, 3)
    assert report["target"] == y[3]
    assert report["predicted"] == int(np.argmax(y_prob[3]))
    assert report["correct"] == (report["predicted"] == report["target"])
    assert report["symbols"][report["marker"]] == y[3]
    with pytest.raises(ValueError, match=r"i: expected a sequence index in \[0, 6\)"):
        datasets_beyond.recall_report(X, y, alpha, y_prob, 6)


def _labelled(fig):
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert all(ax.get_ylabel() for ax in axes)
    assert axes[-1].get_xlabel()      # stacked panels share the bottom one's time axis
    assert any(ax.get_title() for ax in fig.axes) or fig._suptitle is not None


def test_figures_have_titles_and_labels(data):
    X, y, alpha, y_prob = data
    _labelled(attention_plots.attention_heatmap(alpha, datasets_beyond.marker_positions(X)))
    _labelled(attention_plots.attention_example(
        datasets_beyond.recall_report(X, y, alpha, y_prob, 0)))
    Xp, yp = datasets_beyond.local_peaks(2, T=12, seed=0)
    _labelled(beyond.plot_peaks(Xp[0], yp[0], np.full(12, 0.3), np.full(12, 0.6)))
    Xm, ym = datasets_beyond.motif_sequences(30, T=40, seed=0)
    shapes = datasets_beyond.motif_shapes()
    _labelled(beyond.plot_motifs(Xm, ym, list(shapes.values()), list(shapes)))
    rng = np.random.default_rng(0)
    a, b = rng.uniform(size=(1, 20, 3)), rng.normal(size=(1, 20, 3))
    fig = beyond.plot_scan(linear_rnn.linear_loop(a, b)[0], linear_rnn.linear_scan(a, b)[0])
    _labelled(fig)
