"""Tests for rnn_helpers.widgets.language (notebook 06): the temperature widget follows its slider
(set it, read `.result`; no browser)."""

import numpy as np
import pytest

from rnn_helpers.analysis import sampling
from rnn_helpers.widgets import language as wlang


def test_temperature_widget_follows_its_slider(char_model, char_vocab):
    box = wlang.temperature_widget(char_model, char_vocab, prompt="Anne ", n_chars=30)
    assert box.result["temperature"] == 1.0 and len(box.result["text"]) == 30
    box.controls["temperature"].value = 0.3
    expected = sampling.temperature_demo(char_model, char_vocab, "Anne ", 0.3, n_chars=30,
                                         seed=0)
    assert box.result["text"] == expected["text"]
    np.testing.assert_allclose(box.result["probs"], expected["probs"])
    bars = box.figure.axes[0].containers[1].patches
    assert bars[0].get_height() == pytest.approx(expected["probs"].max())   # the figure moved
    box.controls["temperature"].value = 0.0
    assert box.result["entropy"] == pytest.approx(0.0, abs=1e-12)
    assert "Anne " in wlang._sample_html("Anne ", box.result)
