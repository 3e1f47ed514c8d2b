"""Notebook 09's alignment viewer: a slider over held-out dates; the attention map of the
trained encoder-decoder's greedy translation of each. The numbers come from
`alignment_view`, a plain function."""

import ipywidgets as widgets
import numpy as np

from .._validate import fail
from ..analysis.decoding import greedy_decode
from ..analysis.seq2seq import uses_attention
from ..plots.seq2seq import plot_alignment
from ._render import connect, figure_png, show_png

DPI = 72


def alignment_view(p, X, sources, index, start, decode):
    """The greedy translation of source `index` and its attention weights.

    p: a trained model with attention; X (B, S) encoded sources; decode: ids -> list of str.
    -> {"source", "output", "alpha" (T, S), "index", "title"}.
    """
    if not uses_attention(p):
        fail("p", "a model with attention (W_a, U_a, b_a, v)", "a model without")
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or \
            not 0 <= index < len(X):
        fail("index", f"a number from 0 to {len(X) - 1}", repr(index))
    ids, alpha = greedy_decode(p, np.asarray(X)[index:index + 1], 10, start)
    output = decode(ids)[0]
    source = sources[index]
    return {"source": source, "output": output, "alpha": alpha[0], "index": int(index),
            "title": f"Example {index}: “{source}” → {output}"}


def alignment_widget(p, X, sources, start, decode, index=0, count=20):
    """An IntSlider over the first `count` sources; the attention map of each translation.

    The returned VBox keeps `.result` (the current `alignment_view`), `.controls` ({"index"})
    and `.redraw()`. Pictures are drawn on first view and kept.
    """
    count = min(int(count), len(X))
    controls = {"index": widgets.IntSlider(value=index, min=0, max=count - 1,
                                           description="example", continuous_update=False)}
    out = widgets.Output()
    box = widgets.VBox([controls["index"], out])
    box.controls, pictures = controls, {}

    def redraw(change=None):
        i = controls["index"].value
        box.result = alignment_view(p, X, sources, i, start, decode)
        if i not in pictures:
            fig = plot_alignment(box.result["alpha"], box.result["source"],
                                 box.result["output"], title=box.result["title"])
            fig.set_dpi(DPI)
            pictures[i] = figure_png(fig)
        show_png(out, pictures[i])

    return connect(box, controls, redraw)


__all__ = ["alignment_view", "alignment_widget"]
