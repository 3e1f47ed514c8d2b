"""Checkers for assignment A2, LSTM and GRU (assignments/source/A2_lstm_gru).

    check_lstm_step_forward(lstm_step_forward)       Part 1, Keras' gate order i, f, c, o
    check_lstm_step_backward(lstm_step_backward)     Part 2 (+ check_lstm_gradients, hidden)
    check_gru_step_forward(gru_step_forward)         Part 3, Keras' reset_after=True
    check_clip_by_global_norm(clip_by_global_norm)   Part 4
    check_tbptt(tbptt_gradients)                     Part 5, truncated BPTT
    check_lag_runs, check_longest_learned, check_why_forget, check_one_seed    Part 6

Parts 4-6 live in assignments_gated_long.py; the notebook imports this module as `checks`.
References are the course's own functions (rh.lstm, rh.gru, rh.optim); each usual mistake is
the reference with one thing changed, and its description is what the learner reads.
"""

import numpy as np

from ..core import gradcheck, gru, lstm
from ..core.activations import sigmoid
from .assignments_common import STUB_HINT, AnswerError, as_grads, compare_grads, points, run_cases
from .assignments_gated_long import (
    LEARNED,
    attempt,
    check_clip_by_global_norm,
    check_lag_runs,
    check_longest_learned,
    check_one_seed,
    check_tbptt,
    check_why_forget,
    longest_learned,
    reference_tbptt,
    run_experiment,
)
from .checking import checker, say

__all__ = [
    "LEARNED", "attempt", "check_clip_by_global_norm", "check_gru_step_forward",
    "check_lag_runs", "check_longest_learned", "check_lstm_gradients",
    "check_lstm_step_backward", "check_lstm_step_forward", "check_one_seed", "check_tbptt",
    "check_why_forget", "longest_learned", "points", "reference_tbptt", "run_experiment",
]

LSTM_CACHE_KEYS = ("x_t", "h_prev", "c_prev", "W", "U", "i", "f", "c_tilde", "o", "tanh_c")
LSTM_GRADS = ("dx_t", "dh_prev", "dc_prev", "dW", "dU", "db")


def _lstm_cases(seed=21):
    rng = np.random.default_rng(seed)
    cases = []
    for B, D, H in ((3, 2, 4), (1, 5, 3), (4, 1, 2)):
        cases.append((rng.normal(size=(B, D)), rng.normal(0, 0.5, (B, H)),
                      rng.normal(0, 0.5, (B, H)), rng.normal(0, 0.6, (D, 4 * H)),
                      rng.normal(0, 0.6, (H, 4 * H)), rng.normal(0, 0.5, 4 * H)))
    return cases


# --- Part 1: LSTM step forward ---------------------------------------------------------------

def _lstm(x, h, c, W, U, b, order="ifco", cell_tanh=True, cand=np.tanh, input_gate=True,
          bias=True):
    a = x @ W + h @ U + (b if bias else 0)
    blocks = dict(zip(order, lstm.split_gates(a), strict=True))
    i, f, o = sigmoid(blocks["i"]), sigmoid(blocks["f"]), sigmoid(blocks["o"])
    c_new = f * c + (i if input_gate else 1) * cand(blocks["c"])
    return {"h_t": o * (np.tanh(c_new) if cell_tanh else c_new), "c_t": c_new}


_LSTM_MISTAKES = [
    ("the gate order is i, f, o, c (CS231n's order): Keras' is i, f, c, o, so the candidate "
     "c~_t is the THIRD block of H columns and the output gate the fourth.",
     {"order": "ifoc"}),
    ("the input and forget gates are swapped: Keras' order is i, f, c, o (input gate first).",
     {"order": "fico"}),
    ("h_t = o_t * c_t: the tanh of the cell state is missing, h_t = o_t * tanh(c_t).",
     {"cell_tanh": False}),
    ("the candidate c~_t uses a sigmoid: it is tanh(a_c), a value in (-1, 1) to write into "
     "the cell; the gates i, f, o are the sigmoids.", {"cand": sigmoid}),
    ("the input gate is missing: c_t = f_t * c_prev + i_t * c~_t.", {"input_gate": False}),
    ("the bias b is missing: a_t = x_t @ W + h_prev @ U + b.", {"bias": False}),
]


@checker
def check_lstm_step_forward(fn):
    """Part 1: fn(x_t, h_prev, c_prev, W, U, b) -> (h_t, c_t, cache), Keras' order i, f, c, o."""
    cases = _lstm_cases()
    try:
        results = run_cases(fn, cases, "lstm_step_forward")
        for r in results:
            if not isinstance(r, tuple) or len(r) != 3 or not isinstance(r[2], dict):
                raise AnswerError("lstm_step_forward should return (h_t, c_t, cache), the "
                                  "cache a dict.")
            missing = [k for k in LSTM_CACHE_KEYS if k not in r[2]]
            if missing:
                raise AnswerError(f"the cache has no {', '.join(repr(k) for k in missing)}: "
                                  "lstm_step_backward (Part 2) reads them.")
        got = [as_grads({"h_t": r[0], "c_t": r[1]}, ("h_t", "c_t"), "lstm_step_forward")
               for r in results]
    except AnswerError as stop:
        return say(False, str(stop))
    want = [_lstm(*c) for c in cases]
    mistakes = [(d, [_lstm(*c, **kw) for c in cases]) for d, kw in _LSTM_MISTAKES]
    ok, message = compare_grads(got, want, ("h_t", "c_t"), mistakes, "lstm_step_forward")
    return say(ok, message or f"h_t and c_t agree with the reference on {len(cases)} hidden "
                              "cases, and the cache has what the backward needs.")


# --- Part 2: LSTM step backward --------------------------------------------------------------

def _lstm_backward(dh, dc, cache, h_path=True, tanh_prime=True, f_on_dc_prev=True,
                   order="ifco", o_tanh=True):
    i, f, c_tilde, o, tanh_c = (cache[k] for k in ("i", "f", "c_tilde", "o", "tanh_c"))
    dcell = dc + (dh * o * ((1 - tanh_c**2) if tanh_prime else 1) if h_path else 0)
    blocks = {"i": dcell * c_tilde * i * (1 - i), "f": dcell * cache["c_prev"] * f * (1 - f),
              "c": dcell * i * (1 - c_tilde**2),
              "o": dh * (tanh_c if o_tanh else cache["c_t"]) * o * (1 - o)}
    da = np.concatenate([blocks[k] for k in order], axis=1)
    return {"dx_t": da @ cache["W"].T, "dh_prev": da @ cache["U"].T,
            "dc_prev": dcell * f if f_on_dc_prev else dcell, "dW": cache["x_t"].T @ da,
            "dU": cache["h_prev"].T @ da, "db": da.sum(axis=0)}


_LSTM_BACKWARD_MISTAKES = [
    ("dc misses the path from h_t: c_t feeds the next step AND h_t = o_t * tanh(c_t), so "
     "dc = dc_t + dh_t * o_t * (1 - tanh(c_t)**2).", {"h_path": False}),
    ("tanh' is missing on the way from h_t to c_t: dc = dc_t + dh_t * o_t * (1 - tanh(c_t)**2).",
     {"tanh_prime": False}),
    ("dc_prev is dc itself: c_t = f_t * c_prev + ..., so dc_prev = dc * f_t (the cell path "
     "passes through the forget gate, and only through it).", {"f_on_dc_prev": False}),
    ("the four blocks of da_t are concatenated in the order i, f, o, c: they must follow the "
     "columns of W, Keras' i, f, c, o.", {"order": "ifoc"}),
    ("da_o uses c_t: h_t = o_t * tanh(c_t), so da_o = dh_t * tanh(c_t) * o_t * (1 - o_t).",
     {"o_tanh": False}),
]


def _lstm_backward_cases(seed=22):
    rng = np.random.default_rng(seed)
    cases = []
    for x, h, c, W, U, b in _lstm_cases(seed):
        h_t, _, cache = lstm.lstm_step_forward(x, h, c, W, U, b)
        cases.append((rng.normal(size=h_t.shape), rng.normal(size=h_t.shape), cache))
    return cases


@checker
def check_lstm_step_backward(fn):
    """Part 2: fn(dh_t, dc_t, cache) -> {"dx_t", "dh_prev", "dc_prev", "dW", "dU", "db"}, for
    caches of the course's lstm_step_forward (the keys of Part 1)."""
    cases = _lstm_backward_cases()
    try:
        got = [as_grads(r, LSTM_GRADS, "lstm_step_backward")
               for r in run_cases(fn, [(dh, dc, dict(c)) for dh, dc, c in cases],
                                  "lstm_step_backward")]
    except AnswerError as stop:
        return say(False, str(stop))
    want = [_lstm_backward(*c) for c in cases]
    mistakes = [(d, [_lstm_backward(*c, **kw) for c in cases])
                for d, kw in _LSTM_BACKWARD_MISTAKES]
    ok, message = compare_grads(got, want, LSTM_GRADS, mistakes, "lstm_step_backward")
    return say(ok, message or f"all six gradients agree with the reference on {len(cases)} "
                              "hidden cases.")


@checker
def check_lstm_gradients(forward, backward, shape=(2, 3, 5), seed=2025):
    """Part 2, hidden test: the course's gradient check on the learner's LSTM step, forward and
    backward, at a new shape (B, D, H), with gradients arriving on both h_t and c_t."""
    B, D, H = shape
    rng = np.random.default_rng(seed)
    arrays = {"x_t": rng.normal(size=(B, D)), "h_prev": rng.normal(0, 0.5, (B, H)),
              "c_prev": rng.normal(0, 0.5, (B, H)), "W": rng.normal(0, 0.5, (D, 4 * H)),
              "U": rng.normal(0, 0.5, (H, 4 * H)), "b": rng.normal(0, 0.5, 4 * H)}
    dh, dc = rng.normal(size=(B, H)), rng.normal(size=(B, H))
    try:
        _, _, cache = forward(*arrays.values())
        grads = backward(dh, dc, cache)
    except NotImplementedError:
        return say(False, f"lstm_step_forward or lstm_step_backward still raises "
                          f"NotImplementedError: {STUB_HINT}")

    def loss():
        h, c, _ = forward(*arrays.values())
        return float(np.sum(h * dh) + np.sum(c * dc))

    errors = gradcheck.check_gradients(loss, arrays, grads)
    bad = {k: e for k, e in errors.items() if not e < 1e-7}
    if bad:
        return say(False, "the course's gradient check disagrees with your LSTM step at "
                          f"(B, D, H) = {shape}: " + ", ".join(
                              f"d{k} rel. error {e:.1e}" for k, e in bad.items()) + ".")
    return say(True, f"the course's gradient check agrees with your LSTM step at a new shape "
                     f"(B, D, H) = {shape}, for all six arrays.")


# --- Part 3: GRU step forward ----------------------------------------------------------------

def _gru(x, h, W, U, b, swap=False, reset_before=False, one_bias=False, bias_outside=False,
         order="zrh", cand=np.tanh):
    xw = dict(zip(order, lstm.split_gates(x @ W + b[0], "zrh"), strict=True))
    Uz, Ur, Uh = (dict(zip(order, lstm.split_gates(U, "zrh"), strict=True))[k] for k in "zrh")
    b1 = dict(zip(order, lstm.split_gates(0 * b[1] if one_bias else b[1], "zrh"), strict=True))
    z = sigmoid(xw["z"] + h @ Uz + b1["z"])
    r = sigmoid(xw["r"] + h @ Ur + b1["r"])
    if reset_before:
        h_tilde = cand(xw["h"] + (r * h) @ Uh + b1["h"])
    elif bias_outside:
        h_tilde = cand(xw["h"] + r * (h @ Uh) + b1["h"])
    else:
        h_tilde = cand(xw["h"] + r * (h @ Uh + b1["h"]))
    return (1 - z) * h + z * h_tilde if swap else z * h + (1 - z) * h_tilde


_GRU_MISTAKES = [
    ("z and 1 - z are swapped: in Keras' GRU (and PyTorch's) z_t is the share of the OLD "
     "state kept, h_t = z_t * h_prev + (1 - z_t) * h~_t, so z_t near 1 means remember.",
     {"swap": True}),
    ("the reset gate is applied before the product, (r_t * h_prev) @ U_h: that is Cho et al. "
     "(2014) and Keras' reset_after=False. Keras' default multiplies after it: "
     "r_t * (h_prev @ U_h + b'_h).", {"reset_before": True}),
    ("the recurrent bias b[1] is missing: Keras' GRU has two bias rows, b[0] added to "
     "x_t @ W and b[1] to h_prev @ U.", {"one_bias": True}),
    ("b'_h is added outside the reset gate: with reset_after=True it is inside, "
     "r_t * (h_prev @ U_h + b'_h).", {"bias_outside": True}),
    ("the gates are read in the order r, z, h: Keras' order is z, r, h (update gate first).",
     {"order": "rzh"}),
    ("the candidate h~_t uses a sigmoid: it is a tanh, like the simple RNN's state.",
     {"cand": sigmoid}),
]


def _gru_cases(seed=23):
    rng = np.random.default_rng(seed)
    return [(rng.normal(size=(B, D)), rng.normal(0, 0.5, (B, H)),
             rng.normal(0, 0.6, (D, 3 * H)), rng.normal(0, 0.6, (H, 3 * H)),
             rng.normal(0, 0.5, (2, 3 * H))) for B, D, H in ((3, 2, 4), (1, 5, 3), (4, 1, 2))]


@checker
def check_gru_step_forward(fn):
    """Part 3: fn(x_t, h_prev, W, U, b) -> (h_t, cache), Keras' GRU (reset_after=True), gate
    order z, r, h, b of shape (2, 3H)."""
    cases = _gru_cases()
    try:
        results = run_cases(fn, cases, "gru_step_forward")
        if not all(isinstance(r, tuple) and len(r) == 2 for r in results):
            raise AnswerError("gru_step_forward should return the pair (h_t, cache).")
        got = [as_grads({"h_t": r[0]}, ("h_t",), "gru_step_forward") for r in results]
    except AnswerError as stop:
        return say(False, str(stop))
    want = [{"h_t": gru.gru_step_forward(*c)[0]} for c in cases]
    mistakes = [(d, [{"h_t": _gru(*c, **kw)} for c in cases]) for d, kw in _GRU_MISTAKES]
    ok, message = compare_grads(got, want, ("h_t",), mistakes, "gru_step_forward")
    return say(ok, message or f"h_t agrees with Keras' GRU (reset_after=True) on {len(cases)} "
                              "hidden cases.")
