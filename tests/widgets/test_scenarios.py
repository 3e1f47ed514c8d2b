"""Notebook 08: its widget (set a control, read `.result`; no browser), figures and checkers."""

import matplotlib
import numpy as np
import pytest

from rnn_helpers import datasets_scenarios as ds
from rnn_helpers import exercises_scenarios as ex
from rnn_helpers import metrics
from rnn_helpers.plots import scenarios as plots
from rnn_helpers.widgets import scenarios as sw


def _probs(rng, shape, spread=0.3):
    return rng.dirichlet(np.full(shape[-1], spread), size=shape[:-1])


@pytest.fixture(scope="module")
def tones():
    signals, y = ds.tone_patterns(n=12, seed=1)
    X = ds.frame_spectra(signals)
    return X, y, _probs(np.random.default_rng(0), (12, 4))


def test_example_view_for_a_class():
    probs = np.array([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1]])
    view = sw.example_view(probs, np.array([1, 2]), 1)
    assert view == {"index": 1, "truth": 2, "prediction": 0, "confidence": 0.6,
                    "correct": False}
    assert sw.example_view(probs, [1, 2], 0)["correct"] is True


def test_example_view_for_a_sequence_and_mistakes():
    probs = np.eye(3)[[[0, 1, 2], [2, 2, 1]]] * 0.8 + 0.2 / 3
    y = np.array([[0, 1, 1], [2, 2, 1]])
    view = sw.example_view(probs, y, 0)
    assert view["prediction"].tolist() == [0, 1, 2] and view["correct"].tolist() == [1, 1, 0]
    assert view["accuracy"] == pytest.approx(2 / 3)
    assert sw.mistakes(probs, y).tolist() == [0]
    with pytest.raises(ValueError, match=r"i: expected an example index in \[0, 1\]"):
        sw.example_view(probs, y, 2)
    with pytest.raises(ValueError, match=r"y_true: expected labels of shape \(2, 3\)"):
        sw.example_view(probs, y[:, :2], 0)


def test_frames_widget_follows_its_slider():
    frames, y = ds.moving_shapes(n=10, seed=2)
    probs = _probs(np.random.default_rng(1), (10, 4))
    box = sw.scenario_widget("frames", frames, y, probs, ds.DIRECTIONS)
    assert box.result["index"] == 0 and set(box.controls) == {"example", "show"}
    box.controls["example"].value = 7
    assert box.result == sw.example_view(probs, y, 7)
    images = sorted((im for ax in box.figure.axes for im in ax.images),
                    key=lambda im: int(im.get_gid().split(":")[1]))
    np.testing.assert_array_equal(images[3].get_array(), frames[7, 3])   # the frames moved
    bars = [p for p in box.figure.axes[-1].patches if p.get_gid()]
    np.testing.assert_allclose([b.get_height() for b in bars], probs[7])


def test_spectrogram_widget_and_mistakes_only(tones):
    X, y, probs = tones
    box = sw.scenario_widget("spectrogram", X, y, probs, ds.TONES)
    wrong = sw.mistakes(probs, y)
    assert 0 < len(wrong) < len(y)
    box.controls["show"].value = "mistakes only"
    assert box.controls["example"].max == len(wrong) - 1
    box.controls["example"].value = len(wrong) - 1
    assert box.result["index"] == wrong[-1] and box.result["correct"] is False
    image = box.figure.axes[0].images[0]
    np.testing.assert_array_equal(image.get_array(), X[wrong[-1]].T)
    box.controls["show"].value = "all examples"
    assert box.controls["example"].max == len(y) - 1 and box.result["index"] == 0


def test_brackets_widget_and_no_mistakes_case():
    strings, _, y = ds.bracket_depths(n=6, T=12, seed=3)
    probs = np.eye(5)[y] * 0.9 + 0.02                       # always right
    box = sw.scenario_widget("brackets", strings, y, probs)
    box.controls["example"].value = 4
    assert box.result["accuracy"] == 1.0
    chars = sorted((t for t in box.figure.axes[0].texts if (t.get_gid() or "").startswith("char")),
                   key=lambda t: int(t.get_gid().split(":")[1]))
    assert "".join(t.get_text() for t in chars) == strings[4]
    box.controls["show"].value = "mistakes only"                 # none: it stays on all
    assert box.controls["show"].value == "all examples"


def test_widget_bad_input():
    with pytest.raises(ValueError, match="kind: expected one of"):
        sw.scenario_widget("video", np.zeros((2, 3, 4, 4)), [0, 1], np.eye(2))
    with pytest.raises(ValueError, match="shown, y_true: expected 2 examples each"):
        sw.scenario_widget("frames", np.zeros((3, 3, 4, 4)), [0, 1], np.eye(2))


# --- figures -----------------------------------------------------------------------------------

def _labelled(fig):
    assert isinstance(fig, matplotlib.figure.Figure)
    titles = [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle
                                                    else ""]
    assert any(titles)
    return fig


def test_figures_have_titles_and_labelled_axes(tones):
    X, y, probs = tones
    frames, fy = ds.moving_shapes(n=8, seed=0)
    fig = _labelled(plots.plot_shape_examples(frames, fy))
    assert fig.axes[0].get_ylabel() == "moves\nright"
    signals, ty = ds.tone_patterns(n=8, seed=0)
    fig = _labelled(plots.plot_tone_examples(signals, ds.frame_spectra(signals), ty))
    assert fig.axes[4].get_ylabel() == "frequency (Hz)" and fig.axes[4].get_xlabel() == "time (ms)"
    strings, _, by = ds.bracket_depths(n=2, seed=0)
    fig = _labelled(plots.plot_depths(strings[0], by[0], by[0]))
    assert fig.axes[0].get_ylabel() == "nesting depth"
    assert fig.axes[0].get_title().endswith("20/20 right")
    cm = metrics.confusion_matrix(y, probs.argmax(-1), 4)
    fig = _labelled(plots.plot_confusion(cm, ds.TONES))
    assert (fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()) == ("predicted class", "true class")
    assert [t.get_text() for t in fig.axes[0].texts] == [str(v) for v in cm.ravel()]
    fig = _labelled(plots.plot_scores({"a": {"RNN": 0.9, "chance": 0.25}, "b": {"RNN": 0.8}}))
    assert len(fig.axes[0].get_legend().get_texts()) == 2
    _labelled(plots.plot_example("spectrogram", X[0], y[0], probs[0], ds.TONES))


def test_figure_bad_input():
    with pytest.raises(ValueError, match="y: expected at least one example of every class"):
        plots.plot_shape_examples(np.zeros((2, 3, 4, 4)), [0, 0])
    with pytest.raises(ValueError, match=r"y_true: expected shape \(4,\)"):
        plots.plot_depths("(())", [1, 2, 2])
    with pytest.raises(ValueError, match="scores: expected a non-empty dict"):
        plots.plot_scores({})


# --- exercise checkers -------------------------------------------------------------------------

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
