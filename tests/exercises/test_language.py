"""Tests for rnn_helpers.exercises.language (notebook 06): the perplexity and temperature checkers
pass right answers, name the usual mistakes and never raise."""

import numpy as np

from rnn_helpers.exercises import language as ex


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
    out = capsys.readouterr().out
    assert out.count("Not yet") == 2 and "Traceback" not in out


def test_temperature_checker(capsys):
    def right(p, t):
        q = p ** (1 / t)
        return q / q.sum()

    assert ex.check_temperature(right) is True
    assert ex.check_temperature(lambda p, t: p ** (1 / t)) is False
    assert "divide by the sum" in capsys.readouterr().out
    assert ex.check_temperature(lambda p, t: p ** t / np.sum(p ** t)) is False
    assert "1/τ" in capsys.readouterr().out
