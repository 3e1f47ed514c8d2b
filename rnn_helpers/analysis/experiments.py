"""The lag sweep of notebook 05: how far back can a SimpleRNN, an LSTM and a GRU remember?

The task, `first_symbol_task`: a sequence starts with one of K symbols (one-hot, channels
0 .. K-1); then come `lag` steps of distractors, Gaussian noise on M other channels. The label
is the first symbol. So the answer, read after the last step, depends on an input `lag` steps
back and on nothing since: chance is 1 / K (50 % for K = 2), and accuracy above chance on
held-out sequences means the network carried the symbol across the lag.

    runs = lag_sweep(lags=(5, 10, 20, 40, 80), seeds=(0, 1, 2))   # SimpleRNN, LSTM, GRU
    table = summarise(runs)              # mean, min, max accuracy per cell and lag
    chance_lags(runs)                    # the lag at which each cell falls to chance

Every cell gets the same units, data, optimizer and number of updates; each seed draws new
data and new initial weights. `scripts/lag_sweep.py` runs the full sweep and ships its numbers
in `rnn_helpers/datasets/data/lag_sweep.json` (`load_lag_sweep()` reads them).
"""

import json
import math
import os
import time
from pathlib import Path

import numpy as np

from .._validate import check_array, check_choice, check_positive_int, check_seed, fail
from ..core import optim
from ..layers.dense import Dense
from ..layers.recurrent import GRU, LSTM, SimpleRNN
from ..models import Sequential
from ..models.saving import atomic_write

CELLS = {"SimpleRNN": SimpleRNN, "LSTM": LSTM, "GRU": GRU}
DATA_FILE = Path(__file__).resolve().parent.parent / "datasets" / "data" / "lag_sweep.json"

DEFAULTS = {
    "units": 16,            # the same H for every cell (so an LSTM has 4x the weights of an RNN)
    "n_classes": 2,         # K symbols: chance = 1 / K
    "n_noise": 8,           # M distractor channels
    "n_train": 4000,
    "n_test": 1000,
    "epochs": 10,
    "batch_size": 32,
    "learning_rate": 0.01,  # Adam
    "clipnorm": 1.0,        # per weight array, as Keras' clipnorm
}
"""The training budget of one run: `updates(4000, 32, 10)` weight updates, the same for every
cell."""


def updates(n_train, batch_size, epochs):
    """The number of weight updates of one run: fit makes ceil(n_train / batch_size) batches
    per epoch (the last one partial when batch_size does not divide n_train), each one update.

        updates(1000, 32, 10) = 32 * 10 = 320
    """
    n_train, batch_size = check_positive_int("n_train", n_train), check_positive_int(
        "batch_size", batch_size)
    return math.ceil(n_train / batch_size) * check_positive_int("epochs", epochs)


def first_symbol_task(n=1000, lag=10, n_classes=2, n_noise=8, seed=0):
    """Remember the first symbol across `lag` steps of noise: a task with a known chance level.

        x_1              = one_hot(y) on channels 0 .. K-1 (zeros on the noise channels)
        x_2 .. x_{lag+1} = N(0, 1) noise on channels K .. K+M-1 (zeros on the symbol channels)
        y                = the first symbol, an integer in 0 .. K-1

    -> X (n, lag + 1, K + M), y (n,) integers. Chance accuracy is 1 / K.
    """
    n, lag = check_positive_int("n", n), check_positive_int("lag", lag)
    K, M = check_positive_int("n_classes", n_classes), check_positive_int("n_noise", n_noise)
    if K < 2:
        fail("n_classes", "at least 2 symbols", repr(K))
    rng = np.random.default_rng(check_seed(seed))
    y = rng.integers(0, K, size=n)
    X = np.zeros((n, lag + 1, K + M))
    X[np.arange(n), 0, y] = 1.0
    X[:, 1:, K:] = rng.normal(size=(n, lag, M))
    return X, y


def build_model(cell, input_shape, units=16, n_classes=2, learning_rate=0.01, clipnorm=1.0,
                seed=0):
    """cell(units) -> Dense(n_classes, softmax), compiled with Adam and sparse cross-entropy."""
    check_choice("cell", cell, tuple(CELLS))
    model = Sequential([CELLS[cell](units, input_shape=input_shape, seed=seed),
                        Dense(n_classes, activation="softmax", seed=seed + 1)],
                       name=f"{cell.lower()}_model")
    model.compile(optimizer=optim.Adam(learning_rate=learning_rate, clipnorm=clipnorm),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def train_one(cell, lag, seed=0, keep_model=False, **settings):
    """Train one cell at one lag with one seed; return a dict of what happened.

    settings: any of DEFAULTS (units, n_classes, n_noise, n_train, n_test, epochs,
    batch_size, learning_rate, clipnorm). The training data use `seed`, the held-out data
    `seed + 10_000`, the weights `seed`, and the batches are taken in order: on one machine
    and BLAS setting, a run gives the same numbers whatever ran before it.
    -> {"cell", "lag", "seed", "accuracy" (held-out), "train_accuracy", "loss", "seconds"}
       (+ "model", "X_test", "y_test" with keep_model=True)
    """
    unknown = set(settings) - set(DEFAULTS)
    if unknown:
        fail("settings", f"names from {sorted(DEFAULTS)}", sorted(unknown))
    s = {**DEFAULTS, **settings}
    seed = check_seed(seed)
    task = {"lag": lag, "n_classes": s["n_classes"], "n_noise": s["n_noise"]}
    X, y = first_symbol_task(s["n_train"], seed=seed, **task)
    X_test, y_test = first_symbol_task(s["n_test"], seed=seed + 10_000, **task)
    model = build_model(cell, X.shape[1:], s["units"], s["n_classes"], s["learning_rate"],
                        s["clipnorm"], seed)
    start = time.process_time()
    history = model.fit(X, y, epochs=s["epochs"], batch_size=s["batch_size"], verbose=0,
                        shuffle=False)   # the data are random already; no shared generator
    _, accuracy = model.evaluate(X_test, y_test, verbose=0)
    run = {"cell": cell, "lag": int(lag), "seed": seed, "accuracy": round(float(accuracy), 4),
           "train_accuracy": round(float(history.history["accuracy"][-1]), 4),
           "loss": round(float(history.history["loss"][-1]), 4),
           "seconds": round(time.process_time() - start, 2)}
    if keep_model:
        run.update(model=model, X_test=X_test, y_test=y_test)
    return run


def lag_sweep(cells=("SimpleRNN", "LSTM", "GRU"), lags=(5, 10, 20, 40, 80), seeds=(0, 1, 2),
              progress=True, keep_models=False, **settings):
    """`train_one` for every cell, lag and seed -> a list of run dicts (see `train_one`).

    progress: a tqdm bar over the runs. keep_models: keep each trained model and its
    held-out data in the runs (for the gate viewer); they are not written to JSON.
    """
    for cell in cells:
        check_choice("cell", cell, tuple(CELLS))
    lags = [check_positive_int("lags", lag) for lag in lags]
    seeds = [check_seed(s) for s in seeds]
    jobs = [(c, lag, s) for lag in lags for c in cells for s in seeds]
    if progress:
        from tqdm.auto import tqdm

        jobs = tqdm(jobs, desc="lag sweep", unit="run")
    return [train_one(c, lag, s, keep_model=keep_models, **settings) for c, lag, s in jobs]


def summarise(runs):
    """{cell: {"lags": [...], "mean": [...], "min": [...], "max": [...], "n": [...]}} of the
    held-out accuracy over the seeds, lags in increasing order."""
    if not isinstance(runs, (list, tuple)) or not runs:
        fail("runs", "a non-empty list of runs from lag_sweep", repr(runs)[:80])
    table = {}
    for cell in dict.fromkeys(r["cell"] for r in runs):
        lags = sorted({r["lag"] for r in runs if r["cell"] == cell})
        accs = [[r["accuracy"] for r in runs if r["cell"] == cell and r["lag"] == lag]
                for lag in lags]
        table[cell] = {"lags": lags, "mean": [float(np.mean(a)) for a in accs],
                       "min": [float(np.min(a)) for a in accs],
                       "max": [float(np.max(a)) for a in accs], "n": [len(a) for a in accs]}
    return table


def chance_lags(runs, chance=0.5, margin=0.05):
    """The shortest lag from which on each cell's mean held-out accuracy stays within
    `margin` of chance (<= chance + margin at that lag and every longer one); None if it never
    falls that far within the sweep. -> {cell: lag or None}"""
    result = {}
    for cell, row in summarise(runs).items():
        near = [m <= chance + margin for m in row["mean"]]
        result[cell] = None
        for i in range(len(near)):
            if all(near[i:]):
                result[cell] = row["lags"][i]
                break
    return result


def count_learned(runs, threshold=0.75):
    """How many seeds of each cell learned the task at each lag: {cell: {lag: (k, n)}}, k the
    runs whose held-out accuracy is at least `threshold` (halfway from chance to 100 % for
    K = 2), n all runs of that cell and lag."""
    if not isinstance(runs, (list, tuple)) or not runs:
        fail("runs", "a non-empty list of runs from lag_sweep", repr(runs)[:80])
    result = {}
    for r in runs:
        k, n = result.setdefault(r["cell"], {}).get(r["lag"], (0, 0))
        result[r["cell"]][r["lag"]] = (k + int(r["accuracy"] >= threshold), n + 1)
    return {cell: dict(sorted(lags.items())) for cell, lags in result.items()}


def final_state_gap(model, X, y):
    """What the first recurrent layer still holds of the label at the last step: the largest
    gap, over the units, between the classes' mean final state h_T. Near 0: the state ends
    the same whatever the first symbol was (the model forgot it).

    model: a Sequential whose layer 0 is a SimpleRNN, LSTM or GRU (return_sequences=False);
    X (B, T, D), y (B,) labels -> a number >= 0.
    """
    X = check_array("X", X, ndim=3, layout="(B, T, D)")
    y = np.asarray(y).reshape(-1)
    if len(y) != len(X):
        fail("y", f"{len(X)} labels, one per sequence of X", f"shape {y.shape}")
    layer = getattr(model, "layers", [None])[0]
    if not isinstance(layer, tuple(CELLS.values())) or layer.return_sequences:
        fail("model", "a Sequential whose first layer is a SimpleRNN, LSTM or GRU returning "
             "h_T only", type(layer).__name__)
    h_T = np.asarray(layer.forward(X))
    means = np.array([h_T[y == k].mean(axis=0) for k in np.unique(y)])
    return float(np.max(means.max(axis=0) - means.min(axis=0)))


def _public(run):
    return {k: v for k, v in run.items() if k not in ("model", "X_test", "y_test")}


def save_results(runs, path, **info):
    """Write the runs and `info` (settings, arguments, machine, date, ...) as JSON."""
    data = {**info, "runs": [_public(r) for r in runs]}
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"   # fails before any write
    atomic_write(os.fspath(path), lambda f: f.write(text), binary=False)   # old file kept on error


def load_lag_sweep(path=None):
    """The shipped full sweep (`scripts/lag_sweep.py`): a dict with "settings", "cells",
    "lags", "seeds", "chance", "runs" and how it was made ("command", "machine", "date",
    "seconds")."""
    path = DATA_FILE if path is None else Path(path)
    return json.loads(Path(path).read_text(encoding="utf-8"))
