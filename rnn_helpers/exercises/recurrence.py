"""Checks for the exercises of notebook 01 (the recurrence): predict three steps of a small RNN
before running it (check_pulse_prediction), the shapes and the count of a stacked model
(check_stacked_shapes). check_rnn_step and check_param_shapes are the earlier one-line exercises
(a copied line each), kept for teachers."""

import numpy as np

from ..core import activations
from ..layers.dense import Dense
from ..layers.recurrent import SimpleRNN
from ..models.sequential import Sequential
from .checking import check_function, checker, say, step_cases


def _rnn_step(x_t, h_prev, W, U, b, f=np.tanh):
    return f(x_t @ W + h_prev @ U + b)


def check_rnn_step(fn):
    """Notebook 01: fn(x_t, h_prev, W, U, b) -> h_t = tanh(x_t @ W + h_prev @ U + b), (B, H)."""
    return check_function(fn, step_cases(), _rnn_step, name="rnn_step",
                          arg_names=("x_t", "h_prev", "W", "U", "b"), mistakes=[
        ("the bias is missing: h_t = tanh(x_t @ W + h_prev @ U + b) adds b before the tanh.",
         lambda x, h, W, U, b: np.tanh(x @ W + h @ U)),
        ("the recurrent term h_prev @ U is missing: without it the step has no memory.",
         lambda x, h, W, U, b: np.tanh(x @ W + b)),
        ("the input term x_t @ W is missing: the new input never reaches the state.",
         lambda x, h, W, U, b: np.tanh(h @ U + b)),
        ("this is sigmoid(...): the seed writes σ, but SimpleRNN (and this course) use tanh "
         "for the hidden state.", lambda x, h, W, U, b: activations.sigmoid(x @ W + h @ U + b)),
        ("the activation is missing: apply np.tanh to x_t @ W + h_prev @ U + b.",
         lambda x, h, W, U, b: x @ W + h @ U + b),
        ("this uses relu; the simple RNN's hidden activation is tanh.",
         lambda x, h, W, U, b: np.maximum(x @ W + h @ U + b, 0)),
        ("U is used transposed (h_prev @ U.T): with row vectors the term is h_prev @ U.",
         lambda x, h, W, U, b: np.tanh(x @ W + h @ U.T + b)),
    ])


def _param_shapes(D, H):
    return ((D, H), (H, H), (H,))


def check_param_shapes(fn):
    """Notebook 01: fn(D, H) -> (shape of W, shape of U, shape of b) = ((D, H), (H, H), (H,))."""
    cases = [(1, 10), (3, 4), (7, 2), (10, 10)]
    return check_function(fn, cases, _param_shapes, name="param_shapes", numeric=False,
                          arg_names=("D", "H"), mistakes=[
        ("W is (H, D): that is the seed's column convention (W x_t). In code x_t @ W needs "
         "W of shape (D, H).", lambda D, H: ((H, D), (H, H), (H,))),
        ("U maps the hidden state to the hidden state: its shape is (H, H), not (D, H).",
         lambda D, H: ((D, H), (D, H), (H,))),
        ("U maps the hidden state to the hidden state: its shape is (H, H), not (H, D).",
         lambda D, H: ((D, H), (H, D), (H,))),
        ("b has one number per hidden unit: its shape is (H,), a 1-D vector.",
         lambda D, H: ((D, H), (H, H), (1, H))),
        ("b has one number per hidden unit, H of them (not D).",
         lambda D, H: ((D, H), (H, H), (D,))),
    ])


# --- exercise 1: predict three steps before running ------------------------------------------
# A small RNN with numbers chosen by hand: the pulse x_1 = 1 enters unit 0 through W; U[0, 1] = 2
# carries unit 0 to unit 1, U[1, 0] = -1 carries unit 1 back to unit 0 with its sign flipped.
PULSE = {"x": np.array([1.0, 0.0, 0.0]), "W": np.array([[1.0, 0.0]]),
         "U": np.array([[0.0, 2.0], [-1.0, 0.0]]), "b": np.zeros(2)}
_STEPS = ("h_1", "h_2", "h_3")
_TOLERANCE = 0.01   # predictions written to two decimals are right


def pulse_step(x_t, h_prev, transpose=False, activation=np.tanh):
    """One step of the PULSE network (or with U transposed, or without tanh) -> h_t (2,)."""
    U = PULSE["U"].T if transpose else PULSE["U"]
    return activation(x_t * PULSE["W"][0] + np.asarray(h_prev) @ U + PULSE["b"])


def pulse_states():
    """h_1, h_2, h_3 of the PULSE network from h_0 = 0 -> {"h_1": (2,), ...}."""
    h, states = np.zeros(2), {}
    for name, x_t in zip(_STEPS, PULSE["x"], strict=True):
        h = states[name] = pulse_step(x_t, h)
    return states


# each: (words, the wrong step computed from the step's input x_t and the previous state)
_PULSE_MISTAKES = [
    ("U is read transposed. In the row form h_prev @ U, unit j receives Σ_i h_prev[i] U[i, j]: "
     "U[0, 1] = 2 is the weight FROM unit 0 TO unit 1 (and U[1, 0] = -1 from unit 1 to unit 0).",
     lambda x_t, h_prev: pulse_step(x_t, h_prev, transpose=True)),
    ("the state was not carried on: from step 2 on x_t = 0, so all that moves the state is "
     "h_prev @ U, with h_prev the state of the step before (not h_0 = 0).",
     lambda x_t, h_prev: pulse_step(x_t, np.zeros(2))),
    ("the tanh is missing: every step squashes its sum, so h_1 = tanh(1 · W) = (0.76, 0), "
     "not (1, 0).", lambda x_t, h_prev: pulse_step(x_t, h_prev, activation=lambda a: a)),
    ("x_1 was fed again: x = (1, 0, 0) is a single pulse, so x_2 = x_3 = 0 and only the "
     "recurrent term h_prev @ U remains.", lambda x_t, h_prev: pulse_step(1.0, h_prev)),
]


def _as_state(value):
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr if arr.shape == (2,) and np.all(np.isfinite(arr)) else None


@checker
def check_pulse_prediction(predicted):
    """Notebook 01: the learner's predicted states {"h_1", "h_2", "h_3"} (each 2 numbers) of the
    PULSE network, from h_0 = 0; right within 0.01, and the usual slips named."""
    if not isinstance(predicted, dict):
        return say(False, f"predicted should be a dict {{'h_1': (.., ..), ...}}, got "
                          f"{type(predicted).__name__}.")
    got = {}
    for name in _STEPS:
        value = predicted.get(name, Ellipsis)
        if value is Ellipsis or (isinstance(value, (tuple, list)) and Ellipsis in value):
            return say(False, f"{name} is still `...`: write your prediction, two numbers "
                              "such as (0.5, -0.1).")
        got[name] = _as_state(value)
        if got[name] is None:
            return say(False, f"{name} should be two numbers, one per hidden unit, such as "
                              f"(0.5, -0.1); got {value!r:.40}.")
    want = pulse_states()

    def near(a, b):
        return bool(np.allclose(a, b, atol=_TOLERANCE, rtol=0))

    wrong = [n for n in _STEPS if not near(got[n], want[n])]
    if not wrong:
        shown = ", ".join(f"{n} = ({want[n][0]:.2f}, {want[n][1]:.2f})" for n in _STEPS)
        return say(True, f"{shown}: the pulse goes from unit 0 to unit 1, then back to unit 0 "
                         "with its sign flipped, shrinking through tanh at every step.")
    k = _STEPS.index(wrong[0])            # the first wrong step, from the learner's own h_(k-1)
    h_prev = got[_STEPS[k - 1]] if k else np.zeros(2)
    for description, mistake in _PULSE_MISTAKES:
        other = mistake(PULSE["x"][k], h_prev)
        if not near(other, want[wrong[0]]) and near(got[wrong[0]], other):
            return say(False, f"{wrong[0]} is not it yet: {description}")
    return say(False, f"{wrong[0]} is not it yet. Each step is h_t = tanh(x_t W + h_(t-1) U + b), "
                      f"with h_(t-1) the state of the step before; {', '.join(wrong)} "
                      "differ from a run by more than 0.01.")


# --- exercise 2: the shapes of W, U and b of a stacked model -----------------------------------
# The model: D = 3 features per step, T = 10 steps, SimpleRNN(7, return_sequences=True),
# SimpleRNN(5), Dense(1, activation="sigmoid").
STACKED = {"T": 10, "D": 3, "H1": 7, "H2": 5}
_STACKED_NAMES = ("W1", "U1", "b1", "W2", "U2", "b2")


def stacked_model():
    """The model of exercise 2, built: its weights and count_params() are what the check reads."""
    s = STACKED
    return Sequential([SimpleRNN(s["H1"], return_sequences=True, input_shape=(s["T"], s["D"]),
                                 seed=0), SimpleRNN(s["H2"], seed=1),
                       Dense(1, activation="sigmoid", seed=2)])


def _shape(value):
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not all(
            isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in value):
        return None
    return tuple(int(v) for v in value)


def _stacked_mistake(name, got, want):
    D, H1 = STACKED["D"], STACKED["H1"]
    if name == "W2" and got in ((D, want[1]), (want[1], D)):
        return (f"W2 {got}: the second layer does not read the {D} input features; it reads "
                f"the first layer's states, {H1} numbers per step, so its D is {H1}")
    if len(got) == 2 and got == want[::-1] and got != want:
        return f"{name} {got} is transposed: in code, with rows, x_t @ W needs W of shape (D, H)"
    if name[0] == "U":
        return f"{name} {got}: U takes a layer's state to its own next state, so it is (H, H)"
    if name[0] == "b":
        return f"{name} {got}: one bias per unit of that layer, a 1-D vector (H,)"
    return f"{name} {got} is not it"


@checker
def check_stacked_shapes(answer):
    """Notebook 01: the learner's shapes of W1, U1, b1, W2, U2, b2 and the parameter count
    n_params of the STACKED model, compared with the built model."""
    if not isinstance(answer, dict):
        return say(False, f"answer should be a dict {{'W1': (.., ..), ...}}, got "
                          f"{type(answer).__name__}.")
    model = stacked_model()
    rnn1, rnn2, _ = model.layers
    want = dict(zip(_STACKED_NAMES, [w.shape for w in rnn1.get_weights() + rnn2.get_weights()],
                    strict=True))
    problems = []
    for name in _STACKED_NAMES:
        value = answer.get(name, Ellipsis)
        shape = None if value is Ellipsis else _shape(value)
        if shape is None:
            problems.append(f"{name}: write a shape as a tuple of numbers, such as (3, 7)"
                            if value is not Ellipsis else f"{name} is still `...`")
        elif shape != want[name]:
            problems.append(_stacked_mistake(name, shape, want[name]))
    if problems:
        right = len(_STACKED_NAMES) - len(problems)
        return say(False, f"{right} of {len(_STACKED_NAMES)} shapes right. "
                          + "; ".join(problems) + ".")
    total, n = model.count_params(), answer.get("n_params", Ellipsis)
    if n is Ellipsis or isinstance(n, bool) or not isinstance(n, (int, np.integer, float)):
        return say(False, "the shapes are right; now n_params, the number of weights of the "
                          "whole model (a whole number).")
    dense = STACKED["H2"] + 1
    words = {total - dense: "the Dense layer's weights are missing: W_y (5, 1) and b_y (1,)",
             total * STACKED["T"]: "the weights are shared by every step: T does not appear in "
                                   "the count",
             total - STACKED["H1"] - STACKED["H2"] - 1: "the biases are missing"}
    if int(n) == total:
        return say(True, f"every shape is right, and the model has {total} weights (Keras' "
                         "model.summary() prints the same).")
    return say(False, f"the shapes are right, but n_params = {n}: "
                      + words.get(int(n), "add up the sizes of all six arrays and of the "
                                          "Dense layer's W_y and b_y") + ".")
