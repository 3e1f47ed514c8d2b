"""Notebook 04's widget: move the spectral radius of U, the length and the activation, and see
||∂h_T/∂h_t|| against t on a log scale. The numbers come from `gradflow.jacobian_flow`."""

import ipywidgets as w

from ..analysis import gradflow
from ..plots.gradients import gradient_flow, update_gradient_flow
from ._render import Redrawer, connect, show_png

ACTIVATIONS = ("tanh", "relu", "linear")
YLIM = (1e-16, 1e16)
XLIM = (-2, 102)
"""The axes stay put (t from 0 to the longest T), so that a move shows as a move of the curve,
and a move only redraws the lines: the axes are drawn once."""


def gradient_flow_widget(radius=1.0, T=30, activation="tanh", H=16, seed=0):
    """Sliders for ρ(U) (0.5 to 1.5) and the length T (5 to 100), buttons for the activation.

    Each change recomputes `gradflow.jacobian_flow(radius, T, activation, H, seed)` and
    redraws the two lines and the title of one Figure, on axes fixed at t = 0 .. 100 and
    1e-16 .. 1e16 (what falls below has vanished). The returned VBox keeps `.result` (that dict),
    `.figure`, `.controls` ({"radius", "T", "activation"} widgets) and `.redraw()`.
    """
    controls = {
        "radius": w.FloatSlider(value=radius, min=0.5, max=1.5, step=0.05,
                                description="ρ(U)", continuous_update=False),
        "T": w.IntSlider(value=T, min=5, max=100, step=1, description="length T",
                         continuous_update=False),
        "activation": w.ToggleButtons(options=list(ACTIVATIONS), value=activation,
                                      description="activation"),
    }
    out = w.Output()
    box = w.VBox([w.HBox([controls["radius"], controls["T"]]), controls["activation"], out])
    box.controls = controls
    box.figure = gradient_flow(gradflow.jacobian_flow(radius, T, activation, H=H, seed=seed),
                               ylim=YLIM, xlim=XLIM)
    ax = box.figure.axes[0]
    moving = [line for line in ax.lines if line.get_gid() in ("measured", "bound")]
    redrawer = Redrawer(box.figure, moving + [ax.title])   # the axes are drawn once
    box.figure.set_layout_engine("none")   # the layout is done; keep it

    def redraw(change=None):
        box.result = gradflow.jacobian_flow(controls["radius"].value, controls["T"].value,
                                            controls["activation"].value, H=H, seed=seed)
        update_gradient_flow(box.figure, box.result, keep_xlim=True)
        show_png(out, redrawer.png())

    return connect(box, controls, redraw)
