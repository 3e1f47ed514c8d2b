"""Figures for the course, one module per topic (the same word as in `widgets/` and
`exercises/`): `rh.plots.training.history(h)`. Every function returns a matplotlib Figure and
never calls plt.show(); every figure has a title and labelled axes, sized to read from the back
of a lecture hall. `rh.plots.use_course_style()` sets the course's look.
"""

import sys

from . import (
    beyond,
    cells,
    gates,
    gradients,
    language,
    recurrence,
    scenarios,
    seq2seq,
    timeseries,
    training,
    units,
    unrolled,
)
from .style import new_figure, plt, use_course_style

__all__ = [
    "beyond", "cells", "gates", "gradients", "language", "new_figure", "recurrence",
    "scenarios", "seq2seq", "timeseries", "training", "unrolled", "units", "use_course_style",
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
