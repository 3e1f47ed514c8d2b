"""Tests for rnn_helpers.widgets.scenarios (notebook 08): the example view, the mistakes and the
widget (set a control, read `.result`; no browser)."""

import numpy as np
import pytest

from rnn_helpers.datasets import scenarios as ds
from rnn_helpers.widgets import scenarios as sw
from tests.conftest import random_probs


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
    probs = random_probs(np.random.default_rng(1), (10, 4))
    box = sw.scenario_widget("frames", frames, y, probs, ds.DIRECTIONS)
    assert box.result["index"] == 0 and set(box.controls) == {"example", "show"}
    box.controls["example"].value = 7
    assert box.result == sw.example_view(probs, y, 7)
    images = sorted((im for ax in box.figure.axes for im in ax.images),
                    key=lambda im: int(im.get_gid().split(":")[1]))
    np.testing.assert_array_equal(images[3].get_array(), frames[7, 3])   # the frames moved
    bars = [p for p in box.figure.axes[-1].patches if p.get_gid()]
    np.testing.assert_allclose([b.get_height() for b in bars], probs[7])


def test_spectrogram_widget_and_mistakes_only(tone_examples):
    X, y, probs = tone_examples
    box = sw.scenario_widget("spectrogram", X, y, probs, ds.TONES)
    wrong = sw.mistakes(probs, y)
    assert 0 < len(wrong) < len(y)
    box.controls["show"].value = "mistakes only"          # the slider counts mistakes 1 .. M
    assert (box.controls["example"].min, box.controls["example"].max) == (1, len(wrong))
    assert box.controls["example"].description == "mistake" and box.result["index"] == wrong[0]
    box.controls["example"].value = len(wrong)
    assert box.result["index"] == wrong[-1] and box.result["correct"] is False
    image = box.figure.axes[0].images[0]
    np.testing.assert_array_equal(image.get_array(), X[wrong[-1]].T)
    box.controls["show"].value = "all examples"
    assert box.controls["example"].max == len(y) - 1 and box.result["index"] == 0
    assert box.controls["example"].description == "held-out example"


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
