"""rh.claims: sentences with computed numbers, and asserted comparisons."""

import json

import pytest

from rnn_helpers import claims


def test_say_fills_numbers_and_never_prints_negative_zero():
    said = claims.say("loss {a:.2f}, skill {b:.1%}, gap {c}", a=-0.001, b=-0.00001, c=-0.5)
    assert str(said) == "loss 0.00, skill 0.0%, gap -0.5"
    assert said._repr_markdown_() == str(said)


def test_say_names_a_missing_value():
    with pytest.raises(ValueError, match="values: expected a value for every field"):
        claims.say("{a} and {b}", a=1)


@pytest.mark.parametrize("relation, value, bound", [
    (">", 0.3, 0.1), (">=", 0.1, 0.1), ("<", -1, 0), ("<=", 0, 0), ("within", -0.01, 0.02)])
def test_check_passes_and_returns_the_value(relation, value, bound):
    assert claims.check("x", value, relation, bound) == value


@pytest.mark.parametrize("relation, value, bound", [
    (">", 0.1, 0.1), ("<", 2, 1), ("within", -0.05, 0.02)])
def test_check_fails_naming_the_claim(relation, value, bound):
    with pytest.raises(claims.ClaimError, match="'the RNN beats naive' no longer holds"):
        claims.check("the RNN beats naive", value, relation, bound)


def test_check_refuses_bad_arguments():
    with pytest.raises(ValueError, match="relation: expected one of"):
        claims.check("x", 1, "=>", 0)
    with pytest.raises(ValueError, match="value: expected a number, not NaN"):
        claims.check("x", float("nan"), ">", 0)
    with pytest.raises(ValueError, match="name: expected a non-empty string"):
        claims.check("", 1, ">", 0)


def test_check_records_to_the_log(tmp_path, monkeypatch):
    log = tmp_path / "claims.jsonl"
    monkeypatch.setenv("RNN_CLAIMS_LOG", str(log))
    monkeypatch.setenv("RNN_SEED", "3")
    monkeypatch.setenv("RNN_NOTEBOOK", "03_training_bptt.ipynb")
    claims.check("a", 2.0, ">", 1.0)
    with pytest.raises(claims.ClaimError):
        claims.check("b", 0.0, ">", 1.0)
    rows = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(r["name"], r["ok"], r["seed"], r["notebook"]) for r in rows] == [
        ("a", True, 3, "03_training_bptt.ipynb"), ("b", False, 3, "03_training_bptt.ipynb")]


def test_seed_reads_the_environment(monkeypatch):
    monkeypatch.delenv("RNN_SEED", raising=False)
    assert claims.seed(5) == 5
    monkeypatch.setenv("RNN_SEED", "2")
    assert claims.seed(5) == 7
    monkeypatch.setenv("RNN_SEED", "x")
    with pytest.raises(ValueError, match="RNN_SEED: expected a non-negative integer"):
        claims.seed()
