"""Figures for the course. Every function returns a matplotlib Figure and never calls plt.show().

Every figure has a title and labelled axes, sized to read from the back of a lecture hall.
The figures of notebooks 01-04 are at the top (`rh.plots.history(...)`); those of later
notebooks sit in one module per notebook (`rh.plots.language`, `rh.plots.gates`, ...).
"""

import sys

from . import attention, beyond, gates, language, scenarios, timeseries
from .gradients import bptt_paths, gradient_flow, gradient_norms, update_gradient_flow
from .graph import plot_unrolled, unrolled_layout
from .recurrence import (
    plot_memory,
    plot_regimes,
    plot_scalar_rnn,
    plot_tanh_vs_sigmoid,
    update_scalar_rnn,
)
from .style import new_figure, plt, use_course_style
from .training import compare, history, update_history

__all__ = [
    # style
    "new_figure", "use_course_style",
    # notebooks 01-02
    "plot_memory", "plot_regimes", "plot_scalar_rnn", "plot_tanh_vs_sigmoid", "plot_unrolled",
    "unrolled_layout", "update_scalar_rnn",
    # notebooks 03-04
    "bptt_paths", "compare", "gradient_flow", "gradient_norms", "history",
    "update_gradient_flow", "update_history",
    # one module per later notebook
    "gates", "language", "timeseries", "scenarios", "attention", "beyond",
]


def _display_figures_inline():
    """In a Jupyter kernel, make IPython show Figure objects left as a cell's last expression.

    pyplot loads its backend lazily, and the inline backend registers IPython's PNG display of
    Figures only when it loads; `new_figure` never calls pyplot, so load the backend here.
    """
    if "ipykernel" in sys.modules:
        import matplotlib as mpl

        plt.switch_backend(mpl.get_backend())


_display_figures_inline()
