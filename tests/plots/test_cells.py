"""Tests for rnn_helpers.plots.cells (notebook 05): every gate a box, every value a wire,
the course's symbols (ωₜ, bᵁ from the glossary), titles, values printed on the wires."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnn_helpers import glossary
from rnn_helpers.analysis import cell_wires as cw
from rnn_helpers.plots import cells


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


@pytest.mark.parametrize("cell, gates", [("rnn", {"tanh"}),
                                         ("lstm", {"f", "i", "c_tilde", "omega"}),
                                         ("gru", {"z", "r", "h_tilde"})])
def test_every_gate_is_a_box(cell, gates):
    names = {box[0] for box in cells.cell_layout(cell)["boxes"]}
    assert gates <= names


def test_lstm_and_gru_wires_name_every_value():
    keys = {w[0] for w in cells.cell_layout("lstm")["wires"]} - {None}
    W, U, b = cw.small_lstm()
    assert keys <= set(cw.lstm_wires([0.1], None, None, W, U, b))
    keys = {w[0] for w in cells.cell_layout("gru")["wires"]} - {None}
    rng = np.random.default_rng(0)
    wires = cw.gru_wires([0.1], None, rng.random((1, 6)), rng.random((2, 6)), rng.random((2, 6)))
    assert keys <= set(wires)


def test_symbols_come_from_the_glossary():
    lstm_texts = _texts(cells.plot_cell("lstm"))
    assert glossary.LSTM_OUTPUT_GATE in lstm_texts
    assert "cₜ" in lstm_texts and "c̃ₜ" in lstm_texts and "hₜ₋₁" in lstm_texts
    assert any(glossary.GRU_RECURRENT_BIAS in t for t in _texts(cells.plot_cell("gru")))


def test_titles_and_values_on_the_wires():
    W, U, b = cw.small_lstm(seed=0)
    wires = cw.lstm_wires([0.3], [0.1, -0.2], [0.5, 0.0], W, U, b)
    fig = cells.plot_cell("lstm", wires)
    assert isinstance(fig, Figure) and fig.axes[0].get_title()
    texts = _texts(fig)
    for key in ("c_t", "h_t", "omega", "f"):
        shown = "[" + ", ".join(f"{v:.2f}".replace("-0.00", "0.00") for v in wires[key][0]) + "]"
        assert shown in texts, key
    figs = cells.plot_cells()
    assert len(figs) == 3 and all(f.axes[0].get_title() for f in figs)


def test_bad_cell():
    with pytest.raises(ValueError, match="cell"):
        cells.plot_cell("transformer")
