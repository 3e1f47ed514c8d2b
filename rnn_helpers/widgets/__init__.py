"""ipywidgets builders, one module per topic (the same word as in `plots/` and `exercises/`):
`rh.widgets.recurrence.scalar_rnn_widget()`.

The logic each one calls is a plain function elsewhere in the package, tested without a
browser; a builder only wires sliders to it. Works on ipywidgets 7.7 (Colab) and 8.
"""

from . import (
    beyond,
    cells,
    gates,
    gradients,
    language,
    recurrence,
    review,
    scenarios,
    seq2seq,
    start,
    timeseries,
    training,
    unrolled,
)

__all__ = [
    "beyond", "cells", "gates", "gradients", "language", "recurrence", "review", "scenarios",
    "seq2seq", "start", "timeseries", "training", "unrolled",
]
