"""Checks for the exercises of notebooks 03 (training, BPTT) and 04 (vanishing and exploding
gradients). Same contract as `rnn_helpers.exercises`, whose shared checkers they use: run the
answer on hidden cases, print "Correct: ..." or "Not yet: ..." with what is wrong in words,
return True or False, never raise.
"""

import numpy as np

from ..analysis import bptt
from ..core import rnn
from .checking import call_learner, checker, same, say
from .training_accuracy import check_accuracy as check_accuracy  # Exercise 2 (re-exported)

GRADIENTS = ("dx_t", "dh_prev", "dW", "dU", "db")


# --- notebook 03 --------------------------------------------------------------------------

def _backward_cases(seed=3):
    """(dh_t, cache) pairs from rnn_step_forward, with B, D, H all different."""
    rng = np.random.default_rng(seed)
    cases = []
    for B, D, H in ((3, 2, 4), (1, 1, 2), (5, 3, 6)):
        W, U = rng.normal(0, 0.6, (D, H)), rng.normal(0, 0.6, (H, H))
        _, cache = rnn.rnn_step_forward(rng.normal(size=(B, D)), rng.normal(0, 0.5, (B, H)),
                                        W, U, rng.normal(0, 0.5, H))
        cases.append((rng.normal(size=(B, H)), cache))
    return cases


def _step_backward(dh_t, c, da=None, dW=None, dU=None, dh_prev=None, db=None):
    """The right answer, or one with a named part done wrong (for the mistakes below)."""
    da_t = dh_t * (1 - c["h_t"] ** 2) if da is None else da(dh_t, c)
    return {"dx_t": da_t @ c["W"].T,
            "dh_prev": da_t @ c["U"].T if dh_prev is None else dh_prev(da_t, c),
            "dW": c["x_t"].T @ da_t if dW is None else dW(da_t, c),
            "dU": c["h_prev"].T @ da_t if dU is None else dU(da_t, c),
            "db": da_t.sum(axis=0) if db is None else db(da_t)}


_BACKWARD_MISTAKES = [
    ("the tanh is skipped: before anything else, da_t = dh_t * (1 - h_t**2), the gradient "
     "through tanh (from its output h_t, which the cache keeps).",
     {"da": lambda dh, c: dh}),
    ("tanh' is computed as 1 - a**2 from h_prev or x_t: it is 1 - h_t**2, with h_t the "
     "step's own output.", {"da": lambda dh, c: dh * (1 - c["h_prev"] ** 2)}),
    ("dh_prev uses U instead of U.T: h_t depends on h_prev through h_prev @ U, so the "
     "gradient goes back as da_t @ U.T.", {"dh_prev": lambda da, c: da @ c["U"]}),
    ("dU uses h_t: U multiplies h_prev in the forward pass, so dU = h_prev.T @ da_t.",
     {"dU": lambda da, c: c["h_t"].T @ da}),
    ("db is not summed over the batch: b is shared by the B rows, so db = da_t.sum(axis=0), "
     "shape (H,).", {"db": lambda da: da}),
]


@checker
def check_step_backward(fn):
    """Notebook 03, Exercise 1: fn(dh_t, cache) -> {"dx_t", "dh_prev", "dW", "dU", "db"}, as
    `rnn.rnn_step_backward` computes them from the cache of `rnn.rnn_step_forward`."""
    if not callable(fn):
        return say(False, f"expected a function, got {type(fn).__name__}.")
    cases = _backward_cases()
    answers = []
    for i, (dh_t, cache) in enumerate(cases, start=1):
        got, problem = call_learner(fn, (dh_t.copy(), dict(cache)), i,
                                    hint=" Check the shapes: da_t is (B, H), like dh_t.")
        if problem:
            return say(False, problem)
        if not isinstance(got, dict):
            return say(False, f"it returned {type(got).__name__}; return a dict with the keys "
                               f"{', '.join(GRADIENTS)}.")
        missing = [k for k in GRADIENTS if k not in got]
        if missing:
            return say(False, f"the dict has no {', '.join(missing)}.")
        for k in GRADIENTS:
            if got[k] is Ellipsis or got[k] is None:
                return say(False, f"{k} is still `{'...' if got[k] is Ellipsis else 'None'}`:"
                                   " fill it in.")
        try:
            answers.append({k: np.asarray(got[k], dtype=float) for k in GRADIENTS})
        except (TypeError, ValueError):
            return say(False, "every gradient in the dict should be a numeric array (one came "
                               "back as text, a ragged list or another object).")
    right = [_step_backward(dh, c) for dh, c in cases]
    if all(same(a[k], r[k]) for a, r in zip(answers, right, strict=True) for k in GRADIENTS):
        return say(True, "all five gradients agree with rnn_step_backward on "
                          f"{len(cases)} hidden cases.")
    for description, wrong_parts in _BACKWARD_MISTAKES:
        wrong = [_step_backward(dh, c, **wrong_parts) for dh, c in cases]
        if all(same(a[k], w[k]) for a, w in zip(answers, wrong, strict=True)
               for k in GRADIENTS):
            return say(False, description)
    for k in GRADIENTS:
        for i, (a, r) in enumerate(zip(answers, right, strict=True), start=1):
            if a[k].shape != r[k].shape:
                return say(False, f"{k} has shape {a[k].shape} on hidden case {i}, expected "
                                   f"{r[k].shape}: a gradient has the shape of what it is "
                                   "the gradient of.")
            if not same(a[k], r[k]):
                return say(False, f"{k} has the right shape but wrong values (hidden case {i}"
                                   f"); the others: "
                                   + ", ".join(f"{j} {'ok' if same(a[j], r[j]) else 'wrong'}"
                                               for j in GRADIENTS if j != k) + ".")
    return say(False, "the gradients do not agree with the reference.")  # pragma: no cover


MEMORISATION_PAIRS = 100
MEMORISATION_EPOCHS = 150
"""Notebook 03's memorisation run: the seed's model trained on this many random pairs for this
many epochs. The notebook's cell reads them from here, so the checker's text quotes the run."""

def colleague_shuffle(X, y, seed=0):
    """A colleague's shuffle of the pairs (X, y) before training (Exercise 3 of notebook 03).

    It runs without an error and keeps every shape.
    """
    rng = np.random.default_rng(seed)
    X = X[rng.permutation(len(X))]      # the sequences in a new random order ...
    y = y[rng.permutation(len(y))]      # ... and the labels too
    return X, y


def _pairs_cases(seed=6):
    """(X, y) with every sequence different, labels of first_vs_last: 0 and 1 both common."""
    rng = np.random.default_rng(seed)
    cases = []
    for n, T in ((12, 5), (9, 3), (40, 6)):
        X = rng.random((n, T, 1))
        cases.append((X, (X[:, 0] > X[:, -1]).astype(np.int64)))
    return cases


def _rows(original, got):
    """For each row of `got`, the index of the same row in `original` (-1 if none)."""
    where = {row.tobytes(): i for i, row in enumerate(original)}
    return np.array([where.get(np.ascontiguousarray(row).tobytes(), -1) for row in got])


@checker
def check_memorisation(fn):
    """Notebook 03, Exercise 3: fn(X, y, seed) -> (X, y) in a new random order, every sequence
    still with its own label (the colleague's `colleague_shuffle` breaks the pairs)."""
    if fn is colleague_shuffle:
        return say(False, "that is the colleague's function itself: write your own "
                          "shuffle_pairs, in which every sequence keeps its own label.")
    if not callable(fn):
        return say(False, f"expected a function shuffle_pairs(X, y, seed), got "
                          f"{type(fn).__name__}.")
    for i, (X, y) in enumerate(_pairs_cases(), start=1):
        got, problem = call_learner(fn, (X.copy(), y.copy(), 7 + i), i)
        if problem:
            return say(False, problem)
        if got is Ellipsis or got is None:
            return say(False, "it returns `...` or None: return the pair (X, y), shuffled.")
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return say(False, "return two arrays, X and y: `return X[order], y[order]`-style.")
        Xs, ys = np.asarray(got[0]), np.asarray(got[1])
        if Xs.shape != X.shape or ys.shape != y.shape:
            return say(False, f"on hidden case {i}, X came back with shape {Xs.shape} and y "
                              f"with {ys.shape}; they went in as {X.shape} and {y.shape}: "
                              "a shuffle changes the order, never the shapes.")
        index = _rows(X, Xs.astype(float))
        if np.any(index < 0):
            return say(False, "some sequences of X came back changed, not just moved: a "
                              "shuffle reorders whole sequences (rows of X).")
        if len(set(index.tolist())) < len(X):
            return say(False, "some sequences came back twice and others not at all: "
                              "rng.choice(n, n) draws with replacement; "
                              "rng.permutation(n) uses every index once.")
        if np.array_equal(ys, y[index]):
            if np.array_equal(index, np.arange(len(X))):
                return say(False, "the pairs are intact, but nothing was shuffled: X and y "
                                  "come back in their old order.")
            continue
        if np.array_equal(ys, y):
            return say(False, "only X was shuffled: the labels stayed in their old order, so "
                              "each sequence now carries another sequence's label.")
        return say(False, "X and y were shuffled by two different permutations: each "
                          "sequence now carries the label of another one, drawn without "
                          "looking at it. y then says nothing about X, exactly as in the "
                          "seed's random data, and all that is left to learn is the pairs "
                          f"themselves, by heart (the {MEMORISATION_PAIRS}-pair run above had "
                          f"{MEMORISATION_EPOCHS} epochs for that). Draw one permutation "
                          "and index both X and y with it.")
    return say(True, "every sequence keeps its own label, in a new order, on "
                     f"{len(_pairs_cases())} hidden cases.")


STACKED = ("dW_y", "db_y", "dW2", "dU2", "db2", "dW1", "dU1", "db1")


def _stacked_caches():
    """Caches of the seed's two-layer model (bptt.stacked_forward), B, T, D, H all varied."""
    rng = np.random.default_rng(8)
    caches = []
    for B, T, D, H in ((3, 4, 2, 3), (1, 2, 1, 2), (5, 6, 1, 4)):
        x, y = rng.random((B, T, D)), rng.integers(0, 2, B)
        caches.append(bptt.stacked_forward(x, y, bptt.init_stacked(D, H, int(rng.integers(99))))[1])
    return caches


def _stacked_with(cache, into_layer_1):
    """stacked_backward with the gradient handed to layer 1 replaced (a named mistake)."""
    right = bptt.stacked_backward(cache)
    dh2 = np.zeros_like(cache["h2"])
    dh2[:, -1] = (cache["o"] - cache["y"]) / len(dh2) @ cache["p"]["W_y"].T
    g1 = rnn.rnn_backward(into_layer_1(right["dh1"], dh2), cache["c1"])
    return {**right, "dW1": g1["dW"], "dU1": g1["dU"], "db1": g1["db"]}


def _at_T(dh1, last):
    """Zeros like dh1 (B, T, H), but `last` (B, H) at step T."""
    out = np.zeros_like(dh1)
    out[:, -1] = last
    return out


_STACKED_MISTAKES = [
    (lambda dh1, dh2: _at_T(dh1, dh1[:, -1]),
     "this is still the code as given. The gradient check says W_y, b_y and layer 2's "
     "gradients are right and layer 1's are not, so look at what layer 1 receives from layer "
     "2. At which steps does layer 2 read h¹_t?"),
    (lambda dh1, dh2: _at_T(dh1, dh1.sum(axis=1)),
     "the gradients of every step were added into step T: each h¹_t is its own quantity, read "
     "by layer 2 at step t, so each gets its own ∂L/∂h¹_t = ∂L/∂a²_t @ W2.T, at its own step."),
    (lambda dh1, dh2: dh2,
     "layer 1 received dh2, the gradient on layer 2's states: layer 1's states enter layer 2 "
     "through W2, so what reaches them is layer 2's dx = ∂L/∂a²_t @ W2.T at every step."),
]


@checker
def check_stacked_backward(fn):
    """Notebook 03, Exercise 4: fn(cache) -> the gradients of the seed's two-layer model
    ({"dW_y", "db_y", "dW2", ..., "db1"}), as `bptt.stacked_backward` computes them."""
    if not callable(fn):
        return say(False, f"expected a function, got {type(fn).__name__}.")
    caches, answers = _stacked_caches(), []     # the answer gets copies: it may write in them
    for i, cache in enumerate(_stacked_caches(), start=1):
        got, problem = call_learner(fn, (cache,), i)
        if problem:
            return say(False, problem)
        if not isinstance(got, dict) or any(k not in got for k in STACKED):
            return say(False, f"return a dict with the keys {', '.join(STACKED)}.")
        try:
            answers.append({k: np.asarray(got[k], dtype=float) for k in STACKED})
        except (TypeError, ValueError):
            return say(False, "every gradient in the dict should be a numeric array.")
    right = [bptt.stacked_backward(c) for c in caches]
    wrong = sorted({k for a, r in zip(answers, right, strict=True) for k in STACKED
                    if not same(a[k], r[k])}, key=STACKED.index)
    if not wrong:
        return say(True, f"all eight gradients agree with bptt.stacked_backward on {len(caches)} "
                         "hidden cases: the gradient reaches layer 1 at every step.")
    for into_layer_1, description in _STACKED_MISTAKES:
        if all(same(a[k], w[k]) for a, c in zip(answers, caches, strict=True)
               for w in [_stacked_with(c, into_layer_1)] for k in STACKED):
            return say(False, description)
    return say(False, f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} wrong, the "
                      "others agree: the bug is where only those are computed.")
