"""Checks for the exercises of notebook 02 (five steps unrolled): predict every shape before
running (check_shapes), find the two bugs in a loop (check_loop_fix). check_output_step and
check_rnn_loop are the earlier, one-line exercises (a copied line each), kept for teachers."""

import re

import numpy as np

from ..core import activations
from ..core.rnn import rnn_step_forward
from ..layers.dense import Dense
from ..layers.recurrent import SimpleRNN
from .checking import check_function, checker, say, seq_cases


def _output_step(h_t, W_y, b_y, f=activations.sigmoid):
    return f(h_t @ W_y + b_y)


def check_output_step(fn):
    """Notebook 02: fn(h_t, W_y, b_y) -> o_t = sigmoid(h_t @ W_y + b_y), shape (B, O)."""
    rng = np.random.default_rng(2)
    cases = [(np.tanh(rng.normal(size=(B, H))), rng.normal(size=(H, O)), rng.normal(0, 0.5, O))
             for B, H, O in ((3, 4, 1), (2, 5, 3), (1, 2, 1))]
    return check_function(fn, cases, _output_step, name="output_step",
                          arg_names=("h_t", "W_y", "b_y"), mistakes=[
        ("the bias b_y (the seed's b′) is missing: o_t = sigmoid(h_t @ W_y + b_y).",
         lambda h, W_y, b_y: activations.sigmoid(h @ W_y)),
        ("this uses tanh: the output here is Dense(1, activation=\"sigmoid\"), so σ′ is the "
         "sigmoid, a probability in (0, 1).", lambda h, W_y, b_y: np.tanh(h @ W_y + b_y)),
        ("the activation is missing: apply the sigmoid, rh.activations.sigmoid(...).",
         lambda h, W_y, b_y: h @ W_y + b_y),
    ])


def _rnn_loop(x, h0, W, U, b):
    h_prev, states = h0, []
    for t in range(x.shape[1]):
        h_prev = np.tanh(x[:, t] @ W + h_prev @ U + b)
        states.append(h_prev)
    return np.stack(states, axis=1)


def check_rnn_loop(fn):
    """Notebook 02: fn(x, h0, W, U, b) -> every state h_1 .. h_T, shape (B, T, H)."""
    def only_last(*case):
        return _rnn_loop(*case)[:, -1]

    def time_first(*case):
        return _rnn_loop(*case).transpose(1, 0, 2)

    def with_h0(x, h0, W, U, b):
        return np.concatenate([h0[:, None], _rnn_loop(x, h0, W, U, b)], axis=1)

    def no_carry(x, h0, W, U, b):
        return np.stack([np.tanh(x[:, t] @ W + h0 @ U + b) for t in range(x.shape[1])], axis=1)

    def zeros_start(x, h0, W, U, b):
        return _rnn_loop(x, np.zeros_like(h0), W, U, b)

    return check_function(fn, seq_cases(), _rnn_loop, name="rnn_loop",
                          arg_names=("x", "h0", "W", "U", "b"), mistakes=[
        ("only the last state h_T came back, shape (B, H): that is return_sequences=False. "
         "Collect every h_t and stack them on axis 1.", only_last),
        ("the states are stacked time first, (T, B, H): stack them on axis 1 for (B, T, H).",
         time_first),
        ("h_0 is included: return h_1 .. h_T, T states (h_0 is the given start).", with_h0),
        ("every step used h0: after computing h_t, carry it on as the next step's h_prev.",
         no_carry),
        ("the given h0 is ignored: the first step starts from h0, not from zeros.",
         zeros_start),
    ])


# --- exercise 1: predict every shape before running ------------------------------------------
SIZES = {"B": 4, "T": 7, "D": 3, "H": 6, "O": 2}   # all different, so every axis can be named
_FIVE_STEP_SIZES = {"B": 1, "T": 5, "D": 1, "H": 2, "O": 1}

# name -> (the shape in letters, what the array is, a hint for a wrong answer)
SHAPES = {
    "x": ("BTD", "the batch of inputs", "B sequences of T steps of D features"),
    "h0": ("BH", "the start state", "one state of H units per sequence"),
    "W": ("DH", "the input weights", "x_t @ W must take D features to H units"),
    "U": ("HH", "the recurrent weights", "h_prev @ U takes a state to a state"),
    "b": ("H", "the bias", "one bias per unit, shared by every sequence"),
    "x_t": ("BD", "x[:, t], one step of the batch", "indexing one step removes the time axis"),
    "h_t": ("BH", "one new state", "one state of H units per sequence"),
    "h_all": ("BTH", "SimpleRNN(H, return_sequences=True)(x)", "every state h_1 .. h_T"),
    "h_last": ("BH", "SimpleRNN(H)(x)", "return_sequences=False: the last state only"),
    "W_y": ("HO", "the output layer's weights", "h_t @ W_y takes H units to O outputs"),
    "b_y": ("O", "the output layer's bias", "one bias per output"),
    "o_all": ("BTO", "Dense(O) applied to h_all", "a Dense layer acts on the last axis only"),
    "o_last": ("BO", "Dense(O) applied to h_last", "a Dense layer acts on the last axis only"),
}


def _letters(shape, sizes=SIZES):
    return tuple(sizes[k] for k in shape)


def run_shapes():
    """Every array of the five-step computation for the sizes of SIZES, from a real run:
    {name: shape}. What check_shapes compares the predictions with."""
    B, T, D, H, O = (SIZES[k] for k in "BTDHO")
    x, h0 = np.zeros((B, T, D)), np.zeros((B, H))
    every = SimpleRNN(H, return_sequences=True, seed=0)
    last = SimpleRNN(H, seed=0)
    h_all, h_last = every(x), last(x)
    W, U, b = every.get_weights()
    h_t, _ = rnn_step_forward(x[:, 0], h0, W, U, b)
    dense = Dense(O, activation="sigmoid", seed=1)
    o_all, o_last = dense(h_all), dense(h_last)
    W_y, b_y = dense.get_weights()
    arrays = {"x": x, "h0": h0, "W": W, "U": U, "b": b, "x_t": x[:, 0], "h_t": h_t,
              "h_all": h_all, "h_last": h_last, "W_y": W_y, "b_y": b_y, "o_all": o_all,
              "o_last": o_last}
    return {name: tuple(arrays[name].shape) for name in SHAPES}


def _as_shape(value):
    """A predicted shape as a tuple of ints (letters "B", "T", ... allowed), or None."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        value = (value,)
    if isinstance(value, str):   # "(D, H)" or "DH": the letters of SIZES
        value = re.findall(r"[A-Z]|\d+", value)
        value = [int(v) if v.isdigit() else v for v in value]
    if not isinstance(value, (tuple, list)):
        return None
    shape = []
    for v in value:
        if isinstance(v, str) and v.strip() in SIZES:
            shape.append(SIZES[v.strip()])
        elif isinstance(v, (int, np.integer)) and not isinstance(v, bool):
            shape.append(int(v))
        else:
            return None
    return tuple(shape)


def _in_letters(shape):
    names = {n: k for k, n in SIZES.items()}
    inside = ", ".join(names.get(n, str(n)) for n in shape)
    return f"({inside}{',' if len(shape) == 1 else ''})"


def _shape_mistake(name, got, want):
    """Words for one wrong predicted shape: transposed, batch axis, return_sequences, ..."""
    letters, what, hint = SHAPES[name]
    if got == _letters(letters, _FIVE_STEP_SIZES) and got != want:
        return (f"{name} {got}: those are the five-step example's sizes; here B, T, D, H, O "
                f"= {', '.join(str(v) for v in SIZES.values())}")
    if len(got) == len(want) == 2 and got == want[::-1]:
        return (f"{name} {_in_letters(got)} is transposed: that is the seed's column form; in "
                f"code, with rows, {hint}")
    if got == want[1:]:
        return f"{name} {_in_letters(got)} has no batch axis: {hint}"
    if got == (SIZES["B"],) + want:
        return f"{name} {_in_letters(got)} has a batch axis it does not have: {hint}"
    if name in ("h_last", "o_last") and len(got) == 3 and got[0] == want[0] and got[2] == want[1]:
        return (f"{name} {_in_letters(got)} keeps the time axis, but SimpleRNN(H) "
                "(return_sequences=False) returns only h_T" + (
                    ", and Dense keeps whatever axes it is given" if name == "o_last" else ""))
    if name in ("h_all", "o_all") and got == (want[0], want[2]):
        return (f"{name} {_in_letters(got)} lost the time axis: return_sequences=True returns "
                "every h_t" + (", and Dense acts on the last axis only, at every step"
                               if name == "o_all" else ""))
    if len(got) == len(want) and sorted(got) == sorted(want):
        return (f"{name} {_in_letters(got)}: the right axes in another order; the course is "
                "batch first, (B, T, ...)")
    return f"{name} {_in_letters(got)} is not it: {what}; {hint}"


@checker
def check_shapes(predicted):
    """Notebook 02: the learner's predicted shapes {name: shape} of every array of the five-step
    computation with B, T, D, H, O = 4, 7, 3, 6, 2, compared with a real run (run_shapes)."""
    if not isinstance(predicted, dict):
        return say(False, f"predicted should be a dict {{name: shape}}, got "
                          f"{type(predicted).__name__}.")
    want = run_shapes()
    todo = [n for n in SHAPES if predicted.get(n, None) is Ellipsis]
    if len(todo) == len(SHAPES):
        return say(False, "every shape is still `...`: write your prediction for each, a "
                          "tuple such as (4, 7) (or in letters, ('B', 'T')).")
    problems = []
    for name in SHAPES:
        if name not in predicted:
            problems.append(f"{name} is missing")
            continue
        got = predicted[name]
        if got is Ellipsis:
            problems.append(f"{name} is still `...`")
            continue
        shape = _as_shape(got)
        if shape is None:
            problems.append(f"{name}: write a shape as a tuple of numbers, such as (4, 7)")
        elif shape != want[name]:
            problems.append(_shape_mistake(name, shape, want[name]))
    if not problems:
        return say(True, f"all {len(SHAPES)} shapes predicted; the run agrees.")
    right = len(SHAPES) - len(problems)
    return say(False, f"{right} of {len(SHAPES)} right. " + "; ".join(problems) + ".")


# --- exercise 2: find the two bugs in a loop -------------------------------------------------
def _loop(x, h0, W, U, b, carried=0):
    """The loop of notebook 02's exercise 2, written into a preallocated array. carried = -1
    carries h[:, t - 1] on to the next step instead of h[:, t] (one step stale)."""
    B, T, D = x.shape
    h = np.zeros((B, T, U.shape[0]))
    h_prev = h0
    for t in range(T):
        h[:, t] = np.tanh(x[:, t] @ W + h_prev @ U + b)
        h_prev = h[:, t + carried]
    return h


def buggy_rnn_loop(x, h0, W, U, b):
    """The loop as notebook 02's exercise gives it, with its two bugs: the state carried on is
    one step stale, h[:, t - 1], and U is transposed."""
    return _loop(x, h0, W, U.T, b, carried=-1)


def check_loop_fix(fn):
    """Notebook 02: the learner's repaired `rnn_loop(x, h0, W, U, b)` -> h_1 .. h_T (B, T, H)."""
    return check_function(fn, seq_cases(), _rnn_loop, name="rnn_loop",
                          arg_names=("x", "h0", "W", "U", "b"), mistakes=[
        ("this is still the loop as given: two lines are wrong. Compare its rows with h_hand: "
         "row 1 agrees, row 2 does not. What does step 2 use that step 1 (with h_0 = 0) does "
         "not, and which state should it read?", buggy_rnn_loop),
        ("U is right now, but the state carried on is one step stale (off by one): after "
         "computing h[:, t], the next step must read h[:, t], not h[:, t - 1] (at t = 0 that "
         "is h[:, -1], a row still full of zeros).",
         lambda x, h0, W, U, b: _loop(x, h0, W, U, b, carried=-1)),
        ("the state carried on is right now, but the recurrent term is transposed: h_prev @ U.T "
         "where the recurrence is h_prev @ U. U is square, so no shape can tell; in the "
         "five-step example row 1 is right only because h_0 = 0.",
         lambda x, h0, W, U, b: _loop(x, h0, W, U.T, b)),
        ("only the last state h_T came back, shape (B, H): return every h_t, (B, T, H).",
         lambda *case: _rnn_loop(*case)[:, -1]),
        ("the states are stacked time first, (T, B, H): the course is batch first, (B, T, H).",
         lambda *case: _rnn_loop(*case).transpose(1, 0, 2)),
        ("every step used h0: carry each new state on to the next step.",
         lambda x, h0, W, U, b: np.stack([np.tanh(x[:, t] @ W + h0 @ U + b)
                                          for t in range(x.shape[1])], axis=1)),
    ])
