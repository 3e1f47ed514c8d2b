"""Tests for rnn_helpers.analysis.sampling: temperature, seeded draws, O(T) generation."""

import numpy as np
import pytest

from rnn_helpers.analysis import sampling as sp
from rnn_helpers.core.activations import softmax
from rnn_helpers.datasets import text as tx
from rnn_helpers.layers import LSTM, Dense, Embedding, MinGRU, SimpleRNN
from rnn_helpers.models import Sequential
from tests.conftest import raises_with

VOCAB = tx.Vocabulary("abcdefgh ")


def tiny_model(embedding=True):
    V = len(VOCAB)
    layers = [Embedding(V, 4, seed=0)] if embedding else []
    layers += [SimpleRNN(6, return_sequences=True, seed=1), Dense(V, activation="softmax", seed=2)]
    model = Sequential(layers)
    model.build((5,) if embedding else (5, V))
    return model


def test_temperature_equation():
    p = np.array([0.5, 0.3, 0.2])
    np.testing.assert_allclose(sp.apply_temperature(p, 1.0), p)
    q = sp.apply_temperature(p, 0.5)
    np.testing.assert_allclose(q, p**2 / np.sum(p**2))           # p ** (1/τ), normalised
    np.testing.assert_allclose(sp.apply_temperature(p, 2.0), np.sqrt(p) / np.sqrt(p).sum())
    np.testing.assert_array_equal(sp.apply_temperature(p, 0), [1, 0, 0])
    assert sp.apply_temperature(p, 100.0).max() - sp.apply_temperature(p, 100.0).min() < 0.01
    np.testing.assert_allclose(sp.apply_temperature(np.array([0.0, 1.0]), 0.7), [0, 1])


def test_sample_index_is_seeded_and_follows_p():
    p = np.array([0.1, 0.6, 0.3])
    rng = np.random.default_rng(0)
    draws = sp.sample_index(np.tile(p, (4000, 1)), rng)          # 4000 rows, one draw each
    np.testing.assert_allclose(np.bincount(draws, minlength=3) / 4000, p, atol=0.03)
    a = [sp.sample_index(p, np.random.default_rng(5)) for _ in range(3)]
    assert len(set(a)) == 1
    batch = sp.sample_index(np.array([[1.0, 0, 0], [0, 0, 1.0]]), np.random.default_rng(1))
    assert batch.tolist() == [0, 2]


@pytest.mark.parametrize("embedding", [True, False])
def test_step_equals_the_model_forward(embedding):
    model = tiny_model(embedding)
    ids = VOCAB.encode("bad cafe")
    x = ids[None] if embedding else tx.one_hot(ids[None], len(VOCAB))
    full = model.forward(x)[0]                    # (T, V): every step at once
    states = sp.start_state(model)
    for t, i in enumerate(ids):
        p, states = sp.step(model, [i], states)
        np.testing.assert_allclose(p[0], full[t], atol=1e-12)


def test_step_by_hand():
    model = tiny_model()
    E = model.layers[0].params["E"]
    W, U, b = (model.layers[1].params[k] for k in "WUb")
    W_y, b_y = model.layers[2].params["W"], model.layers[2].params["b"]
    h = np.zeros((1, 6))
    for i in VOCAB.encode("ab"):
        h = np.tanh(E[[i]] @ W + h @ U + b)
    p = softmax(h @ W_y + b_y)
    np.testing.assert_allclose(sp.next_char_probs(model, VOCAB, "ab"), p[0], atol=1e-12)


def test_generate_is_seeded_and_matches_the_slow_way():
    model = tiny_model()
    a = sp.generate(model, VOCAB, "ab", 30, temperature=0.8, seed=3)
    assert len(a) == 30 and set(a) <= set(VOCAB.chars)
    assert a == sp.generate(model, VOCAB, "ab", 30, temperature=0.8, seed=3)
    assert a != sp.generate(model, VOCAB, "ab", 30, temperature=0.8, seed=4)
    assert a == sp.generate_quadratic(model, VOCAB, "ab", 30, temperature=0.8, seed=3)
    greedy = sp.generate(model, VOCAB, "ab", 10, temperature=0, seed=0)
    assert greedy == sp.generate(model, VOCAB, "ab", 10, temperature=0, seed=99)


@pytest.mark.parametrize("cell", [LSTM, MinGRU], ids=["LSTM", "MinGRU"])
@pytest.mark.parametrize("embedding", [True, False])
def test_step_works_for_other_recurrent_layers(embedding, cell):
    """A recurrent layer other than SimpleRNN: step() carries its state(s) too."""
    V = len(VOCAB)
    first = [Embedding(V, 4, seed=0)] if embedding else []
    model = Sequential([*first, cell(5, return_sequences=True, seed=1),
                        Dense(V, activation="softmax", seed=2)])
    model.build((5,) if embedding else (5, V))
    ids = VOCAB.encode("bad cafe")
    full = model.forward(ids[None] if embedding else tx.one_hot(ids[None], V))[0]
    states = sp.start_state(model)
    for t, i in enumerate(ids):
        p, states = sp.step(model, [i], states)
        np.testing.assert_allclose(p[0], full[t], atol=1e-12)
    assert len(sp.generate(model, VOCAB, "ab", 5)) == 5


def test_temperature_demo():
    model = tiny_model()
    result = sp.temperature_demo(model, VOCAB, "ab", 0.5, n_chars=20, seed=0)
    assert len(result["text"]) == 20 and result["probs"].shape == (len(VOCAB),)
    assert 0 <= result["entropy"] <= np.log(len(VOCAB))
    hot = sp.temperature_demo(model, VOCAB, "ab", 2.0, n_chars=5)
    assert hot["entropy"] > result["entropy"]


@pytest.mark.parametrize("call, words", [
    (lambda: sp.apply_temperature(np.array([0.5, 0.5]), -1), "temperature: expected a number >= 0"),
    (lambda: sp.apply_temperature(np.array([0.5, 0.6]), 1), "p: expected probabilities >= 0"),
    (lambda: sp.sample_index(np.array([-0.1, 1.1]), np.random.default_rng(0)),
     "p: expected probabilities >= 0"),
    (lambda: sp.generate(tiny_model(), VOCAB, "", 5), "prompt: expected a non-empty string"),
    (lambda: sp.generate(tiny_model(), VOCAB, "ab", 0), "n_chars: expected a positive integer"),
    (lambda: sp.generate(tiny_model(), VOCAB, "xyz", 3), "unknown character(s) such as 'x'"),
    (lambda: sp.start_state(Sequential([Dense(3, input_shape=(2,))])),
     "model: expected [Embedding,] recurrent layer(s)"),
])
def test_bad_input(call, words):
    raises_with(call, words)


def test_wrong_types():
    with pytest.raises(TypeError, match="rng: expected a numpy Generator"):
        sp.sample_index(np.array([1.0]), 0)
    with pytest.raises(TypeError, match="model: expected a Sequential"):
        sp.start_state(object())


def test_sample_callback_records_the_chosen_epochs():
    model = tiny_model()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    ids = VOCAB.encode("bad cafe head fade bead " * 3)
    X, Y = tx.make_windows(ids, T=5)
    cb = sp.SampleCallback(VOCAB, "ab", at_epochs=(1, 3), n_chars=12)
    model.fit(X, Y, epochs=3, batch_size=4, verbose=0, callbacks=[cb])
    assert list(cb.samples) == ["after 1 epoch", "after 3 epochs"]
    assert cb.samples["after 3 epochs"] == sp.generate(model, VOCAB, "ab", 12, 0.8, seed=0)


def test_generate_many_equals_one_call_per_temperature():
    model = tiny_model()
    taus = [0.0, 0.5, 1.0, 2.0]
    texts = sp.generate_many(model, VOCAB, "ab", 15, taus, seed=2)
    assert texts == [sp.generate(model, VOCAB, "ab", 15, t, seed=2) for t in taus]
