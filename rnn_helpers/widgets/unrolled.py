"""Notebook 02's widget: a time-step slider that walks the unrolled graph. Step t is highlighted
and its numbers (x_t, h_{t-1}, h_t, o_t, term by term) are printed under the figure. The numbers
come from `five_steps.step_report`; the drawing from `plots.graph.plot_unrolled`."""

import ipywidgets as widgets

from ..analysis import five_steps
from ..plots.unrolled import format_value, plot_unrolled
from ._render import figure_png, finish, show_png


def step_html(report):
    """The numbers of one step (a `five_steps.step_report` dict) as a small HTML table."""
    t = report["t"]
    f = format_value
    rows = [
        (f"x<sub>{t}</sub>", "input", f(report["x_t"])),
        (f"h<sub>{t - 1}</sub>", "previous state" + (" (h<sub>0</sub> = 0)" if t == 1 else ""),
         f(report["h_prev"])),
        (f"x<sub>{t}</sub> @ W", "input term", f(report["xW"])),
        (f"h<sub>{t - 1}</sub> @ U", "recurrent term", f(report["hU"])),
        ("b", "bias", f(report["b"])),
        (f"a<sub>{t}</sub>", "sum of the three", f(report["a_t"])),
        (f"h<sub>{t}</sub> = tanh(a<sub>{t}</sub>)", "new state", f(report["h_t"])),
        (f"o<sub>{t}</sub> = sigmoid(h<sub>{t}</sub> @ W′ + b′)", "output", f(report["o_t"])),
    ]
    body = "".join(f"<tr><td style='padding:0 12px'>{a}</td><td style='padding:0 12px'>{b}"
                   f"</td><td style='padding:0 12px'><code>{c}</code></td></tr>"
                   for a, b, c in rows)
    return f"<b>Step t = {t}</b><table>{body}</table>"


def unrolled_widget(example=None, t=1):
    """An IntSlider over t = 1 .. T above the unrolled graph with step t highlighted.

    example: a dict like `five_steps.five_step_example()` (the default). The T pictures are
    drawn once when the widget is built, so moving the slider only swaps a picture and a table.
    The returned VBox keeps `.result` (the `step_report` of step t), `.controls` ({"t"}),
    `.redraw()`.
    """
    example = five_steps.five_step_example() if example is None else example
    values = five_steps.trace(example["x"], example["W"], example["U"], example["b"],
                              example["W_y"], example["b_y"])
    T = len(values["x"])
    pictures = {}
    for step in range(1, T + 1):
        fig = plot_unrolled(T, values=values, highlight=step)
        pictures[step] = figure_png(fig)
    controls = {"t": widgets.IntSlider(value=t, min=1, max=T, step=1, description="step t")}
    table = widgets.HTML()
    out = widgets.Output()
    box = widgets.VBox([controls["t"], out, table])
    box.controls = controls

    def redraw(change=None):
        step = controls["t"].value
        box.result = five_steps.step_report(example, step)
        table.value = step_html(box.result)
        show_png(out, pictures[step])

    controls["t"].observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return finish(box)


__all__ = ["step_html", "unrolled_widget"]
