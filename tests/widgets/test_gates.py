"""Notebook 05: the gate viewer (set a control, read the result), its figure, the exercises."""

import numpy as np
import pytest

from rnn_helpers import exercises_gated as ex
from rnn_helpers import experiments, gru, lstm
from rnn_helpers.activations import sigmoid
from rnn_helpers.layers import Dense, SimpleRNN
from rnn_helpers.models import Sequential
from rnn_helpers.plots import gates as pg
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


def test_gate_heatmaps_figure():
    rng = np.random.default_rng(0)
    gates = {"i": rng.random((7, 3)), "f": rng.random((7, 3)), "c": rng.normal(size=(7, 3))}
    fig = pg.gate_heatmaps(gates, x=rng.normal(size=(7, 2)), title="t")
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.images]
    assert titles == ["input x_t", "input gate i_t", "forget gate f_t", "cell state c_t"]
    assert fig.axes[0].images[0].get_array().shape == (2, 7)          # (D, T): time across
    assert any("time step t" == ax.get_xlabel() for ax in fig.axes)
    assert fig._suptitle.get_text() == "t"
    changed = pg.update_gate_heatmaps(fig, {"f": np.zeros((7, 3))}, title="u")
    assert [im.get_gid() for im in changed] == ["f"] and fig._suptitle.get_text() == "u"
    with pytest.raises(ValueError, match="names: expected gate names from"):
        pg.gate_heatmaps(gates, names=["o"])


# --- exercises -------------------------------------------------------------------------------
def _verdict(capsys, check, answer):
    ok = check(answer)
    return ok, capsys.readouterr().out


def test_forget_gate_exercise(capsys):
    def right(x_t, h_prev, W, U, b):
        H = U.shape[0]
        f = slice(H, 2 * H)
        return sigmoid(x_t @ W[:, f] + h_prev @ U[:, f] + b[f])

    def first_block(x_t, h_prev, W, U, b):
        H = U.shape[0]
        return sigmoid(x_t @ W[:, :H] + h_prev @ U[:, :H] + b[:H])

    def all_four(x_t, h_prev, W, U, b):
        return sigmoid(x_t @ W + h_prev @ U + b)

    def stub(x_t, h_prev, W, U, b):
        return ...

    ok, out = _verdict(capsys, ex.check_forget_gate, right)
    assert ok and out.startswith("Correct")
    ok, out = _verdict(capsys, ex.check_forget_gate, first_block)
    assert not ok and "input gate" in out and "SECOND block" in out
    ok, out = _verdict(capsys, ex.check_forget_gate, all_four)
    assert not ok and "all four gates" in out
    ok, out = _verdict(capsys, ex.check_forget_gate, stub)
    assert not ok and out.startswith("Not yet") and "..." in out


def test_gru_update_exercise(capsys):
    ok, out = _verdict(capsys, ex.check_gru_update, lambda z_t, h_prev, h_tilde:
                       z_t * h_prev + (1 - z_t) * h_tilde)
    assert ok
    ok, out = _verdict(capsys, ex.check_gru_update, lambda z_t, h_prev, h_tilde:
                       (1 - z_t) * h_prev + z_t * h_tilde)
    assert not ok and "swapped" in out


def test_param_count_exercise(capsys):
    gates = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}

    def right(cell, D, H):
        return gates[cell] * (D * H + H * H + (2 if cell == "GRU" else 1) * H)

    ok, out = _verdict(capsys, ex.check_param_counts, right)
    assert ok and "8 hidden cases" in out
    ok, out = _verdict(capsys, ex.check_param_counts,
                       lambda cell, D, H: gates[cell] * (D * H + H * H + H))
    assert not ok and "two" in out and "(2, 3H)" in out
    ok, out = _verdict(capsys, ex.check_param_counts, lambda cell, D, H: D * H + H * H + H)
    assert not ok and "like a SimpleRNN" in out
    ok, out = _verdict(capsys, ex.check_param_counts, lambda cell, D, H: 1 / 0)
    assert not ok and "ZeroDivisionError" in out
