"""Every exercise checker under fuzzing: whatever a student passes (a value of the wrong kind,
the batch array itself, a ragged list, a dict of strings, a function that returns any of these
or raises, or takes the wrong arguments), the checker prints one line, "Correct: ..." or
"Not yet: ...", returns True or False, and lets no exception or warning out."""

import contextlib
import inspect
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import rnn_helpers as rh
from tests.properties.contract import RECORD
from tests.properties.strategies import junk

CHECKERS = sorted(
    ((f"{name}.{f}", getattr(module, f)) for name in rh.exercises.__all__
     if (module := getattr(rh.exercises, name)) and inspect.ismodule(module)
     for f in dir(module) if f.startswith("check_") and inspect.isfunction(getattr(module, f))
     and getattr(module, f).__module__ == module.__name__),
    key=lambda item: item[0])

arrays = hnp.arrays(st.sampled_from([np.float64, np.int64, np.bool_, np.complex128, "<U2"]),
                    hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=4))
values = st.one_of(junk, arrays, st.just(np.zeros((32, 5, 1))), st.just((32, 5, 1)),
                   st.just(np.array([32, 5, 1])), st.just({"dx_t": "a", "dW": [1, 2]}),
                   st.just([[1.0, 2.0], [3.0]]), st.just("c"), st.just(" C. "),
                   st.just({k: np.zeros(2) for k in ("dx_t", "dh_prev", "dW", "dU", "db")}))


def returning(value):
    return lambda *args, **kwargs: value


def raising(error):
    def fn(*args, **kwargs):
        raise error
    return fn


def first_argument(*args, **kwargs):
    return args[0] if args else next(iter(kwargs.values()))


def overflowing(*args, **kwargs):
    return np.exp(np.full(3, 1000.0)) - np.exp(np.full(3, 1000.0))   # RuntimeWarnings, NaN


functions = st.one_of(
    values.map(returning),
    st.sampled_from([ValueError("bad"), TypeError("bad"), ZeroDivisionError(), KeyError("k"),
                     NotImplementedError(), IndexError(), RecursionError(), AttributeError()
                     ]).map(raising),
    st.just(first_argument), st.just(overflowing), st.just(lambda: 0), st.just(lambda x: x),
    st.just(print))


@pytest.mark.parametrize("name, check", CHECKERS, ids=[name for name, _ in CHECKERS])
@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(answer=st.one_of(values, functions))
def test_every_checker_answers_in_one_line(name, check, answer):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            verdict = check(answer)
            kind = "clear error"
        except Exception as error:   # noqa: BLE001 (the promise is broken: say how)
            verdict, kind = error, "obscure error"
    printed = out.getvalue()
    ours = [line for line in printed.splitlines() if line.startswith(("Correct: ", "Not yet: "))]
    if kind == "clear error" and not (isinstance(verdict, bool) and len(ours) == 1):
        kind = "wrong result"
    if kind == "clear error" and verdict:
        kind = "correct result"
    RECORD[f"exercises.{name}"][kind] += 1
    assert kind in ("clear error", "correct result"), f"{name}({answer!r:.80}): {verdict!r}; " \
                                                      f"printed {printed!r:.300}"


def test_the_checkers_are_all_found():
    assert len(CHECKERS) >= 20, [name for name, _ in CHECKERS]
