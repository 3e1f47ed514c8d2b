"""Functions of the public API under fuzzing: softmax, the losses, temperature and sampling,
step-by-step generation, perplexity. Each returns a correct value or raises a clear error."""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from rnn_helpers.analysis import sampling
from rnn_helpers.core import activations, losses
from rnn_helpers.datasets import text
from rnn_helpers.layers import Dense, Embedding, SimpleRNN
from rnn_helpers.models import Sequential
from tests.properties.contract import attempt
from tests.properties.strategies import junk, mostly, mutated, numbers

NOTHING = dict   # a state that nothing can change: these functions hold none

scores = hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=5),
                    elements=st.one_of(st.floats(-50, 50), st.sampled_from(
                        [np.inf, -np.inf, np.nan, 1e308, -1e308])))


@given(x=mostly(scores), axis=mostly(st.sampled_from([-1, -1, 0, 1, 2, -3])))
def test_softmax(x, axis):
    def correct(q):
        a = np.asarray(x, dtype=float)
        q_rows, a_rows = np.moveaxis(q, axis, -1), np.moveaxis(a, axis, -1)
        for qr, ar in zip(q_rows.reshape(-1, a.shape[axis]), a_rows.reshape(-1, a.shape[axis]),
                          strict=True):
            if np.isnan(ar).any() or np.all(ar == -np.inf):
                continue   # no limit: NaN, documented
            assert abs(qr.sum() - 1) < 1e-12 and np.all(qr >= 0)
            if np.isposinf(ar).any():
                assert np.allclose(qr, np.isposinf(ar) / np.isposinf(ar).sum())
            else:
                assert np.argmax(qr) == np.argmax(ar) or qr[np.argmax(ar)] == qr.max()

    attempt("activations.softmax", lambda: activations.softmax(x, axis=axis), NOTHING,
            ("x", "axis"), correct)


LOSS_FUNCTIONS = {"binary_crossentropy": ((8, 1), 2), "categorical_crossentropy": ((8, 4), 4),
                  "sparse_categorical_crossentropy": ((8, 4), 4), "mean_squared_error":
                  ((8, 3), None)}


@given(name=st.sampled_from(sorted(LOSS_FUNCTIONS)), from_logits=mostly(st.booleans()),
       data=st.data())
def test_losses(name, from_logits, data):
    shape, classes = LOSS_FUNCTIONS[name]
    rng = np.random.default_rng(0)
    y_pred = rng.dirichlet(np.ones(shape[-1]), shape[0]) if shape[-1] > 1 else rng.random(shape)
    if name == "binary_crossentropy":
        y_true = rng.integers(0, 2, shape)
    elif name == "categorical_crossentropy":
        y_true = np.eye(classes)[rng.integers(0, classes, shape[0])]
    elif name == "sparse_categorical_crossentropy":
        y_true = rng.integers(0, classes, shape[0])
    else:
        y_true = rng.normal(size=shape)
    labels = (0, classes) if classes else None
    y_true = data.draw(mutated(y_true, labels), label="y_true")
    y_pred = data.draw(mutated(y_pred), label="y_pred")
    fn = getattr(losses, name)
    kwargs = {} if name == "mean_squared_error" else {"from_logits": from_logits}

    def correct(result):
        loss, dy = result
        assert isinstance(loss, float) and loss >= 0 and dy.shape == np.shape(y_pred)
        assert math.isfinite(loss) or max(np.max(np.abs(np.asarray(a, float)))
                                          for a in (y_true, y_pred)) > 1e100

    attempt(f"losses.{name}", lambda: fn(y_true, y_pred, **kwargs), NOTHING,
            ("y_true", "y_pred", "from_logits", "mask"), correct)


distributions = st.sampled_from([(4,), (2, 4), (1, 3)]).flatmap(
    lambda shape: st.integers(0, 9).map(lambda seed: np.random.default_rng(seed).dirichlet(
        np.full(shape[-1], 0.5), size=shape[:-1]) if len(shape) > 1 else
        np.random.default_rng(seed).dirichlet(np.full(shape[0], 0.5))))
odd_arrays = hnp.arrays(np.float64, st.sampled_from([(4,), (2, 4), (0,), (4, 0)]),
                        elements=st.sampled_from([0.0, 0.25, 0.5, 1.0, -0.1, np.nan]))


@given(p=st.one_of(distributions, distributions.flatmap(mutated), odd_arrays, junk),
       temperature=mostly(st.one_of(st.sampled_from([0, 1e-310, 1e-5, 0.5, 1, 2.0, 1e300]),
                                    numbers)))
def test_temperature_and_sampling(p, temperature):
    def tempered(q):
        assert q.shape == np.shape(p) and np.all(np.isfinite(q))
        assert np.allclose(q.sum(axis=-1), 1)

    attempt("sampling.apply_temperature", lambda: sampling.apply_temperature(p, temperature),
            NOTHING, ("p", "temperature"), tempered)

    def drawn(i):
        rows = np.atleast_2d(p)
        assert np.all(np.take_along_axis(rows, np.atleast_1d(i)[:, None], -1) > 0)

    attempt("sampling.sample_index", lambda: sampling.sample_index(p, np.random.default_rng(0)),
            NOTHING, ("p", "rng"), drawn)


VOCAB = text.Vocabulary("abcde ")


def char_model(embedding):
    V = len(VOCAB)
    first = [Embedding(V, 3, seed=0)] if embedding else []
    model = Sequential([*first, SimpleRNN(4, return_sequences=True, seed=1),
                        Dense(V, activation="softmax", seed=2)])
    model.build((3,) if embedding else (3, V))
    return model


GENERATION_ARGS = {
    "ids": mostly(st.lists(st.integers(-2, 8), max_size=3)),
    "temperature": mostly(st.sampled_from([1e-310, 0.5, 3.0, -1.0, np.nan])),
    "temperatures": mostly(st.sampled_from([[], 0.5, (0.0, 1e-310), "0.5", [[0.5]]])),
    "prompt": mostly(st.sampled_from(["", "xyz", "a b", "b"])),
    "n_chars": mostly(st.integers(-1, 5)), "seed": mostly(st.integers(-1, 3))}
VALID_GENERATION = {"ids": [0, 3], "temperature": 0, "temperatures": [0.5, 1.0],
                    "prompt": "ab", "n_chars": 4, "seed": 0}


@given(embedding=st.booleans(), data=st.data())
def test_generation(embedding, data):
    """Valid arguments, then (most of the time) one or two of them changed."""
    args = dict(VALID_GENERATION)
    for name in data.draw(st.lists(st.sampled_from(sorted(GENERATION_ARGS)), max_size=2,
                                   unique=True), label="changed"):
        args[name] = data.draw(GENERATION_ARGS[name], label=name)
    ids, temperature, temperatures, prompt, n_chars, seed = (
        args[k] for k in ("ids", "temperature", "temperatures", "prompt", "n_chars", "seed"))
    model = char_model(embedding)
    weights = [w.copy() for w in model.get_weights()]

    def unchanged():
        return {"weights": model.get_weights()}

    n = len(ids) if isinstance(ids, list) and ids and not isinstance(ids[0], list) else 1
    states = sampling.start_state(model, n)

    def stepped(result):
        probs, new = result
        assert probs.shape == (np.size(ids), len(VOCAB)) and np.allclose(probs.sum(-1), 1)

    attempt("sampling.step", lambda: sampling.step(model, ids, states), unchanged,
            ("ids_t", "states", "model"), stepped)

    def text_of(n):
        def check(out):
            assert isinstance(out, str) and len(out) == n and set(out) <= set(VOCAB.chars)
        return check

    attempt("sampling.generate", lambda: sampling.generate(
        model, VOCAB, prompt, n_chars, temperature=temperature, seed=seed), unchanged,
        ("prompt", "n_chars", "temperature", "seed", "vocab", "model"), text_of(n_chars))

    def texts(out):
        assert len(out) == len(temperatures) and all(text_of(n_chars)(t) is None for t in out)

    attempt("sampling.generate_many", lambda: sampling.generate_many(
        model, VOCAB, prompt, n_chars, temperatures, seed=seed), unchanged,
        ("prompt", "n_chars", "temperatures", "temperature", "seed", "vocab", "model"), texts)
    assert all(np.array_equal(a, b) for a, b in zip(weights, model.get_weights(), strict=True))


@given(loss=st.one_of(numbers, junk, hnp.arrays(np.float64, st.sampled_from([(3,), (2, 2)]),
                                                elements=st.floats(-1, 1e6))))
def test_perplexity(loss):
    def correct(value):
        with np.errstate(over="ignore"):
            assert np.allclose(value, np.exp(np.asarray(loss, float)), rtol=1e-12)

    attempt("text.perplexity", lambda: text.perplexity(loss), NOTHING, ("loss",), correct)


@given(chars=mostly(st.text(alphabet="abcde xy", max_size=6)), ids=mostly(
    st.lists(st.integers(-1, 7), max_size=4)))
def test_vocabulary(chars, ids):
    attempt("text.Vocabulary.encode", lambda: VOCAB.encode(chars), NOTHING, ("text",),
            lambda out: VOCAB.decode(out) == chars)
    attempt("text.Vocabulary.decode", lambda: VOCAB.decode(ids), NOTHING, ("ids",),
            lambda out: len(out) == np.size(ids))
