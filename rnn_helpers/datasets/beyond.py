"""Generated tasks for notebook 09, each with a known baseline. Every function takes a `seed`.

    X, y = marker_recall(n=2000, T=30, K=4, seed=0)   # recall the marked value: needs memory
    X, y = local_peaks(n=2000, T=20, seed=0)          # label every peak: needs the future
    X, y = motif_sequences(n=2000, T=60, seed=0)      # which shape is hidden in the noise?

All are generated here (no download, no licence question): numbers drawn from
`np.random.default_rng(seed)`.
"""

import numpy as np

from .._validate import check_array, check_positive_int, check_seed, fail


def marker_recall(n=2000, T=30, K=4, seed=0, earliest=0, latest=None):
    """Remember the value that came with the marker, and say it at the end.

    Every step carries a symbol, one of K, as a one-hot vector, and a marker channel that is
    1 at exactly one step (drawn between `earliest` and `latest`, by default in the first half
    of the sequence, so at least T/2 steps before the end):

        X (n, T, K + 1): X[:, t, :K] one-hot symbol, X[:, t, K] = 1 at the marked step only
        y (n,)          : the symbol at the marked step, an integer in [0, K)

    Chance is 1/K (25 % for K = 4): the symbols are uniform and independent of the marker.
    Train with loss="sparse_categorical_crossentropy" and a Dense(K, "softmax") output.
    """
    n, T, K = check_positive_int("n", n), check_positive_int("T", T), check_positive_int("K", K)
    seed = check_seed(seed)
    latest = T // 2 - 1 if latest is None else latest
    if not (isinstance(earliest, (int, np.integer)) and isinstance(latest, (int, np.integer))
            and 0 <= earliest <= latest < T):
        fail("earliest, latest", f"integers with 0 <= earliest <= latest < T = {T}",
              f"earliest={earliest!r}, latest={latest!r}")
    rng = np.random.default_rng(seed)
    symbols = rng.integers(0, K, size=(n, T))
    where = rng.integers(earliest, latest + 1, size=n)
    X = np.zeros((n, T, K + 1))
    np.put_along_axis(X[:, :, :K], symbols[:, :, None], 1.0, axis=2)
    X[np.arange(n), where, K] = 1.0
    return X, symbols[np.arange(n), where]


def marker_positions(X):
    """The marked step of each sequence of `marker_recall`: X (n, T, K + 1) -> (n,) ints."""
    X = check_array("X", X, ndim=3, layout="(n, T, K + 1)")
    return np.argmax(X[:, :, -1], axis=1)


def recall_report(X, y_true, alpha, y_prob, i):
    """What the attention widget shows about held-out sequence i of `marker_recall`.

    X (n, T, K + 1), y_true (n,), alpha (n, T) the attention weights, y_prob (n, K) the
    predicted probabilities -> {"index", "K", "symbols" (T,), "marker", "target", "predicted",
    "correct", "alpha" (T,), "alpha_at_marker", "argmax"} (steps counted from 0).
    """
    X = check_array("X", X, ndim=3, layout="(n, T, K + 1)")
    n, T, _ = X.shape
    if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < n:
        fail("i", f"a sequence index in [0, {n})", repr(i))
    alpha = check_array("alpha", alpha, shape=(n, T), layout="(n, T)")
    y_prob = check_array("y_prob", y_prob, ndim=2, layout="(n, K)")
    marker = int(marker_positions(X[i:i + 1])[0])
    predicted = int(np.argmax(y_prob[i]))
    target = int(np.asarray(y_true)[i])
    return {"index": int(i), "K": X.shape[2] - 1,
            "symbols": np.argmax(X[i, :, :-1], axis=1), "marker": marker,
            "target": target, "predicted": predicted, "correct": predicted == target,
            "alpha": alpha[i], "alpha_at_marker": float(alpha[i, marker]),
            "argmax": int(np.argmax(alpha[i]))}


def _peaks(x):
    """1 where x_t is above both neighbours (a missing neighbour counts as lower)."""
    left = np.concatenate([np.full_like(x[:, :1], -np.inf), x[:, :-1]], axis=1)
    right = np.concatenate([x[:, 1:], np.full_like(x[:, :1], -np.inf)], axis=1)
    return ((x > left) & (x > right)).astype(np.int64)


def local_peaks(n=2000, T=20, seed=0):
    """Label every step: is x_t a local peak, higher than both its neighbours?

        X ~ U[0, 1)  (n, T, 1)
        y_t = 1 if x_t > x_{t-1} and x_t > x_{t+1}     (n, T, 1)   (no neighbour = lower)

    A sequence-labelling task that needs the past (x_{t-1}) AND the future (x_{t+1}): about a
    third of the steps are peaks, so "never a peak" is right about 2/3 of the time, and a model
    that reads left to right can at best guess the future (`causal_peak_guess`, about 87 %).
    Train with loss="binary_crossentropy" on a per-step Dense(1, "sigmoid").
    """
    n, T, seed = check_positive_int("n", n), check_positive_int("T", T), check_seed(seed)
    if T < 2:
        fail("T", "at least 2 steps", repr(T))
    X = np.random.default_rng(seed).random((n, T, 1))
    return X, _peaks(X[:, :, 0])[:, :, None]


def causal_peak_guess(X):
    """The best guess of `local_peaks` from x_1 .. x_t only (no look at x_{t+1}).

    x_t is a peak if x_t > x_{t-1} and the unseen x_{t+1} ~ U[0, 1) is below x_t, which has
    probability x_t: so guess "peak" when x_t > x_{t-1} and x_t > 0.5. The last step has no
    future, so there the guess is exact. X (n, T, 1) -> (n, T, 1) of 0/1.
    """
    X = check_array("X", X, ndim=3, shape=(None, None, 1), layout="(n, T, 1)")
    x = X[:, :, 0]
    left = np.concatenate([np.full_like(x[:, :1], -np.inf), x[:, :-1]], axis=1)
    guess = (x > left) & (x > 0.5)
    guess[:, -1] = x[:, -1] > left[:, -1]
    return guess.astype(np.int64)[:, :, None]


MOTIFS = ("rise", "fall", "bump")


def motif_shapes(L=8):
    """The three shapes of `motif_sequences`, each L steps long, in [-1, 1]."""
    s = np.linspace(-1.0, 1.0, L)
    return {"rise": s, "fall": -s, "bump": 1 - 2 * s * s}


def motif_sequences(n=2000, T=60, L=8, noise=0.5, seed=0):
    """Which shape is hidden in the noise: a rise, a fall or a bump?

        X (n, T, 1): Gaussian noise (std `noise`) plus one shape of L steps at a random place
        y (n,)     : 0 rise, 1 fall, 2 bump (`MOTIFS`); chance 1/3

    A local pattern at an unknown place: what a convolution (a detector slid along time)
    finds well, and what a CRNN then hands to its RNN.
    """
    n, T, L = check_positive_int("n", n), check_positive_int("T", T), check_positive_int("L", L)
    seed = check_seed(seed)
    if L > T:
        fail("L", f"at most T = {T} steps", repr(L))
    rng = np.random.default_rng(seed)
    y = rng.integers(0, len(MOTIFS), size=n)
    start = rng.integers(0, T - L + 1, size=n)
    X = rng.normal(0.0, noise, size=(n, T, 1))
    shapes = np.stack(list(motif_shapes(L).values()))          # (3, L)
    rows = np.arange(n)[:, None]
    X[rows, start[:, None] + np.arange(L), 0] += shapes[y]
    return X, y


__all__ = ["MOTIFS", "causal_peak_guess", "local_peaks", "marker_positions", "marker_recall",
           "motif_sequences", "motif_shapes", "recall_report"]
