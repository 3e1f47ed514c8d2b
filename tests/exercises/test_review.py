"""Tests for rnn_helpers.exercises.review: the right answer passes, usual mistakes are named."""

import pytest

from rnn_helpers.analysis import evidence
from rnn_helpers.exercises import review as ex
from tests.conftest import stub, verdict


@pytest.mark.parametrize("answer, ok, words", [
    (lambda D, H: 4 * (D * H + H * H + H), True, "Correct"),
    (lambda D, H: evidence.param_count("LSTM", D, H), True, "Correct"),
    (stub, False, "NotImplementedError"),
    (lambda D, H: ..., False, "`...`"),
    (lambda D, H: None, False, "return"),
    (lambda D, H: 4 * (D * H + H * H), False, "biases are missing"),
    (lambda D, H: 4 * (D * H + H), False, "recurrent weights U are missing"),
    (lambda D, H: D * H + H * H + H, False, "simple RNN's count"),
    (lambda D, H: 3 * (D * H + H * H + H), False, "three blocks"),
    (lambda D, H: 3 * (D * H + H * H) + 6 * H, False, "Keras' GRU"),
    (lambda D, H: 4 * (2 * D * H + H), False, "(H, 4H)"),
    (lambda D, H: 5 * (D * H + H * H + H), False, "not the expected"),
    (lambda D: 4, False, "raised TypeError"),
])
def test_check_lstm_params(capsys, answer, ok, words):
    got, out = verdict(capsys, ex.check_lstm_params, answer)
    assert got is ok and words in out, out
