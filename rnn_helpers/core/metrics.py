"""How good is a classifier, and how good is doing nothing clever? Counts on integer labels.

    cm = confusion_matrix(y_true, y_pred, n_classes=4)   # rows: truth, columns: prediction
    per_class_accuracy(cm)                               # the diagonal over each row's sum
    accuracy(y_true, y_pred)                             # one class per sample or per token
    majority_baseline(y_train, y_test)                   # always say the most frequent label
    symbol_baseline(s_train, y_train, s_test, y_test)    # label from the current symbol only

Every function takes labels, not probabilities: turn a model's output into labels with
`probs.argmax(axis=-1)`. Sequence labels (n, T) work everywhere, token by token, with an
optional 0/1 `mask` (n, T) that says which tokens count; these are for looking at the errors
after training.

The last section holds the metrics Keras computes during `fit`, on a batch's probabilities:
each f(y_true, y_pred) -> the mean over the batch (`compile(metrics=["accuracy"])`).
"""

import functools

import numpy as np

from .._validate import check_array, check_positive_int, fail
from . import losses


def _labels(name, y):
    y = np.asarray(y)
    if y.dtype == object or not (np.issubdtype(y.dtype, np.integer) or (
            np.issubdtype(y.dtype, np.floating) and np.all(y == np.round(y)))):
        fail(name, "integer class labels (use probs.argmax(axis=-1) for a model's output)",
              f"dtype {y.dtype}" + ("" if y.dtype == object else " with non-integer values"))
    if y.size and y.min() < 0:
        fail(name, "labels >= 0", f"a minimum of {int(y.min())}")
    return y.astype(np.int64)


def _pair(y_true, y_pred, mask):
    """Flat label arrays of the tokens that count (mask != 0)."""
    y_true, y_pred = _labels("y_true", y_true), _labels("y_pred", y_pred)
    if y_true.shape != y_pred.shape:
        hint = "Probabilities? Take probs.argmax(axis=-1) first" if (
            y_pred.shape[:-1] == y_true.shape) else None
        fail("y_pred", f"labels of the shape of y_true {y_true.shape}", f"shape {y_pred.shape}",
              hint)
    if mask is None:
        keep = np.ones(y_true.shape, dtype=bool)
    else:
        keep = check_array("mask", mask, shape=y_true.shape, layout="like y_true") != 0
    if not keep.any():
        fail("y_true", "at least one label to count", "none (empty, or all masked)")
    return y_true[keep], y_pred[keep]


def confusion_matrix(y_true, y_pred, n_classes=None, mask=None):
    """Counts of (true class, predicted class) pairs: scikit-learn's layout.

        cm[i, j] = number of samples (or tokens) whose truth is i and prediction is j

    The diagonal holds the right answers; row i adds up to the number of samples of class i.
    n_classes: K (default: 1 + the largest label seen). -> (K, K) int array
    """
    t, p = _pair(y_true, y_pred, mask)
    K = int(max(t.max(), p.max())) + 1 if n_classes is None else check_positive_int(
        "n_classes", n_classes)
    if max(t.max(), p.max()) >= K:
        fail("n_classes", f"more than the largest label {int(max(t.max(), p.max()))}",
              repr(n_classes))
    cm = np.zeros((K, K), dtype=np.int64)
    np.add.at(cm, (t, p), 1)
    return cm


def per_class_accuracy(cm):
    """The fraction of each true class that was predicted right (its recall).

        acc[i] = cm[i, i] / sum_j cm[i, j]        (NaN for a class with no sample)
    """
    cm = check_array("cm", cm, ndim=2, layout="(K, K)")
    if cm.shape[0] != cm.shape[1]:
        fail("cm", "a square confusion matrix (K, K)", f"shape {cm.shape}")
    with np.errstate(invalid="ignore"):              # 0 / 0 -> NaN for an empty row
        return np.diag(cm) / cm.sum(axis=1)


def accuracy(y_true, y_pred, mask=None):
    """The fraction of labels predicted right: mean(y_pred == y_true) over what `mask` keeps.

    For sequence labelling, y (n, T), this is the per-token accuracy.
    """
    t, p = _pair(y_true, y_pred, mask)
    return float(np.mean(t == p))


def sequence_accuracy(y_true, y_pred, mask=None):
    """The fraction of whole sequences with every (unmasked) token right. y (n, T)."""
    y_true, y_pred = _labels("y_true", y_true), _labels("y_pred", y_pred)
    if y_true.ndim != 2 or y_true.shape != y_pred.shape:
        fail("y_pred", f"labels (n, T) of the shape of y_true {y_true.shape}",
              f"shape {y_pred.shape}")
    keep = np.ones(y_true.shape, bool) if mask is None else check_array(
        "mask", mask, shape=y_true.shape, layout="like y_true") != 0
    return float(np.mean(np.all((y_true == y_pred) | ~keep, axis=1)))


def chance_accuracy(n_classes):
    """Accuracy of a uniform random guess among K classes: 1 / K."""
    return 1.0 / check_positive_int("n_classes", n_classes)


def majority_baseline(y_train, y_test, mask_train=None, mask_test=None):
    """Always predict the label most frequent in the training data; its accuracy on the test.

        label = argmax_k count(y_train == k);   acc = mean(y_test == label)

    The honest floor for an unbalanced problem (chance 1/K flatters it).
    -> (accuracy, label)
    """
    y_train = _labels("y_train", y_train)
    keep = np.ones(y_train.shape, bool) if mask_train is None else check_array(
        "mask_train", mask_train, shape=y_train.shape, layout="like y_train") != 0
    if not keep.any():
        fail("y_train", "at least one label", "none")
    label = int(np.argmax(np.bincount(y_train[keep])))
    y_test = _labels("y_test", y_test)
    return accuracy(y_test, np.full(y_test.shape, label), mask_test), label


def symbol_baseline(symbols_train, y_train, symbols_test, y_test):
    """Label each token from its own symbol only, with no memory of the ones before it.

        table[s] = the label most frequent with symbol s in training
        acc      = mean(y_test == table[symbols_test])

    The best any model can do that looks at one position at a time: what a sequence model
    gains above it, it owes to context. symbols: integer ids (n, T) or one-hot (n, T, V).
    -> (accuracy, table) with table[s] the label given to symbol s
    """
    def ids(name, s, like):
        s = np.asarray(s)
        if s.ndim == like.ndim + 1:
            s = s.argmax(axis=-1)
        s = _labels(name, s)
        if s.shape != like.shape:
            fail(name, f"one symbol per label, shape {like.shape} (or one-hot with an extra "
                  "axis)", f"shape {np.shape(s)}")
        return s

    y_train, y_test = _labels("y_train", y_train), _labels("y_test", y_test)
    s_train = ids("symbols_train", symbols_train, y_train)
    s_test = ids("symbols_test", symbols_test, y_test)
    n_symbols = int(max(s_train.max(), s_test.max())) + 1
    counts = np.zeros((n_symbols, int(y_train.max()) + 1), dtype=np.int64)
    np.add.at(counts, (s_train.ravel(), y_train.ravel()), 1)
    fallback = int(np.argmax(counts.sum(axis=0)))        # a symbol never seen in training
    table = np.where(counts.sum(axis=1) > 0, counts.argmax(axis=1), fallback)
    return accuracy(y_test, table[s_test]), table


# --- Keras' metrics during fit: each f(y_true, y_pred) -> the mean over the batch ----------
def binary_accuracy(y_true, y_pred, threshold=0.5):
    """Fraction of outputs on the right side of `threshold`: mean((y_pred > 0.5) == y_true)."""
    return float(np.mean((y_pred > threshold) == (y_true > 0.5)))


def categorical_accuracy(y_true, y_pred):
    """Fraction where argmax(y_pred) equals argmax of the one-hot y_true."""
    return float(np.mean(np.argmax(y_pred, -1) == np.argmax(y_true, -1)))


def sparse_categorical_accuracy(y_true, y_pred):
    """Fraction where argmax(y_pred) equals the integer label y_true."""
    labels = y_true.reshape(y_pred.shape[:-1])
    return float(np.mean(np.argmax(y_pred, -1) == labels))


def mean_absolute_error(y_true, y_pred):
    """mean(|y_pred - y_true|)."""
    return float(np.mean(np.abs(y_pred - y_true.reshape(y_pred.shape))))


def mean_squared_error(y_true, y_pred):
    """mean((y_pred - y_true)**2), as a metric (the loss also returns its gradient)."""
    return float(np.mean((y_pred - y_true.reshape(y_pred.shape)) ** 2))


KERAS_METRICS = {
    "binary_accuracy": binary_accuracy,
    "categorical_accuracy": categorical_accuracy,
    "sparse_categorical_accuracy": sparse_categorical_accuracy,
    "mae": mean_absolute_error,
    "mean_absolute_error": mean_absolute_error,
    "mse": mean_squared_error,
    "mean_squared_error": mean_squared_error,
}
"""The names `compile(metrics=[...])` accepts, besides "accuracy"."""

ACCURACY_FOR_LOSS = {
    "binary_crossentropy": binary_accuracy,
    "categorical_crossentropy": categorical_accuracy,
    "sparse_categorical_crossentropy": sparse_categorical_accuracy,
}
"""What "accuracy" means for each classification loss, as in Keras."""


def get(names, loss):
    """{name: function} for compile(metrics=names) with this `loss` (a name or a function).

    names: None or a list of "accuracy" (the accuracy that fits the loss), names from
    KERAS_METRICS, or functions f(y_true, y_pred) -> float.
    """
    if names is None:
        names = []
    if isinstance(names, str) or not isinstance(names, (list, tuple)):
        raise TypeError(f"metrics: expected a list such as ['accuracy'], got {names!r}")
    loss_name, keywords = losses.name_of(losses.get(loss))
    chosen = {}
    for m in names:
        if callable(m):
            chosen[getattr(m, "__name__", type(m).__name__)] = m
        elif m in ("accuracy", "acc"):
            if loss_name not in ACCURACY_FOR_LOSS:
                fail("metrics", "'accuracy' only with a classification loss (binary_"
                      "crossentropy, categorical_crossentropy or sparse_categorical_"
                      "crossentropy)", f"loss {loss!r}",
                      "For a regression loss use metrics=['mae']")
            fn = ACCURACY_FOR_LOSS[loss_name]
            if fn is binary_accuracy and keywords.get("from_logits"):
                fn = functools.partial(binary_accuracy, threshold=0.0)  # logit 0 = p 0.5
            chosen[m] = fn
        elif isinstance(m, str) and m in KERAS_METRICS:
            chosen[m] = KERAS_METRICS[m]
        else:
            fail("metrics", f"names from 'accuracy', {', '.join(map(repr, KERAS_METRICS))}",
                  repr(m))
    return chosen

__all__ = ["ACCURACY_FOR_LOSS", "KERAS_METRICS", "accuracy", "binary_accuracy",
           "categorical_accuracy", "chance_accuracy", "confusion_matrix", "get",
           "majority_baseline", "mean_absolute_error", "mean_squared_error", "per_class_accuracy",
           "sequence_accuracy", "sparse_categorical_accuracy", "symbol_baseline"]
