"""Swap the recurrent cell: one task, the same model with a SimpleRNN, an LSTM or a GRU, over
several seeds (notebooks 06 and 09).

    def run(cell, seed):                  # build with cell_swap.layer(cell, ...), train, evaluate
        ...
        return held_out_accuracy
    results = cell_swap.compare(run, seeds=(0, 1, 2))     # {"SimpleRNN": [..], "LSTM": [..], ...}
    print(cell_swap.table(results, "held-out accuracy", baseline=("last-value rule", 0.5)))

`run` is the student's own: the one-line swap is the `cell` argument. Every cell gets the same
data and budget for a given seed; each seed draws new data and new initial weights, so the
min-max range shows how much of a difference between cells is luck.
"""

import numpy as np

from .._validate import check_choice, check_seed, fail
from ..layers.recurrent import GRU, LSTM, SimpleRNN

CELLS = ("SimpleRNN", "LSTM", "GRU")
_LAYERS = {"SimpleRNN": SimpleRNN, "LSTM": LSTM, "GRU": GRU}


def layer(cell, units, **kwargs):
    """The recurrent layer named `cell` ('SimpleRNN', 'LSTM' or 'GRU') with `units` units;
    `kwargs` go to the layer (return_sequences=True, input_shape=..., ...)."""
    return _LAYERS[check_choice("cell", cell, CELLS)](units, **kwargs)


def compare(run, cells=CELLS, seeds=(0, 1, 2), progress=True):
    """{cell: [run(cell, seed) for seed in seeds]} for every cell, as floats.

    run: a function (cell, seed) -> a number (a held-out accuracy, a perplexity, ...).
    progress: a tqdm bar over the runs.
    """
    if not callable(run):
        fail("run", "a function (cell, seed) -> number", repr(run)[:80])
    cells = [check_choice("cells", c, CELLS) for c in cells]
    seeds = [check_seed(s) for s in seeds]
    if not cells or not seeds:
        fail("cells and seeds", "at least one cell and one seed", f"{cells!r}, {seeds!r}")
    jobs = [(c, s) for c in cells for s in seeds]
    if progress:
        from tqdm.auto import tqdm

        jobs = tqdm(jobs, desc="cells x seeds", unit="run")
    results = {c: [] for c in cells}
    for cell, seed in jobs:
        value = run(cell, seed)
        if not np.isfinite(value):
            fail("run", f"a finite number for {cell} with seed {seed}", repr(value))
        results[cell].append(float(value))
    return results


def summary(results):
    """{cell: {"mean", "min", "max", "n"}} of the values per cell."""
    _check_results(results)
    return {c: {"mean": float(np.mean(v)), "min": float(np.min(v)), "max": float(np.max(v)),
                "n": len(v)} for c, v in results.items()}


def table(results, metric="held-out accuracy", fmt="{:.1%}", baseline=None):
    """A Markdown table: one row per cell with the mean, the range over seeds and every seed's
    value; `baseline` = (name, value) adds the baseline's row for comparison."""
    rows = summary(results)
    head = f"| cell | {metric}: mean | min … max | per seed |\n|---|---|---|---|\n"
    body = "".join(
        f"| {c} | {fmt.format(s['mean'])} | {fmt.format(s['min'])} … {fmt.format(s['max'])} | "
        + ", ".join(fmt.format(v) for v in results[c]) + " |\n" for c, s in rows.items())
    if baseline is not None:
        name, value = baseline
        body += f"| {name} | {fmt.format(value)} | | |\n"
    return head + body


def _check_results(results):
    if (not isinstance(results, dict) or not results
            or not all(isinstance(v, list) and v for v in results.values())):
        fail("results", "{cell: [values]} from compare()", repr(results)[:80])
