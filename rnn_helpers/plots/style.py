"""One look for every figure: sizes and fonts readable on a projector."""

import matplotlib as mpl
import matplotlib.pyplot as plt

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


__all__ = ["COURSE_STYLE", "new_figure", "use_course_style", "plt"]
