"""Tests for rnn_helpers.analysis.seq2seq: gradient checks with and without attention,
teacher forcing, training lowers the loss, the parameter count."""

import numpy as np
import pytest

from rnn_helpers.analysis import seq2seq
from rnn_helpers.core import gradcheck
from rnn_helpers.datasets import dates

START = dates.OUTPUT_CHARS.index(dates.START)


def _data(n=5):
    src, tgt, _ = dates.make_dates(n, seed=0)
    return dates.encode_sources(src), dates.encode_targets(tgt)


@pytest.mark.parametrize("attention", [True, False])
def test_gradient_check(attention):
    X, Y = _data()
    X, Y = X[:, -8:], Y[:, :4]
    p = seq2seq.init_seq2seq(len(dates.INPUT_CHARS), len(dates.OUTPUT_CHARS), H=4, A=3,
                             attention=attention, seed=3)
    rng = np.random.default_rng(1)
    for k in p:                                          # gradients well above rounding
        p[k] = p[k] + 0.3 * rng.standard_normal(p[k].shape)
    Y_in = seq2seq.teacher_inputs(Y, START)
    _, cache = seq2seq.forward(p, X, Y_in, Y)
    grads = seq2seq.backward(p, cache)
    errors = gradcheck.check_gradients(lambda: seq2seq.forward(p, X, Y_in, Y)[0], p, grads,
                                       eps=1e-5)
    assert max(errors.values()) < 1e-7, errors
    assert seq2seq.uses_attention(p) == attention


def test_teacher_inputs_and_count():
    Y = np.array([[1, 2, 3], [4, 5, 6]])
    np.testing.assert_array_equal(seq2seq.teacher_inputs(Y, 9), [[9, 1, 2], [9, 4, 5]])
    p = seq2seq.init_seq2seq(5, 4, H=2, A=3, attention=False)
    assert seq2seq.count_params(p) == 5 * 6 + 2 * 6 + 12 + (4 + 2) * 6 + 2 * 6 + 12 + 4 * 4 + 4


def test_training_lowers_the_loss():
    X, Y = _data(64)
    p = seq2seq.init_seq2seq(len(dates.INPUT_CHARS), len(dates.OUTPUT_CHARS), H=8, A=4)
    losses = seq2seq.train(p, X, Y, START, epochs=3, batch_size=32)
    assert losses[-1] < losses[0]


def test_bad_input():
    X, Y = _data()
    p = seq2seq.init_seq2seq(len(dates.INPUT_CHARS), len(dates.OUTPUT_CHARS), H=4, A=3)
    with pytest.raises(ValueError, match="Y_in"):
        seq2seq.forward(p, X, Y[:, :3], Y)
    with pytest.raises(ValueError, match="H"):
        seq2seq.init_seq2seq(5, 4, H=0)


def test_progress_bar_and_same_losses(capsys):
    X, Y = _data(32)
    runs = []
    for progress in (False, "with attention"):
        p = seq2seq.init_seq2seq(len(dates.INPUT_CHARS), len(dates.OUTPUT_CHARS), H=4, A=3)
        runs.append(seq2seq.train(p, X, Y, START, epochs=2, batch_size=16, progress=progress))
    assert runs[0] == runs[1]
    out = capsys.readouterr().out
    assert "with attention" in out and "2/2" in out and "loss" in out
