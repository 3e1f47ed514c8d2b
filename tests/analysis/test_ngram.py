"""Tests for rnn_helpers.analysis.ngram (notebook 06): the counting baselines. Probabilities sum
to 1, the uniform model's perplexity is V, a tiny case computed by hand, and the input checks."""

import numpy as np
import pytest

from rnn_helpers.analysis import ngram
from rnn_helpers.datasets import text as tx

IDS = np.array([0, 1, 0, 1, 1, 2, 0, 1, 2, 2, 0, 0, 1])   # a tiny text over V = 3


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("alpha", [0.1, 1.0, 7.0])
def test_probabilities_sum_to_one_for_every_context(n, alpha):
    model = ngram.NGram(n, 3, alpha).fit(IDS)
    for context in ([], [0], [2, 2], [1, 0, 1], [2, 2, 2]):      # seen and unseen contexts
        p = model.next_probs(np.array(context, dtype=int))
        assert p.shape == (3,) and np.all(p > 0)
        assert p.sum() == pytest.approx(1.0, abs=1e-12)


def test_sums_to_one_on_a_real_text():
    text = tx.load_text(n_chars=3000)
    vocab = tx.Vocabulary(text)
    model = ngram.NGram(3, len(vocab), 2.0).fit(vocab.encode(text))
    for context in ("Sir Wal", "qx", "", "\n\n"):
        assert model.next_probs(vocab.encode(context)).sum() == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("V", [2, 5, 75])
def test_the_uniform_model_has_perplexity_V(V):
    rng = np.random.default_rng(0)
    X = rng.integers(0, V, size=(4, 9))
    Y = rng.integers(0, V, size=(4, 9))
    model = ngram.NGram(0, V)
    assert np.exp(model.loss(X, Y)) == pytest.approx(V)
    assert ngram.NGram(0, V).fit(X.ravel()).next_probs(X[0]) == pytest.approx(np.full(V, 1 / V))


def test_a_tiny_case_by_hand():
    # text "a b a b b" as ids 0 1 0 1 1, V = 2, alpha = 1
    ids = np.array([0, 1, 0, 1, 1])
    uni = ngram.NGram(1, 2, alpha=1.0).fit(ids)
    # counts: a 2, b 3 of 5;  p(a) = (2 + 1 * 1/2) / (5 + 1) = 2.5 / 6
    assert uni.next_probs(np.array([], dtype=int)) == pytest.approx([2.5 / 6, 3.5 / 6])
    bi = ngram.NGram(2, 2, alpha=1.0).fit(ids)
    # bigrams: ab 2, ba 1, bb 1.  After a: count(a) as a context = 2 (ab, ab)
    # p(b | a) = (2 + 1 * 3.5/6) / (2 + 1);  p(a | a) = (0 + 2.5/6) / 3
    assert bi.next_probs(np.array([1, 0])) == pytest.approx(
        [(2.5 / 6) / 3, (2 + 3.5 / 6) / 3])
    # after b: contexts b -> a once, b -> b once: p(a | b) = (1 + 2.5/6) / (2 + 1)
    assert bi.next_probs(np.array([1])) == pytest.approx(
        [(1 + 2.5 / 6) / 3, (1 + 3.5 / 6) / 3])
    # the loss of the window x = [a, b], y = [b, a]: position 0 sees only "a", position 1 "b"
    want = -(np.log((2 + 3.5 / 6) / 3) + np.log((1 + 2.5 / 6) / 3)) / 2
    assert bi.loss(np.array([[0, 1]]), np.array([[1, 0]])) == pytest.approx(want)
    # at a window's start there is no character before: the bigram uses its unigram there
    assert bi.loss(np.array([0]), np.array([1])) == pytest.approx(-np.log((2 + 3.5 / 6) / 3))


def test_laplace_unigram_is_the_datasets_unigram():
    rng = np.random.default_rng(1)
    ids = rng.integers(0, 6, size=200)
    valid = rng.integers(0, 6, size=(3, 10))
    p = tx.unigram_probs(ids, 6)                                  # (count + 1) / (L + V)
    model = ngram.NGram(1, 6, alpha=6).fit(ids)                   # alpha = V: add-one
    assert model.loss(valid, valid) == pytest.approx(tx.cross_entropy(p, valid.ravel()))


def test_more_context_helps_on_text_with_structure():
    text = tx.load_text(n_chars=20_000)
    vocab = tx.Vocabulary(text)
    train, valid = tx.split_text(text, 0.2)
    X, Y = tx.make_windows(vocab.encode(valid), 50)
    models = ngram.fit_ngrams(vocab.encode(train), len(vocab), orders=(0, 1, 2, 3))
    pp = ngram.perplexities(models, X, Y)
    assert list(pp) == ["uniform", "unigram", "bigram", "trigram"]
    assert pp["uniform"] == pytest.approx(len(vocab))
    assert pp["uniform"] > pp["unigram"] > pp["bigram"] > pp["trigram"]
    assert all(m.alpha in (1.0, 3.0, 10.0, 30.0) for n, m in models.items() if n != "uniform")


def test_choose_alpha_looks_at_training_ids_only():
    text = tx.load_text(n_chars=8000)
    vocab = tx.Vocabulary(text)
    ids = vocab.encode(text)
    a = ngram.choose_alpha(ids, len(vocab), 3, alphas=(0.01, 5.0, 1000.0))
    assert a == 5.0      # no smoothing overfits the counts, far too much forgets them
    cut = int(len(ids) * 0.9)
    X, Y = tx.make_windows(ids[cut:], 50)
    losses = {al: ngram.NGram(3, len(vocab), al).fit(ids[:cut]).loss(X, Y)
              for al in (0.01, 5.0, 1000.0)}
    assert min(losses, key=losses.get) == a


def test_generate_is_seeded_and_uses_the_counts():
    model = ngram.NGram(2, 3, alpha=1e-6).fit(np.array([0, 1, 2] * 20))
    out = model.generate(np.array([0]), 12, seed=3)
    np.testing.assert_array_equal(out, [1, 2, 0] * 4)             # nearly deterministic counts
    a = ngram.NGram(1, 3).fit(IDS).generate(np.array([0]), 30, seed=5)
    b = ngram.NGram(1, 3).fit(IDS).generate(np.array([0]), 30, seed=5)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (30,) and set(a) <= {0, 1, 2}
    bigram = ngram.NGram(2, 3, 1.0).fit(IDS)
    greedy = bigram.generate(np.array([2]), 5, temperature=0, seed=0)   # always the argmax
    text = [2]
    for _ in range(5):
        text.append(int(np.argmax(bigram.next_probs(np.array(text)))))
    np.testing.assert_array_equal(greedy, text[1:])


def test_names_and_repr():
    assert [ngram.NGram(n, 4).name for n in range(6)] == [
        "uniform", "unigram", "bigram", "trigram", "4-gram", "5-gram"]
    assert "not fitted" in repr(ngram.NGram(2, 4)) and "fitted" in repr(ngram.NGram(0, 4))


def test_bad_input():
    with pytest.raises(ValueError, match="n: expected an integer >= 0"):
        ngram.NGram(-1, 5)
    with pytest.raises(ValueError, match="alpha: expected a finite number > 0"):
        ngram.NGram(2, 5, alpha=0)
    with pytest.raises(ValueError, match="n: expected an order whose n-grams fit in 64 bits"):
        ngram.NGram(12, 75)
    with pytest.raises(RuntimeError, match=r"call \.fit\(train_ids\) first"):
        ngram.NGram(2, 5).loss(np.array([1]), np.array([2]))
    model = ngram.NGram(2, 3).fit(IDS)
    with pytest.raises(ValueError, match=r"ids: expected ids in \[0, 3\)"):
        ngram.NGram(2, 3).fit(np.array([0, 3]))
    with pytest.raises(ValueError, match="X: expected integer ids"):
        model.loss(np.array([0.5]), np.array([1]))
    with pytest.raises(ValueError, match=r"Y: expected the shape of X \(2,\)"):
        model.loss(np.array([0, 1]), np.array([1]))
    with pytest.raises(ValueError, match="history: expected integer ids of shape"):
        model.probs(np.zeros((2, 3), dtype=int), np.array([0, 1]))
    with pytest.raises(ValueError, match="ids: expected at least n = 2 ids"):
        ngram.NGram(2, 3).fit(np.array([1]))
    with pytest.raises(ValueError, match="models: expected a non-empty dict"):
        ngram.perplexities({}, np.array([1]), np.array([1]))


def test_seen_share_counts_contexts_met_in_training():
    model = ngram.NGram(3, 3, 1.0).fit(np.array([0, 1, 0, 1, 2]))   # contexts 01, 10, 01
    X = np.array([[0, 1, 2, 2, 0, 1]])
    # full contexts at t = 1 .. 5: 01 seen, 12 no, 22 no, 20 no, 01 seen -> 2 of 5
    assert model.seen_share(X) == pytest.approx(2 / 5)
    assert ngram.NGram(1, 3).fit(IDS).seen_share(X) == 1.0
    with pytest.raises(ValueError, match="X: expected windows longer than n - 1 = 2"):
        model.seen_share(np.array([[0, 1]])[:, :1])
