"""A1's checkers for Parts 1-4 (one step, the loop, one step backward, BPTT) and the
references they compare with; assignments_rnn.py, which the notebook imports, re-exports them.

The assignment's rnn_forward returns the cache {"steps": [one rnn_step_forward cache per
step], ...}, so that rnn_backward is the step backward in a loop (reference_forward and
reference_backward here, the course's rh.rnn inside).
"""

import numpy as np

from ..core import activations, gradcheck, rnn
from . import training
from .assignments_common import (
    STUB_HINT,
    AnswerError,
    as_grads,
    compare_grads,
    grads_equal,
    quietly,
    run_cases,
)
from .checking import check_function, checker, same, say, seq_cases, step_cases

STEP_CACHE_KEYS = ("x_t", "h_prev", "W", "U", "h_t")
GRADS = ("dx", "dh0", "dW", "dU", "db")


# --- references, and the usual mistakes ----------------------------------------------------

def _step(x_t, h_prev, W, U, b, f=np.tanh, transpose=False, bias=True):
    return f(x_t @ W + h_prev @ (U.T if transpose else U) + (b if bias else 0))


def reference_forward(x, h0, W, U, b, step_forward=rnn.rnn_step_forward):
    """The assignment's rnn_forward: step_forward in a loop; cache {"steps": [...], ...}."""
    B, T, _ = x.shape
    h = np.empty((B, T, W.shape[1]))
    h_t, steps = h0, []
    for t in range(T):
        h_t, step = step_forward(x[:, t], h_t, W, U, b)
        h[:, t] = h_t
        steps.append(step)
    return h, {"steps": steps, "x": x, "h0": h0, "W": W, "U": U, "b": b, "h": h}


def reference_backward(dh, cache, step_backward=rnn.rnn_step_backward, carry=True,
                       skip_first=False, skip_last=False, dh_shift=0, accumulate=True,
                       dh0_total=False):
    """BPTT: step_backward for t = T .. 1 on cache["steps"]; the keywords make the usual
    mistakes (carry=False drops the path from h_{t+1}, skip_* leave out a step, dh_shift reads
    dh one step off, accumulate=False keeps one step's weight gradients, dh0_total returns the
    gradient on h_1 as dh0)."""
    steps = cache["steps"]
    B, T, H = dh.shape
    D = steps[0]["x_t"].shape[1]
    dx = np.zeros((B, T, D))
    out = {"dW": np.zeros((D, H)), "dU": np.zeros((H, H)), "db": np.zeros(H)}
    dh_next = np.zeros((B, H))
    total = dh_next
    for t in reversed(range(int(skip_first), T - int(skip_last))):
        total = dh[:, t - dh_shift] + (dh_next if carry else 0)
        g = step_backward(total, steps[t])
        dx[:, t] = g["dx_t"]
        dh_next = g["dh_prev"]
        for k in out:
            out[k] = out[k] + g[k] if accumulate else g[k]
    return {"dx": dx, "dh0": total if dh0_total else dh_next, **out}


# --- Part 1 --------------------------------------------------------------------------------

_STEP_MISTAKES = [
    ("U is used transposed (h_prev @ U.T): with row vectors the term is h_prev @ U.",
     lambda *a: _step(*a, transpose=True)),
    ("the bias is missing: h_t = tanh(x_t @ W + h_prev @ U + b) adds b before the tanh.",
     lambda *a: _step(*a, bias=False)),
    ("the recurrent term h_prev @ U is missing: without it the step has no memory.",
     lambda x, h, W, U, b: np.tanh(x @ W + b)),
    ("this is sigmoid(...): the seed writes σ, but SimpleRNN (and this course) use tanh.",
     lambda *a: _step(*a, f=activations.sigmoid)),
    ("the activation is missing: apply np.tanh to x_t @ W + h_prev @ U + b.",
     lambda *a: _step(*a, f=lambda a_t: a_t)),
]


def _pair_problem(result, name, size=2, what="(h_t, cache)", keys=STEP_CACHE_KEYS, dict_at=1):
    if not isinstance(result, tuple) or len(result) != size:
        return f"{name} should return the pair {what}; it returned {type(result).__name__}."
    if not isinstance(result[dict_at], dict):
        return f"the cache {name} returns should be a dict, got {type(result[dict_at]).__name__}."
    missing = [k for k in keys if k not in result[dict_at]]
    if missing:
        return (f"the cache has no {', '.join(repr(k) for k in missing)}: rnn_step_backward "
                "reads x_t, h_prev, W, U and h_t from it (tanh' = 1 - h_t**2).")
    return None


@checker
def check_rnn_step_forward(fn):
    """Part 1: fn(x_t, h_prev, W, U, b) -> (h_t, cache), h_t = tanh(x_t @ W + h_prev @ U + b)."""
    cases = step_cases()
    try:
        results = run_cases(fn, cases, "rnn_step_forward")
    except AnswerError as stop:
        return say(False, str(stop))
    for result in results:
        problem = _pair_problem(result, "rnn_step_forward")
        if problem:
            return say(False, problem)
    return check_function(lambda *a: fn(*a)[0], cases, _step, name="rnn_step_forward",
                          arg_names=("x_t", "h_prev", "W", "U", "b"), mistakes=_STEP_MISTAKES)


# --- Part 2 --------------------------------------------------------------------------------

def _loop(x, h0, W, U, b, step=_step, carry=True):
    states, h_t = [], h0
    for t in range(x.shape[1]):
        h_new = step(x[:, t], h_t if carry else h0, W, U, b)
        states.append(h_new)
        h_t = h_new
    return np.stack(states, axis=1)


_LOOP_MISTAKES = [
    ("only the last state h_T came back, shape (B, H): collect every h_t and stack them on "
     "axis 1, (B, T, H).", lambda *a: _loop(*a)[:, -1]),
    ("the states are stacked time first, (T, B, H): stack them on axis 1 for (B, T, H).",
     lambda *a: _loop(*a).transpose(1, 0, 2)),
    ("h_0 is included: return h_1 .. h_T, T states (h_0 is the given start).",
     lambda x, h0, *w: np.concatenate([h0[:, None], _loop(x, h0, *w)], axis=1)),
    ("every step used h0: carry each new h_t on as the next step's h_prev.",
     lambda *a: _loop(*a, carry=False)),
    ("the given h0 is ignored: the first step starts from h0, not from zeros.",
     lambda x, h0, *w: _loop(x, np.zeros_like(h0), *w)),
    ("an off-by-one in the loop: the last step is missing (range(T - 1)?): the loop runs "
     "for t = 1 .. T.", lambda x, h0, *w: _loop(x[:, :-1], h0, *w)),
]


@checker
def check_rnn_forward(fn, step_forward=None):
    """Part 2: fn(x, h0, W, U, b) -> (h (B, T, H), cache with cache["steps"], one step cache
    per t). With `step_forward` (the learner's Part 1), a right loop around a wrong step is
    recognised as such."""
    cases = seq_cases()
    try:
        results = run_cases(fn, cases, "rnn_forward")
    except AnswerError as stop:
        return say(False, str(stop))
    for (x, *_), result in zip(cases, results, strict=True):
        problem = _pair_problem(result, "rnn_forward", what="(h, cache)", keys=("steps",))
        if problem:
            return say(False, problem)
        steps = result[1]["steps"]
        if not isinstance(steps, (list, tuple)) or len(steps) != x.shape[1]:
            return say(False, f"cache['steps'] should be a list of T = {x.shape[1]} step caches "
                              "(one per rnn_step_forward call), for rnn_backward.")
    got = [np.asarray(r[0], dtype=float) for r in results]
    if all(same(g, _loop(*c)) for g, c in zip(got, cases, strict=True)):
        return say(True, f"rnn_forward agrees with the reference on all {len(cases)} hidden "
                         "cases, and its cache holds every step's cache.")
    if step_forward is not None and not quietly(check_rnn_step_forward, step_forward):
        theirs = [_loop(*c, step=lambda *a: step_forward(*a)[0]) for c in cases]
        if all(same(g, w) for g, w in zip(got, theirs, strict=True)):
            return say(True, "the loop is right: it agrees with the reference loop run with "
                             "your rnn_step_forward. Its numbers will be right once "
                             "rnn_step_forward is (Part 1).")
    return check_function(lambda *a: fn(*a)[0], cases, _loop, name="rnn_forward",
                          arg_names=("x", "h0", "W", "U", "b"), mistakes=_LOOP_MISTAKES)


# --- Part 3 --------------------------------------------------------------------------------

def check_rnn_step_backward(fn):
    """Part 3: notebook 03's checker (rh.exercises.training.check_step_backward)."""
    return training.check_step_backward(fn)


# --- Part 4 --------------------------------------------------------------------------------

def _bptt_cases(seed=13):
    rng = np.random.default_rng(seed)
    cases = []
    for x, h0, W, U, b in seq_cases(seed):
        _, cache = reference_forward(x, h0, W, U, b)
        cases.append((rng.normal(size=(x.shape[0], x.shape[1], W.shape[1])), cache))
    return cases


_BPTT_MISTAKES = [
    ("the path from h_{t+1} is missing: h_t feeds the output AND the next step, so "
     "dh_t = dh[:, t] + dh_next, with dh_next = the dh_prev of step t+1.", {"carry": False}),
    ("an off-by-one in the loop: the last step T is never visited (range(T - 1)?). Go "
     "backwards over every step, t = T-1 .. 0 in Python's counting.", {"skip_last": True}),
    ("an off-by-one in the loop: step 1 is skipped (range(1, T)?), so dh0 and step 1's share "
     "of dW, dU and db are missing.", {"skip_first": True}),
    ("dh is read one step off (dh[:, t - 1]?): the gradient from above on h_t is dh[:, t].",
     {"dh_shift": 1}),
    ("dW, dU and db keep only one step's share (= instead of +=): W, U and b are shared by "
     "every step, so their gradients add up over t.", {"accumulate": False}),
    ("dh0 is the gradient on h_1 (dh_t at the last iteration), not on h_0: return the "
     "dh_prev that step 1 sends back.", {"dh0_total": True}),
]


@checker
def check_rnn_backward(fn, step_backward=None):
    """Part 4: fn(dh, cache) -> {"dx", "dh0", "dW", "dU", "db"}, BPTT over cache["steps"].
    With `step_backward` (the learner's Part 3), a right loop around a wrong step is
    recognised as such."""
    cases = _bptt_cases()
    try:
        got = [as_grads(r, GRADS, "rnn_backward")
               for r in run_cases(fn, cases, "rnn_backward")]
    except AnswerError as stop:
        return say(False, str(stop))
    want = [reference_backward(dh, cache) for dh, cache in cases]
    mistakes = [(d, [reference_backward(dh, c, **kw) for dh, c in cases])
                for d, kw in _BPTT_MISTAKES]
    ok, message = compare_grads(got, want, GRADS, mistakes, "rnn_backward")
    if ok:
        return say(True, f"all five gradients agree with BPTT on {len(cases)} hidden cases.")
    if step_backward is not None and not quietly(check_rnn_step_backward, step_backward):
        try:
            theirs = [reference_backward(dh, c, step_backward=step_backward) for dh, c in cases]
        except Exception:  # noqa: BLE001 (their step cannot even run: fall through)
            theirs = None
        if theirs is not None and grads_equal(got, theirs, GRADS):
            return say(True, "the BPTT loop is right: it agrees with the reference loop run "
                             "with your rnn_step_backward. Its numbers will be right once "
                             "rnn_step_backward is (Part 3).")
    return say(False, message)


@checker
def check_rnn_gradients(forward, backward, shape=(2, 7, 3, 4), seed=2024):
    """Part 4, hidden test: the course's gradient check on the learner's forward + backward,
    at a shape (B, T, D, H) the checks above never used, in float64."""
    B, T, D, H = shape
    rng = np.random.default_rng(seed)
    arrays = {"x": rng.normal(size=(B, T, D)), "h0": rng.normal(0, 0.5, (B, H)),
              "W": rng.normal(0, 0.5, (D, H)), "U": rng.normal(0, 0.5, (H, H)),
              "b": rng.normal(0, 0.5, H)}
    dh = rng.normal(size=(B, T, H))
    try:
        _, cache = forward(*arrays.values())
        grads = backward(dh, cache)
    except NotImplementedError:
        return say(False, "rnn_forward or rnn_backward still raises NotImplementedError: "
                          f"{STUB_HINT}")
    errors = gradcheck.check_gradients(
        lambda: float(np.sum(forward(*arrays.values())[0] * dh)), arrays, grads)
    bad = {k: e for k, e in errors.items() if not e < 1e-7}
    if bad:
        return say(False, "the course's gradient check disagrees with your rnn_backward at "
                          f"(B, T, D, H) = {shape}: " + ", ".join(
                              f"d{k} rel. error {e:.1e}" for k, e in bad.items()) + ".")
    return say(True, f"the course's gradient check agrees with your rnn_forward/rnn_backward at "
                     f"a new shape (B, T, D, H) = {shape}, for all five arrays.")
