"""Tests for rnn_helpers.analysis.decoding: greedy equals beam of width 1, beam's score is
at least greedy's, exact match and character accuracy."""

import numpy as np
import pytest

from rnn_helpers.analysis import decoding, seq2seq
from rnn_helpers.datasets import dates

START = dates.OUTPUT_CHARS.index(dates.START)


@pytest.fixture(scope="module")
def model():
    src, tgt, _ = dates.make_dates(20, seed=0)
    X = dates.encode_sources(src)
    p = seq2seq.init_seq2seq(len(dates.INPUT_CHARS), len(dates.OUTPUT_CHARS), H=6, A=4, seed=1)
    return p, X


def _log_prob(p, X, ids):
    Y_in = seq2seq.teacher_inputs(ids, START)
    _, cache = seq2seq.forward(p, X, Y_in, ids)
    return np.sum([np.log(s["probs"][np.arange(len(ids)), ids[:, t]])
                   for t, s in enumerate(cache["steps"])], axis=0)


def test_greedy_is_beam_of_width_one(model):
    p, X = model
    greedy, alpha = decoding.greedy_decode(p, X, 10, START)
    beam, score = decoding.beam_decode(p, X, 10, START, beam_width=1)
    np.testing.assert_array_equal(greedy, beam)
    np.testing.assert_allclose(score, _log_prob(p, X, greedy), atol=1e-9)
    np.testing.assert_allclose(alpha.sum(axis=2), 1.0)
    assert alpha.shape == (len(X), 10, X.shape[1])


def test_beam_score_is_the_log_probability_and_wide_beam_is_exact(model):
    p, X = model
    ids, score = decoding.beam_decode(p, X, 10, START, beam_width=3)
    np.testing.assert_allclose(score, _log_prob(p, X, ids), atol=1e-9)
    V = len(dates.OUTPUT_CHARS)                      # T = 2 with V prefixes kept: exhaustive
    ids, score = decoding.beam_decode(p, X, 2, START, beam_width=V)
    pairs = np.array([[a, b] for a in range(V) for b in range(V)])
    for n in range(3):
        every = _log_prob(p, np.repeat(X[n:n + 1], len(pairs), axis=0), pairs)
        assert score[n] == pytest.approx(every.max())
        assert tuple(ids[n]) == tuple(pairs[every.argmax()])


def test_exact_match():
    Y = np.array([[1, 2], [3, 4]])
    assert decoding.exact_match(np.array([[1, 2], [3, 5]]), Y) == 0.5
    assert decoding.char_accuracy(np.array([[1, 2], [3, 5]]), Y) == 0.75
    with pytest.raises(ValueError, match="pred"):
        decoding.exact_match(np.zeros((2, 3)), Y)


def test_positions_majority_and_evaluate(model):
    Y = np.array([[1, 2], [1, 3], [4, 3]])
    np.testing.assert_allclose(decoding.position_accuracy(np.array([[1, 2], [0, 3], [4, 0]]), Y),
                               [2 / 3, 2 / 3])
    np.testing.assert_array_equal(decoding.position_majority(Y), [1, 3])
    with pytest.raises(ValueError, match="Y"):
        decoding.position_majority(np.array([[-1, 2]]))
    with pytest.raises(ValueError, match="pred"):
        decoding.position_accuracy(np.zeros(2), Y)
    p, X = model
    src, tgt, _ = dates.make_dates(20, seed=0)
    Yd = dates.encode_targets(tgt)
    result = decoding.evaluate(p, X, Yd, START, beam_width=2)
    greedy, _ = decoding.greedy_decode(p, X, 10, START)
    np.testing.assert_array_equal(result["greedy"], greedy)
    assert result["exact_greedy"] == decoding.exact_match(greedy, Yd)
    assert result["char_beam"] == decoding.char_accuracy(result["beam"], Yd)
    np.testing.assert_allclose(result["positions"], decoding.position_accuracy(greedy, Yd))
    with pytest.raises(ValueError, match="Y"):
        decoding.evaluate(p, X, Yd[:3], START)
