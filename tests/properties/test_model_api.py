"""The rest of the model API under fuzzing: predict, evaluate, set_weights (model and layer),
compile, build, add, summary and the layers' constructors. Each call gives a correct result or a
clear error that changes nothing (contract.py)."""

import inspect

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from rnn_helpers.core import optim, utils
from rnn_helpers.layers import (
    GRU,
    LSTM,
    AttentionPooling,
    Bidirectional,
    Conv1D,
    Dense,
    Embedding,
    MinGRU,
    SimpleRNN,
    base,
)
from tests.properties.contract import attempt, layer_state, model_state
from tests.properties.strategies import (
    CELLS,
    KINDS,
    LOSS,
    label_range,
    make_model,
    mostly,
    mutated,
    valid_data,
)

kinds, cells = st.sampled_from(KINDS), st.sampled_from(sorted(CELLS))


@given(kind=kinds, cell=cells, data=st.data())
def test_predict_and_evaluate(kind, cell, data):
    model = make_model(kind, cell=cell)
    x, y = valid_data(kind, seed=1)
    x = data.draw(mutated(x, label_range(kind, "x")), label="x")
    out = model.output_shape[1:]

    def predicted(p):
        assert p.shape == (len(x), *out)
        assert np.all(np.isfinite(p)) or np.max(np.abs(x)) > 1e100   # overflow: inf, NaN

    attempt("Sequential.predict", lambda: model.predict(x, batch_size=3),
            lambda: model_state(model), ("x", "batch_size", "verbose", "model"), predicted)
    y = data.draw(mutated(y, label_range(kind, "y")), label="y")

    def evaluated(values):
        assert len(values) == 2
        assert all(np.isfinite(v) for v in values) or max(np.max(np.abs(x)),
                                                          np.max(np.abs(y))) > 1e100

    attempt("Sequential.evaluate", lambda: model.evaluate(x, y, batch_size=3, verbose=0),
            lambda: model_state(model), ("x", "y", "batch_size", "verbose", "model", "loss"),
            evaluated)


WEIGHT_MUTATIONS = ("keep", "drop", "extra", "tuple", "none", "dict", "one")


@st.composite
def weight_lists(draw, weights):
    how = draw(st.sampled_from(WEIGHT_MUTATIONS))
    if how == "drop":
        return weights[:-1]
    if how == "extra":
        return weights + [weights[-1]]
    if how == "tuple":
        return tuple(weights)
    if how == "none":
        return None
    if how == "dict":
        return dict(enumerate(weights))
    if how == "one":
        i = draw(st.integers(0, len(weights) - 1))
        return weights[:i] + [draw(mutated(weights[i]))] + weights[i + 1:]
    return weights


def weights_now(expected):
    def check(_):
        for got, want in zip(expected[0](), expected[1], strict=True):
            assert np.array_equal(got, np.asarray(want, dtype=float))
    return check


@given(kind=kinds, cell=cells, data=st.data())
def test_model_set_weights(kind, cell, data):
    model = make_model(kind, cell=cell)
    given_weights = data.draw(weight_lists([w + 0.5 for w in model.get_weights()]))
    attempt("Sequential.set_weights", lambda: model.set_weights(given_weights),
            lambda: model_state(model), ("weights", "model"),
            weights_now((model.get_weights, given_weights)))


@given(built=st.booleans(), use_bias=st.booleans(), data=st.data())
def test_layer_set_weights(built, use_bias, data):
    layer = Dense(3, use_bias=use_bias, input_shape=(2,) if built else None, seed=0)
    good = [np.full((2, 3), 0.5)] + ([np.full(3, 0.25)] if use_bias else [])
    given_weights = data.draw(weight_lists(good))
    attempt("Layer.set_weights", lambda: layer.set_weights(given_weights),
            lambda: layer_state(layer), ("weights",),
            weights_now((layer.get_weights, given_weights)))


def good_loss(y_true, y_pred):
    d = y_pred - np.reshape(y_true, y_pred.shape)
    return float(np.mean(d * d)), 2 * d / d.size


def keras_style_loss(y_true, y_pred):   # a number only, as a Keras loss returns
    return float(np.mean((y_pred - np.reshape(y_true, y_pred.shape)) ** 2))


def wrong_shape_loss(y_true, y_pred):
    return 0.0, np.zeros(3)


def my_metric(y_true, y_pred):
    return 0.0


OPTIMIZERS = mostly(st.one_of(st.sampled_from(["adam", "sgd", "rmsprop", "Adam", "nadam", ""]),
                              st.builds(optim.SGD, learning_rate=st.just(0.1))))
LOSSES = mostly(st.sampled_from(["mse", "binary_crossentropy", "categorical_crossentropy",
                                 "sparse_categorical_crossentropy", "mae", good_loss,
                                 keras_style_loss, wrong_shape_loss]))
METRICS = mostly(st.sampled_from([None, [], ["accuracy"], "accuracy", ["mae"], ["mse"],
                                  ["nope"], [3], [my_metric], ("accuracy",)]))


@given(kind=kinds, optimizer=OPTIMIZERS, loss=LOSSES, metrics=METRICS)
def test_compile_then_fit(kind, optimizer, loss, metrics):
    model = make_model(kind, compiled=False)
    compiled, _ = attempt("Sequential.compile", lambda: model.compile(optimizer, loss, metrics),
                          lambda: model_state(model), ("optimizer", "loss", "metrics"))
    if compiled == "correct result":
        x, y = valid_data(kind)
        attempt("Sequential.fit", lambda: model.fit(x, y, epochs=1, verbose=0),
                lambda: model_state(model), ("x", "y", "loss", "metrics", "model"))


@given(kind=kinds, shape=mostly(st.one_of(st.tuples(st.integers(-1, 4), st.integers(-1, 4)),
                                          st.tuples(st.integers(1, 4)), st.just((None, 2)))))
def test_build(kind, shape):
    model = make_model(kind, built=False)
    attempt("Sequential.build", lambda: model.build(shape), lambda: model_state(model),
            ("input_shape", "layers"), lambda _: model.built or None)


LAYER_ARGS = {
    "units": mostly(st.integers(-1, 4)), "filters": mostly(st.integers(-1, 4)),
    "kernel_size": mostly(st.integers(-1, 4)), "input_dim": st.integers(-1, 6),
    "output_dim": mostly(st.integers(-1, 4)),
    "input_shape": mostly(st.one_of(st.tuples(st.integers(-1, 4), st.integers(-1, 4)),
                                    st.tuples(st.integers(1, 4)), st.just((None, 2)),
                                    st.just((3, 2)))),
    "activation": mostly(st.sampled_from(["tanh", "relu", "softmax", "gelu", None])),
    "return_sequences": mostly(st.booleans()), "use_bias": mostly(st.booleans()),
    "seed": mostly(st.integers(-1, 3)), "name": mostly(st.just("my_layer")),
    "padding": st.sampled_from(["valid", "same", "causal", "full"]),
    "merge_mode": st.sampled_from(["concat", "sum", None, "max"]),
    "method": st.sampled_from(["scan", "loop", "fast"]),
    "update_bias": mostly(st.just(-3.0)), "strides": mostly(st.integers(-1, 3)),
}
LAYERS = (SimpleRNN, LSTM, GRU, Dense, Embedding, Conv1D, MinGRU, AttentionPooling,
          Bidirectional)


@given(cls=st.sampled_from(LAYERS), data=st.data())
def test_layer_constructors(cls, data):
    params = [p for p in inspect.signature(cls).parameters if p in LAYER_ARGS]
    required = [p for p, v in inspect.signature(cls).parameters.items()
                if v.default is inspect.Parameter.empty and p in LAYER_ARGS]
    chosen = data.draw(st.lists(st.sampled_from(params), unique=True, max_size=3)) if params \
        else []
    valid = {"units": 3, "filters": 3, "kernel_size": 2, "input_dim": 5, "output_dim": 3}
    kwargs = {p: valid[p] for p in required}
    kwargs.update({p: data.draw(LAYER_ARGS[p], label=p) for p in chosen})
    args = [SimpleRNN(3, seed=0)] if cls is Bidirectional else []
    inner = args[0] if args else None

    def state():
        return {"names": dict(base._name_counts), "rng": utils.get_rng().bit_generator.state,
                "inner": layer_state(inner) if inner else None}

    def check(layer):
        assert layer.built == (kwargs.get("input_shape") is not None)

    attempt(f"layers.{cls.__name__}", lambda: cls(*args, **kwargs), state,
            list(inspect.signature(cls).parameters) + ["layer"], check)


@given(kind=kinds, layer=mostly(st.sampled_from(["dense", "state", "two_outputs"])),
       print_fn=mostly(st.sampled_from([None, print, lambda text: None])))
def test_add_and_summary(kind, layer, print_fn):
    model = make_model(kind)
    candidates = {"dense": Dense(2), "state": SimpleRNN(2, return_state=True),
                  "two_outputs": Bidirectional(SimpleRNN(2, return_sequences=True),
                                               merge_mode=None)}
    new = candidates.get(layer, layer) if isinstance(layer, str) else layer
    attempt("Sequential.add", lambda: model.add(new), lambda: model_state(model), ("layer",))
    attempt("Sequential.summary", lambda: model.summary(print_fn=print_fn),
            lambda: model_state(model), ("print_fn",))


@given(kind=kinds)
def test_losses_named_in_compile_match(kind):
    """A sanity check of the strategies: every kind trains on its valid data."""
    x, y = valid_data(kind)
    model = make_model(kind)
    assert model.loss == LOSS[kind]
    model.fit(x, y, epochs=1, verbose=0)
