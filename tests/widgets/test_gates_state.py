"""Tests for the additions to rnn_helpers.widgets.gates (notebook 05, issue 10): the state under
the gates, one held-out sequence of each label, and the widget with the state drawn."""

import numpy as np
import pytest

from rnn_helpers.analysis import experiments
from rnn_helpers.core import gru, lstm
from rnn_helpers.widgets import gates as wg


@pytest.fixture(scope="module")
def setup():
    X, y = experiments.first_symbol_task(n=8, lag=4, n_noise=3, seed=2)
    models = {name: experiments.build_model(name, X.shape[1:], units=3, seed=i)
              for i, name in enumerate(("LSTM", "GRU"))}
    return models, X, y


def test_gate_view_records_the_state_when_asked(setup):
    models, X, y = setup
    view = wg.gate_view(models["LSTM"], X, index=1, y=y, state=True)
    assert list(view["gates"]) == ["i", "f", "o", "c"]
    want = lstm.lstm_gates(X[1:2], *models["LSTM"].layers[0].get_weights())
    np.testing.assert_allclose(view["gates"]["c"], want["c"][0])
    g = wg.gate_view(models["GRU"], X, index=1, state=True)
    assert list(g["gates"]) == ["z", "r", "h"]
    np.testing.assert_allclose(
        g["gates"]["h"], gru.gru_gates(X[1:2], *models["GRU"].layers[0].get_weights())["h"][0])
    assert list(wg.gate_view(models["GRU"], X)["gates"]) == ["z", "r"]     # the default
    with pytest.raises(TypeError, match="state: expected True or False"):
        wg.gate_view(models["GRU"], X, state="yes")


def test_label_pair_view_takes_one_sequence_of_each_label(setup):
    models, X, y = setup
    pair = wg.label_pair_view(models["LSTM"], X, y)
    first = [int(np.flatnonzero(y == k)[0]) for k in (0, 1)]
    assert [v["index"] for v in pair["views"]] == first
    assert [v["label"] for v in pair["views"]] == [0, 1]
    assert len(pair["gates"]) == len(pair["x"]) == len(pair["column_titles"]) == 2
    assert "c" in pair["gates"][0] and pair["column_titles"][1].startswith("label 1")
    np.testing.assert_array_equal(pair["x"][1], X[first[1]])
    with pytest.raises(ValueError, match="y: expected sequences of at least two labels"):
        wg.label_pair_view(models["LSTM"], X, np.zeros(len(X), dtype=int))
    with pytest.raises(ValueError, match="y: expected 8 labels"):
        wg.label_pair_view(models["LSTM"], X, y[:3])


def test_gate_contrast_of_the_state(setup):
    models, X, y = setup
    gaps = wg.gate_contrast(models["LSTM"], X, y, state=True)
    assert list(gaps) == ["i", "f", "o", "c"]
    c = lstm.lstm_gates(X, *models["LSTM"].layers[0].get_weights())["c"][:, 1:]
    want = np.max(np.abs(c[y == 0].mean(axis=(0, 1)) - c[y == 1].mean(axis=(0, 1))))
    assert gaps["c"] == pytest.approx(want)


def test_widget_with_the_state(setup):
    models, X, y = setup
    box = wg.gate_viewer_widget(models, X, y, state=True)
    images = {im.get_gid() for ax in box.figure.axes for im in ax.images}
    assert images == {"x", "i", "f", "o", "c"}
    box.controls["index"].value = 3
    assert box.result["index"] == 3 and "c" in box.result["gates"]
    box.controls["model"].value = "GRU"
    assert {im.get_gid() for ax in box.figure.axes for im in ax.images} == {"x", "z", "r", "h"}
