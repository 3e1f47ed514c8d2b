"""Tests for rnn_helpers.plots.scenarios (notebook 08): every figure has a title and labelled axes,
and refuses bad input."""

import matplotlib
import numpy as np
import pytest

from rnn_helpers.core import metrics
from rnn_helpers.datasets import scenarios as ds
from rnn_helpers.plots import scenarios as plots


def _labelled(fig):
    assert isinstance(fig, matplotlib.figure.Figure)
    titles = [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle
                                                    else ""]
    assert any(titles)
    return fig


def test_figures_have_titles_and_labelled_axes(tone_examples):
    X, y, probs = tone_examples
    frames, fy = ds.moving_shapes(n=8, seed=0)
    fig = _labelled(plots.plot_shape_examples(frames, fy))
    assert fig.axes[0].get_ylabel() == "moves\nright"
    signals, ty = ds.tone_patterns(n=8, seed=0)
    fig = _labelled(plots.plot_tone_examples(signals, ds.frame_spectra(signals), ty))
    assert fig.axes[4].get_ylabel() == "frequency (Hz)" and fig.axes[4].get_xlabel() == "time (ms)"
    strings, _, by = ds.bracket_depths(n=2, seed=0)
    fig = _labelled(plots.plot_depths(strings[0], by[0], by[0]))
    assert fig.axes[0].get_ylabel() == "nesting depth"
    assert fig.axes[0].get_title().endswith("20/20 right")
    cm = metrics.confusion_matrix(y, probs.argmax(-1), 4)
    fig = _labelled(plots.plot_confusion(cm, ds.TONES))
    assert (fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()) == ("predicted class", "true class")
    assert [t.get_text() for t in fig.axes[0].texts] == [str(v) for v in cm.ravel()]
    fig = _labelled(plots.plot_scores({"a": {"RNN": 0.9, "chance": 0.25}, "b": {"RNN": 0.8}}))
    assert len(fig.axes[0].get_legend().get_texts()) == 2
    _labelled(plots.plot_example("spectrogram", X[0], y[0], probs[0], ds.TONES))


def test_figure_bad_input():
    with pytest.raises(ValueError, match="y: expected at least one example of every class"):
        plots.plot_shape_examples(np.zeros((2, 3, 4, 4)), [0, 0])
    with pytest.raises(ValueError, match=r"y_true: expected shape \(4,\)"):
        plots.plot_depths("(())", [1, 2, 2])
    with pytest.raises(ValueError, match="scores: expected a non-empty dict"):
        plots.plot_scores({})
