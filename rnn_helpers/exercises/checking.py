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

The promise "never raises" is kept here, once: `checker` wraps a check so that whatever it is
given (the batch array itself, a dict of strings, a ragged list, a function that returns
anything), an error becomes a "Not yet: ..." line and no warning escapes. check_function and
check_value are wrapped; a checker with its own logic wraps itself with @checker.
"""

import functools
import warnings

import numpy as np

_ATOL = 1e-6


class _AnswerError(Exception):
    """An answer that cannot be compared; the message says why (never shown as a traceback)."""


def say(ok, message):
    print(("Correct: " if ok else "Not yet: ") + message)
    return ok


def checker(check):
    """Wrap a check so that it prints one verdict and returns True or False, never raising and
    letting no warning out, whatever the learner passes."""
    @functools.wraps(check)
    def guarded(*args, **kwargs):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                return bool(check(*args, **kwargs))
            except Exception as error:   # noqa: BLE001 (the promise: a line, not a traceback)
                first = str(error).splitlines()[0][:160] if str(error) else ""
                return say(False, f"this answer could not be checked ({type(error).__name__}"
                                  f"{': ' + first if first else ''}). Check that it is what "
                                  "the exercise asks for: a function, an array, a tuple, ...")
    return guarded


def _kind(value):
    """Words for the type of an expected answer: 'a tuple such as (1, 2)', 'a number', ..."""
    if isinstance(value, tuple):
        return "a tuple of numbers, such as (2, 3)" + (
            " (an array's .shape is one)" if all(isinstance(v, int) for v in value) else "")
    if isinstance(value, str):
        return "a string, such as 'a'"
    if isinstance(value, (int, float, np.number)):
        return "a number"
    return type(value).__name__


def _normalise(value):
    """Lists become tuples, numpy scalars Python numbers: so (3, 4) == [3, 4] == np.array(...)."""
    if isinstance(value, np.ndarray) and value.dtype != object:
        return value.item() if value.ndim == 0 else value
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
        if isinstance(value, (list, tuple)):
            message += " (a list of rows of different lengths, or with text in it?)"
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


def same(a, b):
    """Equal values: numeric arrays up to _ATOL (shapes must match), anything else with ==.
    Never raises: values that cannot be compared are not the same."""
    try:
        if isinstance(b, np.ndarray):
            return (isinstance(a, np.ndarray) and a.shape == b.shape
                    and a.dtype.kind in "biuf" and bool(np.allclose(a, b, atol=_ATOL, rtol=1e-5)))
        a, b = _normalise(a), _normalise(b)
        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            return False
        result = a == b
        return bool(result) if isinstance(result, (bool, np.bool_)) else False
    except Exception:   # noqa: BLE001 (an answer whose == raises is simply not equal)
        return False


def _call(fn, case):
    args, kwargs = (case, {}) if isinstance(case, tuple) else ((), case)
    copies = [np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args]
    kwcopies = {k: np.array(v, copy=True) if isinstance(v, np.ndarray) else v
                for k, v in kwargs.items()}
    return fn(*copies, **kwcopies)


def call_learner(fn, args, case, name="the function", hint=""):
    """The learner's fn(*args) -> (result, None), or (None, what to say) when it raised: the
    TODO still in place, or an error put in words (on hidden case `case`), never a traceback."""
    try:
        return fn(*args), None
    except NotImplementedError:
        return None, (f"{name} still raises NotImplementedError: replace the TODO line with "
                      "your code.")
    except Exception as error:  # the learner's code: in words, never a traceback
        first = str(error).splitlines()[0][:160] if str(error) else ""
        return None, f"on hidden case {case} it raised {type(error).__name__}: {first}.{hint}"


def _describe_case(case, arg_names=None):
    if isinstance(case, dict):
        items = case.items()
    else:
        names = list(arg_names or [])
        names += [f"argument {i + 1}" for i in range(len(names), len(case))]
        items = zip(names, case, strict=False)
    return ", ".join(f"{k} {np.shape(v)}" if isinstance(v, np.ndarray) else f"{k}={v!r}"
                     for k, v in items)


@checker
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
        return say(False, f"expected a function, got {type(fn).__name__} {fn!r:.60}.")
    got_all, want_all = [], []
    for i, case in enumerate(cases, start=1):
        want = reference(*case) if isinstance(case, tuple) else reference(**case)
        try:
            got = _call(fn, case)
        except NotImplementedError:
            return say(False, f"{name} still raises NotImplementedError: replace the TODO "
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
            return say(False, f"on hidden case {i} ({_describe_case(case, arg_names)}) "
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
            return say(False, str(stop))
        got_all.append(got)
        want_all.append(want)

    if all(same(g, w) for g, w in zip(got_all, want_all, strict=True)):
        return say(True, f"{name} agrees with the reference on all {len(want_all)} "
                          "hidden cases.")
    for description, wrong in mistakes:
        wrongs = [wrong(*c) if isinstance(c, tuple) else wrong(**c) for c in cases]
        if numeric:
            wrongs = [np.asarray(w, dtype=float) for w in wrongs]
        differs = not all(same(w, r) for w, r in zip(wrongs, want_all, strict=True))
        if differs and all(same(g, w) for g, w in zip(got_all, wrongs, strict=True)):
            return say(False, description)
    for i, (got, want) in enumerate(zip(got_all, want_all, strict=True), start=1):
        if same(got, want):
            continue
        if numeric and got.shape != want.shape:
            where = _describe_case(cases[i - 1], arg_names)
            return say(False, f"on hidden case {i} ({where}) {name} "
                               f"returned shape {got.shape}, expected {want.shape}."
                               + _shape_hint(got.shape, want.shape))
        if numeric:
            if not np.all(np.isfinite(got)):
                return say(False, f"on hidden case {i} {name} returned NaN or inf.")
            worst = float(np.max(np.abs(got - want)))
            return say(False, f"the shape is right, but on hidden case {i} the values differ "
                               f"from the expected ones (largest difference {worst:.3g}).")
        where = _describe_case(cases[i - 1], arg_names)
        return say(False, f"for {where}, {name} returned {_normalise(got)!r}: not the "
                           "expected answer yet.")
    return say(False, f"{name} does not agree with the reference.")  # pragma: no cover


@checker
def check_value(answer, expected, name="your answer", mistakes=(), hint=None):
    """Compare a value the learner wrote with the expected one; print and return the verdict.

    mistakes: (wrong_value, description) pairs for the usual wrong answers.
    hint: what to say after any other wrong answer (None: only that it is not it yet).
    """
    if answer is Ellipsis or answer is None:
        shown = "..." if answer is Ellipsis else "None"
        return say(False, f"{name} is still `{shown}`: replace it with your answer.")
    got = _normalise(answer)
    if isinstance(expected, np.ndarray):
        try:
            got = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            return say(False, f"{name} should be numeric, got {type(answer).__name__}.")
    elif isinstance(got, np.ndarray):
        return say(False, f"{name} is a numpy array of shape {got.shape}; the answer is "
                          f"{_kind(expected)}.")
    if same(got, expected):
        return say(True, f"{name} is {_normalise(expected)!r}.")
    for wrong, description in mistakes:
        if same(got, wrong):
            return say(False, description)
    shown = repr(got) if len(repr(got)) <= 60 else repr(got)[:57] + "..."
    return say(False, f"{name} is {shown}; that is not it yet." + (f" {hint}" if hint else ""))


# --- shared hidden cases ------------------------------------------------------------------

def rnn_params(rng, D, H):
    return (rng.normal(0, 0.6, (D, H)), rng.normal(0, 0.6, (H, H)), rng.normal(0, 0.5, H))


def step_cases(seed=0):
    """(x_t, h_prev, W, U, b) with B, D, H all different, so a shape mistake shows."""
    rng = np.random.default_rng(seed)
    cases = []
    for B, D, H in ((3, 2, 4), (1, 1, 2), (5, 3, 6)):
        W, U, b = rnn_params(rng, D, H)
        cases.append((rng.normal(size=(B, D)), rng.normal(0, 0.5, (B, H)), W, U, b))
    return cases


def seq_cases(seed=1):
    """(x, h0, W, U, b) with B, T, D, H all different."""
    rng = np.random.default_rng(seed)
    cases = []
    for B, T, D, H in ((2, 5, 1, 3), (4, 3, 2, 5), (1, 6, 3, 2)):
        W, U, b = rnn_params(rng, D, H)
        cases.append((rng.normal(size=(B, T, D)), rng.normal(0, 0.5, (B, H)), W, U, b))
    return cases
