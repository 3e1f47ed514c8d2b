"""Tests for rnn_helpers.exercises.training (notebook 03): the step-backward, accuracy and
memorisation checkers pass right answers and name the usual mistakes."""

import numpy as np

from rnn_helpers.core import rnn
from rnn_helpers.exercises import training as ex
from tests.conftest import verdict


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


def test_accuracy_and_memorisation_exercises(capsys):
    ok, out = verdict(capsys, ex.check_accuracy,
                      lambda y, p: float(np.mean((p > 0.5) == y)))
    assert ok, out
    ok, out = verdict(capsys, ex.check_accuracy, lambda y, p: float(np.mean(p == y)))
    assert not ok and "first turn it into a class" in out
    assert verdict(capsys, ex.check_memorisation, "c")[0]
    assert verdict(capsys, ex.check_memorisation, " (C) ")[0]
    ok, out = verdict(capsys, ex.check_memorisation, "b")
    assert not ok and "more epochs" in out
    ok, out = verdict(capsys, ex.check_memorisation, ...)
    assert not ok and "still `...`" in out
