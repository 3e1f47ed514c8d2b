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


# exercise 2: predict what clipping per array and globally do (notebook 04) ----------------------

def _clip_check(args):
    return ex.check_clip_prediction(*args)


RIGHT_PER, RIGHT_GLOBAL = {"U": 1, "W_y": 0.5}, {"U": 0.995, "W_y": 0.0995}


def test_clip_answer_is_what_the_optimiser_does():
    from rnn_helpers.core import optim
    want = ex.clip_norms()
    for k, g in ex.CLIP_GRADS.items():
        assert np.isclose(np.linalg.norm(optim.clip_by_norm(g, ex.CLIP_MAX_NORM)),
                          want["per array"][k])
    clipped, _ = optim.clip_by_global_norm(ex.CLIP_GRADS, ex.CLIP_MAX_NORM)
    for k, g in clipped.items():
        assert np.isclose(np.linalg.norm(g), want["global"][k])


def test_check_clip_prediction(capsys):
    for args, ok, words in [
        ((RIGHT_PER, RIGHT_GLOBAL, "global"), True, "the direction kept"),
        ((RIGHT_PER, {"U": 0.99504, "W_y": 0.1}, " Global "), True, "Correct"),
        (({"U": 1, "W_y": 1}, RIGHT_GLOBAL, "global"), False, "scaled UP"),
        ((RIGHT_GLOBAL, RIGHT_GLOBAL, "global"), False, "each array on its own"),
        (({"U": 5, "W_y": 0.5}, RIGHT_GLOBAL, "global"), False, "which of them is above 1"),
        ((RIGHT_PER, RIGHT_PER, "global"), False, "BOTH by the same factor"),
        ((RIGHT_PER, {"U": 0.909, "W_y": 0.0909}, "global"), False, "not the sum"),
        ((RIGHT_PER, {"U": 0.5, "W_y": 0.05}, "global"), False, "max_norm / (joint norm)"),
        ((RIGHT_PER, RIGHT_GLOBAL, "per array"), False, "the whole gradient turns"),
        ((RIGHT_PER, RIGHT_GLOBAL, "both"), False, "the whole gradient turns"),
        ((RIGHT_PER, RIGHT_GLOBAL, ...), False, "now keeps_direction"),
        (({"U": ..., "W_y": ...}, RIGHT_GLOBAL, ...), False, "still has a `...`"),
        ((None, RIGHT_GLOBAL, "global"), False, "should be a dict"),
        (({"U": "a", "W_y": 1}, RIGHT_GLOBAL, "global"), False, "two numbers"),
        ((RIGHT_PER, [1, 2], "global"), False, "should be a dict"),
    ]:
        got, out = verdict(capsys, _clip_check, args)
        assert got is ok and words in out, (args, out)
