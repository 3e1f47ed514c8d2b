"""Notebook 05's gate viewer: pick a trained LSTM or GRU and a held-out sequence, and see its
gates open and close over time. The numbers come from `gate_view`, a plain function."""

import ipywidgets as w
import numpy as np

from .._validate import check_array, check_flag, fail
from ..core import gru, lstm
from ..plots.gates import gate_heatmaps, update_gate_heatmaps
from ._render import Redrawer, connect, show_png

SHOWN = {"LSTM": ("i", "f", "o"), "GRU": ("z", "r")}
"""The gates the viewer draws: input i_t, forget f_t, output ω_t (LSTM); update z_t, reset r_t
(GRU)."""
STATE = {"LSTM": "c", "GRU": "h"}
"""The state that carries the memory, drawn under the gates with state=True: c_t or h_t."""
DPI = 72


def _recurrent_layer(model, label="model"):
    from ..layers.recurrent import GRU, LSTM

    layers = getattr(model, "layers", None)
    if not layers or not isinstance(layers[0], (LSTM, GRU)):
        fail(label, "a Sequential model whose first layer is an LSTM or a GRU",
              type(model).__name__ if not layers else f"first layer {type(layers[0]).__name__}")
    return layers[0]


def _names(cell, state):
    return SHOWN[cell] + ((STATE[cell],) if check_flag("state", state) else ())


def gate_view(model, X, index=0, y=None, state=False):
    """The gates of `model`'s first layer (an LSTM or a GRU) on sequence `index` of X.

    X (B, T, D); y optional labels (B,); state: also record the state (c_t of an LSTM, h_t
    of a GRU). Returns a dict: "cell" ("LSTM" or "GRU"), "gates" {name: (T, H)} for the
    gates in SHOWN (and the state), "x" (T, D) the input, "probabilities" (the model's
    output), "prediction", "label" (or None), "index", and "title".
    """
    layer = _recurrent_layer(model)
    X = check_array("X", X, ndim=3, layout="(B, T, D)")
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or \
            not 0 <= index < len(X):
        fail("index", f"a sequence number from 0 to {len(X) - 1}", repr(index))
    x = X[index:index + 1]
    W, U, b = layer.params["W"], layer.params["U"], layer._bias()
    cell = type(layer).__name__
    recorded = lstm.lstm_gates(x, W, U, b) if cell == "LSTM" else gru.gru_gates(x, W, U, b)
    probabilities = np.asarray(model.forward(x))[0]
    prediction = int(np.argmax(probabilities)) if probabilities.size > 1 else int(
        probabilities[0] > 0.5)
    label = None if y is None else int(np.asarray(y).reshape(-1)[index])
    verdict = "" if label is None else (" ✓" if label == prediction else " ✗")
    title = (f"{cell}, sequence {index}: predicted {prediction}"
             + ("" if label is None else f", true {label}") + verdict)
    return {"cell": cell, "gates": {k: recorded[k][0] for k in _names(cell, state)}, "x": x[0],
            "probabilities": probabilities, "prediction": prediction, "label": label,
            "index": int(index), "title": title}


def gate_contrast(model, X, y, state=False):
    """How much each gate depends on the class of the sequence, after the first step.

    For each gate in SHOWN (and the state c_t or h_t with state=True): its mean over the steps
    2 .. T and over the sequences of each class, unit by unit; the result is the largest gap
    between two classes over the units, a number in [0, 1] for a gate. A model that remembers
    the first symbol holds it in its state, and often shows it in its gates (computed from
    h_{t-1}); a model that forgot has gaps near 0. -> {gate: gap}
    """
    layer = _recurrent_layer(model)
    X = check_array("X", X, ndim=3, layout="(B, T, D)")
    y = np.asarray(y).reshape(-1)
    if len(y) != len(X):
        fail("y", f"{len(X)} labels, one per sequence of X", f"shape {y.shape}")
    cell = type(layer).__name__
    record = lstm.lstm_gates if cell == "LSTM" else gru.gru_gates
    gates = record(X, layer.params["W"], layer.params["U"], layer._bias())
    classes = np.unique(y)
    gaps = {}
    for name in _names(cell, state):
        means = np.array([gates[name][y == k, 1:].mean(axis=(0, 1)) for k in classes])
        gaps[name] = float(np.max(means.max(axis=0) - means.min(axis=0)))
    return gaps


def label_pair_view(model, X, y, state=True):
    """One held-out sequence of each label side by side: `gate_view` of the first sequence of
    X whose label is 0 and of the first whose label is 1 (or of each class, in order).

    Returns a dict: "views" (a list of gate_view dicts), "gates" and "x" (lists, one per
    sequence, for `plots.gates.gate_heatmaps`), "column_titles" and "title".
    """
    X = check_array("X", X, ndim=3, layout="(B, T, D)")
    y = np.asarray(y).reshape(-1)
    if len(y) != len(X):
        fail("y", f"{len(X)} labels, one per sequence of X", f"shape {y.shape}")
    classes = np.unique(y)
    if len(classes) < 2:
        fail("y", "sequences of at least two labels, to compare them", f"only label {classes}")
    views = [gate_view(model, X, int(np.flatnonzero(y == k)[0]), y, state) for k in classes]
    titles = [f"label {v['label']}: sequence {v['index']}, predicted {v['prediction']}"
              for v in views]
    return {"views": views, "gates": [v["gates"] for v in views], "x": [v["x"] for v in views],
            "column_titles": titles,
            "title": f"{views[0]['cell']}: one held-out sequence of each label"}


def gate_viewer_widget(models, X, y=None, model=None, index=0, state=False):
    """A Dropdown for the model, a slider for the sequence; heatmaps of the gates.

    models : {label: trained Sequential whose first layer is an LSTM or GRU}
    X      : the sequences (B, T, D) every model reads (e.g. the held-out set of the sweep),
             or {label: X} when the models read different inputs; y likewise (or None)
    state  : also draw the state (c_t of an LSTM, h_t of a GRU) under the gates
    Each change recomputes `gate_view` and redraws only the images and the title of a
    Figure made once per model, when the widget is built. The returned VBox keeps `.result`
    (the current gate_view), `.figure` (the current Figure), `.figures`, `.controls`
    ({"model", "index"}) and `.redraw()`.
    """
    if not isinstance(models, dict) or not models:
        fail("models", "a non-empty dict {label: trained model}", repr(models)[:80])
    for label, m in models.items():
        _recurrent_layer(m, f"models[{label!r}]")
    labels = list(models)
    data_x = X if isinstance(X, dict) else dict.fromkeys(labels, X)
    data_y = y if isinstance(y, dict) else dict.fromkeys(labels, y)
    for label in labels:
        if label not in data_x:
            fail("X", f"inputs for every model, also {label!r}", sorted(data_x))
        data_x[label] = check_array(f"X[{label!r}]", data_x[label], ndim=3, layout="(B, T, D)")
    count = min(len(data_x[label]) for label in labels)
    model = labels[0] if model is None else model
    if model not in models:
        fail("model", f"one of {labels}", repr(model))
    controls = {
        "model": w.Dropdown(options=labels, value=model, description="model"),
        "index": w.IntSlider(value=index, min=0, max=count - 1, step=1, description="sequence",
                             continuous_update=False),
    }
    out = w.Output()
    box = w.VBox([w.HBox([controls["model"], controls["index"]]), out])
    box.controls, box.figures = controls, {}
    redrawers = {}

    def figure_for(label, view):
        if label not in box.figures:   # one Figure per model, its axes drawn once
            fig = gate_heatmaps(view["gates"], x=view["x"], title=view["title"])
            fig.set_dpi(DPI)   # fewer pixels to draw and encode: a move stays well under 0.1 s
            moving = [im for ax in fig.axes for im in ax.images] + [fig._suptitle]
            redrawers[label] = Redrawer(fig, moving)
            fig.set_layout_engine("none")
            box.figures[label] = fig
        return box.figures[label]

    def redraw(change=None):
        label = controls["model"].value
        box.result = gate_view(models[label], data_x[label], controls["index"].value,
                               data_y[label], state)
        box.figure = figure_for(label, box.result)
        update_gate_heatmaps(box.figure, box.result["gates"], x=box.result["x"],
                             title=box.result["title"])
        show_png(out, redrawers[label].png())

    for label in labels:   # every figure drawn now, so that switching models is a quick move
        figure_for(label, gate_view(models[label], data_x[label], 0, data_y[label], state))
    return connect(box, controls, redraw)
