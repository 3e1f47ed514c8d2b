"""Checks for the exercises of notebooks 03 (training, BPTT) and 04 (vanishing and exploding
gradients). Same contract as `rnn_helpers.exercises`, whose shared checkers they use: run the
answer on hidden cases, print "Correct: ..." or "Not yet: ..." with what is wrong in words,
return True or False, never raise.
"""

import numpy as np

from ..core import rnn
from .checking import check_function, check_value, checker, same, say

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
    """Notebook 03: fn(dh_t, cache) -> {"dx_t", "dh_prev", "dW", "dU", "db"}, as
    `rnn.rnn_step_backward` computes them from the cache of `rnn.rnn_step_forward`."""
    if not callable(fn):
        return say(False, f"expected a function, got {type(fn).__name__}.")
    cases = _backward_cases()
    answers = []
    for i, (dh_t, cache) in enumerate(cases, start=1):
        try:
            got = fn(dh_t.copy(), dict(cache))
        except NotImplementedError:
            return say(False, "the function still raises NotImplementedError: replace the "
                               "TODO line with your code.")
        except Exception as error:  # the learner's code: in words, never a traceback
            first = str(error).splitlines()[0][:160] if str(error) else ""
            return say(False, f"on hidden case {i} it raised {type(error).__name__}: {first}. "
                               "Check the shapes: da_t is (B, H), like dh_t.")
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


def _accuracy(y_true, p):
    return float(np.mean((np.asarray(p) > 0.5) == (np.asarray(y_true) > 0.5)))


def check_accuracy(fn):
    """Notebook 03: fn(y_true, p) -> the fraction of samples where (p > 0.5) equals y_true."""
    rng = np.random.default_rng(4)
    cases = []
    for n in (10, 7, 200):
        y = rng.integers(0, 2, (n, 1))
        p = np.clip(np.where(y == 1, 0.7, 0.3) + rng.normal(0, 0.3, (n, 1)), 0.01, 0.99)
        cases.append((y, p))
    return check_function(fn, cases, _accuracy, name="accuracy", arg_names=("y_true", "p"),
                          mistakes=[
        ("this counts the predictions p > 0.5 that are wrong: accuracy counts the right ones.",
         lambda y, p: 1 - _accuracy(y, p)),
        ("p is compared with y_true directly: p is a probability, so first turn it into a "
         "class, (p > 0.5).", lambda y, p: float(np.mean(p == y))),
        ("this is the fraction of predicted 1s, not of right answers: compare (p > 0.5) with "
         "y_true.", lambda y, p: float(np.mean(p > 0.5))),
        ("this is a count, not a fraction: take the mean, not the sum.",
         lambda y, p: float(np.sum((p > 0.5) == y))),
    ])


MEMORISATION_PAIRS = 100
MEMORISATION_EPOCHS = 150
"""Notebook 03's memorisation run: the seed's model trained on this many random pairs for this
many epochs. The notebook's cell reads them from here, so the checker's text quotes the run."""

MEMORISATION_CHOICES = {
    "a": "the model is too small to fit the data",
    "b": "it needs more epochs",
    "c": "y was drawn independently of X, so X holds nothing about a new label; what the model "
         "gains on the training set is the training pairs themselves, learned by heart",
    "d": "the learning rate is too high",
}


@checker
def check_memorisation(answer):
    """Notebook 03: why held-out accuracy on the seed's data cannot beat 50 % ("c")."""
    if isinstance(answer, str):
        answer = answer.strip().lower().strip("().")
    return check_value(answer, "c", name="your choice", mistakes=[
        ("a", "a bigger model learns the training pairs by heart even faster: its training "
              "accuracy climbs, its held-out accuracy stays at chance."),
        ("b", "more epochs only lift the training accuracy (the "
              f"{MEMORISATION_PAIRS}-pair run above had {MEMORISATION_EPOCHS} of them); the "
              "held-out accuracy stayed near 50 %."),
        ("d", "a lower learning rate changes how fast the training loss falls, not what the "
              "labels contain: there is still nothing in X about y."),
    ])
