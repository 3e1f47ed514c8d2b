"""Widgets of notebooks 03 and 04 (set a control, read the result) and their exercises."""

import numpy as np
import pytest

from rnn_helpers import exercises_training as ex
from rnn_helpers import gradflow, rnn
from rnn_helpers.widgets import gradients as wg
from rnn_helpers.widgets import training as wt


@pytest.fixture(scope="module")
def runs():
    return wt.learning_rate_runs(learning_rates=(1e-3, 1e-2, 1e-1), epochs=4, n=60)


def test_gradient_widget_follows_its_controls():
    box = wg.gradient_flow_widget()
    assert box.result["T"] == 30 and box.result["activation"] == "tanh"
    box.controls["radius"].value = 1.5
    box.controls["T"].value = 80
    box.controls["activation"].value = "linear"
    result = box.result
    assert result["T"] == 80 and result["activation"] == "linear"
    assert result["radius"] == pytest.approx(1.5)
    np.testing.assert_allclose(result["norms"], 1.5 ** (80 - np.arange(81)), rtol=1e-9)
    ax = box.figure.axes[0]
    assert "linear" in ax.get_title() and "T = 80" in ax.get_title()
    lines = {line.get_gid(): line for line in ax.lines}
    assert len(lines["measured"].get_xdata()) == 81
    assert ax.get_xlim() == pytest.approx(wg.XLIM) and ax.get_ylim() == pytest.approx(wg.YLIM)
    assert (box.controls["radius"].min, box.controls["radius"].max) == (0.5, 1.5)
    assert (box.controls["T"].min, box.controls["T"].max) == (5, 100)
    assert tuple(box.controls["activation"].options) == ("tanh", "relu", "linear")


def test_learning_rate_runs_and_view(runs):
    assert sorted(runs) == [1e-3, 1e-2, 1e-1]
    assert all(len(h.history["loss"]) == 4 for h in runs.values())
    view = wt.learning_rate_view(runs, 1e-2, 2)
    assert view["epochs"] == 2 and view["logs"]["loss"] == runs[1e-2].history["loss"][:2]
    assert view["val_accuracy"] == runs[1e-2].history["val_accuracy"][1]
    assert "learning rate 0.01" in view["title"] and "after 2 epochs" in view["title"]
    assert wt.learning_rate_view(runs, 1e-2, 99)["epochs"] == 4
    with pytest.raises(ValueError, match="learning_rate: expected one of the trained rates"):
        wt.learning_rate_view(runs, 0.5, 2)


def test_learning_rate_runs_are_reproducible():
    a = wt.learning_rate_runs(learning_rates=(1e-2,), epochs=2, n=30)
    b = wt.learning_rate_runs(learning_rates=(1e-2,), epochs=2, n=30)
    assert a[1e-2].history == b[1e-2].history


def test_learning_rate_widget_follows_its_controls(runs):
    box = wt.learning_rate_widget(runs)
    assert box.result["learning_rate"] == 1e-2 and box.result["epochs"] == 4
    box.controls["log10_lr"].value = -3
    box.controls["epochs"].value = 2
    assert box.result["learning_rate"] == 1e-3 and box.result["epochs"] == 2
    lines = {line.get_gid(): line for ax in box.figure.axes for line in ax.lines}
    np.testing.assert_array_equal(lines["loss"].get_ydata(), runs[1e-3].history["loss"][:2])
    assert "learning rate 0.001" in box.figure._suptitle.get_text()
    assert (box.controls["log10_lr"].min, box.controls["log10_lr"].max) == (-3, -1)
    with pytest.raises(ValueError, match="runs: expected runs at consecutive powers of ten"):
        wt.learning_rate_widget({1e-3: runs[1e-3], 1e-1: runs[1e-1]}, learning_rate=1e-3)


# --- exercises -------------------------------------------------------------------------------

def _verdict(capsys, check, answer):
    ok = check(answer)
    return ok, capsys.readouterr().out


def test_step_backward_exercise(capsys):
    ok, out = _verdict(capsys, ex.check_step_backward, rnn.rnn_step_backward)
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
        ok, out = _verdict(capsys, ex.check_step_backward, answer)
        assert not ok and out.startswith("Not yet") and words in out, out


def test_accuracy_and_memorisation_exercises(capsys):
    ok, out = _verdict(capsys, ex.check_accuracy,
                       lambda y, p: float(np.mean((p > 0.5) == y)))
    assert ok, out
    ok, out = _verdict(capsys, ex.check_accuracy, lambda y, p: float(np.mean(p == y)))
    assert not ok and "first turn it into a class" in out
    assert _verdict(capsys, ex.check_memorisation, "c")[0]
    assert _verdict(capsys, ex.check_memorisation, " (C) ")[0]
    ok, out = _verdict(capsys, ex.check_memorisation, "b")
    assert not ok and "more epochs" in out
    ok, out = _verdict(capsys, ex.check_memorisation, ...)
    assert not ok and "still `...`" in out


def test_jacobian_exercise(capsys):
    def right(U, h, t):
        return gradflow.jacobian_products(U, h, "tanh")[t]

    ok, out = _verdict(capsys, ex.check_jacobian, right)
    assert ok, out
    for kwargs, words in [({"transpose": False}, "U is used untransposed"),
                          ({"derivative": False}, "tanh' is missing"),
                          ({"reverse": True}, "reverse order"),
                          ({"shift": 1}, "one factor too few")]:
        ok, out = _verdict(capsys, ex.check_jacobian,
                           lambda U, h, t, kw=kwargs: ex._jacobian(U, h, t, **kw))
        assert not ok and words in out, out


def test_clip_exercise(capsys):
    assert _verdict(capsys, ex.check_clip_by_norm,
                    lambda g, m: g * min(1.0, m / np.linalg.norm(g)))[0]
    ok, out = _verdict(capsys, ex.check_clip_by_norm, lambda g, m: np.clip(g, -m, m))
    assert not ok and "direction" in out
    ok, out = _verdict(capsys, ex.check_clip_by_norm, lambda g, m: g * m / np.linalg.norm(g))
    assert not ok and "clipping only ever shrinks" in out
