"""Tests for what notebook 05's gate figure shows (issue 10): one sequence of each label side by
side, the state c_t under the gates, and a colour bar for the input, the gates and the state."""

import numpy as np
import pytest

from rnn_helpers.plots import gates as pg


def _sequence(rng, T=6, H=3, D=2):
    gates = {"i": rng.random((T, H)), "f": rng.random((T, H)), "o": rng.random((T, H)),
             "c": 4 * rng.normal(size=(T, H))}
    return gates, rng.normal(size=(T, D))


def _colorbar_labels(fig):
    return [ax.get_ylabel() for ax in fig.axes if not ax.images and ax.get_ylabel()
            and ax.get_label() == "<colorbar>"]


def test_two_sequences_side_by_side_share_their_scales():
    rng = np.random.default_rng(0)
    (g0, x0), (g1, x1) = _sequence(rng), _sequence(rng)
    fig = pg.gate_heatmaps([g0, g1], x=[x0, x1], title="both labels",
                           column_titles=["label 0", "label 1"])
    images = {im.get_gid(): im for ax in fig.axes for im in ax.images}
    assert set(images) == {f"{n}:{j}" for n in ("x", "i", "f", "o", "c") for j in (0, 1)}
    np.testing.assert_array_equal(images["c:1"].get_array(), g1["c"].T)
    np.testing.assert_array_equal(images["x:0"].get_array(), x0.T)
    for name in ("x", "c"):              # one symmetric scale per row, the same in both columns
        assert images[f"{name}:0"].get_clim() == images[f"{name}:1"].get_clim()
    limit = max(np.abs(g0["c"]).max(), np.abs(g1["c"]).max())
    assert images["c:0"].get_clim() == pytest.approx((-limit, limit))
    assert images["f:0"].get_clim() == (0.0, 1.0)
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.images]
    assert "output gate ω_t" in titles and "cell state c_t" in titles
    assert not any("o_t" in t for t in titles)         # o_t is the seed's output, not a gate
    rights = [ax.get_title(loc="right") for ax in fig.axes if ax.get_title(loc="right")]
    assert rights == ["label 0", "label 1"]
    assert fig._suptitle.get_text() == "both labels"
    assert sum(ax.get_xlabel() == "time step t" for ax in fig.axes) == 2


def test_colour_bars_for_the_input_the_gates_and_the_state():
    rng = np.random.default_rng(1)
    gates, x = _sequence(rng)
    fig = pg.gate_heatmaps(gates, x=x)
    labels = _colorbar_labels(fig)
    assert "input value" in labels and "cell state c_t" in labels
    assert any(label.startswith("gate") for label in labels)
    assert len(labels) == 3


def test_update_a_figure_of_two_sequences():
    rng = np.random.default_rng(2)
    (g0, x0), (g1, x1) = _sequence(rng), _sequence(rng)
    fig = pg.gate_heatmaps([g0, g1], x=[x0, x1])
    new = [{k: np.zeros_like(v) for k, v in g0.items()}, g1]
    changed = pg.update_gate_heatmaps(fig, new, x=[np.ones_like(x0), x1])
    assert len(changed) == 10
    images = {im.get_gid(): im for ax in fig.axes for im in ax.images}
    np.testing.assert_array_equal(images["f:0"].get_array(), 0.0)
    np.testing.assert_array_equal(images["x:0"].get_array(), 1.0)


def test_bad_input_of_several_sequences():
    rng = np.random.default_rng(3)
    (g0, x0), (g1, _) = _sequence(rng), _sequence(rng)
    with pytest.raises(ValueError, match=r"x: expected one input \(T, D\) per column"):
        pg.gate_heatmaps([g0, g1], x=[x0])
    with pytest.raises(ValueError, match="column_titles: expected one title per sequence"):
        pg.gate_heatmaps([g0, g1], column_titles=["only one"])
    with pytest.raises(ValueError, match="gates: expected a non-empty dict"):
        pg.gate_heatmaps([])
    with pytest.raises(ValueError, match="names: expected gate names from"):
        pg.gate_heatmaps([g0, {"i": g1["i"]}])
