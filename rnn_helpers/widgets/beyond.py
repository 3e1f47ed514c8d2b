"""Notebook 09's widget: pick a held-out sequence of the marker-recall task and see where the
attention looks. The numbers come from `datasets_beyond.recall_report`; nothing is recomputed
by the model on a move, the weights were computed once."""

import ipywidgets as widgets

from ..datasets.beyond import recall_report
from ..plots.beyond import attention_example, update_attention_example
from ._render import Redrawer, finish, show_png

TITLE = "Where the attention looks in one held-out sequence"


def _note_html(report):
    verdict = "right" if report["correct"] else "wrong"
    head = (f"Sequence {report['index']}: the marker is at step {report['marker'] + 1}, with "
            f"symbol <b>{report['target']}</b>; the model says <b>{report['predicted']}</b> "
            f"({verdict}). ")
    if report["argmax"] == report["marker"]:
        where = "The largest weight is on the marked step."
    else:
        where = (f"The largest weight is on step {report['argmax'] + 1}, not on the marked "
                 f"step {report['marker'] + 1}.")
    return (f"{head}{where} Weight on the marked step: <b>{report['alpha_at_marker']:.2f}</b> "
            f"(uniform attention would give 1/{len(report['alpha'])} = "
            f"{1 / len(report['alpha']):.3f} to every step).")


def attention_widget(X, y_true, alpha, y_prob, index=0):
    """A slider over the held-out sequences; each move redraws the bars of α_t.

    X (n, T, K + 1), y_true (n,), alpha (n, T), y_prob (n, K): the held-out data, the
    attention weights and the predictions, computed once by the trained model. The returned
    VBox keeps `.result` (the report of the shown sequence), `.figure`, `.controls`
    ({"index"}) and `.redraw()`.
    """
    n = len(X)
    controls = {"index": widgets.IntSlider(value=index, min=0, max=n - 1, step=1,
                                           description="sequence", continuous_update=False)}
    note = widgets.HTML()
    out = widgets.Output()
    box = widgets.VBox([controls["index"], note, out])
    box.controls = controls
    first = recall_report(X, y_true, alpha, y_prob, index)
    box.figure = attention_example(first, title=TITLE)   # the words go in `note`, not the title
    ax = box.figure.axes[0]
    moving = [c for c in ax.collections if c.get_gid() in ("alpha", "symbol")]
    redrawer = Redrawer(box.figure, moving)
    box.figure.set_layout_engine("none")   # keep the layout: only the bars and words move

    def redraw(change=None):
        box.result = recall_report(X, y_true, alpha, y_prob, controls["index"].value)
        update_attention_example(box.figure, box.result, title=TITLE)
        note.value = _note_html(box.result)
        show_png(out, redrawer.png())

    controls["index"].observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return finish(box)


__all__ = ["attention_widget"]
