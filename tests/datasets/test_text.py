"""Tests for rnn_helpers.datasets.text: the shipped text, the vocabulary, windows, baselines."""

import math

import numpy as np
import pytest

from rnn_helpers.datasets import text as tx
from tests.conftest import raises_with


def test_shipped_text_is_the_documented_file():
    text = tx.load_text()
    assert len(text) == 167209
    assert text.startswith("Persuasion\n\n\nby\n\nJane Austen\n\n(1818)")
    assert text.isascii()
    assert len(tx.load_text(n_chars=100)) == 100
    readme = (tx.DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "persuasion_ch01-10.txt" in readme and "167,209" in readme


def test_vocabulary_round_trip_and_order():
    vocab = tx.Vocabulary("hello")
    assert vocab.chars == ["e", "h", "l", "o"] and len(vocab) == vocab.size == 4
    assert vocab.encode("hole").tolist() == [1, 3, 2, 0]
    assert vocab.decode([1, 0, 2, 2, 3]) == "hello"
    text = tx.load_text(n_chars=5000)
    full = tx.Vocabulary(text)
    assert full.decode(full.encode(text)) == text
    assert "Vocabulary V=" in repr(full)


def test_one_hot():
    out = tx.one_hot(np.array([[2, 0]]), 3)
    assert out.shape == (1, 2, 3)
    np.testing.assert_array_equal(out[0], [[0, 0, 1], [1, 0, 0]])


def test_make_windows_targets_are_shifted_inputs():
    ids = np.arange(11)
    X, Y = tx.make_windows(ids, T=4)
    assert X.shape == Y.shape == (2, 4)
    np.testing.assert_array_equal(X[1], [4, 5, 6, 7])
    np.testing.assert_array_equal(Y[1], [5, 6, 7, 8])
    X, Y = tx.make_windows(ids, T=4, step=1)
    assert len(X) == 7 and Y[-1, -1] == 10


def test_split_text():
    train, valid = tx.split_text("abcdefghij", 0.2)
    assert (train, valid) == ("abcdefgh", "ij")


def test_unigram_and_uniform_baselines():
    ids = np.array([0, 0, 0, 1])
    p = tx.unigram_probs(ids, 3, alpha=1.0)
    np.testing.assert_allclose(p, [4 / 7, 2 / 7, 1 / 7])
    assert tx.cross_entropy(np.full(5, 0.2), [0, 3, 4]) == pytest.approx(math.log(5))
    assert tx.cross_entropy(p, [0, 1]) == pytest.approx(-(math.log(4 / 7) + math.log(2 / 7)) / 2)


def test_perplexity_and_bits():
    assert tx.perplexity(0.0) == 1.0
    assert tx.perplexity(math.log(75)) == pytest.approx(75)
    np.testing.assert_allclose(tx.perplexity(np.array([0.0, math.log(2)])), [1, 2])
    assert tx.bits_per_char(math.log(2)) == pytest.approx(1.0)


@pytest.mark.parametrize("call, words", [
    (lambda: tx.load_text("moby"), "name: expected one of 'persuasion'"),
    (lambda: tx.load_text(n_chars=0), "n_chars: expected a positive integer"),
    (lambda: tx.Vocabulary(""), "text: expected at least one character"),
    (lambda: tx.Vocabulary("ab").encode("abc"), "unknown character(s) such as 'c'"),
    (lambda: tx.Vocabulary("ab").decode([0, 2]), "ids: expected ids in [0, 2)"),
    (lambda: tx.one_hot([0.5], 3), "ids: expected integer ids"),
    (lambda: tx.make_windows(np.arange(4), T=4), "ids: expected at least T + 1 = 5 ids"),
    (lambda: tx.make_windows(np.arange(8).reshape(2, 4), T=2), "ids: expected a 1-D sequence"),
    (lambda: tx.make_windows([-1, 2, 3], T=1), "ids: expected ids >= 0"),
    (lambda: tx.split_text("abc", 1.5), "valid_fraction: expected a number in (0, 1)"),
    (lambda: tx.unigram_probs([0, 1], 2, alpha=-1), "alpha: expected a number >= 0"),
    (lambda: tx.cross_entropy([0.5, 0.6], [0]), "p: expected probabilities >= 0 that sum to 1"),
    (lambda: tx.perplexity(-1.0), "loss: expected a cross-entropy >= 0"),
])
def test_bad_input_names_the_argument(call, words):
    raises_with(call, words)


def test_wrong_types():
    with pytest.raises(TypeError, match="text: expected a string"):
        tx.Vocabulary(["a"])
    with pytest.raises(TypeError, match="text: expected a string"):
        tx.split_text(3)
