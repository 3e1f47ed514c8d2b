"""Tests for rnn_helpers.exercises.timeseries (notebook 07): the season-length, seasonal-naive
and skill checkers pass right answers, name the usual mistakes and never raise; the mystery
series behaves as the exercise's solution says, over seeds."""

import numpy as np
import pytest

from rnn_helpers.analysis.forecasting import autocorrelation
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


# --- exercise 1: choose the season length, and justify it with a run ---------------------------
def _acf(y, k):
    return autocorrelation(y, k)[-1]


@pytest.mark.parametrize("seed", range(10))
def test_mystery_series_what_the_solution_says(seed):
    """The solution's words, on seeds 0..9 (the notebook draws rh.claims.seed(5)): the
    autocorrelation of the training part peaks highest at the cycle, is low at half of it; the
    run ranks the cycle first, two cycles second, with margins."""
    y = ex.mystery_series(800, seed=seed)
    train = y[:ex.N_TRAIN]
    P = ex.CYCLE
    acf = {k: _acf(train, k) for k in range(3, ex.WINDOW + 1)}
    assert max(acf, key=acf.get) == P
    assert acf[P] - max(acf[2 * P], acf[3 * P]) > 0.003
    assert acf[P // 2] < 0.0
    run = {p: ex.seasonal_run(y, p) for p in (P // 2, P - 1, P + 1, 2 * P, 3 * P, 24)}
    mine = ex.seasonal_run(y, P)
    assert min(run.values()) - mine > 0.01
    assert run[P // 2] - mine > 0.5


def test_mystery_series_is_seeded_and_validated():
    assert np.array_equal(ex.mystery_series(50, seed=3), ex.mystery_series(50, seed=3))
    assert not np.array_equal(ex.mystery_series(50, seed=3), ex.mystery_series(50, seed=4))
    with pytest.raises(ValueError, match="n"):
        ex.mystery_series(0)


def _run(y, candidates):
    return {p: ex.seasonal_run(y, p) for p in candidates}


def test_the_notebook_cell_computes_the_same_run():
    from rnn_helpers.datasets import timeseries as ts
    y = ex.mystery_series(800, seed=1)
    X, target = ts.make_windows(y[:600], T=60)
    for p in (9, 18, 36):
        assert ts.mae(target, ts.seasonal_naive_forecast(X, p)) == ex.seasonal_run(y, p)


def test_season_length_checker(capsys):
    y = ex.mystery_series(800, seed=0)
    P = ex.CYCLE
    for period, tried, ok, words in [
        (P, _run(y, [P // 2, P, 2 * P]), True, "Correct: the season length is 18"),
        (float(P), _run(y, [P, 2 * P]), True, "Correct"),
        (..., {}, False, "period is still `...`"),
        (P, {}, False, "the run is empty"),
        (P, _run(y, [P]), False, "at least one other candidate"),
        (P, _run(y, [2 * P, 3 * P]), False, "add it to the candidates"),
        (2 * P, _run(y, [P, 2 * P]), False, "your own run prefers 18"),
        (P // 2, _run(y, [P // 2, 24]), False, "half the cycle"),
        (2 * P, _run(y, [2 * P, 3 * P]), False, "whole number of cycles"),
        (P + 1, _run(y, [P + 1, 24]), False, "off by one"),
        (24, _run(y, [24, 26]), False, "first series' cycle"),
        (30, _run(y, [30, 26]), False, "not the cycle"),
        (1, _run(y, [1, 9]), False, "plain naive forecast"),
        (P, {P: 0.1, 2 * P: 0.2}, False, "not by hand"),
        (P, {P: ex.seasonal_run(y, P), 90: 1.0}, False, "cannot be run"),
        (P, {"a": 1.0}, False, "whole numbers of steps"),
        ("18", _run(y, [P, 2 * P]), False, "whole number of steps"),
        (P, [P, 2 * P], False, "the run is empty"),
        (P, {P: "x", 2 * P: None}, False, "could not be checked"),
    ]:
        got = ex.check_season_length(period, tried, y)
        out = capsys.readouterr().out
        assert got is ok and words in out and out.count("\n") == 1, (period, words, out)


# exercise 2: a skill score, against which baseline? -------------------------------------------

ERRORS = {"naive": 0.2244, "seasonal naive": 0.0986, "RNN": 0.0826, "linear AR": 0.0736}
MEAN_MAE = 0.0839


def _skill_answer(**change):
    right = {"skill vs naive": 1 - MEAN_MAE / ERRORS["naive"],
             "skill vs seasonal naive": 1 - MEAN_MAE / ERRORS["seasonal naive"],
             "report against": "seasonal naive"}
    return {**right, **change}


@pytest.mark.parametrize("answer,ok,words", [
    (_skill_answer(), True, "0.15 against seasonal naive"),
    (_skill_answer(**{"skill vs naive": 0.63, "report against": " Seasonal naive"}), True,
     "Correct"),
    (_skill_answer(**{"report against": "naive"}), False, "most of that skill is the cycle"),
    (_skill_answer(**{"report against": ...}), False, "now 'report against'"),
    (_skill_answer(**{"report against": "linear AR"}), False, "now 'report against'"),
    (_skill_answer(**{"skill vs naive": MEAN_MAE / ERRORS["naive"]}), False, "1 minus it"),
    (_skill_answer(**{"skill vs naive": 1 - ERRORS["naive"] / MEAN_MAE}), False, "upside down"),
    (_skill_answer(**{"skill vs seasonal naive": 1 - ERRORS["RNN"] / ERRORS["seasonal naive"]}),
     False, "first start's MAE only"),
    (_skill_answer(**{"skill vs seasonal naive": 0.5}), False, "not 1 - MAE(model)"),
    (_skill_answer(**{"skill vs naive": ...}), False, "`...` left"),
    (_skill_answer(**{"skill vs naive": "0.63"}), False, "should be a number"),
    ("0.15", False, "should be a dict"),
    (None, False, "should be a dict"),
])
def test_check_skill_baseline(capsys, answer, ok, words):
    got = ex.check_skill_baseline(answer, MEAN_MAE, ERRORS)
    out = capsys.readouterr().out
    assert got is ok and words in out and out.count("\n") == 1, out


def test_check_skill_baseline_never_raises_on_bad_errors(capsys):
    assert ex.check_skill_baseline(_skill_answer(), MEAN_MAE, {}) is False
    assert capsys.readouterr().out.startswith("Not yet")
