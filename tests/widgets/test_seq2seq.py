"""Tests for rnn_helpers.widgets.seq2seq: the alignment viewer's plain functions and slider."""

import time

import numpy as np
import pytest

from rnn_helpers.analysis import seq2seq
from rnn_helpers.datasets import dates
from rnn_helpers.widgets import seq2seq as viewer

START = dates.OUTPUT_CHARS.index(dates.START)


def _model(attention=True):
    return seq2seq.init_seq2seq(len(dates.INPUT_CHARS), len(dates.OUTPUT_CHARS), H=4, A=3,
                                attention=attention)


def test_view_and_slider():
    src, _, _ = dates.make_dates(5, seed=0)
    X = dates.encode_sources(src)
    p = _model()
    view = viewer.alignment_view(p, X, src, 1, START, dates.decode_targets)
    assert view["source"] == src[1] and len(view["output"]) == 10
    np.testing.assert_allclose(view["alpha"].sum(axis=1), 1.0)
    box = viewer.alignment_widget(p, X, src, START, dates.decode_targets, count=3)
    box.controls["index"].value = 2
    assert box.result["index"] == 2 and box.controls["index"].max == 2
    with pytest.raises(ValueError, match="attention"):
        viewer.alignment_view(_model(False), X, src, 0, START, dates.decode_targets)
    with pytest.raises(ValueError, match="index"):
        viewer.alignment_view(p, X, src, 5, START, dates.decode_targets)


def test_batch_views_equal_one_at_a_time_and_the_labels():
    src, _, _ = dates.make_dates(6, seed=1)
    X = dates.encode_sources(src)
    p = _model()
    views = viewer.alignment_views(p, X, src, START, dates.decode_targets, count=4)
    assert len(views) == 4
    for i, view in enumerate(views):
        one = viewer.alignment_view(p, X, src, i, START, dates.decode_targets)
        assert view["output"] == one["output"] and view["title"] == one["title"]
        np.testing.assert_allclose(view["alpha"], one["alpha"], atol=1e-12)
    cols, rows = viewer._labels({"source": "3 may 1987", "output": "1987-05-03"}, 12)
    assert cols == ["", "", "3", "␣", "m", "a", "y", "␣", "1", "9", "8", "7"]
    assert rows == list("1987-05-03")


def test_a_move_answers_in_under_a_tenth_of_a_second():
    src, _, _ = dates.make_dates(20, seed=2)
    X = dates.encode_sources(src)
    box = viewer.alignment_widget(_model(), X, src, START, dates.decode_targets)
    times = []
    for index in (3, 7, 11, 3, 19, 0):
        start = time.process_time()          # CPU time: a busy shared machine adds waits
        box.controls["index"].value = index
        times.append(time.process_time() - start)
        assert box.result["index"] == index
    assert np.median(times) < 0.1, times
