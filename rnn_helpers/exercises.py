"""Checks for the learner's answers. Each runs the answer on hidden cases and prints "Correct"
or says in words what is wrong (a shape, a missing bias, a wrong activation); it returns True or
False and never raises, so an unfinished exercise cell still runs.

Two shared checkers do the work; each exercise is a few lines on top of them:

    check_function(fn, cases, reference, name, mistakes)  # the learner wrote a function
    check_value(answer, expected, name, mistakes)         # the learner wrote a value

`mistakes` lists the usual wrong answers as (description, wrong_reference): when the learner's
result equals a wrong reference on every case, the description is printed. To add an exercise
for a later notebook, write its cases (seeded), its reference and its mistakes, and call
`check_function` — see `check_rnn_step` below.
"""

import numpy as np

from . import activations

_ATOL = 1e-6


class _AnswerError(Exception):
    """An answer that cannot be compared; the message says why (never shown as a traceback)."""


def _say(ok, message):
    print(("Correct: " if ok else "Not yet: ") + message)
    return ok


def _normalise(value):
    """Lists become tuples, numpy scalars Python numbers: so (3, 4) == [3, 4] == np.array(...)."""
    if isinstance(value, np.ndarray) and value.dtype != object:
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_normalise(v) for v in value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def _as_array(value, name):
    """A numeric array from the learner's value, or _AnswerError saying what came instead."""
    if value is None:
        raise _AnswerError(f"{name} returned None: did you forget the `return` line?")
    if value is Ellipsis:
        raise _AnswerError(f"{name} still returns `...`: replace it with your code.")
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict):
        raise _AnswerError(f"{name} returned a pair (array, cache), as the package's *_forward "
                    "functions do: return only the array.")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        message = f"{name} returned {type(value).__name__}, expected a numeric array"
        raise _AnswerError(message) from None
    return arr


def _has_ellipsis(value):
    if value is Ellipsis:
        return True
    return isinstance(value, (list, tuple)) and any(_has_ellipsis(v) for v in value)


def _shape_hint(got, expected):
    if got == expected[1:]:
        return " Did you forget the batch axis B?"
    if len(got) == len(expected) == 2 and got == expected[::-1]:
        return " The two axes are swapped: in code, with row vectors, x_t @ W has shape (B, H)."
    if len(got) == len(expected) and sorted(got) == sorted(expected):
        return " The axes are in another order: the course is batch first, (B, T, ...)."
    return ""


def _same(a, b):
    """Equal values: numeric arrays up to _ATOL (shapes must match), anything else with ==."""
    if isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and a.shape == b.shape
                and bool(np.allclose(a, b, atol=_ATOL, rtol=1e-5)))
    return _normalise(a) == _normalise(b)


def _call(fn, case):
    args, kwargs = (case, {}) if isinstance(case, tuple) else ((), case)
    copies = [np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args]
    kwcopies = {k: np.array(v, copy=True) if isinstance(v, np.ndarray) else v
                for k, v in kwargs.items()}
    return fn(*copies, **kwcopies)


def _describe_case(case, arg_names=None):
    if isinstance(case, dict):
        items = case.items()
    else:
        names = list(arg_names or [])
        names += [f"argument {i + 1}" for i in range(len(names), len(case))]
        items = zip(names, case, strict=False)
    return ", ".join(f"{k} {np.shape(v)}" if isinstance(v, np.ndarray) else f"{k}={v!r}"
                     for k, v in items)


def check_function(fn, cases, reference, name="your function", mistakes=(), numeric=True,
                   arg_names=None):
    """Run `fn` and `reference` on every case and print what the learner needs to hear.

    cases     : list of dicts (keyword arguments) or tuples (positional arguments).
    reference : the right function, called with the same arguments.
    mistakes  : (description, wrong_function) pairs: usual wrong answers named in words.
    numeric   : compare as float arrays (shape, then values); False compares with ==.
    arg_names : names of the positional arguments, used when a message describes a case.
    Prints "Correct: ..." or "Not yet: ..."; returns True or False; never raises.
    """
    if not callable(fn):
        return _say(False, f"expected a function, got {type(fn).__name__} {fn!r:.60}.")
    got_all, want_all = [], []
    for i, case in enumerate(cases, start=1):
        want = reference(*case) if isinstance(case, tuple) else reference(**case)
        try:
            got = _call(fn, case)
        except NotImplementedError:
            return _say(False, f"{name} still raises NotImplementedError: replace the TODO "
                               "line with your code.")
        except Exception as error:  # the learner's code: report it in words, never a traceback
            message = str(error).splitlines()[0][:200].rstrip(" .") if str(error) else ""
            hint = ""
            if "matmul" in message or ("shapes" in message and "aligned" in message):
                hint = (" A matrix product got shapes that do not fit: with row vectors the "
                        "data is on the left and the weights on the right, (B, D) @ (D, H), "
                        "as in x_t @ W.")
            elif "broadcast" in message:
                hint = (" Two terms of different shapes were added: every term of the sum "
                        "should have the shape of the result, (B, H) or (B, O).")
            return _say(False, f"on hidden case {i} ({_describe_case(case, arg_names)}) "
                               f"{name} raised {type(error).__name__}: {message}.{hint}")
        try:
            if numeric:
                want = np.asarray(want, dtype=float)
                got = _as_array(got, name)
            elif got is None or got is Ellipsis:
                _as_array(got, name)
            elif _has_ellipsis(got):
                raise _AnswerError(f"{name} still returns `...` somewhere: replace every "
                                   "`...` with your code.")
        except _AnswerError as stop:
            return _say(False, str(stop))
        got_all.append(got)
        want_all.append(want)

    if all(_same(g, w) for g, w in zip(got_all, want_all, strict=True)):
        return _say(True, f"{name} agrees with the reference on all {len(want_all)} "
                          "hidden cases.")
    for description, wrong in mistakes:
        wrongs = [wrong(*c) if isinstance(c, tuple) else wrong(**c) for c in cases]
        if numeric:
            wrongs = [np.asarray(w, dtype=float) for w in wrongs]
        differs = not all(_same(w, r) for w, r in zip(wrongs, want_all, strict=True))
        if differs and all(_same(g, w) for g, w in zip(got_all, wrongs, strict=True)):
            return _say(False, description)
    for i, (got, want) in enumerate(zip(got_all, want_all, strict=True), start=1):
        if _same(got, want):
            continue
        if numeric and got.shape != want.shape:
            where = _describe_case(cases[i - 1], arg_names)
            return _say(False, f"on hidden case {i} ({where}) {name} "
                               f"returned shape {got.shape}, expected {want.shape}."
                               + _shape_hint(got.shape, want.shape))
        if numeric:
            if not np.all(np.isfinite(got)):
                return _say(False, f"on hidden case {i} {name} returned NaN or inf.")
            worst = float(np.max(np.abs(got - want)))
            return _say(False, f"the shape is right, but on hidden case {i} the values differ "
                               f"from the expected ones (largest difference {worst:.3g}).")
        where = _describe_case(cases[i - 1], arg_names)
        return _say(False, f"for {where}, {name} returned {_normalise(got)!r}: not the "
                           "expected answer yet.")
    return _say(False, f"{name} does not agree with the reference.")  # pragma: no cover


def check_value(answer, expected, name="your answer", mistakes=()):
    """Compare a value the learner wrote with the expected one; print and return the verdict.

    mistakes: (wrong_value, description) pairs for the usual wrong answers.
    """
    if answer is Ellipsis or answer is None:
        shown = "..." if answer is Ellipsis else "None"
        return _say(False, f"{name} is still `{shown}`: replace it with your answer.")
    got = _normalise(answer)
    if isinstance(expected, np.ndarray):
        try:
            got = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            return _say(False, f"{name} should be numeric, got {type(answer).__name__}.")
    if _same(got, expected):
        return _say(True, f"{name} is {_normalise(expected)!r}.")
    for wrong, description in mistakes:
        if _same(got, wrong):
            return _say(False, description)
    return _say(False, f"{name} is {got!r}; that is not it yet. Look again at the hint above.")


# --- shared hidden cases ------------------------------------------------------------------

def _rnn_params(rng, D, H):
    return (rng.normal(0, 0.6, (D, H)), rng.normal(0, 0.6, (H, H)), rng.normal(0, 0.5, H))


def _step_cases(seed=0):
    """(x_t, h_prev, W, U, b) with B, D, H all different, so a shape mistake shows."""
    rng = np.random.default_rng(seed)
    cases = []
    for B, D, H in ((3, 2, 4), (1, 1, 2), (5, 3, 6)):
        W, U, b = _rnn_params(rng, D, H)
        cases.append((rng.normal(size=(B, D)), rng.normal(0, 0.5, (B, H)), W, U, b))
    return cases


def _seq_cases(seed=1):
    """(x, h0, W, U, b) with B, T, D, H all different."""
    rng = np.random.default_rng(seed)
    cases = []
    for B, T, D, H in ((2, 5, 1, 3), (4, 3, 2, 5), (1, 6, 3, 2)):
        W, U, b = _rnn_params(rng, D, H)
        cases.append((rng.normal(size=(B, T, D)), rng.normal(0, 0.5, (B, H)), W, U, b))
    return cases


# --- notebook 00 --------------------------------------------------------------------------

def check_batch_shape(answer):
    """Notebook 00: the shape (B, T, D) of one batch that fit(X, y, batch_size=32) takes from
    the seed's X of shape (1000, 5, 1): (32, 5, 1)."""
    return check_value(answer, (32, 5, 1), name="the shape of one batch", mistakes=[
        ((1000, 5, 1), "that is the whole of X; one batch holds batch_size = 32 sequences."),
        ((32, 1, 5), "T and D are swapped: each sequence still has 5 time steps of 1 feature."),
        ((5, 1), "that is Keras' input_shape, which leaves out the batch axis."),
        ((5, 32, 1), "that is time first; the course (and Keras) put the batch first."),
        ((32, 5), "close: the feature axis D = 1 is still there, as a last axis of size 1."),
        ((1, 5, 32), "the batch axis comes first: (B, T, D)."),
    ])


# --- notebook 01 --------------------------------------------------------------------------

def _rnn_step(x_t, h_prev, W, U, b, f=np.tanh):
    return f(x_t @ W + h_prev @ U + b)


def check_rnn_step(fn):
    """Notebook 01: fn(x_t, h_prev, W, U, b) -> h_t = tanh(x_t @ W + h_prev @ U + b), (B, H)."""
    return check_function(fn, _step_cases(), _rnn_step, name="rnn_step",
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


# --- notebook 02 --------------------------------------------------------------------------

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

    return check_function(fn, _seq_cases(), _rnn_loop, name="rnn_loop",
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


__all__ = ["check_batch_shape", "check_function", "check_output_step", "check_param_shapes",
           "check_rnn_loop", "check_rnn_step", "check_value"]
