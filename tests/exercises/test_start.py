"""Tests for rnn_helpers.exercises.start (notebook 00): check_batch_shape names the usual
mistakes."""

import numpy as np
import pytest

from rnn_helpers.exercises import start
from tests.conftest import verdict


@pytest.mark.parametrize("answer,ok,words", [
    ((32, 5, 1), True, "Correct"),
    ([32, 5, 1], True, "Correct"),
    (np.zeros((32, 5, 1)).shape, True, "Correct"),
    ((1000, 5, 1), False, "whole of X"),
    ((32, 1, 5), False, "swapped"),
    ((5, 1), False, "batch axis"),
    ((5, 32, 1), False, "time first"),
    ((32, 5), False, "feature axis"),
    ((8, 5, 1), False, "last, smaller batch"),
    ((31, 5, 1), False, "full batches"),
    ((32, 5, 10), False, "hidden units"),
    ((3, 3), False, "not it yet"),
    (..., False, "`...`"),
    (None, False, "`None`"),
])
def test_check_batch_shape(capsys, answer, ok, words):
    got, out = verdict(capsys, start.check_batch_shape, answer)
    assert got is ok and words in out
