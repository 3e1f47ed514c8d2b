"""Tests for rnn_helpers.widgets.start (notebook 00): the glossary widget looks terms up."""

from rnn_helpers.widgets import start


def test_glossary_widget_looks_terms_up():
    box = start.glossary_widget()
    assert box.result["chinese"] == "隐藏状态"
    box.controls["term"].value = "vanishing gradient"
    assert box.result["chinese"] == "梯度消失" and box.result["notebook"] == "04"
