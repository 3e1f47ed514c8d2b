"""Tests for rnn_helpers.layers.base: what every layer shares (here: its automatic name)."""

from rnn_helpers.layers import Dense, SimpleRNN, base


def test_names_are_unique_per_type(monkeypatch):
    monkeypatch.setattr(base, "_name_counts", {})
    names = [SimpleRNN(2).name, SimpleRNN(2).name, Dense(1).name, Dense(1).name]
    assert names == ["simple_rnn", "simple_rnn_1", "dense", "dense_1"]
    assert Dense(1, name="out").name == "out"
