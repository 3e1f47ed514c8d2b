import numpy as np
import pytest

from rnn_helpers.analysis import cell_swap
from rnn_helpers.layers.recurrent import GRU, LSTM, SimpleRNN


def test_layer_builds_the_named_cell():
    assert isinstance(cell_swap.layer("SimpleRNN", 4), SimpleRNN)
    assert isinstance(cell_swap.layer("LSTM", 4, return_sequences=True), LSTM)
    assert cell_swap.layer("GRU", 3).units == 3
    assert isinstance(cell_swap.layer("GRU", 3), GRU)


def test_layer_rejects_an_unknown_cell_by_name():
    with pytest.raises(ValueError, match="cell"):
        cell_swap.layer("Transformer", 4)


def test_compare_runs_every_cell_and_seed_in_order():
    seen = []

    def run(cell, seed):
        seen.append((cell, seed))
        return len(cell) + seed

    results = cell_swap.compare(run, seeds=(0, 1), progress=False)
    assert seen == [(c, s) for c in cell_swap.CELLS for s in (0, 1)]
    assert results == {"SimpleRNN": [9.0, 10.0], "LSTM": [4.0, 5.0], "GRU": [3.0, 4.0]}


def test_compare_stops_on_a_non_finite_result_naming_cell_and_seed():
    with pytest.raises(ValueError, match="LSTM with seed 0"):
        cell_swap.compare(lambda c, s: np.nan if c == "LSTM" else 1.0, progress=False)


@pytest.mark.parametrize("bad", [dict(run=3), dict(run=lambda c, s: 1.0, cells=()),
                                 dict(run=lambda c, s: 1.0, cells=("RNN",)),
                                 dict(run=lambda c, s: 1.0, seeds=(-1,))])
def test_compare_rejects_bad_arguments(bad):
    with pytest.raises(ValueError):
        cell_swap.compare(progress=False, **bad)


def test_summary_and_table():
    results = {"SimpleRNN": [0.5, 0.7], "GRU": [0.9, 1.0]}
    s = cell_swap.summary(results)
    assert s["SimpleRNN"] == {"mean": 0.6, "min": 0.5, "max": 0.7, "n": 2}
    text = cell_swap.table(results, baseline=("chance", 0.5))
    assert "| SimpleRNN | 60.0% | 50.0% … 70.0% | 50.0%, 70.0% |" in text
    assert text.rstrip().endswith("| chance | 50.0% | | |")
    with pytest.raises(ValueError, match="results"):
        cell_swap.summary({"GRU": []})
