"""Tests for rnn_helpers.widgets.beyond (notebook 09): the attention widget follows its slider
(set it, read `.result`; no browser)."""

import numpy as np

from rnn_helpers.datasets import beyond
from rnn_helpers.widgets.beyond import attention_widget


def test_attention_widget_follows_its_slider(recall_example):
    X, y, alpha, y_prob = recall_example
    box = attention_widget(X, y, alpha, y_prob)
    assert box.result["index"] == 0
    assert box.controls["index"].max == 5
    for i in (2, 5, 1):
        box.controls["index"].value = i
        expected = beyond.recall_report(X, y, alpha, y_prob, i)
        assert box.result["index"] == i
        np.testing.assert_array_equal(box.result["alpha"], alpha[i])
        assert box.result["marker"] == expected["marker"]
        bars = next(c for c in box.figure.axes[0].collections if c.get_gid() == "alpha")
        heights = [path.vertices[:, 1].max() for path in bars.get_paths()]
        np.testing.assert_allclose(heights, alpha[i])          # the figure moved too
    box.controls["index"].value = 2
    assert box.result["alpha_at_marker"] == 1.0 and box.result["argmax"] == box.result["marker"]
