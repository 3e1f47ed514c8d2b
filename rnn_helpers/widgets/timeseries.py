"""Notebook 07's widget: choose where a forecast starts and how far ahead it goes.

Each move shows `forecast_view` for one origin (the RNN fed its own predictions, and the two
naive rules): `timeseries.multi_step` runs once for every origin as one batch when the widget
is built, so a move only looks its answer up and moves the lines of one Figure made once by
`plot_multi_step`, on a time axis relative to the origin (the axes never need drawing again).
"""

import ipywidgets as widgets
import numpy as np

from ..datasets import timeseries
from ..plots.timeseries import plot_multi_step
from ._render import Redrawer, connect, show_png

NAMES = ("RNN", "naive", "seasonal naive")


def forecast_view(model, series, origin, horizon, T, period, max_horizon=None):
    """The widget's numbers for one origin t₀ and horizon: {"truth", "RNN", "naive",
    "seasonal naive"} each (horizon,), "origin", "horizon", and "mae_mean" {name: error}."""
    full = timeseries.multi_step(model, series, [origin], max_horizon or horizon, T, period)
    return _cut(full, origin, horizon)


def _cut(full, origin, horizon):
    result = {name: full[name][0, :horizon] for name in ("truth", *NAMES)}
    result["origin"], result["horizon"] = origin, horizon
    result["mae_mean"] = {name: float(np.mean(full["mae"][name][:horizon])) for name in NAMES}
    return result


def forecast_widget(model, series, T, period, first_origin, max_horizon=48, horizon=24,
                    origin=None, ylabel="value"):
    """Sliders for the forecast origin t₀ (in the test part: from `first_origin` on) and the
    horizon (1 .. max_horizon). The RNN's recursive forecast and both naive rules are drawn
    against what happened, with each one's mean absolute error over the horizon.

    The returned VBox keeps `.result` (the dict of `forecast_view`), `.figure`, `.controls`
    ({"origin", "horizon"}) and `.redraw()`.
    """
    series = np.asarray(series, dtype=float)
    origin = first_origin if origin is None else origin
    controls = {
        "origin": widgets.IntSlider(value=origin, min=first_origin,
                                    max=len(series) - max_horizon, step=1,
                                    description="forecast origin t₀", continuous_update=False),
        "horizon": widgets.IntSlider(value=horizon, min=1, max=max_horizon, step=1,
                                     description="horizon (steps)", continuous_update=False),
    }
    for control in controls.values():
        control.style.description_width = "initial"
    note = widgets.HTML()
    out = widgets.Output()
    box = widgets.VBox([widgets.HBox(list(controls.values())), note, out])
    box.controls = controls
    # every origin at once (one batch of recursive forecasts for the longest horizon; shorter
    # horizons are its start), so that a move only looks its answer up
    origins = np.arange(first_origin, len(series) - max_horizon + 1)
    every = timeseries.multi_step(model, series, origins, max_horizon, T, period)

    def compute(o, h):   # = forecast_view(model, series, o, h, T, period, max_horizon)
        i = int(o) - first_origin
        row = {name: every[name][i:i + 1] for name in ("truth", *NAMES)}
        row["mae"] = {name: np.abs(row[name][0] - row["truth"][0]) for name in NAMES}
        return _cut(row, o, h)

    first = compute(origin, horizon)
    box.figure = plot_multi_step(series, origin, first, T, max_horizon, ylabel=ylabel)
    ax = box.figure.axes[0]
    lines = {line.get_gid(): line for line in ax.lines if line.get_gid()}
    colors = {name: lines[f"forecast:{name}"].get_color() for name in NAMES}
    redrawer = Redrawer(box.figure, list(lines.values()))

    def redraw(change=None):
        o, h = controls["origin"].value, controls["horizon"].value
        result = compute(o, h)
        box.result = result
        lines["past"].set_data(np.arange(-T, 0), series[o - T:o])
        steps = np.arange(h)
        lines["truth"].set_data(steps, result["truth"])
        for name in NAMES:
            lines[f"forecast:{name}"].set_data(steps, result[name])
        note.value = f"Mean absolute error over these {h} steps: " + ", ".join(
            f"<b style='color:{_hex(colors[name])}'>{name}</b> {result['mae_mean'][name]:.3f}"
            for name in NAMES)
        show_png(out, redrawer.png())

    return connect(box, controls, redraw)


def _hex(color):
    from matplotlib.colors import to_hex

    return to_hex(color)


__all__ = ["forecast_view", "forecast_widget"]
