"""Hypothesis strategies for bad and edge inputs, and the small models they are tried on.

Most strategies start from a valid value and apply one mutation (a NaN, a dropped axis, a
ragged list, a label out of range, a string, ...), so a run sees both kinds of calls: the
valid ones must give a correct result, the others a clear error that changes nothing.
"""

import numpy as np
from hypothesis import strategies as st

from rnn_helpers.core import utils
from rnn_helpers.layers import GRU, LSTM, Dense, Embedding, SimpleRNN
from rnn_helpers.models import Sequential

B, T, D, H, V, K = 8, 3, 2, 3, 5, 4   # batch, steps, features, units, vocabulary, classes

# --- the models -----------------------------------------------------------------------------
KINDS = ("bce", "sparse", "categorical", "seq_mse")
LOSS = {"bce": "binary_crossentropy", "sparse": "sparse_categorical_crossentropy",
        "categorical": "categorical_crossentropy", "seq_mse": "mse"}
CELLS = {"SimpleRNN": SimpleRNN, "LSTM": LSTM, "GRU": GRU}


def valid_data(kind, seed=0, n=B):
    """(x, y) that `kind`'s model trains on without complaint."""
    rng = np.random.default_rng(seed)
    if kind == "sparse":
        return rng.integers(0, V, (n, T)), rng.integers(0, K, n)
    x = rng.normal(size=(n, T, D))
    if kind == "bce":
        return x, rng.integers(0, 2, n)
    if kind == "categorical":
        return x, np.eye(K)[rng.integers(0, K, n)]
    return x, rng.normal(size=(n, T, 2))


def make_model(kind, built=True, cell="SimpleRNN", compiled=True, optimizer="adam"):
    """A tiny model of `kind`; built ones have seeded layers, unbuilt ones draw their initial
    weights from the package generator when they are built (so its state matters too)."""
    Cell = CELLS[cell]
    seed = (lambda s: s) if built else (lambda s: None)
    shape = {"input_shape": (T,) if kind == "sparse" else (T, D)} if built else {}
    if kind == "sparse":
        layers = [Embedding(V, 3, seed=seed(1), **shape), Cell(H, seed=seed(2)),
                  Dense(K, activation="softmax", seed=seed(3))]
    elif kind == "seq_mse":
        layers = [Cell(H, return_sequences=True, seed=seed(1), **shape), Dense(2, seed=seed(2))]
    else:
        out = Dense(1, activation="sigmoid", seed=seed(2)) if kind == "bce" else \
            Dense(K, activation="softmax", seed=seed(2))
        layers = [Cell(H, seed=seed(1), **shape), out]
    model = Sequential(layers)
    if compiled:
        model.compile(optimizer, LOSS[kind], metrics=["mae"] if kind == "seq_mse" else
                      ["accuracy"])
    return model


def fresh(kind, built, cell, seed=0):
    """The package generator restarted, then a model: two calls give identical models."""
    utils.set_random_seed(seed)
    return make_model(kind, built, cell)


# --- values ---------------------------------------------------------------------------------
numbers = st.one_of(st.integers(-3, 6), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0.0, -0.0, 1e-310, 1e308, -1e308, 0.5, 2.5]))
junk = st.one_of(st.none(), st.booleans(), st.text(max_size=3), numbers, st.just(Ellipsis),
                 st.dictionaries(st.text(max_size=2), st.text(max_size=2), max_size=2),
                 st.lists(st.integers(-2, 2), max_size=3), st.builds(object),
                 st.just([[1.0, 2.0], [3.0]]), st.just(np.array(["a", "b"])),
                 st.just(np.zeros((0, 2))), st.just(np.float64(np.nan)))



def mostly(valid, odds=3):
    """`valid` `odds` times out of odds + 1, else junk (a flat one_of would pick junk's dozen
    branches far more often than the valid values)."""
    return st.integers(0, odds).flatmap(lambda i: valid if i else junk)


ARRAY_MUTATIONS = (
    "list", "float32", "int32", "bool", "nan", "inf", "huge",
    "drop_last_axis", "add_axis", "lose_batch", "shorter", "empty", "swap_axes", "ragged",
    "strings", "object", "complex", "scalar", "none", "text", "dict")
LABEL_MUTATIONS = ("label_above", "label_negative", "label_fraction")


@st.composite
def mutated(draw, a, labels=None):
    """`a` as it is half of the time, else after one mutation; `labels` = (low, high) adds
    out-of-range label mutations."""
    choices = ARRAY_MUTATIONS + (LABEL_MUTATIONS if labels else ())
    how = "keep" if draw(st.booleans()) else draw(st.sampled_from(choices))
    a = np.array(a)
    at = tuple(draw(st.integers(0, n - 1)) for n in a.shape) if a.size else ()
    if how == "keep":
        return a
    if how == "list":
        return a.tolist()
    if how in ("float32", "int32", "bool", "complex"):
        return a.astype({"bool": bool, "complex": complex}.get(how, how))
    if how in ("nan", "inf", "huge") and a.size:
        b = a.astype(float)
        b[at] = {"nan": np.nan, "inf": -np.inf, "huge": 1e300}[how]
        return b
    if how in LABEL_MUTATIONS and a.size:
        low, high = labels
        b = a.astype(float)
        b[at] = {"label_above": high, "label_negative": low - 1, "label_fraction": 0.5}[how]
        return b
    if how == "drop_last_axis" and a.ndim:
        return a[..., 0]
    if how == "add_axis":
        return a[..., None]
    if how == "lose_batch" and a.ndim:
        return a[0]
    if how == "shorter" and a.ndim:
        return a[: len(a) - 1 - draw(st.integers(0, max(len(a) - 2, 0)))]
    if how == "empty" and a.ndim:
        return a[:0]
    if how == "swap_axes" and a.ndim >= 2:
        return np.swapaxes(a, 0, -1)
    if how == "ragged" and a.ndim >= 1 and len(a) >= 2:
        rows = a.tolist()
        rows[-1] = rows[-1][:-1] if isinstance(rows[-1], list) and rows[-1] else [rows[-1], 0]
        return rows
    if how == "strings":
        return a.astype(str)
    if how == "object":
        rows = a.tolist()
        return [None] + rows[1:] if isinstance(rows, list) and rows else [None]
    if how == "scalar":
        return 3.0
    if how == "none":
        return None
    if how == "text":
        return "abc"
    if how == "dict":
        return {"x": a}
    return a


def label_range(kind, role):
    """(lowest valid, first invalid) label for `role` ("x" ids or "y"), None where free."""
    if role == "x":
        return (0, V) if kind == "sparse" else None
    return {"bce": (0, 2), "sparse": (0, K), "categorical": (0, 2)}.get(kind)


@st.composite
def fit_kwargs(draw, kind):
    """fit's other arguments: usually valid, sometimes one of them bad or unusual."""
    x_val, y_val = valid_data(kind, seed=5, n=4)

    def failing_callback(epoch, logs):
        if epoch == 1:
            raise ValueError("callbacks: this callback fails after the second epoch")

    options = {
        "batch_size": st.sampled_from([3, 8, 100, 0, -1, 2.5, "32", None, True]),
        "epochs": st.sampled_from([0, 2, 3, -1, 1.5, "2"]),
        "verbose": st.sampled_from([0, 2, 3, "loud", True]),
        "shuffle": st.sampled_from([False, True, 1, "yes"]),
        "validation_split": st.sampled_from([0.25, 0.5, 1.0, -0.1, "0.2", 0.01]),
        "validation_data": st.one_of(
            st.just((x_val, y_val)), st.just([x_val]), st.just("val"),
            st.just((x_val, y_val, y_val)),
            st.tuples(mutated(x_val, label_range(kind, "x")),
                      mutated(y_val, label_range(kind, "y")))),
        "callbacks": st.sampled_from([None, 3, [3], [lambda e, logs: None], failing_callback,
                                      [lambda e, logs: True]]),
        "initial_epoch": st.sampled_from([0, 1, -1, 5]),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(options)), max_size=2, unique=True))
    kwargs = {k: draw(options[k]) for k in chosen}
    if "epochs" not in kwargs and (kwargs.get("callbacks") is failing_callback):
        kwargs["epochs"] = 3
    return kwargs
