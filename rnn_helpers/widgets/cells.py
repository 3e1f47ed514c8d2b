"""Notebook 05's step widget: an LSTM with a small H reads a short sequence; a slider picks the
time step t and the cell diagram shows the value on every wire of that step. The numbers come
from `analysis.cell_wires.lstm_sequence_wires` (a plain, tested function, equal to
`lstm_step_forward`); the drawing from `plots.cells.plot_cell`."""

import ipywidgets as widgets
import numpy as np

from .._validate import check_array
from ..analysis import cell_wires
from ..plots.cells import plot_cell
from ._render import connect, figure_png, show_png

DPI = 72


def lstm_step_views(x=None, H=2, seed=0):
    """The wires of every step of a small LSTM on the sequence x (T, D).

    x: default the six values 0.8, -0.5, 0.3, 1.0, -1.0, 0.2 (D = 1); weights from
    `cell_wires.small_lstm(D, H, seed)`. -> {"x", "W", "U", "b", "steps" (one wire dict
    per step), "difference" (the largest |difference| from lstm_step_forward over the steps)}.
    """
    x = np.array([[0.8], [-0.5], [0.3], [1.0], [-1.0], [0.2]]) if x is None else x
    x = check_array("x", x, ndim=2, layout="(T, D)")
    W, U, b = cell_wires.small_lstm(D=x.shape[1], H=H, seed=seed)
    steps = cell_wires.lstm_sequence_wires(x, W, U, b)
    difference = max(cell_wires.step_difference("lstm", s, W, U, b) for s in steps)
    return {"x": x, "W": W, "U": U, "b": b, "steps": steps, "difference": difference}


def lstm_step_widget(x=None, H=2, seed=0, t=1):
    """An IntSlider over t = 1 .. T above the LSTM diagram with step t's values on the wires.

    The T pictures are drawn once when the widget is built; a move swaps a picture. The
    returned VBox keeps `.result` (the wire dict of step t), `.views` (`lstm_step_views`),
    `.controls` ({"t"}) and `.redraw()`.
    """
    views = lstm_step_views(x, H, seed)
    T = len(views["steps"])
    pictures = {}
    for step in range(1, T + 1):
        fig = plot_cell("lstm", views["steps"][step - 1],
                        title=f"LSTM cell (H = {H}): the values of step t = {step} of {T}")
        fig.set_dpi(DPI)
        pictures[step] = figure_png(fig)
    controls = {"t": widgets.IntSlider(value=t, min=1, max=T, step=1, description="step t",
                                       continuous_update=False)}
    out = widgets.Output()
    box = widgets.VBox([controls["t"], out])
    box.controls, box.views = controls, views

    def redraw(change=None):
        step = controls["t"].value
        box.result = views["steps"][step - 1]
        show_png(out, pictures[step])

    return connect(box, controls, redraw)


__all__ = ["lstm_step_views", "lstm_step_widget"]
