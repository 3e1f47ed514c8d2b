"""What the checkers of the three assignments share (assignments/ in the repository: A1 a
simple RNN, A2 LSTM and GRU, A3 a character language model).

An assignment's graded cell runs a checker, which prints "Correct: ..." or "Not yet: ..." in
words (the same contract as every checker of `rh.exercises`), then ends with

    checks.points(ok, 3)

whose value is the points earned. In Jupyter it shows as "3 / 3 points"; nbgrader's autograder
reads the same value as the cell's partial credit (a number in the output's text/plain), so a
part that is not done yet scores 0 without an error or a traceback, and the student sees why.

    attempt(fn, *args)        call the learner's function; None (and a message) if it fails
    quietly(check, *args)     a checker's verdict without its printed message
    compare_grads(...)        dicts of gradients: the right one, or a named wrong one
"""

import contextlib
import io

import numpy as np

from .checking import checker, same, say

STUB_HINT = "replace the TODO line and `raise NotImplementedError()` with your code."


class Points:
    """The points a graded cell earned. text/plain is the bare number (nbgrader reads it as
    partial credit); Jupyter shows the Markdown, "**2 / 3 points**"."""

    def __init__(self, earned, out_of):
        self.earned, self.out_of = float(earned), float(out_of)

    def __float__(self):
        return self.earned

    def __repr__(self):
        return f"{self.earned:g}"

    def _repr_markdown_(self):
        return f"**{self.earned:g} / {self.out_of:g} points**"


def points(ok, out_of):
    """Points(out_of) when ok, Points(0) otherwise. ok None (a hidden test's cell in the
    student's copy, where the test itself was removed): a note, and no value."""
    if ok is None:
        print(f"Hidden test ({out_of:g} points): it runs when your teacher grades the notebook.")
        return None
    return Points(out_of if ok else 0, out_of)


def describe_error(error):
    """'ValueError: shapes (3,2) and (4,4) not aligned' on one line, at most 160 characters."""
    first = str(error).splitlines()[0][:160].rstrip(" .") if str(error) else ""
    return type(error).__name__ + (f": {first}" if first else "")


def attempt(fn, *args, name=None, **kwargs):
    """fn(*args, **kwargs), or None with a "Not yet" line if fn is missing or raises.
    For the cells that run the learner's functions (training, an experiment) and must not
    stop the notebook when a part is not written yet."""
    name = name or getattr(fn, "__name__", "your function")
    if not callable(fn):
        say(False, f"{name} is not a function yet.")
        return None
    try:
        return fn(*args, **kwargs)
    except NotImplementedError:
        say(False, f"{name} still raises NotImplementedError: {STUB_HINT}")
    except Exception as error:  # noqa: BLE001 (the learner's code: a line, not a traceback)
        say(False, f"{name} raised {describe_error(error)}.")
    return None


def quietly(check, *args, **kwargs):
    """A checker's verdict (True or False) without printing its message."""
    with contextlib.redirect_stdout(io.StringIO()):
        return bool(check(*args, **kwargs))


def call_case(fn, case):
    """fn on copies of a case's arrays (a tuple of positional arguments or a dict)."""
    def copy(v):
        return np.array(v, copy=True) if isinstance(v, np.ndarray) else (
            dict(v) if isinstance(v, dict) else v)
    if isinstance(case, dict):
        return fn(**{k: copy(v) for k, v in case.items()})
    return fn(*(copy(v) for v in case))


class AnswerError(Exception):
    """An answer that cannot be compared; the message says why in words."""


def run_cases(fn, cases, name):
    """fn on every case -> the results; AnswerError with a message when fn is not written yet or
    raises (the message names the case)."""
    if not callable(fn):
        raise AnswerError(f"expected a function, got {type(fn).__name__}.")
    results = []
    for i, case in enumerate(cases, start=1):
        try:
            results.append(call_case(fn, case))
        except NotImplementedError:
            raise AnswerError(f"{name} still raises NotImplementedError: {STUB_HINT}") from None
        except Exception as error:  # noqa: BLE001 (the learner's code, in words)
            hint = ""
            if "matmul" in str(error) or "aligned" in str(error):
                hint = (" A matrix product got shapes that do not fit: with row vectors the "
                        "data is on the left, (B, D) @ (D, H).")
            raise AnswerError(f"on hidden case {i} {name} raised {describe_error(error)}.{hint}"
                       ) from None
    return results


def as_grads(value, keys, name):
    """The learner's dict of gradients as float arrays, or AnswerError saying what is missing."""
    if value is None:
        raise AnswerError(f"{name} returned None: did you forget the `return` line?")
    if not isinstance(value, dict):
        raise AnswerError(f"{name} returned {type(value).__name__}; return a dict with the keys "
                   f"{', '.join(keys)}.")
    missing = [k for k in keys if k not in value]
    if missing:
        raise AnswerError(f"the dict {name} returned has no {', '.join(missing)}.")
    out = {}
    for k in keys:
        if value[k] is None or value[k] is Ellipsis:
            shown = "None" if value[k] is None else "..."
            raise AnswerError(f"{k} is still `{shown}`: fill it in.")
        try:
            out[k] = np.asarray(value[k], dtype=float)
        except (TypeError, ValueError):
            raise AnswerError(f"{k} is not a numeric array.") from None
    return out


def grads_equal(got, want, keys):
    """Every gradient of every case equal (shapes and values)."""
    return all(same(g[k], np.asarray(w[k], dtype=float)) for g, w in zip(got, want, strict=True)
               for k in keys)


def compare_grads(got, want, keys, mistakes, name):
    """got, want: lists (one per case) of gradient dicts. -> (ok, message).

    mistakes: (description, wrong_results) pairs, wrong_results a list like `want`: the first
    one that `got` equals (and that differs from `want`) names the mistake."""
    if grads_equal(got, want, keys):
        return True, None
    for description, wrong in mistakes:
        if not grads_equal(wrong, want, keys) and grads_equal(got, wrong, keys):
            return False, description
    for k in keys:
        for i, (g, w) in enumerate(zip(got, want, strict=True), start=1):
            w_k = np.asarray(w[k], dtype=float)
            if g[k].shape != w_k.shape:
                return False, (f"{k} has shape {g[k].shape} on hidden case {i}, expected "
                               f"{w_k.shape}: a gradient has the shape of what it is the "
                               "gradient of.")
    wrong = [k for k in keys if not all(same(g[k], np.asarray(w[k], dtype=float))
                                        for g, w in zip(got, want, strict=True))]
    right = [k for k in keys if k not in wrong]
    return False, (f"{', '.join(wrong)} {'has' if len(wrong) == 1 else 'have'} the right shape "
                   "but wrong values" + (f" ({', '.join(right)} agree)" if right else "")
                   + f": compare {name} with the equations above, line by line.")


@checker
def check_choice(answer, right, name, mistakes, choices):
    """A multiple-choice answer ("a", "b", ...): Correct, or the named reason it is not."""
    if answer is None or answer is Ellipsis:
        return say(False, f"{name} is still `{answer!r}`: write one of "
                          f"{', '.join(repr(c) for c in choices)}.")
    if not isinstance(answer, str) or answer.strip().lower().strip("().") not in choices:
        return say(False, f"{name} is {answer!r}: write one of "
                          f"{', '.join(repr(c) for c in choices)} (a string).")
    answer = answer.strip().lower().strip("().")
    if answer == right:
        return say(True, f"{name} is {right!r}.")
    return say(False, mistakes.get(answer, f"{name} is {answer!r}: not this one."))
