"""One look for every figure: sizes and fonts readable on a projector, legends that stay off the
data, axis limits that follow the data, and numbers printed without a negative zero.

A widget's figure is drawn once and then only its lines move (widgets/_render.Redrawer), so
matplotlib's `loc="best"` cannot help it: the legend is placed for the first values and the
next ones run over it. Such figures put their legend beside the axes (`legend_outside`); a
test can ask `legend_covers_data(ax)` of any figure, and `texts_outside_figure(fig)` finds a
label or title that the figure's edge cuts.
"""

import math

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

COURSE_STYLE = {
    "figure.figsize": (8.0, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.labelsize": 12,
    "legend.fontsize": 11,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.0,
    # A legend inside the axes goes where it covers the fewest points when the figure is drawn
    # (matplotlib's default, written here so that it stays so). Figures whose lines move
    # after that, as in a widget, use legend_outside().
    "legend.loc": "best",
}


def use_course_style():
    """Apply the course's matplotlib defaults (call once at the top of a notebook)."""
    mpl.rcParams.update(COURSE_STYLE)


def new_figure(nrows=1, ncols=1, figsize=None, **kwargs):
    """A new (fig, axes) in the course's style, not attached to pyplot's global state.

    Figures made this way are not shown twice in a notebook and are freed when unused.
    """
    from matplotlib.figure import Figure

    with mpl.rc_context(COURSE_STYLE):
        fig = Figure(figsize=figsize or COURSE_STYLE["figure.figsize"], layout="constrained")
        axes = fig.subplots(nrows, ncols, **kwargs)
    return fig, axes


def legend_outside(ax, **kwargs):
    """The legend of `ax` beside it, to the right of the data, top-aligned with the axes.

    Nothing the lines do later can run over it, which `loc="best"` cannot promise a widget's
    figure. Works with the constrained layout of `new_figure` (the axes shrink to make room).
    Keyword arguments go to `ax.legend` (e.g. fontsize, ncols, title).
    """
    kwargs.setdefault("loc", "upper left")
    kwargs.setdefault("bbox_to_anchor", (1.02, 1.0))
    kwargs.setdefault("borderaxespad", 0.0)
    return ax.legend(**kwargs)


def legend_covers_data(ax, legend=None):
    """The share (0 to 1) of the points of `ax`'s lines that its legend hides.

    Draws the figure once (the legend's place is known only then); points are the vertices of
    every visible line with a label that is not the legend itself. 0.0 when there is no legend
    or no point. A test: `assert legend_covers_data(ax) == 0`, after the figure has its final
    (or worst) values.
    """
    legend = legend or ax.get_legend()
    if legend is None:
        return 0.0
    fig = ax.figure
    if fig.canvas is None or not hasattr(fig.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    box = legend.get_window_extent()
    inside = total = 0
    for line in ax.get_lines():
        if not line.get_visible():
            continue
        xy = np.column_stack([np.asarray(line.get_xdata(), float),
                              np.asarray(line.get_ydata(), float)])
        xy = xy[np.all(np.isfinite(xy), axis=1)]
        if not len(xy):
            continue
        # Points outside the axes' view are not drawn: they cannot be hidden by the legend.
        x0, x1 = sorted(ax.get_xlim())
        y0, y1 = sorted(ax.get_ylim())
        xy = xy[(xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)]
        if not len(xy):
            continue
        pixels = line.get_transform().transform(xy)
        total += len(pixels)
        inside += int(np.sum((pixels[:, 0] >= box.x0) & (pixels[:, 0] <= box.x1) &
                             (pixels[:, 1] >= box.y0) & (pixels[:, 1] <= box.y1)))
    return inside / total if total else 0.0


def _drawn_texts(ax):
    """The title, axis labels and the tick labels actually drawn (ticks inside the view)."""
    texts = [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
    for axis in (ax.xaxis, ax.yaxis):
        low, high = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks():
            if low <= tick.get_loc() <= high:
                texts += [tick.label1, tick.label2]
    return [t for t in texts if t.get_visible() and t.get_text()]


def texts_outside_figure(fig, tolerance=0.5):
    """The texts of `fig` (titles, axis labels, drawn tick labels, the suptitle, legends) that
    reach beyond its edges, so that the PNG cuts them: [(text, pixels beyond the edge)].

    Draws the figure once. An empty list means nothing is cut. For a widget's figure, call it
    after moving its controls to the extreme values (the longest tick labels).
    """
    if fig.canvas is None or not hasattr(fig.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = [t for ax in fig.axes for t in _drawn_texts(ax)]
    if fig._suptitle is not None and fig._suptitle.get_text():
        texts.append(fig._suptitle)
    texts += [t for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    edge = fig.bbox
    cut = []
    for text in texts:
        box = text.get_window_extent(renderer)
        beyond = max(edge.x0 - box.x0, edge.y0 - box.y0, box.x1 - edge.x1, box.y1 - edge.y1)
        if beyond > tolerance:
            cut.append((text.get_text(), round(float(beyond), 1)))
    return cut


def data_limits(*arrays, pad=0.05, include=(), log=False):
    """(low, high) that hold every finite value of `arrays` (and of `include`, e.g. 0 or a
    chance level), with `pad` of the range added on each side (on a log scale: of the decades).

    For axes that must follow the data, such as a curve that leaves a fixed y-limit or an
    x-axis that stays 0-100 when T = 30: `ax.set_ylim(*data_limits(train, val, include=[0]))`.
    """
    values = [np.asarray(a, float).ravel() for a in arrays] + [np.asarray(include, float).ravel()]
    values = np.concatenate(values) if values else np.array([])
    values = values[np.isfinite(values)]
    if log:
        values = values[values > 0]
    if not len(values):
        return (0.1, 1.0) if log else (0.0, 1.0)
    low, high = float(values.min()), float(values.max())
    if log:
        low, high = math.log10(low), math.log10(high)
    span = high - low
    if span == 0:
        span = abs(high) or 1.0
    low, high = low - pad * span, high + pad * span
    return (10.0 ** low, 10.0 ** high) if log else (low, high)


def format_number(value, digits=2, unit=""):
    """`value` with `digits` decimals, with a real minus sign (−) and never a negative zero:
    format_number(-0.001) is '0.00', not '−0.00' (06 printed "entropy −0.00 nats" at τ = 0).
    `unit` is appended after a space."""
    text = f"{float(value):.{digits}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    text = text.replace("-", "−")
    return f"{text} {unit}" if unit else text


__all__ = ["COURSE_STYLE", "data_limits", "format_number", "legend_covers_data",
           "legend_outside", "new_figure", "texts_outside_figure", "use_course_style", "plt"]
