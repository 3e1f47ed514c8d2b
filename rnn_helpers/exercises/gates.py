"""Checks for the exercises of notebook 05 (LSTM and GRU): read a gate trace (where does the cell
forget, what is c_T: check_forget_reading), the two bugs in a GRU step (check_gru_step), the units
one weight budget buys each cell (check_budget_units). The earlier one-line exercises
(check_forget_gate, check_gru_update, check_param_counts) are kept for teachers."""

import numpy as np

from ..core.activations import sigmoid
from ..core.lstm import lstm_gates
from .checking import check_function, checker, say


# --- the earlier exercise 1: the forget gate ----------------------------------------------------
def _gate_cases(seed=5):
    """Keras-layout LSTM weights W (D, 4H), U (H, 4H), b (4H,) with B, D, H all different."""
    rng = np.random.default_rng(seed)
    return [{"x_t": rng.normal(size=(B, D)), "h_prev": rng.normal(size=(B, H)),
             "W": rng.normal(size=(D, 4 * H)), "U": rng.normal(size=(H, 4 * H)),
             "b": rng.normal(size=4 * H)} for B, D, H in ((3, 2, 4), (1, 5, 3), (4, 1, 2))]


def _block(k, activation=sigmoid, bias=True, recurrent=True):
    """Gate number k (0 i, 1 f, 2 c, 3 o) computed from the full arrays."""
    def gate(x_t, h_prev, W, U, b):
        H = U.shape[0]
        cols = slice(k * H, (k + 1) * H)
        a = x_t @ W[:, cols] + (h_prev @ U[:, cols] if recurrent else 0)
        return activation(a + (b[cols] if bias else 0))
    return gate


_FORGET_MISTAKES = [
    ("that is the input gate i_t: Keras' order is i, f, c, o, so the forget gate is the "
     "SECOND block of H columns, W[:, H:2*H] (and the same columns of U and b).", _block(0)),
    ("that is the output gate ω_t (Keras' block o), the fourth block: the forget gate is the "
     "second, columns H:2*H.", _block(3)),
    ("that is the candidate block c~_t (third, with tanh): the forget gate is the second "
     "block, columns H:2*H, with a sigmoid.", _block(2, np.tanh)),
    ("the right block, but with tanh: a gate is a sigmoid, between 0 (forget everything) "
     "and 1 (keep everything).", _block(1, np.tanh)),
    ("the bias b_f (b[H:2*H]) is missing.", _block(1, bias=False)),
    ("the recurrent term h_prev @ U_f is missing: the gate also looks at the previous state.",
     _block(1, recurrent=False)),
]


@checker
def check_forget_gate(fn):
    """Notebook 05: fn(x_t, h_prev, W, U, b) -> f_t (B, H), the forget gate
    sigmoid(x_t @ W_f + h_prev @ U_f + b_f), from Keras' full LSTM arrays."""
    cases = _gate_cases()
    if callable(fn):
        try:   # a whole (B, 4H) pre-activation is a common slip: say so before the shape check
            first = fn(**{k: np.array(v, copy=True) for k, v in cases[0].items()})
            if np.shape(first) == cases[0]["W"].shape[1:] or np.shape(first) == (
                    len(cases[0]["x_t"]), cases[0]["W"].shape[1]):
                return say(False, "it returned all four gates, shape (B, 4H): take the forget "
                                   "gate's block, columns H:2*H of W, U and b.")
        except Exception:   # noqa: BLE001 (check_function reports it in words below)
            pass
    return check_function(fn, cases, _block(1), name="forget_gate", mistakes=_FORGET_MISTAKES)


# --- the earlier exercise 2: the GRU's new state ---------------------------------------------
def _update_cases(seed=6):
    rng = np.random.default_rng(seed)
    return [{"z_t": sigmoid(rng.normal(size=(B, H))), "h_prev": rng.normal(size=(B, H)),
             "h_tilde": np.tanh(rng.normal(size=(B, H)))} for B, H in ((2, 3), (1, 4), (5, 2))]


def _gru_update(z_t, h_prev, h_tilde):
    return z_t * h_prev + (1 - z_t) * h_tilde


_UPDATE_MISTAKES = [
    ("z and 1 - z are swapped: that is the convention of Chung et al. (2014). In Keras' GRU "
     "(and PyTorch's) z_t is the share of the OLD state kept: h_t = z_t * h_prev + "
     "(1 - z_t) * h~_t, so z_t near 1 means remember.",
     lambda z_t, h_prev, h_tilde: (1 - z_t) * h_prev + z_t * h_tilde),
    ("the two parts are added without the gate: h_t mixes h_prev and h~_t with weights "
     "z_t and 1 - z_t, which add up to 1.", lambda z_t, h_prev, h_tilde: h_prev + h_tilde),
    ("only the kept part z_t * h_prev is there: add (1 - z_t) * h~_t.",
     lambda z_t, h_prev, h_tilde: z_t * h_prev),
]


def check_gru_update(fn):
    """Notebook 05: fn(z_t, h_prev, h_tilde) -> h_t = z_t * h_prev + (1 - z_t) * h_tilde."""
    return check_function(fn, _update_cases(), _gru_update, name="gru_update",
                          mistakes=_UPDATE_MISTAKES)


# --- the earlier exercise 3: parameter counts ----------------------------------------------
def _count(cell, D, H, gates=None, bias_rows=None, recurrent=True):
    g = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}[cell] if gates is None else gates
    rows = (2 if cell == "GRU" else 1) if bias_rows is None else bias_rows
    return g * (D * H + (H * H if recurrent else 0) + rows * H)


_COUNT_CASES = [("SimpleRNN", 1, 10), ("LSTM", 1, 10), ("GRU", 1, 10), ("LSTM", 8, 32),
                ("GRU", 8, 32), ("SimpleRNN", 65, 100), ("LSTM", 65, 100), ("GRU", 65, 100)]

_COUNT_MISTAKES = [
    ("the GRU has one bias vector in your count: Keras' GRU (reset_after=True) has two, "
     "b of shape (2, 3H), so 3·(D·H + H·H + 2H).",
     lambda cell, D, H: _count(cell, D, H, bias_rows=1)),
    ("every cell is counted like a SimpleRNN: an LSTM has 4 blocks (i, f, c, o) and a GRU 3 "
     "(z, r, h), each with its own W, U and b columns.",
     lambda cell, D, H: _count(cell, D, H, gates=1, bias_rows=1)),
    ("the recurrent weights U (H·H per block) are missing.",
     lambda cell, D, H: _count(cell, D, H, recurrent=False)),
    ("the biases are missing (H per block, 2H per block for the GRU).",
     lambda cell, D, H: _count(cell, D, H, bias_rows=0)),
]


def check_param_counts(fn):
    """Notebook 05: fn(cell, D, H) -> the number of weights of a Keras layer `cell`(H) on D
    input features, cell in "SimpleRNN", "LSTM", "GRU"."""
    return check_function(fn, _COUNT_CASES, _count, name="count_params",
                          mistakes=_COUNT_MISTAKES, arg_names=["cell", "D", "H"])


# --- exercise 2: find the two bugs in a GRU step ------------------------------------------------
def _gru_step(x_t, h_prev, W, U, b, swap_gates=False, swap_mix=False, reset="after",
              bias_rows=(0, 1)):
    """A GRU step (Keras' reset_after=True) and its usual wrong variants, -> h_t (B, H)."""
    H = h_prev.shape[1]
    xW, hU = x_t @ W + b[bias_rows[0]], h_prev @ U + b[bias_rows[1]]
    z_cols, r_cols = (slice(H, 2 * H), slice(0, H)) if swap_gates else (slice(0, H),
                                                                         slice(H, 2 * H))
    z_t = sigmoid(xW[:, z_cols] + hU[:, z_cols])
    r_t = sigmoid(xW[:, r_cols] + hU[:, r_cols])
    if reset == "after":                     # r_t * (h_prev @ U_h + bᵁ_h), Keras' default
        h_tilde = np.tanh(xW[:, 2 * H:] + r_t * hU[:, 2 * H:])
    elif reset == "before":                  # (r_t * h_prev) @ U_h, Cho et al. (2014)
        h_tilde = np.tanh(xW[:, 2 * H:] + (r_t * h_prev) @ U[:, 2 * H:] + b[1][2 * H:])
    else:                                    # the recurrent bias left outside the reset gate
        h_tilde = np.tanh(xW[:, 2 * H:] + r_t * (h_prev @ U[:, 2 * H:]) + b[1][2 * H:])
    if swap_mix:
        return (1 - z_t) * h_prev + z_t * h_tilde
    return z_t * h_prev + (1 - z_t) * h_tilde


def buggy_gru_step(x_t, h_prev, W, U, b):
    """The GRU step as notebook 05's exercise gives it: two lines are wrong."""
    return _gru_step(x_t, h_prev, W, U, b, swap_gates=True, swap_mix=True)


def _gru_cases(seed=9):
    """(x_t, h_prev, W (D, 3H), U (H, 3H), b (2, 3H)) with B, D, H all different."""
    rng = np.random.default_rng(seed)
    return [(rng.normal(size=(B, D)), rng.normal(0, 0.5, (B, H)), rng.normal(size=(D, 3 * H)),
             rng.normal(size=(H, 3 * H)), rng.normal(size=(2, 3 * H)))
            for B, D, H in ((3, 2, 4), (1, 5, 3), (4, 1, 2))]


def _keras_gru_step(x_t, h_prev, W, U, b):
    return _gru_step(x_t, h_prev, W, U, b)


_GRU_STEP_MISTAKES = [
    ("this is still the step as given: two lines are wrong. Compare your z_t and r_t with the "
     "gates rh.gru.gru_step_forward records for the same arrays (its cache's \"z\" and "
     "\"r\"): that finds the first; then compare h_t.", buggy_gru_step),
    ("the gates are right now, but the last line mixes the other way round: (1 - z_t) * h_prev "
     "+ z_t * h~_t is Chung et al.'s convention. In Keras z_t is the share of the OLD state "
     "kept: h_t = z_t * h_prev + (1 - z_t) * h~_t.",
     lambda *case: _gru_step(*case, swap_mix=True)),
    ("the last line is right now, but the gates' roles are swapped: the first block of H "
     "columns (Keras' order z, r, h) is the update gate z_t, the second the reset gate r_t.",
     lambda *case: _gru_step(*case, swap_gates=True)),
    ("the reset gate is applied before the product, (r_t * h_prev) @ U_h: that is Keras' "
     "reset_after=False (Cho et al., 2014). This course's GRU multiplies after it: "
     "r_t * (h_prev @ U_h + bᵁ_h).", lambda *case: _gru_step(*case, reset="before")),
    ("the recurrent bias bᵁ_h is outside the reset gate: with reset_after=True it is "
     "r_t * (h_prev @ U_h + bᵁ_h), the bias inside.",
     lambda *case: _gru_step(*case, reset="outside")),
    ("the two bias rows are swapped: b[0] goes with x_t @ W (input biases), b[1] with "
     "h_prev @ U (recurrent biases).", lambda *case: _gru_step(*case, bias_rows=(1, 0))),
]


def check_gru_step(fn):
    """Notebook 05: the learner's repaired `gru_step(x_t, h_prev, W, U, b)` -> h_t (B, H), as
    rh.gru.gru_step_forward computes it (Keras' reset_after=True, gate order z, r, h)."""
    return check_function(fn, _gru_cases(), _keras_gru_step, name="gru_step",
                          arg_names=("x_t", "h_prev", "W", "U", "b"),
                          mistakes=_GRU_STEP_MISTAKES)


# --- exercise 1: read a gate trace ------------------------------------------------------------
# An LSTM with one unit and weights set by hand, reading three input channels: "write" opens the
# input gate, "clear" closes the forget gate, "value" is what the candidate holds.
TRACE_INPUTS = np.array([[1, 0, 1.0], [0, 0, 0], [1, 0, -0.5], [0, 1, 0], [1, 0, 0.5], [0, 0, 0]])
TRACE_W = np.array([[8.0, 0, 0, 0], [0, -8.0, 0, 0], [0, 0, 2.0, 0]])   # write -> i, clear -> f,
TRACE_B = np.array([-4.0, 4.0, 0.0, 2.0])                               # value -> c~ (i|f|c|o)


def gate_trace():
    """rh.lstm.lstm_gates on TRACE_INPUTS: {"x" (T, 3), "i", "f", "c_tilde", "o", "c", "h" (T,)}."""
    gates = lstm_gates(TRACE_INPUTS[None].astype(float), TRACE_W, np.zeros((1, 4)), TRACE_B)
    return {"x": TRACE_INPUTS.astype(float), **{k: v[0, :, 0] for k, v in gates.items()}}


def _cell_states(trace, keep=lambda f: f, swap=False):
    """c_1 .. c_T by the recurrence c_t = f_t c_(t-1) + i_t c~_t (or a named mistake)."""
    c, out = 0.0, []
    for i, f, c_tilde in zip(trace["i"], trace["f"], trace["c_tilde"], strict=True):
        i, f = (f, i) if swap else (i, f)
        c = keep(f) * c + i * c_tilde
        out.append(c)
    return np.array(out)


@checker
def check_forget_reading(forget_step, c_last):
    """Notebook 05: the step t (1 .. T) at which the traced cell forgets what it holds, and its
    last cell state c_T computed by hand from the trace (within 0.02)."""
    trace = gate_trace()
    f, T = trace["f"], len(trace["f"])
    step = int(np.argmin(f)) + 1
    if isinstance(forget_step, bool) or not isinstance(forget_step, (int, np.integer)) or not (
            1 <= forget_step <= T):
        return say(False, f"forget_step should be a step from 1 to {T}, as in the table (is a "
                          "`...` left?).")
    h_drop = int(np.argmin(np.diff(np.r_[0.0, trace["h"]]))) + 1
    if forget_step != step and forget_step == h_drop:
        return say(False, f"h falls most at step {h_drop}, but f_{h_drop} = {f[h_drop - 1]:.2f}: "
                          "the memory was kept. The input gate wrote a negative candidate (c~ = "
                          f"{trace['c_tilde'][h_drop - 1]:.2f}) on top of it. Forgetting is f_t "
                          "near 0.")
    if forget_step != step:
        return say(False, f"f_{forget_step} = {f[forget_step - 1]:.2f} is near 1, which means "
                          "KEEP: f_t is the share of c_(t-1) that stays (the name is "
                          "misleading). The cell forgets where f_t is near 0.")
    if isinstance(c_last, bool) or not isinstance(c_last, (int, float, np.number)):
        return say(False, f"step {step} is right; now c_last, c_{T} as a number, from c_0 = 0.")
    want = _cell_states(trace)[-1]
    if abs(c_last - want) <= 0.02:
        return say(True, f"the cell forgets at step {step} (f = {f[step - 1]:.2f}), and c_{T} "
                         f"= {want:.3f}: what was written at step {step + 1}, kept at f = "
                         f"{f[-1]:.2f}.")
    mistakes = [
        (trace["h"][-1], f"that is h_{T} = ω_{T} tanh(c_{T}), the output; c_{T} is the cell "
                         "state, before the output gate and the tanh."),
        (_cell_states(trace, keep=lambda f: 1 + 0 * f)[-1], "the forget gate is missing: at "
         "every step the old state is multiplied by f_t, c_t = f_t c_(t-1) + i_t c~_t."),
        (_cell_states(trace, swap=True)[-1], "the old state was multiplied by i_t or by "
         "1 - f_t: f_t itself is the share of c_(t-1) kept, i_t the share of c~_t written."),
    ]
    for value, words in mistakes:
        if abs(value - want) > 0.02 and abs(c_last - value) <= 0.02:
            return say(False, f"step {step} is right, but c_last = {c_last:.3f}: {words}")
    return say(False, f"step {step} is right, but c_last = {c_last:.3f} is not c_{T} yet: "
                      "c_t = f_t c_(t-1) + i_t c~_t, step by step from c_0 = 0.")


# --- exercise 3: the units one weight budget buys ----------------------------------------------
BUDGET_D, BUDGET_H = 10, 16            # section 5's task: 10 input channels; LSTM(16)'s weights
CELLS = ("SimpleRNN", "LSTM", "GRU")


def budget_units(bias_rows=None):
    """{cell: the largest H whose layer on BUDGET_D features has at most as many weights as
    LSTM(BUDGET_H)}; bias_rows=1 counts the GRU with one bias vector (a mistake)."""
    budget = _count("LSTM", BUDGET_D, BUDGET_H)
    return {cell: max(H for H in range(1, 200)
                      if _count(cell, BUDGET_D, H, bias_rows=bias_rows) <= budget)
            for cell in CELLS}


@checker
def check_budget_units(units):
    """Notebook 05: {cell: H}, the most units each of SimpleRNN, LSTM, GRU can have on
    BUDGET_D features without more weights than LSTM(BUDGET_H)."""
    if not isinstance(units, dict) or set(units) != set(CELLS):
        return say(False, "units should be a dict {'SimpleRNN': H, 'LSTM': H, 'GRU': H}.")
    if any(isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1
           for v in units.values()):
        return say(False, "units should hold a whole number of units per cell, such as 12 "
                          "(is a `...` left?).")
    want, B = budget_units(), _count("LSTM", BUDGET_D, BUDGET_H)
    n = {cell: _count(cell, BUDGET_D, H) for cell, H in units.items()}
    if units == want:
        counts = ", ".join(f"{c}({H}) {n[c]:,}" for c, H in want.items())
        return say(True, f"for the same {B:,} weights: {counts} weights.")
    if all(v == BUDGET_H for v in units.values()):
        return say(False, f"that is the same H = {BUDGET_H} for all three, as section 5 gives "
                          "them: the same budget gives each cell a different H.")
    cell, H = next((c, h) for c, h in units.items() if h != want[c])   # the first one off
    if cell == "GRU" and H == budget_units(bias_rows=1)["GRU"]:
        return say(False, f"GRU({H}) counted with one bias vector: Keras' GRU has two, b "
                          f"(2, 3H), so GRU({H}) has {n[cell]:,} weights, over the {B:,}.")
    if n[cell] > B:
        return say(False, f"{cell}({H}) has {n[cell]:,} weights, over the budget of {B:,}.")
    return say(False, f"{cell}({H}) has {n[cell]:,} weights; {cell}({H + 1}) still fits "
                      f"({_count(cell, BUDGET_D, H + 1):,} of {B:,}).")
