"""Tests for rnn_helpers.exercises.timeseries (notebook 07): the seasonal-naive and skill
checkers pass right answers, name the usual mistakes and never raise."""

import numpy as np

from rnn_helpers.exercises import timeseries as ex


def test_stub_prints_not_yet_and_never_raises(capsys):
    assert ex.check_seasonal_naive(lambda X, period: None) is False
    assert ex.check_skill(lambda a, b, c: 1 / 0) is False
    out = capsys.readouterr().out
    assert out.count("Not yet") == 2 and "Traceback" not in out


def test_seasonal_naive_checker(capsys):
    assert ex.check_seasonal_naive(lambda X, period: X[:, -period, :]) is True
    assert ex.check_seasonal_naive(lambda X, period: X[:, -1, :]) is False
    assert "plain naive" in capsys.readouterr().out
    assert ex.check_seasonal_naive(lambda X, period: X[:, X.shape[1] - period - 1, :]) is False
    assert "off by one" in capsys.readouterr().out


def test_skill_checker(capsys):
    def right(y, m, n):
        return 1 - np.mean(np.abs(m - y)) / np.mean(np.abs(n - y))

    assert ex.check_skill(right) is True
    assert ex.check_skill(lambda y, m, n: np.mean(np.abs(m - y)) / np.mean(np.abs(n - y))) is False
    assert "1 minus" in capsys.readouterr().out
