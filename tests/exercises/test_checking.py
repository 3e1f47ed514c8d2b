"""Tests for rnn_helpers.exercises.checking: the two shared checkers (check_function, check_value)
say what is wrong in words and never raise."""

import numpy as np

from rnn_helpers.exercises import checking
from tests.conftest import verdict


def test_check_function_generic_messages(capsys):
    cases = [(np.arange(3.0),), (np.ones(2),)]

    def square_checker(fn):
        return checking.check_function(fn, cases, np.square, name="square")

    ok, out = verdict(capsys, square_checker, 3)
    assert not ok and "expected a function" in out
    ok, out = verdict(capsys, square_checker, lambda v: v * np.nan)
    assert not ok and "NaN" in out
    ok, out = verdict(capsys, square_checker, lambda v: v[10])
    assert not ok and "IndexError" in out and "case 1" in out
    ok, out = verdict(capsys, lambda fn: checking.check_function(
        fn, [{"v": np.ones(2)}], lambda v: v ** 2, name="square"), lambda v: v ** 2)
    assert ok and "1 hidden cases" in out


def test_check_value_with_arrays(capsys):
    assert checking.check_value([1.0, 2.0], np.array([1.0, 2.0]), name="v")
    assert not checking.check_value("a", np.array([1.0]), name="v")
    assert "numeric" in capsys.readouterr().out
