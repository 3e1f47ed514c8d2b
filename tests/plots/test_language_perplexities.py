"""Tests for notebook 06's perplexity figure with the counting baselines (issue 10): a bar per
model, its perplexity and bits per character written on it."""

import numpy as np
import pytest

from rnn_helpers.plots import language as plang


def test_perplexity_bars_with_bits():
    values = {"uniform": 75.0, "unigram": 21.5, "bigram": 11.8, "trigram": 7.9,
              "4-gram": 6.5, "RNN (H = 64)": 7.3, "4-gram, all the training text": 5.1}
    fig = plang.plot_perplexities(values)
    ax = fig.axes[0]
    assert [b.get_height() for b in ax.patches] == pytest.approx(list(values.values()))
    notes = [t.get_text() for t in ax.texts]
    assert notes[0] == f"75.0\n{np.log2(75):.2f} bits" and notes[3].startswith("7.9\n")
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert len(ticks) == 7 and all(max(len(p) for p in t.split("\n")) <= 12 for t in ticks)
    assert ax.get_yscale() == "log" and ax.get_title() and ax.get_ylabel()
    plain = plang.plot_perplexities({"a": 2.0, "b": 4.0}, bits=False)
    assert [t.get_text() for t in plain.axes[0].texts] == ["2.0", "4.0"]


def test_perplexity_bad_input():
    with pytest.raises(ValueError, match="values: expected perplexities >= 1"):
        plang.plot_perplexities({"broken": 0.5})
    with pytest.raises(ValueError, match="values: expected a non-empty dict"):
        plang.plot_perplexities({})
