"""Gradient clipping, with Keras' meanings (the optimizers in optim.py apply it before a step):

    clip_by_norm(g, max_norm)             g * max_norm / max(||g||, max_norm)   (clipnorm)
    clip_by_global_norm(grads, max_norm)  every array scaled by min(1, max_norm / ||all||)
                                          (global_clipnorm)

where ||.|| is the Euclidean norm of all entries, computed without overflow.
"""

import math

import numpy as np

from .._validate import check_array, check_number


def norm(g):
    """Euclidean norm of all entries, computed without overflow for huge finite values."""
    flat = g.ravel()
    with np.errstate(over="ignore", invalid="ignore"):
        total = float(np.dot(flat, flat))      # Σ g**2 in one product: the common case
    if 1e-30 < total < math.inf:
        return math.sqrt(total)
    scale = float(np.max(np.abs(g))) if g.size else 0.0   # else: scale first (no over/underflow)
    if scale == 0.0:
        return 0.0
    return scale * math.sqrt(float(np.sum(np.square(g / scale))))


def clip_by_norm(g, max_norm):
    """g * max_norm / max(||g||, max_norm): unchanged when ||g|| <= max_norm (Keras' clipnorm)."""
    return g * (max_norm / max(norm(g), max_norm))


def global_norm(grads):
    """sqrt(Σ_k ||grads[k]||**2), the norm of all arrays of a dict together, without overflow."""
    norms = [norm(g) for g in grads.values()]
    scale = max(norms, default=0.0)
    return 0.0 if scale == 0.0 else scale * math.sqrt(sum((n / scale) ** 2 for n in norms))


def clip_by_global_norm(grads, max_norm):
    """Scale every gradient by the same factor so that their joint norm is at most max_norm.

        total_norm = sqrt(Σ_k ||grads[k]||**2)
        clipped[k] = grads[k] * min(1, max_norm / total_norm)

    The direction of the whole gradient is kept. Returns (clipped: dict, total_norm: float),
    total_norm measured before clipping; the input arrays are not changed.
    """
    if not isinstance(grads, dict):
        raise TypeError(f"grads: expected a dict of arrays, got {type(grads).__name__}")
    max_norm = check_number("max_norm", max_norm, low=0, low_open=True)
    grads = {k: check_array(f"grads[{k!r}]", g) for k, g in grads.items()}
    total = global_norm(grads)
    scale = min(1.0, max_norm / total) if total > 0 else 1.0
    return {k: g * scale for k, g in grads.items()}, total
