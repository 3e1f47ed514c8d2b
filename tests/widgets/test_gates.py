"""Tests for rnn_helpers.widgets.gates (notebook 05): the gate viewer's logic and widget (set a
control, read the result; no browser)."""

import numpy as np
import pytest

from rnn_helpers.analysis import experiments
from rnn_helpers.core import gru, lstm
from rnn_helpers.layers import Dense, SimpleRNN
from rnn_helpers.models import Sequential
from rnn_helpers.widgets import gates as wg


@pytest.fixture(scope="module")
def setup():
    X, y = experiments.first_symbol_task(n=6, lag=5, n_noise=3, seed=0)
    models = {name: experiments.build_model(name, X.shape[1:], units=3, seed=i)
              for i, name in enumerate(("LSTM", "GRU"))}
    return models, X, y


def test_gate_view_equals_the_gate_recorder(setup):
    models, X, y = setup
    view = wg.gate_view(models["LSTM"], X, index=2, y=y)
    layer = models["LSTM"].layers[0]
    want = lstm.lstm_gates(X[2:3], *layer.get_weights())
    assert view["cell"] == "LSTM" and list(view["gates"]) == ["i", "f", "o"]
    for k in ("i", "f", "o"):
        np.testing.assert_allclose(view["gates"][k], want[k][0])
    np.testing.assert_array_equal(view["x"], X[2])
    probabilities = models["LSTM"].forward(X[2:3])[0]
    assert view["prediction"] == int(np.argmax(probabilities)) and view["label"] == y[2]
    assert view["title"].startswith("LSTM, sequence 2: predicted")
    g = wg.gate_view(models["GRU"], X, index=0)
    assert list(g["gates"]) == ["z", "r"] and g["label"] is None
    np.testing.assert_allclose(g["gates"]["z"],
                               gru.gru_gates(X[:1], *models["GRU"].layers[0].get_weights())["z"][0])


def test_gate_contrast(setup):
    models, X, y = setup
    gaps = wg.gate_contrast(models["GRU"], X, y)
    assert list(gaps) == ["z", "r"] and all(0 <= v <= 1 for v in gaps.values())
    layer = models["GRU"].layers[0]
    z = gru.gru_gates(X, *layer.get_weights())["z"][:, 1:]
    want = np.max(np.abs(z[y == 0].mean(axis=(0, 1)) - z[y == 1].mean(axis=(0, 1))))
    assert gaps["z"] == pytest.approx(want)
    with pytest.raises(ValueError, match="y: expected 6 labels"):
        wg.gate_contrast(models["LSTM"], X, y[:3])


def test_gate_view_bad_input(setup):
    models, X, _ = setup
    with pytest.raises(ValueError, match=r"index: expected a sequence number from 0 to 5, got 6"):
        wg.gate_view(models["LSTM"], X, index=6)
    rnn = Sequential([SimpleRNN(2, input_shape=(6, 5)), Dense(2)])
    with pytest.raises(ValueError, match="model: expected a Sequential model whose first layer "
                                         "is an LSTM or a GRU, got first layer SimpleRNN"):
        wg.gate_view(rnn, X)
    with pytest.raises(ValueError, match="models: expected a non-empty dict"):
        wg.gate_viewer_widget({}, X)


def test_gate_viewer_follows_its_controls(setup):
    models, X, y = setup
    box = wg.gate_viewer_widget(models, X, y)
    assert box.result["cell"] == "LSTM" and box.result["index"] == 0
    box.controls["index"].value = 4
    assert box.result["index"] == 4 and box.result["label"] == y[4]
    images = {im.get_gid(): im for ax in box.figure.axes for im in ax.images}
    assert set(images) == {"x", "i", "f", "o"}
    np.testing.assert_allclose(images["f"].get_array(), box.result["gates"]["f"].T)
    box.controls["model"].value = "GRU"
    assert box.result["cell"] == "GRU" and box.result["index"] == 4
    images = {im.get_gid(): im for ax in box.figure.axes for im in ax.images}
    assert set(images) == {"x", "z", "r"}
    np.testing.assert_allclose(images["r"].get_array(), box.result["gates"]["r"].T)
    assert "GRU, sequence 4" in box.figure._suptitle.get_text()
    assert (box.controls["index"].min, box.controls["index"].max) == (0, 5)
    assert tuple(box.controls["model"].options) == ("LSTM", "GRU")
