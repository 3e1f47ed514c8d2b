"""Tests for rnn_helpers.widgets.cells: the LSTM step widget's values equal lstm_step_forward."""

import numpy as np

from rnn_helpers.core import lstm
from rnn_helpers.widgets import cells


def test_views_equal_lstm_forward():
    views = cells.lstm_step_views(H=2, seed=0)
    assert views["difference"] < 1e-14
    h, c, _ = lstm.lstm_forward(views["x"][None], None, None, views["W"], views["U"], views["b"])
    np.testing.assert_allclose(views["steps"][-1]["h_t"][0], h[0, -1], atol=1e-14)


def test_slider_moves_the_step():
    box = cells.lstm_step_widget(H=2)
    box.controls["t"].value = 3
    np.testing.assert_allclose(box.result["h_t"], box.views["steps"][2]["h_t"])
    assert box.controls["t"].max == len(box.views["steps"])
