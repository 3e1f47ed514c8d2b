"""Tests for rnn_helpers.plots.language (notebook 06): the figures are drawn, labelled, and refuse
bad input."""

import pytest
from matplotlib.figure import Figure

from rnn_helpers.analysis import sampling
from rnn_helpers.plots import language as plang


def test_language_figures(char_model, char_vocab):
    history = {"loss": [3.0, 2.5, 2.2], "val_loss": [3.1, 2.7, 2.5]}
    fig = plang.plot_language_loss(history, {"uniform": 2.9, "unigram": 2.6})
    assert isinstance(fig, Figure) and fig.axes[0].get_ylabel()
    assert len(fig.axes[0].get_legend().get_texts()) == 4
    fig = plang.plot_samples({"after 1 epoch": "abc\ndef", "after 9": "x" * 200})
    assert len(fig.axes) == 2
    p = sampling.next_char_probs(char_model, char_vocab, "An")
    fig = plang.plot_next_char({"τ = 1": p, "τ = 0.5": sampling.apply_temperature(p, 0.5)},
                               char_vocab, context="An", top=5)
    assert len(fig.axes[0].get_xticklabels()) == 5
    fig = plang.plot_perplexities({"uniform": 75, "unigram": 21.4, "RNN": 7.0})
    assert fig.axes[0].get_yscale() == "log"


def test_figure_input_checks():
    with pytest.raises(ValueError, match="history: expected a History"):
        plang.plot_language_loss({"acc": [1]})
    with pytest.raises(ValueError, match="samples: expected a non-empty dict"):
        plang.plot_samples({})
