"""Notebook 11's alignment viewer: a slider over held-out dates; the attention map of the
trained encoder-decoder's greedy translation of each. The numbers come from
`alignment_view`, a plain function.

One slider move redraws only what changes (the weights, the characters on both axes, the
title) over a background drawn once, so it answers well under 0.1 s.
"""

import ipywidgets as widgets
import numpy as np

from .._validate import check_positive_int, fail
from ..analysis.decoding import greedy_decode
from ..analysis.seq2seq import uses_attention
from ..plots.seq2seq import plot_alignment
from ._render import Redrawer, connect, show_png

DPI = 72


def _check(p, X, index):
    if not uses_attention(p):
        fail("p", "a model with attention (W_a, U_a, b_a, v)", "a model without")
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or \
            not 0 <= index < len(X):
        fail("index", f"a number from 0 to {len(X) - 1}", repr(index))


def alignment_view(p, X, sources, index, start, decode):
    """The greedy translation of source `index` and its attention weights.

    p: a trained model with attention; X (B, S) encoded sources; decode: ids -> list of str.
    -> {"source", "output", "alpha" (T, S), "index", "title"}.
    """
    _check(p, X, index)
    ids, alpha = greedy_decode(p, np.asarray(X)[index:index + 1], 10, start)
    return _view(sources[index], decode(ids)[0], alpha[0], index)


def _view(source, output, alpha, index):
    return {"source": source, "output": output, "alpha": alpha, "index": int(index),
            "title": f"Example {index}: “{source}” → {output}"}


def alignment_views(p, X, sources, start, decode, count=20):
    """`alignment_view` of the first `count` sources, decoded in one batch."""
    count = min(check_positive_int("count", count), len(X))
    _check(p, X, 0)
    ids, alpha = greedy_decode(p, np.asarray(X)[:count], 10, start)
    return [_view(sources[i], out, alpha[i], i) for i, out in enumerate(decode(ids))]


def _labels(view, S):
    """The characters of both axes: the source right-aligned over its S columns (padding
    columns blank), the output one per row."""
    source = view["source"].replace(" ", "␣")
    return [""] * (S - len(source)) + list(source), list(view["output"])


def alignment_widget(p, X, sources, start, decode, index=0, count=20):
    """An IntSlider over the first `count` sources; the attention map of each translation.

    The returned VBox keeps `.result` (the current `alignment_view`), `.controls` ({"index"}),
    `.figure` and `.redraw()`. Padding columns have weight 0 and no character.
    """
    views = alignment_views(p, X, sources, start, decode, count)
    controls = {"index": widgets.IntSlider(value=index, min=0, max=len(views) - 1,
                                           description="example", continuous_update=False)}
    S = np.asarray(X).shape[1]
    T = len(views[0]["output"])
    fig = plot_alignment(views[index]["alpha"], "M" * S, "0" * T, title=" ")
    fig.set_dpi(DPI)
    ax = fig.axes[0]
    ax.tick_params(labelcolor="none")            # keeps the room; the characters are drawn below
    image = ax.images[0]
    cols = [ax.text(j, T - 0.5 + 0.2, "", ha="center", va="top", fontsize=10)
            for j in range(S)]
    rows = [ax.text(-0.5 - 0.3, t, "", ha="right", va="center", fontsize=10) for t in range(T)]
    for text in cols + rows:
        text.set_clip_on(False)
    redrawer = Redrawer(fig, [image, ax.title, *cols, *rows])
    out = widgets.Output()
    box = widgets.VBox([controls["index"], out])
    box.controls, box.figure = controls, fig

    def redraw(change=None):
        box.result = views[controls["index"].value]
        image.set_data(box.result["alpha"])
        ax.set_title(box.result["title"])
        col_chars, row_chars = _labels(box.result, S)
        for text, char in zip(cols + rows, col_chars + row_chars, strict=True):
            text.set_text(char)
        show_png(out, redrawer.png())

    return connect(box, controls, redraw)


__all__ = ["alignment_view", "alignment_views", "alignment_widget"]
