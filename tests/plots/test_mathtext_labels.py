"""The figures of notebooks 07-09 write maths as mathtext ($x_{t+1}$), never as raw TeX
(x_{t+1}, h_t) that matplotlib would print letter by letter."""

import re

import numpy as np

from rnn_helpers.core import linear_rnn
from rnn_helpers.datasets import beyond as data
from rnn_helpers.plots import beyond, timeseries

RAW_TEX = re.compile(r"[A-Za-z\u03b1-\u03c9]_(\{|[A-Za-z0-9])")


def _texts(fig):
    found = [fig._suptitle.get_text()] if fig._suptitle else []
    for ax in fig.axes:
        found += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        legend = ax.get_legend()
        if legend:
            found += [t.get_text() for t in legend.get_texts()]
    return found


def _raw_tex(text):
    """The parts of `text` outside $...$ that look like TeX subscripts."""
    outside = re.sub(r"\$[^$]*\$", "", text)
    return RAW_TEX.findall(outside)


def test_the_raw_tex_detector():
    assert _raw_tex("Is x_t a peak? x_{t+1}") and _raw_tex("α_t")
    assert not _raw_tex("Is $x_t$ a peak? It depends on $x_{t+1}$") and not _raw_tex("t₀")


def test_no_raw_tex_in_the_figures_of_07_to_09(recall_example):
    X, y, alpha, y_prob = recall_example
    Xp, yp = data.local_peaks(2, T=12, seed=0)
    Xm, ym = data.motif_sequences(30, T=40, seed=0)
    shapes = data.motif_shapes()
    rng = np.random.default_rng(0)
    a, b = rng.uniform(size=(1, 20, 3)), rng.normal(size=(1, 20, 3))
    figures = [
        beyond.plot_peaks(Xp[0], yp[0], np.full(12, 0.3), np.full(12, 0.6)),
        beyond.plot_motifs(Xm, ym, list(shapes.values()), list(shapes)),
        beyond.plot_scan(linear_rnn.linear_loop(a, b)[0], linear_rnn.linear_scan(a, b)[0]),
        beyond.attention_heatmap(alpha, data.marker_positions(X)),
        beyond.attention_example(data.recall_report(X, y, alpha, y_prob, 0)),
        timeseries.plot_errors({"RNN": 0.1, "linear AR": 0.09}, floor=(0.08, "expected")),
        timeseries.plot_error_by_horizon({"RNN": np.ones(3)}, floor=(0.5, "floor")),
    ]
    found = [(text, _raw_tex(text)) for fig in figures for text in _texts(fig) if _raw_tex(text)]
    assert not found, found


def test_the_floor_line_and_its_label():
    fig = timeseries.plot_errors({"RNN": 0.1, "linear AR": 0.09},
                                 floor=(0.08, "expected MAE of a perfect forecast"))
    line = next(x for x in fig.axes[0].lines if x.get_gid() == "floor")
    assert line.get_ydata()[0] == 0.08
    assert "expected MAE of a perfect forecast" in [t.get_text() for t in
                                                    fig.axes[0].get_legend().get_texts()]
