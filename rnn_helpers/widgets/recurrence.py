"""Notebook 01's widget: move w, u, b of the scalar RNN h_t = tanh(w x_t + u h_{t-1} + b) and
choose the input (pulse, step, noise); h_t is redrawn and the regime named in words.
The numbers come from `scalar_rnn.run`."""

import ipywidgets as widgets
import numpy as np

from ..core import scalar_rnn
from ..plots.recurrence import plot_scalar_rnn, update_scalar_rnn
from ._render import Redrawer, connect, show_png


def _signed(value):
    return f"{'+' if value >= 0 else '−'} {abs(value):.2f}"


def _title(result):
    """The title over the figure: the formula with the sliders' numbers, in mathtext."""
    return (rf"$h_t = \tanh({result['w']:.2f}\,x_t {_signed(result['u'])}\,h_{{t-1}} "
            rf"{_signed(result['b'])})$, {result['pattern']} input: {result['regime']}")


def _note_html(result):
    return (f"<b>{result['regime']}</b>: {result['note']}. "
            f"Largest |h<sub>t</sub>| = {result['peak']:.2f}.")


def scalar_rnn_widget(w=1.0, u=0.5, b=0.0, pattern="pulse", T=30, seed=0):
    """Sliders for w (-3 .. 3), u (-2 .. 2), b (-2 .. 2) and buttons for the input pattern.

    Each change calls `scalar_rnn.run(w, u, b, pattern, T, seed)` and moves the lines of one
    Figure (made once; only the lines and the title are redrawn). The returned VBox keeps
    `.result` (that dict), `.figure`, `.controls` ({"w", "u", "b", "pattern"} widgets) and
    `.redraw()`.
    """
    def slider(value, low, high, step, name):
        return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=name,
                                   continuous_update=False, readout_format=".2f")

    controls = {
        "w": slider(w, -3.0, 3.0, 0.1, "w (input)"),
        "u": slider(u, -2.0, 2.0, 0.05, "u (recurrent)"),
        "b": slider(b, -2.0, 2.0, 0.1, "b (bias)"),
        "pattern": widgets.ToggleButtons(options=list(scalar_rnn.PATTERNS), value=pattern,
                                         description="input"),
    }
    for control in controls.values():
        control.style.description_width = "initial"
    note = widgets.HTML()
    out = widgets.Output()
    box = widgets.VBox([widgets.HBox([controls["w"], controls["u"], controls["b"]]),
                        controls["pattern"], note, out])
    box.controls = controls
    first = scalar_rnn.run(w, u, b, pattern=pattern, T=T, seed=seed)
    box.figure = plot_scalar_rnn(first["x"], first["h"], title=_title(first))
    ax_x, ax_h = box.figure.axes
    moving = [line for ax in (ax_x, ax_h) for line in ax.lines if line.get_gid() in ("x", "h")]
    redrawer = Redrawer(box.figure, moving + [ax_x.title], draw=False)
    for kind in scalar_rnn.PATTERNS:   # one background per input pattern: its own x_t axis
        x = scalar_rnn.input_pattern(kind, T=T, seed=seed)
        update_scalar_rnn(box.figure, x, np.zeros(T), _title(first))
        redrawer.refresh(kind)
        box.figure.set_layout_engine("none")   # keep the axes where the first layout put them

    def redraw(change=None):
        result = scalar_rnn.run(controls["w"].value, controls["u"].value, controls["b"].value,
                                pattern=controls["pattern"].value, T=T, seed=seed)
        box.result = result
        update_scalar_rnn(box.figure, result["x"], result["h"], _title(result))
        note.value = _note_html(result)
        show_png(out, redrawer.png(result["pattern"]))

    return connect(box, controls, redraw)


__all__ = ["scalar_rnn_widget"]
