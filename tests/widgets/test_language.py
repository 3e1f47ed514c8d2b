"""Tests for the widgets and figures of notebooks 06 and 07: set a slider, read `.result`."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnn_helpers import sampling, timeseries
from rnn_helpers import text as tx
from rnn_helpers.embedding import Embedding
from rnn_helpers.layers import Dense, SimpleRNN
from rnn_helpers.models import Sequential
from rnn_helpers.plots import language as plang
from rnn_helpers.plots import timeseries as pts
from rnn_helpers.widgets import language as wlang
from rnn_helpers.widgets import timeseries as wts

VOCAB = tx.Vocabulary("Anne walked home. ")


@pytest.fixture(scope="module")
def char_model():
    V = len(VOCAB)
    model = Sequential([Embedding(V, 4, seed=0), SimpleRNN(8, return_sequences=True, seed=1),
                        Dense(V, activation="softmax", seed=2)])
    model.build((10,))
    return model


@pytest.fixture(scope="module")
def forecaster():
    model = Sequential([SimpleRNN(4, input_shape=(12, 1), seed=1), Dense(1, seed=2)])
    series = timeseries.periodic_series(120, period=6, noise=0.05, seed=0)
    return model, series


def test_temperature_widget_follows_its_slider(char_model):
    box = wlang.temperature_widget(char_model, VOCAB, prompt="Anne ", n_chars=30)
    assert box.result["temperature"] == 1.0 and len(box.result["text"]) == 30
    box.controls["temperature"].value = 0.3
    expected = sampling.temperature_demo(char_model, VOCAB, "Anne ", 0.3, n_chars=30, seed=0)
    assert box.result["text"] == expected["text"]
    np.testing.assert_allclose(box.result["probs"], expected["probs"])
    bars = box.figure.axes[0].containers[1].patches
    assert bars[0].get_height() == pytest.approx(expected["probs"].max())   # the figure moved
    box.controls["temperature"].value = 0.0
    assert box.result["entropy"] == pytest.approx(0.0, abs=1e-12)
    assert "Anne " in wlang._sample_html("Anne ", box.result)


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


def test_language_figures(char_model):
    history = {"loss": [3.0, 2.5, 2.2], "val_loss": [3.1, 2.7, 2.5]}
    fig = plang.plot_language_loss(history, {"uniform": 2.9, "unigram": 2.6})
    assert isinstance(fig, Figure) and fig.axes[0].get_ylabel()
    assert len(fig.axes[0].get_legend().get_texts()) == 4
    fig = plang.plot_samples({"after 1 epoch": "abc\ndef", "after 9": "x" * 200})
    assert len(fig.axes) == 2
    p = sampling.next_char_probs(char_model, VOCAB, "An")
    fig = plang.plot_next_char({"τ = 1": p, "τ = 0.5": sampling.apply_temperature(p, 0.5)},
                               VOCAB, context="An", top=5)
    assert len(fig.axes[0].get_xticklabels()) == 5
    fig = plang.plot_perplexities({"uniform": 75, "unigram": 21.4, "RNN": 7.0})
    assert fig.axes[0].get_yscale() == "log"


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
    with pytest.raises(ValueError, match="history: expected a History"):
        plang.plot_language_loss({"acc": [1]})
    with pytest.raises(ValueError, match="samples: expected a non-empty dict"):
        plang.plot_samples({})
    with pytest.raises(ValueError, match="errors: expected a non-empty dict"):
        pts.plot_errors([])


def test_error_by_horizon_log_scale():
    fig = pts.plot_error_by_horizon({"RNN": np.array([0.1, 0.2])}, log=True)
    assert fig.axes[0].get_yscale() == "log" and "log scale" in fig.axes[0].get_ylabel()
