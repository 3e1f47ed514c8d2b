"""Tests for rnn_helpers.plots.gates (notebook 05): the gate heat maps and the accuracy-against-lag
figure."""

import numpy as np
import pytest

from rnn_helpers.analysis import experiments as ex
from rnn_helpers.plots import gates as pg


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


def test_accuracy_plot(lag_sweep_runs):
    runs = lag_sweep_runs
    fig = pg.accuracy_vs_lag(runs, chance=0.5)
    ax = fig.axes[0]
    lines = {line.get_gid(): line for line in ax.lines if line.get_gid()}
    assert set(lines) == set(ex.CELLS)
    np.testing.assert_allclose(lines["LSTM"].get_ydata(),
                               100 * np.array(ex.summarise(runs)["LSTM"]["mean"]))
    assert ax.get_xlabel().startswith("lag") and "%" in ax.get_ylabel() and ax.get_title()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "chance (50 %)" in labels
