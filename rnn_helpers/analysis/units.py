"""Looking inside a trained RNN: which hidden units track a quantity of the input (notebook 08).

Karpathy's "Unreasonable effectiveness" found single units of a character model that follow
quotes, line position or nesting depth. Here the quantity is known (the bracket depth of
notebook 08); each unit's activation h_t[j] over every position of every sequence is
correlated with it:

    r_j = corr(h[:, :, j], q)      Pearson's correlation over all (sequence, step) pairs

A unit with |r_j| near 1 tracks q on its own; when the best |r_j| is well below 1, the
quantity is spread over several units (a direction in the state space, not one unit), and
the honest report says so.
"""

import numpy as np

from .._validate import check_array, fail
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


__all__ = ["best_units", "describe_unit", "hidden_states", "linear_readout_r",
           "unit_correlations"]
