"""Loss functions, as Keras computes them, each with its gradient.

Every function takes the true values first (as Keras does) and returns `(loss, dy_pred)`:
the mean loss as a float, and dy_pred = ∂loss/∂y_pred, the exact gradient of that returned
number, with y_pred's shape. Reduction is Keras' default: the mean over every sample (and
every time step); the cross-entropies first sum over the class axis.

Probabilities are clipped to [EPSILON, 1 - EPSILON] before the log, with Keras' epsilon
1e-7, so that log(0) never happens. Where the clip is active the loss no longer depends on
y_pred, so its gradient there is 0: this is the gradient of the clipped expression, not of
the mathematical one. The `from_logits=True` forms never clip and are exact everywhere.
"""

import functools

import numpy as np

from .._validate import check_array, check_choice, check_flag, fail
from . import activations

EPSILON = 1e-7
"""Keras' `backend.epsilon()`: probabilities are clipped to [EPSILON, 1 - EPSILON]."""



def _check_pred(y_pred, ndim=None, layout=None):
    y_pred = check_array("y_pred", y_pred, ndim=ndim, layout=layout)
    if y_pred.size == 0:
        fail("y_pred", "at least one value", f"shape {y_pred.shape}")
    return y_pred


def _check_range(name, x, low, high, hint=None):
    if x.min() < low or x.max() > high:
        fail(name, f"values in [{low}, {high}]",
              f"values from {x.min():.4g} to {x.max():.4g}", hint)


def _check_probabilities(p):
    _check_range("y_pred", p, 0, 1,
                 "These look like logits (scores): pass from_logits=True")


def _same_shape(y_true, y_pred):
    """y_true with y_pred's shape; (B,) against (B, 1) is accepted either way, as in Keras."""
    if y_true.shape == y_pred.shape:
        return y_true
    if y_true.shape + (1,) == y_pred.shape or y_true.shape == y_pred.shape + (1,):
        return y_true.reshape(y_pred.shape)
    fail("y_true", f"the shape of y_pred {y_pred.shape}", f"shape {y_true.shape}")


def binary_crossentropy(y_true, y_pred, from_logits=False):
    """Binary cross-entropy, the loss of a sigmoid output (the seed's Dense(1, "sigmoid")).

        p    = clip(y_pred, 1e-7, 1 - 1e-7)
        loss = mean(-(y * log(p) + (1 - y) * log(1 - p)))
        dp   = (p - y) / (p * (1 - p)) / N          (0 where the clip is active)

    With from_logits=True, y_pred is the score z before the sigmoid, and the stable form

        loss = mean(max(z, 0) - z * y + log(1 + exp(-|z|)))
        dz   = (sigmoid(z) - y) / N

    y_true (any shape, values in [0, 1]), y_pred (same shape) -> (loss, dy_pred)
    """
    from_logits = check_flag("from_logits", from_logits)
    y_pred = _check_pred(y_pred)
    y = _same_shape(check_array("y_true", y_true, dtype=y_pred.dtype), y_pred)
    _check_range("y_true", y, 0, 1)
    n = y_pred.size
    if from_logits:
        z = y_pred
        loss = np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))
        return float(loss), (activations.sigmoid(z) - y) / n
    _check_probabilities(y_pred)
    p = np.clip(y_pred, EPSILON, 1 - EPSILON)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    inside = (y_pred > EPSILON) & (y_pred < 1 - EPSILON)
    dp = np.where(inside, (p - y) / (p * (1 - p)), 0.0) / n
    return float(loss), dp.astype(y_pred.dtype, copy=False)


def _crossentropy(y, y_pred, from_logits, weights):
    """Σ_positions weights * (-Σ_v y_v log p_v) and its gradient; `weights` sums to 1."""
    if from_logits:
        z = y_pred
        z_max = z.max(axis=-1, keepdims=True)
        log_p = z - z_max - np.log(np.exp(z - z_max).sum(axis=-1, keepdims=True))
        per_position = -(y * log_p).sum(axis=-1)
        # d/dz_k of -Σ_v y_v (z_v - logsumexp z) = softmax(z)_k * Σ_v y_v - y_k
        d = np.exp(log_p) * y.sum(axis=-1, keepdims=True) - y
    else:
        # As Keras: rescale each row to sum to 1, clip, then log.  q = p / S
        s = y_pred.sum(axis=-1, keepdims=True)
        if np.any(s <= 0):
            fail("y_pred", "probabilities with a positive sum over the last axis",
                  f"{int(np.sum(s <= 0))} rows summing to 0")
        q = y_pred / s
        c = np.clip(q, EPSILON, 1 - EPSILON)
        per_position = -(y * np.log(c)).sum(axis=-1)
        g = np.where((q > EPSILON) & (q < 1 - EPSILON), -y / c, 0.0)  # ∂/∂q
        d = (g - (g * q).sum(axis=-1, keepdims=True)) / s                # through q = p / S
    loss = float((weights * per_position).sum())
    return loss, (d * weights[..., None]).astype(y_pred.dtype, copy=False)


def categorical_crossentropy(y_true, y_pred, from_logits=False):
    """Cross-entropy against one-hot (or soft) labels, over the last axis.

        loss = mean over positions of -Σ_v y_v * log(p_v)

    p = y_pred rescaled to sum to 1 over the last axis and clipped to [1e-7, 1 - 1e-7], as
    Keras does; with from_logits=True, p = softmax(y_pred) and dz = (softmax(z) - y) / N.

    y_true (B, V) or (B, T, V), y_pred the same shape -> (loss, dy_pred)
    """
    from_logits = check_flag("from_logits", from_logits)
    y_pred = _check_pred(y_pred, ndim=(2, 3), layout="(B, V) or (B, T, V)")
    y = check_array("y_true", y_true, dtype=y_pred.dtype)
    if y.shape != y_pred.shape:
        hint = None
        if y.shape in (y_pred.shape[:-1], y_pred.shape[:-1] + (1,)):
            hint = "Integer labels? Use sparse_categorical_crossentropy"
        fail("y_true", f"one-hot labels of the shape of y_pred {y_pred.shape}",
              f"shape {y.shape}", hint)
    _check_range("y_true", y, 0, 1)
    if not from_logits:
        _check_probabilities(y_pred)
    weights = np.full(y_pred.shape[:-1], 1.0 / y_pred[..., 0].size, dtype=y_pred.dtype)
    return _crossentropy(y, y_pred, from_logits, weights)


def _check_labels(y_true, y_pred):
    """Integer labels of shape y_pred.shape[:-1], each in [0, V)."""
    V = y_pred.shape[-1]
    want = y_pred.shape[:-1]
    labels = check_array("y_true", y_true)
    if labels.shape == want + (1,):
        labels = labels[..., 0]
    if labels.shape != want:
        hint = None
        if labels.shape == y_pred.shape:
            hint = "One-hot labels? Use categorical_crossentropy"
        fail("y_true", f"integer labels of shape {want} (y_pred's shape without its last axis)",
              f"shape {labels.shape}", hint)
    if np.any(labels != np.round(labels)):
        fail("y_true", "integer class labels", f"non-integer values such as "
              f"{float(labels[labels != np.round(labels)].flat[0])!r}")
    if labels.min() < 0 or labels.max() >= V:
        fail("y_true", f"class labels in [0, {V}) for y_pred with V = {V} classes",
              f"labels from {int(labels.min())} to {int(labels.max())}")
    return labels.astype(np.intp)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, mask=None):
    """Cross-entropy against integer labels, per sample or per time step.

        loss = Σ mask * (-log p[y]) / Σ mask       (mask = 1 everywhere by default)

    p as in `categorical_crossentropy` (rescaled and clipped, or softmax of logits). With a
    0/1 mask this is the mean over the unmasked positions, as Keras computes a masked loss;
    padding steps get mask 0 and a zero gradient.

    y_true (B,) or (B, T) integers in [0, V), y_pred (B, V) or (B, T, V),
    mask None or (B,) / (B, T) weights >= 0 -> (loss, dy_pred)
    """
    from_logits = check_flag("from_logits", from_logits)
    y_pred = _check_pred(y_pred, ndim=(2, 3), layout="(B, V) or (B, T, V)")
    labels = _check_labels(y_true, y_pred)
    if not from_logits:
        _check_probabilities(y_pred)
    if mask is None:
        weights = np.ones(labels.shape, dtype=y_pred.dtype)
    else:
        weights = check_array("mask", mask, shape=labels.shape, dtype=y_pred.dtype,
                              layout="(B,) or (B, T), like y_true")
        if weights.min() < 0:
            fail("mask", "weights >= 0 (1 = use this position, 0 = skip it)",
                  f"a minimum of {weights.min():.4g}")
        if weights.sum() == 0:
            fail("mask", "at least one non-zero entry", "a mask of zeros only",
                  "No position would count in the mean")
    y = np.zeros(y_pred.shape, dtype=y_pred.dtype)  # one-hot labels
    np.put_along_axis(y, labels[..., None], 1.0, axis=-1)
    return _crossentropy(y, y_pred, from_logits, weights / weights.sum())


def mean_squared_error(y_true, y_pred):
    """Mean squared error, the loss for regression.

        loss = mean((y_pred - y)**2)
        dy_pred = 2 * (y_pred - y) / N

    y_true, y_pred of the same shape ((B,) against (B, 1) is accepted) -> (loss, dy_pred)
    """
    y_pred = _check_pred(y_pred)
    y = _same_shape(check_array("y_true", y_true, dtype=y_pred.dtype), y_pred)
    with np.errstate(over="ignore"):   # values near 1e308: the loss is inf, as it is
        diff = y_pred - y
        return float(np.mean(diff * diff)), 2 * diff / diff.size


mse = mean_squared_error

LOSSES = {
    "binary_crossentropy": binary_crossentropy,
    "categorical_crossentropy": categorical_crossentropy,
    "sparse_categorical_crossentropy": sparse_categorical_crossentropy,
    "mean_squared_error": mean_squared_error,
    "mse": mean_squared_error,
}


def get(name):
    """The loss function called `name` (Keras' strings); a function is returned unchanged."""
    if callable(name):
        return name
    check_choice("loss", name, tuple(LOSSES))
    return LOSSES[name]


def check_targets(name, y, loss, n_classes):
    """Check every target of `y` at once, as the loss called `loss` checks one batch's:
    values in [0, 1] for binary and categorical cross-entropy, integer labels in
    [0, n_classes) for the sparse one (other losses: nothing more). Sequential.fit calls it
    before its first step, so a bad label in a later batch is refused before any update."""
    if y.size == 0:
        return y
    if loss == "binary_crossentropy" and (y.min() < 0 or y.max() > 1):
        _check_range(name, y, 0, 1, "binary_crossentropy takes labels 0 and 1 (or "
                     "probabilities between them)")
    elif loss == "categorical_crossentropy":
        _check_range(name, y, 0, 1, "categorical_crossentropy takes one-hot labels")
    elif loss == "sparse_categorical_crossentropy":
        if np.any(y != np.round(y)):
            fail(name, "integer class labels", f"non-integer values such as "
                 f"{float(y[y != np.round(y)].flat[0])!r}")
        if y.min() < 0 or y.max() >= n_classes:
            fail(name, f"class labels in [0, {n_classes}) for the model's {n_classes} output "
                 "classes", f"labels from {y.min():.0f} to {y.max():.0f}")
    return y


def name_of(fn):
    """(Keras' name, keyword arguments) of a loss function from LOSSES, also through
    functools.partial; (None, {...}) for any other function."""
    keywords = {}
    while isinstance(fn, functools.partial):
        keywords = {**fn.keywords, **keywords}
        fn = fn.func
    for name, f in LOSSES.items():
        if f is fn:
            return ("mean_squared_error" if name == "mse" else name), keywords
    return None, keywords
