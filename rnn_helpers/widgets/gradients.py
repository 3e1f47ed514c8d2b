"""Notebook 04's widget: move the spectral radius of U, the length and the activation, and see
||∂h_T/∂h_t|| against t on a log scale. The numbers come from `gradflow.jacobian_flow`."""

import ipywidgets as w

from ..analysis import gradflow
from ..plots.gradients import flow_limits, gradient_flow, update_gradient_flow
from ._render import Redrawer, connect, show_png

ACTIVATIONS = ("tanh", "relu", "linear")


def gradient_flow_figure(radius=1.0, T=30, activation="tanh", H=16, seed=0):
    """What the widget shows for one position of its controls, as a Figure (a plain function).

    `gradflow.jacobian_flow(radius, T, activation, H, seed)` drawn by `plots.gradients.
    gradient_flow`, on the axes `plots.gradients.flow_limits` fits to it: t from 0 to T, and
    whole decades around the values (never below 1e-16, where a gradient has vanished).
    The Figure keeps the numbers as `.flow`.
    """
    flow = gradflow.jacobian_flow(radius, T, activation, H=H, seed=seed)
    xlim, ylim = flow_limits(flow)
    fig = gradient_flow(flow, xlim=xlim, ylim=ylim)
    fig.flow = flow
    return fig


def gradient_flow_widget(radius=1.0, T=30, activation="tanh", H=16, seed=0):
    """Sliders for ρ(U) (0.5 to 1.5) and the length T (5 to 100), buttons for the activation.

    Each change recomputes `gradflow.jacobian_flow(radius, T, activation, H, seed)`, moves the
    two lines and the title, and sets the axes to fit the new values (`flow_limits`: t from 0
    to T, the decades the values span). The fixed parts are drawn once per set of limits.
    The returned VBox keeps `.result` (that dict), `.figure`, `.controls` ({"radius", "T",
    "activation"} widgets) and `.redraw()`.
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
    box.figure = gradient_flow_figure(radius, T, activation, H=H, seed=seed)
    ax = box.figure.axes[0]
    moving = [line for line in ax.lines if line.get_gid() in ("measured", "bound")]
    redrawer = Redrawer(box.figure, moving + [ax.title], draw=False)
    box.figure.set_layout_engine("none")   # the layout is done; keep it

    def redraw(change=None):
        box.result = gradflow.jacobian_flow(controls["radius"].value, controls["T"].value,
                                            controls["activation"].value, H=H, seed=seed)
        update_gradient_flow(box.figure, box.result, keep_xlim=True)
        xlim, ylim = flow_limits(box.result)
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        key = (xlim, ylim)
        if key not in redrawer.backgrounds:
            if len(redrawer.backgrounds) >= 8:
                redrawer.backgrounds.clear()   # a few recent backgrounds are enough
            redrawer.refresh(key)      # new limits: draw the axes again, once
        show_png(out, redrawer.png(key))

    return connect(box, controls, redraw)
