"""The course's data: tasks generated from a seed, and the shipped text (in data/).

    tasks.py       the seed's random data and small tasks with signal (notebooks 03-05):
                   rh.datasets.first_vs_last(...) (its names are also at rh.datasets.*)
    text.py        the shipped novel, a character vocabulary, windows (notebook 06)
    timeseries.py  periodic series, random walks, windows, baselines (notebook 07)
    scenarios.py   moving shapes, tone patterns, bracket depth (notebook 08)
    beyond.py      marker recall, peaks, motifs (notebook 09)
    dates.py       dates written many ways -> YYYY-MM-DD, a translation task (notebook 11)

Every generator takes a `seed` and gives the same arrays for the same seed.
"""

from . import beyond, dates, scenarios, tasks, text, timeseries
from .tasks import first_vs_last, recall_first, seed_random, sum_threshold, train_test_split

__all__ = [
    "beyond", "dates", "first_vs_last", "recall_first", "scenarios", "seed_random", "sum_threshold",
    "tasks", "text", "timeseries", "train_test_split",
]
