"""Notebook 08's widget names an example the same way on its slider and in its text
(`pick_example`): held-out example k, or mistake k of M counted from 1."""

import pytest

from rnn_helpers.widgets import scenarios as sw


def test_all_examples_the_slider_is_the_index():
    assert sw.pick_example(0, "all examples", [3, 20], 50) == (0, "Held-out example 0")
    assert sw.pick_example(20, "all examples", [3, 20], 50) == (20, "Held-out example 20")


def test_mistakes_only_counts_mistakes_from_one():
    wrong = [3, 20, 41]
    first = sw.pick_example(1, "mistakes only", wrong, 50)
    assert first == (3, "Mistake 1 of 3: held-out example 3")
    index, caption = sw.pick_example(2, "mistakes only", wrong, 50)
    assert index == 20 and caption == "Mistake 2 of 3: held-out example 20"
    assert sw.pick_example(3, "mistakes only", wrong, 50)[0] == 41


def test_positions_outside_the_slider_are_refused():
    with pytest.raises(ValueError, match=r"position: expected a mistake number in \[1, 2\]"):
        sw.pick_example(0, "mistakes only", [3, 20], 50)
    with pytest.raises(ValueError, match=r"position: expected an example index in \[0, 49\]"):
        sw.pick_example(50, "all examples", [3, 20], 50)
    with pytest.raises(ValueError, match="show: expected one of"):
        sw.pick_example(0, "some", [3], 50)


def test_the_widget_text_and_slider_agree(tone_examples):
    from rnn_helpers.datasets import scenarios as ds

    X, y, probs = tone_examples
    wrong = sw.mistakes(probs, y)
    box = sw.scenario_widget("spectrogram", X, y, probs, ds.TONES)
    box.controls["show"].value = "mistakes only"
    box.controls["example"].value = 2
    note = box.children[1].value
    assert note.startswith(f"Mistake 2 of {len(wrong)}: held-out example {wrong[1]}:")
    assert box.result["index"] == wrong[1]
