"""Looking inside a trained RNN: which hidden units track a quantity of the input (notebook 08).

Karpathy's "Unreasonable effectiveness" found single units of a character model that follow
quotes, line position or nesting depth. Here the quantity is known (the bracket depth of
notebook 08); each unit's activation h_t[j] over every position of every sequence is
correlated with it:

    r_j = corr(h[:, :, j], q)      Pearson's correlation over all (sequence, step) pairs

A unit with |r_j| near 1 tracks q on its own; when the best |r_j| is well below 1, the
quantity is spread over several units (a direction in the state space, not one unit), and
the honest report says so. `level_means` and `switches` look at a discrete quantity level by
level: a unit whose mean activation jumps between two neighbouring depths acts as a switch
for that step, and several switches at different depths can hold the depth between them.
"""

import numpy as np

from .._validate import check_array, check_positive_int, fail
from ..datasets.scenarios import depth_labels
from ..layers.recurrent import Recurrent


def hidden_states(model, X):
    """h (B, T, H) of the first layer of `model`, a recurrent layer with return_sequences."""
    layers = getattr(model, "layers", None) or []
    if not layers or not isinstance(layers[0], Recurrent) or not layers[0].return_sequences:
        fail("model", "a model whose first layer is recurrent with return_sequences=True",
              type(model).__name__ if not layers else repr(layers[0]))
    X = check_array("X", X, ndim=3, layout="(B, T, D)")
    out = layers[0].forward(X)
    return out[0] if isinstance(out, list) else out


def unit_correlations(h, quantity):
    """Pearson's r of every unit with the quantity: h (B, T, H), quantity (B, T) -> (H,).

    A unit that never moves (constant activation) gets r = 0.
    """
    h = check_array("h", h, ndim=3, layout="(B, T, H)")
    q = check_array("quantity", quantity, shape=h.shape[:2], layout="(B, T), like h")
    a = h.reshape(-1, h.shape[2]) - h.reshape(-1, h.shape[2]).mean(axis=0)
    b = q.ravel() - q.mean()
    moves = a.std(axis=0) > 1e-12 * (1 + np.abs(h).max())    # a constant unit: r = 0
    denom = np.sqrt((a * a).sum(axis=0) * (b @ b))
    ok = moves & (denom > 0)
    return np.where(ok, (a.T @ b) / np.where(ok, denom, 1.0), 0.0)


def best_units(h, quantity, n=3):
    """The n units with the largest |r|: a list of (unit, r), best first."""
    n = check_positive_int("n", n)
    r = unit_correlations(h, quantity)
    order = np.argsort(-np.abs(r), kind="stable")[:n]
    return [(int(j), float(r[j])) for j in order]


def linear_readout_r(h, quantity):
    """The correlation of the best linear combination of all units with the quantity (least
    squares over the same positions): how much of it the state holds, spread or not."""
    h = check_array("h", h, ndim=3, layout="(B, T, H)")
    q = check_array("quantity", quantity, shape=h.shape[:2], layout="(B, T), like h")
    A = np.c_[h.reshape(-1, h.shape[2]), np.ones(q.size)]
    fit = A @ np.linalg.lstsq(A, q.ravel(), rcond=None)[0]
    return float(np.corrcoef(fit, q.ravel())[0, 1])


def describe_unit(r, clean=0.9):
    """Words for a unit's |r|: 'tracks it on its own' (|r| >= clean), 'follows it partly',
    or 'does not track it' (|r| < 0.5)."""
    a = abs(float(r))
    if a >= clean:
        return "tracks it on its own"
    return "follows it partly" if a >= 0.5 else "does not track it"


def level_means(h, quantity):
    """The mean activation of every unit at each value of a discrete quantity (e.g. each
    depth): levels (L,) sorted, means (L, H)."""
    h = check_array("h", h, ndim=3, layout="(B, T, H)")
    q = check_array("quantity", quantity, shape=h.shape[:2], layout="(B, T), like h")
    levels = np.unique(q)
    if len(levels) > 50:
        fail("quantity", "a discrete quantity (at most 50 distinct values)", f"{len(levels)}")
    return levels, np.stack([h[q == v].mean(axis=0) for v in levels])


def switches(means):
    """Where each unit changes most between neighbouring levels: means (L, H) ->
    step (H,) int (k: between levels k and k + 1) and jump (H,) the size |change| there."""
    means = check_array("means", means, ndim=2, layout="(L, H)")
    if means.shape[0] < 2:
        fail("means", "at least 2 levels", f"{means.shape[0]}")
    change = np.abs(np.diff(means, axis=0))
    return change.argmax(axis=0), change.max(axis=0)


def bracket_quantities(strings):
    """Three things one could hope a unit tracks in bracket strings, each (n, T) float:

        "depth"                   the nesting depth of each character (what the model labels)
        "inside brackets"         1 where the depth is above 0, else 0
        "steps since the last (" t minus the position of the last "(" so far (t + 1 if none)
    """
    if isinstance(strings, str) or not strings or len({len(s) for s in strings}) != 1:
        fail("strings", "a non-empty list of bracket strings of one length", repr(strings)[:60])
    depth = np.stack([depth_labels(s) for s in strings]).astype(float)
    since = np.zeros_like(depth)
    for i, s in enumerate(strings):
        last = -1
        for t, ch in enumerate(s):
            last = t if ch == "(" else last
            since[i, t] = t - last
    return {"depth": depth, "inside brackets": (depth > 0).astype(float),
            "steps since the last (": since}


def survey(h, quantities):
    """For each quantity ({name: (B, T)}), its best unit and the readout of all units: a list
    of dicts {"quantity", "unit", "r", "readout_r", "words"}, in the order of `quantities`."""
    if not isinstance(quantities, dict) or not quantities:
        fail("quantities", "a non-empty dict {name: (B, T) array}", repr(quantities)[:60])
    rows = []
    for name, q in quantities.items():
        (unit, r), = best_units(h, q, n=1)
        rows.append({"quantity": name, "unit": unit, "r": r,
                     "readout_r": linear_readout_r(h, q), "words": describe_unit(r)})
    return rows


def survey_table(surveys):
    """Plain text, one row per run: {label: survey rows} -> for each quantity, the best unit,
    its r and the readout's r ("unit 6: +0.91 | all 0.997")."""
    if not isinstance(surveys, dict) or not surveys:
        fail("surveys", "a non-empty dict {run label: survey(...) rows}", repr(surveys)[:60])
    names = [row["quantity"] for row in next(iter(surveys.values()))]
    cells = {label: [f"unit {row['unit']}: {row['r']:+.2f} | all {row['readout_r']:.3f}"
                     for row in rows] for label, rows in surveys.items()}
    width = max(len(text) for row in [names, *cells.values()] for text in row) + 3
    first = max(3, *(len(str(label)) for label in surveys)) + 3
    lines = ["run".ljust(first) + "".join(n.ljust(width) for n in names)]
    for label, row in cells.items():
        lines.append(str(label).ljust(first) + "".join(c.ljust(width) for c in row))
    return "\n".join(line.rstrip() for line in lines)


__all__ = ["best_units", "bracket_quantities", "describe_unit", "hidden_states", "level_means",
           "linear_readout_r", "survey", "survey_table", "switches", "unit_correlations"]
