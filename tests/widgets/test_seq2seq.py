"""Tests for rnn_helpers.widgets.seq2seq: the alignment viewer's plain function and slider."""

import numpy as np
import pytest

from rnn_helpers.analysis import seq2seq
from rnn_helpers.datasets import dates
from rnn_helpers.widgets import seq2seq as viewer

START = dates.OUTPUT_CHARS.index(dates.START)


def test_view_and_slider():
    src, _, _ = dates.make_dates(5, seed=0)
    X = dates.encode_sources(src)
    p = seq2seq.init_seq2seq(len(dates.INPUT_CHARS), len(dates.OUTPUT_CHARS), H=4, A=3)
    view = viewer.alignment_view(p, X, src, 1, START, dates.decode_targets)
    assert view["source"] == src[1] and len(view["output"]) == 10
    np.testing.assert_allclose(view["alpha"].sum(axis=1), 1.0)
    box = viewer.alignment_widget(p, X, src, START, dates.decode_targets, count=3)
    box.controls["index"].value = 2
    assert box.result["index"] == 2 and box.controls["index"].max == 2
    plain = seq2seq.init_seq2seq(len(dates.INPUT_CHARS), len(dates.OUTPUT_CHARS), H=4,
                                 attention=False)
    with pytest.raises(ValueError, match="attention"):
        viewer.alignment_view(plain, X, src, 0, START, dates.decode_targets)
