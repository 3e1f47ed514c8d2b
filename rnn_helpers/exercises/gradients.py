"""Checks for the exercises of notebook 04 (vanishing and exploding gradients)."""

import numpy as np

from .checking import check_function


def _jacobian(U, h, t, transpose=True, derivative=True, reverse=False, shift=0):
    """∂h_T/∂h_t = J_T @ ... @ J_(t+1), J_k = diag(1 - h_k**2) @ U.T (or a named mistake);
    equal to gradflow.jacobian_products(U, h)[t] (tests/test_widgets_03_04.py checks it)."""
    T, H = h.shape
    P = np.eye(H)
    ks = range(t + 1 + shift, T + 1)
    for k in (ks if reverse else reversed(ks)):
        J = (U.T if transpose else U)
        if derivative:
            J = (1 - h[k - 1] ** 2)[:, None] * J
        P = P @ J
    return P


def check_jacobian(fn):
    """Notebook 04: fn(U, h, t) -> ∂h_T/∂h_t for a tanh RNN along the states h (T, H), where
    h[k - 1] is h_k; t in 0 .. T - 1."""
    rng = np.random.default_rng(5)
    cases = []
    for T, H, t in ((6, 3, 2), (4, 2, 0), (8, 4, 5), (5, 3, 4)):
        U = rng.normal(0, 0.8, (H, H))
        h = np.tanh(rng.normal(0, 0.8, (T, H)))
        cases.append((U, h, t))
    return check_function(fn, cases, _jacobian, name="jacobian", arg_names=("U", "h", "t"),
                          mistakes=[
        ("U is used untransposed: with row vectors h_k depends on h_(k-1) through "
         "h_(k-1) @ U, so ∂h_k/∂h_(k-1) = diag(1 - h_k**2) @ U.T.",
         lambda U, h, t: _jacobian(U, h, t, transpose=False)),
        ("tanh' is missing: each factor is diag(1 - h_k**2) @ U.T, not U.T alone.",
         lambda U, h, t: _jacobian(U, h, t, derivative=False)),
        ("the factors are multiplied in the reverse order: ∂h_T/∂h_t = J_T @ J_(T-1) @ ... "
         "@ J_(t+1), the latest step on the left.",
         lambda U, h, t: _jacobian(U, h, t, reverse=True)),
        ("one factor too many: the product runs over k = t+1 .. T, not from k = t.",
         lambda U, h, t: _jacobian(U, h, t, shift=-1) if t > 0 else _jacobian(U, h, t)),
        ("one factor too few: the product runs over k = t+1 .. T (J_(t+1) is included).",
         lambda U, h, t: _jacobian(U, h, t, shift=1)),
    ])


def _clip(g, max_norm):
    return g * (max_norm / max(float(np.linalg.norm(g)), max_norm))


def check_clip_by_norm(fn):
    """Notebook 04: fn(g, max_norm) -> g rescaled to norm max_norm when ||g|| > max_norm."""
    rng = np.random.default_rng(6)
    cases = [(rng.normal(0, 5, (4, 3)), 1.0), (rng.normal(0, 0.1, (5,)), 1.0),
             (rng.normal(0, 50, (3, 3)), 2.5)]
    return check_function(fn, cases, _clip, name="clip_by_norm", arg_names=("g", "max_norm"),
                          mistakes=[
        ("a small gradient was scaled up too: clipping only ever shrinks, so when "
         "||g|| <= max_norm, g comes back unchanged.",
         lambda g, m: g * m / np.linalg.norm(g)),
        ("each entry was clipped on its own (np.clip): that changes the gradient's direction. "
         "Scale the whole array by max_norm / ||g|| instead.",
         lambda g, m: np.clip(g, -m, m)),
        ("g was divided by its norm but not multiplied by max_norm.",
         lambda g, m: g / max(np.linalg.norm(g), m)),
    ])
