"""Tests for rnn_helpers.analysis.units: correlations of units with a quantity."""

import numpy as np
import pytest

import rnn_helpers as rh
from rnn_helpers.analysis import units


def test_correlations_find_the_unit():
    rng = np.random.default_rng(0)
    q = rng.integers(0, 4, (20, 10)).astype(float)
    h = rng.standard_normal((20, 10, 3))
    h[:, :, 1] = np.tanh(0.5 * q)                      # unit 1 tracks q
    h[:, :, 2] = 0.3                                   # unit 2 never moves
    r = units.unit_correlations(h, q)
    assert r[1] > 0.95 and abs(r[0]) < 0.3 and r[2] == 0.0
    assert units.best_units(h, q, 1)[0][0] == 1
    assert units.linear_readout_r(h, q) >= r[1] - 1e-12
    assert units.describe_unit(-0.95) == "tracks it on its own"
    assert units.describe_unit(0.6) == "follows it partly"
    assert units.describe_unit(0.1) == "does not track it"


def test_hidden_states_of_a_model():
    model = rh.models.Sequential([rh.layers.SimpleRNN(4, return_sequences=True, input_shape=(5, 3)),
                                  rh.layers.Dense(2, activation="softmax")])
    X = np.random.default_rng(0).random((6, 5, 3))
    assert units.hidden_states(model, X).shape == (6, 5, 4)
    last = rh.models.Sequential([rh.layers.SimpleRNN(4, input_shape=(5, 3))])
    with pytest.raises(ValueError, match="return_sequences"):
        units.hidden_states(last, X)


def test_best_units_checks_n():
    h = np.zeros((2, 3, 4))
    with pytest.raises(ValueError, match="n"):
        units.best_units(h, np.zeros((2, 3)), n=0)


def test_bracket_quantities_by_hand():
    q = units.bracket_quantities(["a(a)()", "(()a)a"])
    assert q["depth"].tolist() == [[0, 1, 1, 1, 1, 1], [1, 2, 2, 1, 1, 0]]
    assert q["inside brackets"].tolist() == [[0, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 0]]
    assert q["steps since the last ("].tolist() == [[1, 0, 1, 2, 0, 1], [0, 0, 1, 2, 3, 4]]
    with pytest.raises(ValueError, match="strings"):
        units.bracket_quantities(["()", "(a)"])
    with pytest.raises(ValueError, match="strings"):
        units.bracket_quantities("(a)")


def test_survey_names_the_best_unit_of_each_quantity():
    rng = np.random.default_rng(1)
    q = rng.integers(0, 3, (15, 8)).astype(float)
    h = 0.1 * rng.standard_normal((15, 8, 4))
    h[:, :, 3] += np.tanh(q)
    rows = units.survey(h, {"q": q, "noise": rng.standard_normal((15, 8))})
    assert [row["quantity"] for row in rows] == ["q", "noise"]
    assert rows[0]["unit"] == 3 and rows[0]["r"] > 0.9 and rows[0]["readout_r"] >= rows[0]["r"]
    assert rows[0]["words"] == "tracks it on its own" and abs(rows[1]["r"]) < 0.5
    with pytest.raises(ValueError, match="quantities"):
        units.survey(h, {})


def test_level_means_and_switches():
    q = np.array([[0, 1, 2, 1]], dtype=float)
    h = np.zeros((1, 4, 2))
    h[0, :, 0] = [-1, 1, 1, 1]            # unit 0 switches between levels 0 and 1
    h[0, :, 1] = [-1, -1, 1, -1]          # unit 1 between levels 1 and 2
    levels, means = units.level_means(h, q)
    assert levels.tolist() == [0, 1, 2] and means.shape == (3, 2)
    step, jump = units.switches(means)
    assert step.tolist() == [0, 1] and np.allclose(jump, [2, 2])
    with pytest.raises(ValueError, match="means"):
        units.switches(means[:1])
    with pytest.raises(ValueError, match="discrete"):
        units.level_means(np.zeros((1, 60, 1)), np.arange(60.0)[None])


def test_survey_table_has_a_row_per_run():
    rows = [{"quantity": "depth", "unit": 6, "r": 0.913, "readout_r": 0.9969, "words": ""},
            {"quantity": "inside brackets", "unit": 0, "r": -0.94, "readout_r": 0.988,
             "words": ""}]
    text = units.survey_table({5: rows, 6: rows})
    lines = text.splitlines()
    assert len(lines) == 3 and "depth" in lines[0] and "inside brackets" in lines[0]
    assert "unit 6: +0.91 | all 0.997" in lines[1] and "unit 0: -0.94" in lines[2]
    with pytest.raises(ValueError, match="surveys"):
        units.survey_table({})
