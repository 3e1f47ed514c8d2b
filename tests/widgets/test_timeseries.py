"""Tests for rnn_helpers.widgets.timeseries (notebook 07): the forecast widget follows its sliders
(set them, read `.result`; no browser)."""

import numpy as np
import pytest

from rnn_helpers.widgets import timeseries as wts


def test_forecast_widget_follows_its_sliders(forecaster):
    model, series = forecaster
    box = wts.forecast_widget(model, series, T=12, period=6, first_origin=80, max_horizon=20,
                              horizon=10)
    assert box.result["origin"] == 80 and len(box.result["RNN"]) == 10
    box.controls["origin"].value = 90
    box.controls["horizon"].value = 15
    expected = wts.forecast_view(model, series, 90, 15, T=12, period=6, max_horizon=20)
    for name in ("truth", "RNN", "naive", "seasonal naive"):
        np.testing.assert_allclose(box.result[name], expected[name])
    np.testing.assert_allclose(box.result["truth"], series[90:105])
    line = next(x for x in box.figure.axes[0].lines if x.get_gid() == "forecast:RNN")
    np.testing.assert_allclose(line.get_ydata(), expected["RNN"])
    assert box.result["mae_mean"]["naive"] == pytest.approx(
        np.mean(np.abs(series[89] - series[90:105])))
