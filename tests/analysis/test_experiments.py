"""Tests for rnn_helpers.analysis.experiments, the lag sweep: the task, one tiny run per cell, the
summary, the shipped results."""

import json

import numpy as np
import pytest

from rnn_helpers.analysis import experiments as ex
from tests.conftest import TINY_SWEEP as TINY


def test_first_symbol_task():
    X, y = ex.first_symbol_task(n=50, lag=7, n_classes=3, n_noise=2, seed=0)
    assert X.shape == (50, 8, 5) and y.shape == (50,)
    np.testing.assert_array_equal(np.argmax(X[:, 0, :3], axis=1), y)   # the symbol at step 1
    np.testing.assert_array_equal(X[:, 0, 3:], 0.0)                      # no noise at step 1
    np.testing.assert_array_equal(X[:, 1:, :3], 0.0)                     # no symbol afterwards
    assert X[:, 1:, 3:].std() == pytest.approx(1.0, abs=0.1)
    assert set(np.unique(y)) == {0, 1, 2}
    X2, y2 = ex.first_symbol_task(n=50, lag=7, n_classes=3, n_noise=2, seed=0)
    np.testing.assert_array_equal(X, X2)
    assert not np.array_equal(X, ex.first_symbol_task(50, 7, 3, 2, seed=1)[0])


def test_first_symbol_task_bad_input():
    with pytest.raises(ValueError, match="n_classes: expected at least 2 symbols, got 1"):
        ex.first_symbol_task(n_classes=1)
    with pytest.raises(ValueError, match="lag"):
        ex.first_symbol_task(lag=0)
    with pytest.raises(ValueError, match="seed: expected a non-negative integer"):
        ex.first_symbol_task(seed=-1)


@pytest.fixture(scope="module")
def runs(lag_sweep_runs):
    return lag_sweep_runs


def test_lag_sweep_runs_every_cell_lag_and_seed(runs):
    assert len(runs) == 3 * 2 * 2
    assert {(r["cell"], r["lag"], r["seed"]) for r in runs} == {
        (c, lag, s) for c in ex.CELLS for lag in (2, 3) for s in (0, 1)}
    for r in runs:
        assert 0 <= r["accuracy"] <= 1 and 0 <= r["train_accuracy"] <= 1
        assert r["seconds"] >= 0 and "model" not in r


def test_a_run_does_not_depend_on_what_ran_before(runs):
    again = ex.train_one("GRU", 3, seed=1, **TINY)
    first = next(r for r in runs if (r["cell"], r["lag"], r["seed"]) == ("GRU", 3, 1))
    assert again["accuracy"] == first["accuracy"] and again["loss"] == first["loss"]


def test_keep_model_gives_the_trained_model_and_its_held_out_data():
    run = ex.train_one("LSTM", 2, seed=0, keep_model=True, **TINY)
    assert run["X_test"].shape == (32, 3, 10) and run["y_test"].shape == (32,)
    _, accuracy = run["model"].evaluate(run["X_test"], run["y_test"], verbose=0)
    assert accuracy == pytest.approx(run["accuracy"], abs=1e-4)


def test_summarise_and_chance_lags():
    runs = [{"cell": c, "lag": lag, "seed": s, "accuracy": a}
            for c, accs in {"A": {5: (1.0, 1.0), 10: (0.5, 0.6), 20: (0.52, 0.5)},
                            "B": {5: (1.0, 1.0), 10: (0.9, 1.0), 20: (0.7, 0.5)},
                            "C": {5: (0.5, 0.5), 10: (0.8, 0.8), 20: (0.5, 0.52)}}.items()
            for lag, pair in accs.items() for s, a in enumerate(pair)]
    table = ex.summarise(runs)
    assert table["A"]["lags"] == [5, 10, 20]
    assert table["A"]["mean"] == pytest.approx([1.0, 0.55, 0.51])
    assert table["B"]["min"] == [1.0, 0.9, 0.5] and table["B"]["max"] == [1.0, 1.0, 0.7]
    assert table["A"]["n"] == [2, 2, 2]
    # A is within 5 points from lag 10 on; B never (0.6 at 20); C dips at 5 but recovers
    assert ex.chance_lags(runs) == {"A": 10, "B": None, "C": 20}
    assert ex.chance_lags(runs, chance=0.5, margin=0.2)["B"] == 20
    with pytest.raises(ValueError, match="runs: expected a non-empty list"):
        ex.summarise([])


def test_bad_arguments():
    with pytest.raises(ValueError, match="cell: expected one of"):
        ex.lag_sweep(cells=("RNN",), progress=False)
    with pytest.raises(ValueError, match="settings: expected names from"):
        ex.train_one("LSTM", 2, epoch=3)


def test_save_and_load(tmp_path, runs):
    path = tmp_path / "sweep.json"
    kept = [dict(runs[0], model=object())]    # models are not written
    ex.save_results(kept, path, settings=TINY, command="test")
    data = ex.load_lag_sweep(path)
    assert data["command"] == "test" and data["settings"] == TINY
    assert data["runs"] == [runs[0]]
    json.loads(path.read_text(encoding="utf-8"))


def test_the_shipped_sweep_is_complete_and_consistent():
    data = ex.load_lag_sweep()
    for key in ("settings", "cells", "lags", "seeds", "chance", "runs", "command", "machine",
                "date", "seconds", "chance_lags"):
        assert key in data, key
    assert len(data["seeds"]) >= 3 and data["cells"] == ["SimpleRNN", "LSTM", "GRU"]
    assert len(data["runs"]) == len(data["cells"]) * len(data["lags"]) * len(data["seeds"])
    assert data["chance"] == pytest.approx(1 / data["settings"]["n_classes"])
    assert ex.chance_lags(data["runs"], data["chance"]) == data["chance_lags"]
