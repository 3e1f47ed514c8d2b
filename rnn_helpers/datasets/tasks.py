"""Data for the sequence classifiers of the course. Every function takes a `seed`.

    X, y = seed_random(n=1000, seed=0)        # the seed article's data: nothing to learn
    X, y = first_vs_last(n=1000, seed=0)      # y = 1 when x_1 > x_T: a task with signal
    X, y = recall_first(n=1000, T=30, seed=0) # y = x_1: a long memory, for regression
    last_value_accuracy(X, y)                 # first_vs_last's memory-free baseline
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, seed=0)

Inputs have the shape the seed's model expects, X (n, T, 1) with values in [0, 1); class labels
are integers 0 or 1 of shape (n, 1), as `np.random.randint(2, size=(n, 1))` gives them.
"""

import numpy as np

from .._validate import check_array, check_positive_int, check_seed, fail


def _check_margin(margin, high):
    ok = isinstance(margin, (int, float, np.integer, np.floating)) and not isinstance(
        margin, bool)
    if not ok or not 0 <= margin <= high:
        fail("margin", f"a number in [0, {high:g}]", repr(margin))
    return float(margin)


def seed_random(n=1000, T=5, seed=0):
    """The seed article's data: random inputs and random labels.

        X ~ U[0, 1)   of shape (n, T, 1)   (the seed: np.random.random((1000, 5, 1)))
        y ~ {0, 1}    of shape (n, 1)      (the seed: np.random.randint(2, size=(1000, 1)))

    X and y are drawn independently: each label is a coin flip that X says nothing about.
    No model can predict these labels on new data better than chance (50 %); any training
    accuracy above that is the model memorising the n pairs it was shown.
    """
    n, T, seed = check_positive_int("n", n), check_positive_int("T", T), check_seed(seed)
    rng = np.random.default_rng(seed)
    X = rng.random((n, T, 1))
    y = rng.integers(0, 2, size=(n, 1))
    return X, y


def _with_margin(n, T, seed, margin, score):
    """Draw X ~ U[0, 1) (n, T, 1), keeping only rows with |score(X)| >= margin; y = score > 0."""
    rng = np.random.default_rng(seed)
    kept, count = [], 0
    while count < n:
        X = rng.random((n, T, 1))
        s = score(X)
        X = X[np.abs(s) >= margin]
        kept.append(X)
        count += len(X)
    X = np.concatenate(kept)[:n]
    y = (score(X) > 0).astype(np.int64)[:, None]
    return X, y


def first_vs_last(n=1000, T=5, seed=0, margin=0.1):
    """Is the first value greater than the last? A task with signal, and with a memory.

        X ~ U[0, 1)   of shape (n, T, 1)
        y = 1 if x_1 > x_T else 0

    To answer at step T the network must still hold x_1, seen T - 1 steps earlier: a longer T
    is a longer dependency. Sequences with |x_1 - x_T| < margin are drawn again, so that no
    label hangs on a difference too small to see (margin=0 keeps every draw). The classes are
    balanced on average (x_1 and x_T play symmetric roles).

    Without any memory, x_T alone already says much: `last_value_rule` (predict 1 when
    x_T < 0.5) is right on about 80 % of the sequences (`last_value_accuracy`); only the
    accuracy above that needs x_1 to be remembered.
    """
    n, T, seed = check_positive_int("n", n), check_positive_int("T", T), check_seed(seed)
    if T < 2:
        fail("T", "at least 2 (a first and a last value)", repr(T))
    margin = _check_margin(margin, 0.5)  # at most 0.5: a quarter of the draws are kept
    return _with_margin(n, T, seed, margin, lambda X: X[:, 0, 0] - X[:, -1, 0])


def sum_threshold(n=1000, T=5, seed=0, margin=0.1):
    """Does the sequence add up to more than T / 2 (2.5 for T = 5)? A task with signal.

        X ~ U[0, 1)   of shape (n, T, 1)
        y = 1 if x_1 + x_2 + ... + x_T > T / 2 else 0

    Every step counts equally, so the network must add up what it sees. Sequences whose sum
    lies within `margin` of T / 2 are drawn again (margin=0 keeps every draw). The classes are
    balanced on average (the sum is symmetric about T / 2).
    """
    n, T, seed = check_positive_int("n", n), check_positive_int("T", T), check_seed(seed)
    margin = _check_margin(margin, T / 4)  # keeps enough draws
    return _with_margin(n, T, seed, margin, lambda X: X[:, :, 0].sum(axis=1) - T / 2)


def recall_first(n=1000, T=30, seed=0):
    """Remember the first value for T steps: a regression task with a long dependency.

        X ~ U[0, 1)   of shape (n, T, 1)
        y = x_1       of shape (n, 1)     (a float: train it with loss="mse")

    Predicting the mean 0.5 gives a mean squared error of 1/12 = 0.083 (the variance of
    U[0, 1)); doing better needs x_1 carried through T - 1 steps of the recurrence.
    """
    n, T, seed = check_positive_int("n", n), check_positive_int("T", T), check_seed(seed)
    X = np.random.default_rng(seed).random((n, T, 1))
    return X, X[:, 0, :].copy()


def last_value_rule(X):
    """The best guess for `first_vs_last` from the last value alone: 1 when x_T < 0.5.

        y_hat = 1 if x_T < 0.5 else 0          (x_1 is uniform: P(x_1 > x_T) = 1 - x_T)

    It needs no memory at all. X (n, T, 1) -> y_hat (n, 1), integers 0 or 1.
    """
    X = check_array("X", X, ndim=3, layout="(n, T, 1)")
    return (X[:, -1, :1] < 0.5).astype(np.int64)


def last_value_accuracy(X, y):
    """The fraction of `first_vs_last` labels y (n, 1) that `last_value_rule(X)` gets right.

    No model that sees only x_T can do better on average (the rule is the best guess from x_T
    alone), so a network's accuracy above this one is what its memory of x_1 buys. Expected
    value with the default margin 0.1: 2 (0.45 - 0.125) / 0.81 = 80.2 % (75 % with margin 0).
    """
    y_hat = last_value_rule(X)
    y = check_array("y", y, shape=(len(y_hat), 1), layout="(n, 1), one label per sequence")
    return float(np.mean(y_hat == y))


def train_test_split(X, y, test_size=0.2, seed=0, shuffle=True):
    """Split (X, y) into a training part and a held-out (test) part, as scikit-learn orders it.

        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, seed=0)

    test_size: the fraction of samples held out, in (0, 1), or their number (an int >= 1).
    shuffle  : draw the held-out samples at random (seeded); False keeps the last ones.
    The held-out part is never shown to `fit`: its accuracy measures what was learned.
    """
    X = check_array("X", X, ndim=(2, 3), layout="(n, T, D) or (n, D)")
    y = np.asarray(y)
    if y.ndim == 0 or len(y) != len(X):
        fail("y", f"{len(X)} labels, one per sample of X", f"shape {y.shape}")
    n = len(X)
    if isinstance(test_size, (float, np.floating)) and 0 < test_size < 1:
        n_test = int(round(test_size * n))
    elif isinstance(test_size, (int, np.integer)) and not isinstance(test_size, bool) and (
            1 <= test_size < n):
        n_test = int(test_size)
    else:
        fail("test_size", f"a fraction in (0, 1) or a count in [1, {n - 1}]", repr(test_size))
    if not 1 <= n_test <= n - 1:
        fail("test_size", f"a size that leaves both parts non-empty (n = {n})",
              f"{test_size!r}, i.e. {n_test} held-out samples")
    seed = check_seed(seed)
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    train, test = order[: n - n_test], order[n - n_test:]
    return X[train], X[test], y[train], y[test]
