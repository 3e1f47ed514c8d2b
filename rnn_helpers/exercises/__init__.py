"""Checkers for the notebooks' exercises, one module per topic (the same word as in
`plots/` and `widgets/`): `rh.exercises.recurrence.check_rnn_step(my_step)`.

Each checker runs the learner's answer on hidden cases, prints "Correct: ..." or "Not yet: ..."
in words, returns True or False and never raises. `checking` holds the two shared checkers.
"""

from . import (
    beyond,
    checking,
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
    "beyond", "checking", "gates", "gradients", "language", "recurrence", "review", "scenarios",
    "seq2seq", "start", "timeseries", "training", "unrolled",
]
