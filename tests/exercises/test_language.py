"""Tests for the checkers of notebooks 06 and 07: right answers pass, usual mistakes are named."""

import numpy as np

from rnn_helpers import exercises_applications as ex


def test_perplexity_checker(capsys):
    assert ex.check_perplexity(np.exp) is True
    assert "Correct" in capsys.readouterr().out
    assert ex.check_perplexity(lambda loss: 2.0 ** loss) is False
    assert "natural log" in capsys.readouterr().out
    assert ex.check_perplexity(lambda loss: np.exp(-loss)) is False
    assert "one over the perplexity" in capsys.readouterr().out


def test_stub_prints_not_yet_and_never_raises(capsys):
    def stub(loss):
        raise NotImplementedError

    assert ex.check_perplexity(stub) is False
    assert ex.check_temperature(lambda p, t: ...) is False
    assert ex.check_seasonal_naive(lambda X, period: None) is False
    assert ex.check_skill(lambda a, b, c: 1 / 0) is False
    out = capsys.readouterr().out
    assert out.count("Not yet") == 4 and "Traceback" not in out


def test_temperature_checker(capsys):
    def right(p, t):
        q = p ** (1 / t)
        return q / q.sum()

    assert ex.check_temperature(right) is True
    assert ex.check_temperature(lambda p, t: p ** (1 / t)) is False
    assert "divide by the sum" in capsys.readouterr().out
    assert ex.check_temperature(lambda p, t: p ** t / np.sum(p ** t)) is False
    assert "1/τ" in capsys.readouterr().out


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
