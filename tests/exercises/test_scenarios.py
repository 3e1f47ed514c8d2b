"""Tests for rnn_helpers.exercises.scenarios (notebook 08): the checkers accept the reference,
name the usual mistakes and never raise."""

import numpy as np
import pytest

from rnn_helpers.core import metrics
from rnn_helpers.datasets import scenarios as ds
from rnn_helpers.exercises import scenarios as ex


def test_checkers_accept_the_reference(capsys):
    assert ex.check_frame_profiles(ds.frame_profiles)
    assert ex.check_confusion_matrix(lambda t, p, k: metrics.confusion_matrix(t, p, k))
    assert ex.check_depth_labels(ds.depth_labels)
    assert capsys.readouterr().out.count("Correct") == 3


@pytest.mark.parametrize("checker, answer, words", [
    (ex.check_frame_profiles,
     lambda f: np.concatenate([f.mean(axis=2), f.mean(axis=3)], axis=-1), "column means come"),
    (ex.check_frame_profiles,
     lambda f: np.concatenate([f.sum(axis=3), f.sum(axis=2)], axis=-1), "sums, not means"),
    (ex.check_frame_profiles, lambda f: f.mean(axis=(2, 3)), "returned shape"),
    (ex.check_confusion_matrix, lambda t, p, k: metrics.confusion_matrix(t, p, k).T,
     "rows and columns are swapped"),
    (ex.check_confusion_matrix, lambda t, p, k: metrics.confusion_matrix(t, p),
     "not from n_classes"),
    (ex.check_depth_labels, lambda s: ds.depth_labels(s) - 1, "one too low"),
    (ex.check_depth_labels, lambda s: ..., "still returns `...`"),
])
def test_checkers_name_the_mistake(capsys, checker, answer, words):
    assert checker(answer) is False
    out = capsys.readouterr().out
    assert out.startswith("Not yet") and words in out


def test_checker_on_depth_after_reading(capsys):
    def after(s):
        depth, out = 0, []
        for ch in s:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            out.append(depth)
        return out

    assert ex.check_depth_labels(after) is False
    assert "AFTER it closes" in capsys.readouterr().out


def test_checkers_never_raise(capsys):
    def stub(*args):
        raise NotImplementedError

    def broken(*args):
        raise KeyError("oops")

    for checker in (ex.check_frame_profiles, ex.check_confusion_matrix, ex.check_depth_labels):
        assert checker(stub) is False
        assert checker(broken) is False
    assert capsys.readouterr().out.count("Not yet") == 6


def test_axes_that_cannot_be_joined_are_explained(capsys):
    assert ex.check_frame_profiles(
        lambda f: np.concatenate([f.mean(axis=1), f.mean(axis=2)], axis=-1)) is False
    out = capsys.readouterr().out
    assert out.startswith("Not yet") and "a mean removes the axis it runs over" in out
    assert ex.check_frame_profiles(lambda f: f[99]) is False          # other errors: as they come
    assert "IndexError" in capsys.readouterr().out


def test_checker_on_both_brackets_on_the_wrong_side(capsys):
    def swapped(s):
        depth, out = 0, []
        for ch in s:
            if ch == "(":
                out.append(depth)
                depth += 1
            elif ch == ")":
                depth -= 1
                out.append(depth)
            else:
                out.append(depth)
        return out

    assert ex.check_depth_labels(swapped) is False
    assert "every bracket is one too low" in capsys.readouterr().out


# --- Exercise 2: reading a confusion matrix -------------------------------------------------------

def test_reading_accepts_the_answer(capsys):
    cm = ex.COLLEAGUE_CM
    off = cm - np.diag(np.diag(cm))
    best = np.unravel_index(off.argmax(), cm.shape)
    assert ex.check_confusion_reading(np.trace(cm) / cm.sum(), best)
    assert ex.check_confusion_reading(0.73, ("left", "right"))     # rounded, and by name
    assert ex.check_confusion_reading([[0.73]], np.array([1.0, 0.0]))
    assert capsys.readouterr().out.count("Correct") == 3


def test_reading_table_names_every_row_and_column():
    lines = ex.colleague_table().splitlines()
    assert len(lines) == 5 and all(d in lines[0] for d in ("0 right", "3 up"))
    assert lines[2].split()[-4:] == ["18", "22", "1", "1"]


@pytest.mark.parametrize("accuracy, mistaken, words", [
    (146, (1, 0), "a count, not a fraction"),
    (73, (1, 0), "a percentage"),
    (np.mean(np.diag(ex.COLLEAGUE_CM) / ex.COLLEAGUE_CM.sum(axis=1)), (1, 0),
     "mean of the per-class accuracies"),
    (0.27, (1, 0), "error rate"),
    (0.5, (1, 0), "not it yet"),
    (0.73, (0, 1), "rows and columns swapped"),
    (0.73, (2, 1), "counts the classes from 1"),
    (0.73, (1, 1), "on the diagonal"),
    (0.73, (3, 2), "13 times"),
    (0.73, (5, 7), "the classes are 0 to 3"),
])
def test_reading_names_the_mistake(capsys, accuracy, mistaken, words):
    assert ex.check_confusion_reading(accuracy, mistaken) is False
    out = capsys.readouterr().out
    assert out.startswith("Not yet") and words in out and out.count("\n") == 1


def _raises(*args):
    raise RuntimeError("boom")


@pytest.mark.parametrize("accuracy, mistaken", [
    (None, (1, 0)), (..., (1, 0)), ("0.73", (1, 0)), (np.zeros((2, 2)), (1, 0)), (_raises, (1, 0)),
    (0.73, None), (0.73, (..., ...)), (0.73, "left"), (0.73, (1, 0, 2)), (0.73, np.zeros((3, 3))),
    (0.73, _raises), (0.73, ("left", "sideways")), (0.73, (1.5, 0)), (0.73, ((1, 0), 2)),
    (object(), object()),
])
def test_reading_never_raises_on_garbage(capsys, accuracy, mistaken):
    assert ex.check_confusion_reading(accuracy, mistaken) is False
    out = capsys.readouterr().out
    assert out.startswith("Not yet") and out.count("\n") == 1
