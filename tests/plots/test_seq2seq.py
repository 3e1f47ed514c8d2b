"""Tests for rnn_helpers.plots.seq2seq: the alignment map and the loss curves."""

import numpy as np
import pytest

from rnn_helpers.plots import seq2seq


def test_alignment_drops_the_padding_and_labels_everything():
    alpha = np.zeros((3, 6))
    alpha[:, 2:] = 0.25
    fig = seq2seq.plot_alignment(alpha, "ab c", "x-y")
    ax = fig.axes[0]
    assert ax.images[0].get_array().shape == (3, 4)
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "␣", "c"]
    with pytest.raises(ValueError, match="alpha"):
        seq2seq.plot_alignment(alpha, "abcdefgh", "x-y")


def test_losses():
    fig = seq2seq.plot_losses({"with": [1.0, 0.5], "without": [1.0, 0.8]})
    ax = fig.axes[0]
    assert len(ax.lines) == 2 and ax.get_legend() is not None and ax.get_title()


def test_position_accuracy():
    fig = seq2seq.plot_position_accuracy({"with": np.ones(10), "without": np.linspace(0, 1, 10)})
    ax = fig.axes[0]
    assert len(ax.patches) == 20 and ax.get_legend() is not None
    assert ax.get_title() and "%" in ax.get_ylabel() and ax.get_xlabel()
    assert [t.get_text() for t in ax.get_xticklabels()][4] == "-\n5"
    with pytest.raises(ValueError, match="accuracies"):
        seq2seq.plot_position_accuracy({"with": np.ones(9)})
    with pytest.raises(ValueError, match="accuracies"):
        seq2seq.plot_position_accuracy({})
