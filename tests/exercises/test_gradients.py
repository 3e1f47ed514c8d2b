"""Tests for rnn_helpers.exercises.gradients (notebook 04): the Jacobian and clipping checkers
pass right answers and name the usual mistakes."""

import numpy as np

from rnn_helpers.analysis import gradflow
from rnn_helpers.exercises import gradients as ex
from tests.conftest import verdict


def test_jacobian_exercise(capsys):
    def right(U, h, t):
        return gradflow.jacobian_products(U, h, "tanh")[t]

    ok, out = verdict(capsys, ex.check_jacobian, right)
    assert ok, out
    for kwargs, words in [({"transpose": False}, "U is used untransposed"),
                          ({"derivative": False}, "tanh' is missing"),
                          ({"reverse": True}, "reverse order"),
                          ({"shift": 1}, "one factor too few")]:
        ok, out = verdict(capsys, ex.check_jacobian,
                          lambda U, h, t, kw=kwargs: ex._jacobian(U, h, t, **kw))
        assert not ok and words in out, out


def test_clip_exercise(capsys):
    assert verdict(capsys, ex.check_clip_by_norm,
                   lambda g, m: g * min(1.0, m / np.linalg.norm(g)))[0]
    ok, out = verdict(capsys, ex.check_clip_by_norm, lambda g, m: np.clip(g, -m, m))
    assert not ok and "direction" in out
    ok, out = verdict(capsys, ex.check_clip_by_norm, lambda g, m: g * m / np.linalg.norm(g))
    assert not ok and "clipping only ever shrinks" in out
