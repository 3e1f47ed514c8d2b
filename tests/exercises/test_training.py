"""Tests for rnn_helpers.exercises.training (notebook 03): the checkers of the step backward,
the accuracy, the shuffle that made a model memorise and the stacked backward with a bug pass
right answers and name the usual mistakes."""

import numpy as np
import pytest

from rnn_helpers.analysis import bptt
from rnn_helpers.core import rnn
from rnn_helpers.datasets import first_vs_last
from rnn_helpers.datasets.tasks import last_value_accuracy
from rnn_helpers.exercises import training as ex
from tests.conftest import verdict


def names_each_mistake(capsys, check, answers, expected):
    """answers["right"] is called correct; each answers[name] gets a "Not yet" with `words`."""
    ok, out = verdict(capsys, check, answers["right"])
    assert ok and out.startswith("Correct"), out
    for name, words in expected:
        ok, out = verdict(capsys, check, answers[name])
        assert not ok and out.startswith("Not yet") and words in out, (name, out)


def test_step_backward_exercise(capsys):
    ok, out = verdict(capsys, ex.check_step_backward, rnn.rnn_step_backward)
    assert ok and out.startswith("Correct")

    def stub(dh_t, cache):
        return {"dx_t": ..., "dh_prev": ..., "dW": ..., "dU": ..., "db": ...}

    def no_tanh(dh_t, c):
        return {"dx_t": dh_t @ c["W"].T, "dh_prev": dh_t @ c["U"].T, "dW": c["x_t"].T @ dh_t,
                "dU": c["h_prev"].T @ dh_t, "db": dh_t.sum(0)}

    def db_not_summed(dh_t, c):
        g = rnn.rnn_step_backward(dh_t, c)
        g["db"] = dh_t * (1 - c["h_t"] ** 2)
        return g

    def raises(dh_t, c):
        raise NotImplementedError

    for answer, words in [(stub, "dx_t is still `...`"), (no_tanh, "the tanh is skipped"),
                          (db_not_summed, "db is not summed over the batch"),
                          (raises, "NotImplementedError"), (42, "expected a function")]:
        ok, out = verdict(capsys, ex.check_step_backward, answer)
        assert not ok and out.startswith("Not yet") and words in out, out


def _logit_accuracy(y, logit):
    return float(np.mean((logit.reshape(-1) > 0) == y.reshape(-1)))


def _majority(y):
    return max(float(np.mean(y)), 1 - float(np.mean(y)))


def _verdict(capsys, accuracy, majority):
    """(what check_accuracy returned, what it printed): two lines, one per function."""
    ok = ex.check_accuracy(accuracy, majority)
    out = capsys.readouterr().out
    assert out.count("\n") == 2, out
    return ok, out


def test_accuracy_exercise_passes_the_right_answers(capsys):
    ok, out = _verdict(capsys, _logit_accuracy, _majority)
    assert ok and out.count("Correct") == 2, out
    sigmoid_first = lambda y, l: float(np.mean((1 / (1 + np.exp(-l.ravel())) > 0.5) == y.ravel()))  # noqa: E731
    ok, out = _verdict(capsys, sigmoid_first, _majority)
    assert ok, out                                 # the sigmoid is not needed, but not wrong


@pytest.mark.parametrize("accuracy, words", [
    (lambda y, l: float(np.mean((l.ravel() > 0.5) == y.ravel())), "ℓ > 0"),
    (lambda y, l: float(np.mean((l > 0) == y)), "(n, n) table"),
    (lambda y, l: float(np.mean((l > 0.5) == y)), "two mistakes"),
    (lambda y, l: float(np.sum((l.ravel() > 0) == y.ravel())), "count, not a fraction"),
    (lambda y, l: 1 - _logit_accuracy(y, l), "fraction of wrong answers"),
    (lambda y, l: float(np.mean(l.ravel() > 0)), "fraction of predicted 1s"),
    (lambda y, l: float(np.mean(np.round(l.ravel()) == y.ravel())), "rounding a logit"),
    (lambda y, l: ..., "`...`"),
    (lambda y: 0.5, "raised TypeError"),
])
def test_accuracy_exercise_names_each_mistake(capsys, accuracy, words):
    ok, out = _verdict(capsys, accuracy, _majority)
    assert not ok and words in out, out


@pytest.mark.parametrize("majority, words", [
    (lambda y: 0.5, "coin's accuracy"),
    (lambda y: float(np.mean(y)), "fraction of 1s"),
    (lambda y: 1 - _majority(y), "minority"),
    (lambda y: float(np.mean(y) > 0.5), "the class the rule answers"),
    (lambda y: max(float(np.sum(y)), float(np.sum(1 - y))), "divide by the number"),
    ("0.7", "expected a function"),
])
def test_majority_baseline_names_each_mistake(capsys, majority, words):
    ok, out = _verdict(capsys, _logit_accuracy, majority)
    assert not ok and words in out, out


def test_accuracy_cases_tell_the_mistakes_apart():
    """Every hidden case has labels of both classes, a logit in (0, 0.5] and none at 0; the
    labels come as (n,) and (n, 1), with 1 the majority in one case and 0 in another."""
    from rnn_helpers.exercises import training_accuracy as acc
    cases = acc._accuracy_cases()
    assert {y.ndim for y, _ in cases} == {1, 2}
    assert min(float(np.mean(y)) for y, _ in cases) < 0.5 < max(float(np.mean(y)) for y, _ in cases)
    for y, logit in cases:
        assert logit.shape == (len(y), 1) and np.all(np.abs(logit) > 0.01)
        assert np.any((logit > 0) & (logit <= 0.5))


def _shuffles():
    """Answers to Exercise 3: the right shuffle and the usual mistakes."""
    def perm(seed, n):
        return np.random.default_rng(seed).permutation(n)

    return {
        "right": lambda X, y, s: (X[perm(s, len(X))], y[perm(s, len(X))]),
        "two permutations": lambda X, y, s: (X[perm(s, len(X))], y[perm(s + 1, len(X))]),
        "only X": lambda X, y, s: (X[perm(s, len(X))], y),
        "not shuffled": lambda X, y, s: (X, y),
        "with replacement": lambda X, y, s: (X[np.arange(len(X)) // 2], y[np.arange(len(X)) // 2]),
        "flattened": lambda X, y, s: (X.reshape(len(X), -1), y),
        "raises": lambda X, y, s: {}["k"],
    }


def test_memorisation_exercise_names_each_mistake(capsys):
    names_each_mistake(capsys, ex.check_memorisation, _shuffles(), [
        ("two permutations", "two different permutations"), ("only X", "only X was shuffled"),
        ("not shuffled", "nothing was shuffled"), ("with replacement", "came back twice"),
        ("flattened", "never the shapes"), ("raises", "raised KeyError")])
    ok, out = verdict(capsys, ex.check_memorisation, ex.colleague_shuffle)
    assert not ok and "the colleague's function itself" in out
    for junk in ("c", ..., None, 3):
        ok, out = verdict(capsys, ex.check_memorisation, junk)
        assert not ok and out.startswith("Not yet") and out.count("\n") == 1, out


def test_the_colleagues_shuffle_cuts_the_link_between_x_and_y():
    """What Exercise 3 asks the learner to spot: after colleague_shuffle the labels no longer
    follow the sequences, so even the last-value rule drops to chance."""
    X, y = first_vs_last(2000, seed=0)
    X_c, y_c = ex.colleague_shuffle(X, y, seed=1)
    assert X_c.shape == X.shape and y_c.shape == y.shape
    assert sorted(map(tuple, X_c[:, :, 0])) == sorted(map(tuple, X[:, :, 0]))
    assert abs(last_value_accuracy(X_c, y_c) - 0.5) < 0.05 < last_value_accuracy(X, y) - 0.5


def _stacked_answers():
    def with_layer_1(cache, dh1):
        g1 = rnn.rnn_backward(dh1, cache["c1"])
        return {**bptt.stacked_backward(cache), "dW1": g1["dW"], "dU1": g1["dU"],
                "db1": g1["db"]}

    def only_at_T(cache):
        dh1 = np.zeros_like(cache["h2"])
        dh1[:, -1] = bptt.stacked_backward(cache)["dh1"][:, -1]
        return with_layer_1(cache, dh1)

    def gets_dh2(cache):
        dh2 = np.zeros_like(cache["h2"])
        dh2[:, -1] = (cache["o"] - cache["y"]) / len(dh2) @ cache["p"]["W_y"].T
        return with_layer_1(cache, dh2)

    def no_bias_sum(cache):
        g = bptt.stacked_backward(cache)
        return {**g, "db2": 2 * g["db2"]}

    return {"right": bptt.stacked_backward, "only at T": only_at_T, "gets dh2": gets_dh2,
            "db2 wrong": no_bias_sum, "missing key": lambda c: {"dW1": 0},
            "strings": lambda c: dict.fromkeys(ex.STACKED, "a"),
            "writes in the cache": lambda c: c["h2"].fill(0) or bptt.stacked_backward(c)}


def test_stacked_backward_exercise_names_each_mistake(capsys):
    names_each_mistake(capsys, ex.check_stacked_backward, _stacked_answers(), [
        ("only at T", "still the code as given"), ("gets dh2", "layer 1 received dh2"),
        ("db2 wrong", "db2 is wrong, the others agree"),
        ("missing key", "return a dict with the keys"), ("strings", "numeric array"),
        ("writes in the cache", "wrong")])
    ok, out = verdict(capsys, ex.check_stacked_backward, 42)
    assert not ok and "expected a function" in out
