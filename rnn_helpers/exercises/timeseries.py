"""Checks for the exercises of notebook 07 (time series): choose the season length of a series
from its autocorrelation and justify it with a run (mystery_series, check_season_length); a skill
score against which baseline (check_skill_baseline). check_seasonal_naive and check_skill are the
earlier one-line exercises (a copied line, a dictated formula), kept for teachers."""

import numpy as np

from .._validate import check_positive_int, check_seed
from ..datasets.timeseries import mae, make_windows, seasonal_naive_forecast
from .checking import check_function, checker, say


def _seasonal(X, period):
    return X[:, X.shape[1] - period, :]


def _windows_cases():
    rng = np.random.default_rng(7)
    cases = []
    for N, T, period in ((4, 6, 3), (3, 8, 8), (5, 10, 4), (2, 5, 1)):
        cases.append((rng.normal(size=(N, T, 1)).round(3), period))
    return cases


def check_seasonal_naive(fn):
    """Notebook 07: fn(X, period) -> X[:, T - period, :], the value one period before the
    target (the target follows X's last step), shape (N, 1)."""
    return check_function(fn, _windows_cases(), _seasonal, name="seasonal_naive",
                          arg_names=("X", "period"), mistakes=[
        ("this is the last value of each window, the plain naive forecast: go back one whole "
         "period from the target, X[:, T - period].", lambda X, p: X[:, -1, :]),
        ("off by one step: the target is the step after X's last, so one period before it is "
         "X[:, T - period], not X[:, T - period - 1].",
         lambda X, p: X[:, X.shape[1] - p - 1, :]),
        ("off by one step: the target is the step after X's last, so one period before it is "
         "X[:, T - period], not X[:, T - period + 1].",
         lambda X, p: X[:, min(X.shape[1] - p + 1, X.shape[1] - 1), :]),
        ("the shape should be (N, 1), like the model's output: keep the feature axis, "
         "X[:, T - period, :].", lambda X, p: X[:, X.shape[1] - p, 0]),
    ])


def _skill(y_true, y_model, y_naive):
    return 1 - np.mean(np.abs(y_model - y_true)) / np.mean(np.abs(y_naive - y_true))


def check_skill(fn):
    """Notebook 07: fn(y_true, y_model, y_naive) -> 1 - MAE(model) / MAE(naive)."""
    rng = np.random.default_rng(8)
    cases = []
    for n, model_noise in ((20, 0.5), (30, 1.0), (10, 2.0), (40, 0.1)):
        y = rng.normal(size=(n, 1))
        cases.append((y, y + model_noise * rng.normal(size=(n, 1)), y + rng.normal(size=(n, 1))))

    def mse_based(y, m, nv):
        return 1 - np.mean((m - y) ** 2) / np.mean((nv - y) ** 2)

    return check_function(fn, cases, _skill, name="skill",
                          arg_names=("y_true", "y_model", "y_naive"), mistakes=[
        ("this is the ratio MAE(model) / MAE(naive) itself; the skill is 1 minus it, so that 0 "
         "means 'as good as naive' and > 0 means better.",
         lambda y, m, nv: np.mean(np.abs(m - y)) / np.mean(np.abs(nv - y))),
        ("the ratio is upside down: MAE(model) goes on top, MAE(naive) below.",
         lambda y, m, nv: 1 - np.mean(np.abs(nv - y)) / np.mean(np.abs(m - y))),
        ("this uses squared errors; the exercise asks for absolute errors, np.abs(...).",
         mse_based),
        ("the errors need absolute values: without np.abs, positive and negative errors "
         "cancel.", lambda y, m, nv: 1 - np.mean(m - y) / np.mean(nv - y)),
    ])


# --- exercise 1: choose the season length, and justify it with a run ---------------------------
CYCLE = 18            # the mystery series' cycle, in steps: what the learner has to find
WINDOW, N_TRAIN = 60, 600   # the run: windows of 60 steps over the first 600 values


def mystery_series(n=800, seed=0):
    """Notebook 07's exercise: a series with a cycle the learner is not told.

        y_t = sin(2 pi t / 18 + phi) + 0.8 sin(4 pi t / 18 + 2 phi + 1) + l_t + 0.1 e_t
        l_t = 0.98 l_{t-1} + 0.04 u_t        (a level that wanders slowly)

    phi uniform in [0, 2 pi), e_t and u_t independent N(0, 1), all drawn from `seed`. The
    second sine gives two bumps per cycle (counting peaks by eye gives half the cycle); the
    wandering level makes a copy from one cycle back better than one from two cycles back.
    n values -> y (n,).
    """
    n = check_positive_int("n", n)
    rng = np.random.default_rng(check_seed(seed))
    t = np.arange(n)
    phase = rng.uniform(0, 2 * np.pi)
    wave = (np.sin(2 * np.pi * t / CYCLE + phase)
            + 0.8 * np.sin(4 * np.pi * t / CYCLE + 2 * phase + 1.0))
    steps = 0.04 * rng.normal(size=n)
    level = np.zeros(n)
    for k in range(1, n):
        level[k] = 0.98 * level[k - 1] + steps[k]
    return wave + level + 0.1 * rng.normal(size=n)


def seasonal_run(series, period):
    """The run the exercise asks for: the seasonal naive forecast's MAE with season `period`,
    on windows of WINDOW steps over the first N_TRAIN values of `series`."""
    X, y = make_windows(np.asarray(series, dtype=float)[:N_TRAIN], WINDOW)
    return mae(y, seasonal_naive_forecast(X, period))


def _wrong_choice(period):
    """Words for a season length that the learner's own run preferred but is not the cycle."""
    if period == 1:
        return ("1 is the plain naive forecast, \"the next value = the last one\": neighbouring "
                "values are alike in any smooth series. A season is a peak further out: add "
                "the lag of the autocorrelation's highest peak past the first few lags.")
    if 2 * period == CYCLE:
        return (f"{period} is half the cycle: the series has two bumps per cycle, so counting "
                "peaks in the plot gives half of it. The autocorrelation at that lag is low "
                "(the two bumps differ); add the lag of its highest peak to the candidates.")
    if period % CYCLE == 0:
        return (f"{period} is a whole number of cycles, so it forecasts well, but the level "
                "wanders: a copy from further back has drifted more. Add the shortest lag at "
                "which the autocorrelation peaks to the candidates.")
    if abs(period - CYCLE) == 1:
        return (f"{period} is off by one: read the lag of the autocorrelation's peak exactly "
                "(its bar is the tallest of its neighbours), and try the lags next to it.")
    if period == 24:
        return ("24 was the first series' cycle (hours in a day); this series' cycle is not "
                "given: read it off the autocorrelation.")
    return (f"{period} is not the cycle: the autocorrelation's highest peak past the first "
            "few lags is; put that lag in the candidates.")


@checker
def check_season_length(period, tried, series):
    """Notebook 07: `period`, the learner's season length for `series`, and `tried`, their run
    {candidate: the seasonal naive MAE of seasonal_run}. Right when period is the cycle, the
    run has compared it with at least one other candidate, and the run prefers it."""
    if period is Ellipsis or period is None:
        return say(False, "period is still `...`: set it to the season length you choose.")
    if not isinstance(tried, dict) or not tried:
        return say(False, "the run is empty: put two or more season lengths, read from the "
                          "autocorrelation's peaks, in `candidates`, and run the cell again.")
    if isinstance(period, float) and float(period).is_integer():
        period = int(period)
    if not isinstance(period, (int, np.integer)) or isinstance(period, bool) or period < 1:
        return say(False, f"period should be a whole number of steps, such as 12; got "
                          f"{period!r:.40}.")
    runs = {}
    for candidate, value in tried.items():
        if isinstance(candidate, bool) or not isinstance(candidate, (int, np.integer)):
            return say(False, f"the candidates should be whole numbers of steps, such as 12; "
                              f"got {candidate!r:.20}.")
        p = int(candidate)
        if not 1 <= p <= WINDOW:
            return say(False, f"the candidate {candidate!r:.20} cannot be run: a season length "
                              f"is between 1 and the window's {WINDOW} steps.")
        runs[p] = seasonal_run(series, p)
        if not np.isclose(float(value), runs[p], rtol=1e-9, atol=1e-12):
            return say(False, f"the MAE given for {p} is not what the run computes "
                              f"({runs[p]:.4f}): fill `tried` with the cell's loop, not by hand.")
    if int(period) not in runs:
        return say(False, f"justify {period} with the run: add it to the candidates, next to "
                          "the others you read from the autocorrelation.")
    if len(runs) < 2:
        return say(False, f"a run justifies a choice by comparison: add at least one other "
                          f"candidate (another peak of the autocorrelation) next to {period}.")
    best = min(runs, key=runs.get)
    if best != period:
        return say(False, f"your own run prefers {best} (MAE {runs[best]:.4f}) to your choice "
                          f"{period} (MAE {runs[period]:.4f}): choose by the evidence.")
    if period != CYCLE:
        return say(False, _wrong_choice(int(period)))
    others = ", ".join(f"{p}: {runs[p]:.4f}" for p in sorted(runs) if p != period)
    return say(True, f"the season length is {period} steps: the autocorrelation's highest peak, "
                     f"and the run agrees (MAE {runs[period]:.4f}, against {others}).")


# --- exercise 2: a skill score, against which baseline? ----------------------------------------
_BASELINES = ("naive", "seasonal naive")


@checker
def check_skill_baseline(answer, mae_model, errors):
    """Notebook 07: answer {"skill vs naive", "skill vs seasonal naive": the model's skill
    1 - MAE(model) / MAE(baseline) against each rule, "report against": the baseline to report
    for a series with a cycle}; mae_model the model's test MAE, errors {rule: test MAE}."""
    if not isinstance(answer, dict):
        return say(False, f"answer should be a dict, got {type(answer).__name__}.")
    mae_model = float(mae_model)
    want = {f"skill vs {b}": 1 - mae_model / float(errors[b]) for b in _BASELINES}
    for key, value in want.items():
        got = answer.get(key, Ellipsis)
        if isinstance(got, bool) or not isinstance(got, (int, float, np.number)):
            return say(False, f"answer[{key!r}] should be a number, the skill computed from "
                              "the MAEs (is a `...` left?).")
        if abs(got - value) <= 0.005:
            continue
        base = float(errors[key.removeprefix("skill vs ")])
        if abs(got - mae_model / base) <= 0.005:
            return say(False, f"{key} = {got:.3f} is the ratio MAE(model) / MAE(baseline) "
                              "itself; the skill is 1 minus it, so that 0 means 'as good as "
                              "the baseline'.")
        if abs(got - (1 - base / mae_model)) <= 0.005:
            return say(False, f"{key}: the ratio is upside down; MAE(model) goes on top.")
        single = errors.get("RNN")
        if single is not None and abs(got - (1 - float(single) / base)) <= 0.005:
            return say(False, f"{key} uses the first start's MAE only; use the mean over the "
                              "starts, as the exercise asks: one start is an anecdote.")
        return say(False, f"{key} = {got:.3f} is not 1 - MAE(model) / MAE(baseline) yet "
                          "(within 0.005).")
    choice = answer.get("report against", Ellipsis)
    choice = choice.strip().lower() if isinstance(choice, str) else choice
    if choice not in _BASELINES:
        return say(False, "both skills are right; now 'report against': 'naive' or "
                          "'seasonal naive'.")
    if choice == "naive":
        return say(False, f"against naive the skill is {want['skill vs naive']:.2f}, but the "
                          "naive rule ignores the cycle, which a rule that needs no learning "
                          "gets for free: most of that skill is the cycle. Report it against "
                          "the strongest such rule.")
    return say(True, f"skill {want['skill vs seasonal naive']:.2f} against seasonal naive (and "
                     f"{want['skill vs naive']:.2f} against naive): the strongest rule that needs "
                     "no learning is the bar; what the model adds beyond the cycle is what it "
                     "learned.")
