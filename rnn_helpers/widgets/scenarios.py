"""Notebook 08's widget: walk through the held-out examples and see what the model answered.

The model's probabilities are computed once, before the widget is built (`model.predict`);
a move of the slider only looks one example up (`example_view`) and moves the artists of one
Figure made once by `plot_example`, so that the axes never need drawing again.
"""

import ipywidgets as widgets
import numpy as np

from .._validate import check_array, check_choice, fail
from ..plots.scenarios import KINDS, plot_example
from ._render import Redrawer, finish, show_png

SHOW = ("all examples", "mistakes only")


def example_view(probs, y_true, i):
    """What the widget shows for held-out example i.

    probs (n, K) with y_true (n,)      -> {"index", "truth", "prediction", "confidence",
                                           "correct"}           (one class per example)
    probs (n, T, V) with y_true (n, T) -> {"index", "truth" (T,), "prediction" (T,),
                                           "correct" (T,) bools, "accuracy"}  (one per token)
    """
    probs = check_array("probs", probs, ndim=(2, 3), layout="(n, K) or (n, T, V)")
    y_true = np.asarray(y_true)
    if y_true.shape != probs.shape[:-1]:
        fail("y_true", f"labels of shape {probs.shape[:-1]} (probs without its last axis)",
              f"shape {y_true.shape}")
    n = len(probs)
    if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < n:
        fail("i", f"an example index in [0, {n - 1}]", repr(i))
    i = int(i)
    prediction = probs[i].argmax(axis=-1)
    if probs.ndim == 2:
        return {"index": i, "truth": int(y_true[i]), "prediction": int(prediction),
                "confidence": float(probs[i, prediction]),
                "correct": bool(prediction == y_true[i])}
    correct = prediction == y_true[i]
    return {"index": i, "truth": y_true[i].astype(np.int64), "prediction": prediction,
            "correct": correct, "accuracy": float(np.mean(correct))}


def mistakes(probs, y_true):
    """Indices of the examples with at least one wrong answer (a class, or any token)."""
    probs = check_array("probs", probs, ndim=(2, 3), layout="(n, K) or (n, T, V)")
    wrong = probs.argmax(axis=-1) != np.asarray(y_true)
    return np.flatnonzero(wrong if wrong.ndim == 1 else wrong.any(axis=1))


def pick_example(position, show, wrong, n):
    """Which held-out example the slider points at, and the words that name it.

        "all examples"  : position k (0 .. n-1) is held-out example k
        "mistakes only" : position k (1 .. M) is the k-th mistake, held-out example wrong[k-1]

    The slider counts mistakes from 1, as the text does, so that "mistake 3" on the slider
    and "Mistake 3 of 7: held-out example 20" in the text name the same thing.
    -> (index, caption)
    """
    check_choice("show", show, SHOW)
    if show == SHOW[0]:
        if isinstance(position, bool) or not 0 <= int(position) < n:
            fail("position", f"an example index in [0, {n - 1}]", repr(position))
        return int(position), f"Held-out example {int(position)}"
    M = len(wrong)
    if isinstance(position, bool) or not 1 <= int(position) <= M:
        fail("position", f"a mistake number in [1, {M}]", repr(position))
    index = int(wrong[int(position) - 1])
    return index, f"Mistake {int(position)} of {M}: held-out example {index}"


def scenario_widget(kind, shown, y_true, probs, class_names=None, index=0, **plot_kw):
    """A slider over held-out examples: the input, the truth and the model's answer.

    kind "frames"      : shown (n, F, N, N); y_true (n,); probs (n, K)
    kind "spectrogram" : shown (n, T, bins); y_true (n,); probs (n, K)
    kind "brackets"    : shown a list of n strings; y_true (n, T); probs (n, T, V)
    A toggle restricts the slider to the examples the model got (partly) wrong; the slider
    then counts mistakes 1 .. M (`pick_example`).
    plot_kw go to `plot_example` (sample_rate, frame_length, hop, max_depth).

    The returned VBox keeps `.result` (the dict of `example_view`), `.figure`, `.controls`
    ({"example", "show"}) and `.redraw()`.
    """
    check_choice("kind", kind, KINDS)
    probs = check_array("probs", probs, ndim=3 if kind == "brackets" else 2)
    y_true = np.asarray(y_true)
    n = len(probs)
    if len(shown) != n or len(y_true) != n:
        fail("shown, y_true", f"{n} examples each, one per row of probs",
              f"{len(shown)} and {len(y_true)}")
    wrong = mistakes(probs, y_true)
    controls = {
        "example": widgets.IntSlider(value=index, min=0, max=n - 1, step=1,
                                     description="held-out example", continuous_update=False),
        "show": widgets.ToggleButtons(options=SHOW, value=SHOW[0], description="show"),
    }
    controls["example"].style.description_width = "initial"
    note = widgets.HTML()
    out = widgets.Output()
    box = widgets.VBox([widgets.HBox([controls["example"], controls["show"]]), note, out])
    box.controls = controls

    first = example_view(probs, y_true, index)
    fig = plot_example(kind, shown[index], y_true[index], probs[index], class_names, **plot_kw)
    box.figure = fig
    moving = _moving_artists(fig, kind)
    if kind == "spectrogram":
        moving["input"].set_clim(float(np.min(shown)), float(np.max(shown)))
    names = class_names or [str(k) for k in range(probs.shape[-1])]
    redrawer = Redrawer(fig, [a for a in _flat(moving.values())])

    def on_show(change):
        slider = controls["example"]
        if change["new"] == SHOW[1] and len(wrong) == 0:
            note.value = "No mistakes on the held-out set: showing all examples."
            controls["show"].value = SHOW[0]
            return
        busy[0] = True          # one redraw below, not one per changed trait
        if change["new"] == SHOW[1]:                 # mistakes 1 .. M
            slider.value, slider.max, slider.min = 0, max(len(wrong), 1), 1
            slider.description = "mistake"
        else:                                        # held-out examples 0 .. n-1
            slider.min, slider.value, slider.max = 0, 0, n - 1
            slider.description = "held-out example"
        slider.value = slider.min
        busy[0] = False
        redraw()

    busy = [False]

    def redraw(change=None):
        if busy[0]:
            return
        i, caption = pick_example(controls["example"].value, controls["show"].value, wrong, n)
        result = example_view(probs, y_true, i)
        box.result = result
        _update(kind, moving, shown[i], probs[i], result, names)
        if kind == "brackets":
            note.value = (f"{caption}: <b>{int(result['correct'].sum())} of "
                          f"{len(result['correct'])}</b> characters labelled right"
                          f" ({len(wrong)} of {n} held-out strings have a mistake).")
        else:
            verdict = "right" if result["correct"] else "<b style='color:#d62728'>wrong</b>"
            note.value = (f"{caption}: truth <b>{names[result['truth']]}</b>, model "
                          f"<b>{names[result['prediction']]}</b> "
                          f"({100 * result['confidence']:.0f} %): {verdict}"
                          f" ({len(wrong)} mistakes in {n} held-out examples).")
        show_png(out, redrawer.png())

    controls["example"].observe(redraw, names="value")
    controls["show"].observe(on_show, names="value")
    box.redraw = redraw
    box.result = first
    redraw()
    return finish(box)


def _flat(groups):
    for g in groups:
        yield from (g if isinstance(g, list) else [g])


def _moving_artists(fig, kind):
    """The artists a move changes, found by their gid in the Figure of `plot_example`."""
    found = {}
    for ax in fig.axes:
        for artist in [*ax.images, *ax.patches, *ax.lines, *ax.texts]:
            gid = artist.get_gid()
            if gid:
                found[gid] = artist
    moving = {"title": fig._suptitle if kind != "brackets" else fig.axes[0].title}
    if kind == "frames":
        moving["input"] = [found[k] for k in sorted(
            (g for g in found if g.startswith("input:")), key=lambda g: int(g.split(":")[1]))]
    elif kind == "spectrogram":
        moving["input"] = found["input"]
    else:
        moving["chars"] = [found[k] for k in sorted(
            (g for g in found if g.startswith("char:")), key=lambda g: int(g.split(":")[1]))]
        for name in ("truth", "pred", "wrong"):
            moving[name] = found[name]
    if kind != "brackets":
        moving["bars"] = [found[k] for k in sorted(
            (g for g in found if g.startswith("prob:")), key=lambda g: int(g.split(":")[1]))]
    return moving


def _update(kind, moving, shown_i, probs_i, result, names):
    if kind == "brackets":
        for text, ch in zip(moving["chars"], shown_i, strict=True):
            text.set_text(ch)
        truth, pred = result["truth"], result["prediction"]
        moving["truth"].set_ydata(truth)
        moving["pred"].set_ydata(pred)
        moving["wrong"].set_ydata(np.where(result["correct"], np.nan, pred))
        moving["title"].set_text(f"Nesting depth of every character: "
                                 f"{int(result['correct'].sum())}/{len(truth)} right")
        return
    if kind == "frames":
        for image, frame in zip(moving["input"], shown_i, strict=True):
            image.set_data(frame)
    else:
        moving["input"].set_data(shown_i.T)
    for k, (bar, p) in enumerate(zip(moving["bars"], probs_i, strict=True)):
        bar.set_height(p)
        bar.set_color("C2" if k == result["truth"] else "C0")
    moving["title"].set_text(f"truth: {names[result['truth']]}, "
                             f"model: {names[result['prediction']]}")


__all__ = ["example_view", "mistakes", "pick_example", "scenario_widget"]
