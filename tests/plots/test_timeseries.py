"""Tests for rnn_helpers.plots.timeseries (notebook 07): the figures are drawn, labelled, and
refuse bad input."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnn_helpers.plots import timeseries as pts
from rnn_helpers.widgets import timeseries as wts


def test_timeseries_figures(forecaster):
    model, series = forecaster
    assert isinstance(pts.plot_series(series, 80), Figure)
    t = np.arange(80, 90)
    fig = pts.plot_forecasts(t, series[80:90], {"RNN": series[80:90], "naive": series[79:89]})
    assert len(fig.axes[0].lines) == 3
    fig = pts.plot_error_by_horizon({"RNN": np.ones(5), "naive": np.arange(5.0)})
    assert fig.axes[0].get_xlabel().startswith("horizon")
    fig = pts.plot_errors({"RNN": 0.1, "naive": 0.3}, note="noise 0.1")
    assert "noise" in fig.axes[0].get_title()
    result = wts.forecast_view(model, series, 90, 10, T=12, period=6)
    fig = pts.plot_multi_step(series, 90, result, T=12)
    assert {x.get_gid() for x in fig.axes[0].lines} >= {"past", "truth", "forecast:RNN"}


def test_figure_input_checks():
    with pytest.raises(ValueError, match="errors: expected a non-empty dict"):
        pts.plot_errors([])


def test_error_by_horizon_log_scale():
    fig = pts.plot_error_by_horizon({"RNN": np.array([0.1, 0.2])}, log=True)
    assert fig.axes[0].get_yscale() == "log" and "log scale" in fig.axes[0].get_ylabel()


def test_autocorrelation_figure_is_titled_and_labelled():
    y = np.sin(np.arange(300) / 3.0)
    fig = pts.plot_autocorrelation(y, np.linspace(1, -1, 20), n_show=100, name="A wave")
    left, right = fig.axes
    assert left.get_title() == "A wave: its first 100 values"
    assert len(left.lines[0].get_xdata()) == 100
    assert len(right.patches) == 20 and right.get_xlabel() == "lag k (time steps)"
    assert all(ax.get_ylabel() for ax in fig.axes)
    with pytest.raises(ValueError, match="acf"):
        pts.plot_autocorrelation(y, np.ones((2, 2)))
