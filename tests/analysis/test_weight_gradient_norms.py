"""Tests for gradflow.record_weight_gradient_norms (notebook 04): one list per weight array."""

import numpy as np

from rnn_helpers.analysis import gradflow
from rnn_helpers.core import losses, optim
from rnn_helpers.layers import Dense, SimpleRNN
from rnn_helpers.models import Sequential
from tests.conftest import raises_with


def _model(clipnorm=None):
    model = Sequential([SimpleRNN(4, input_shape=(6, 1), seed=0), Dense(1, seed=1)])
    model.compile(optimizer=optim.SGD(learning_rate=0.1, clipnorm=clipnorm), loss="mse")
    return model


def test_one_list_per_weight_array_and_together_the_global_norm():
    X = np.random.default_rng(0).random((40, 6, 1))
    y = X[:, 0, :]
    model = _model(clipnorm=0.01)                    # clipping must not change what is noted
    by_weight = gradflow.record_weight_gradient_norms(model)
    total = gradflow.record_gradient_norms(model.optimizer)
    model.fit(X, y, epochs=2, batch_size=16, shuffle=False, verbose=0)
    assert set(by_weight) == set(model.params)
    assert all(len(v) == 6 for v in by_weight.values())           # 3 batches x 2 epochs
    joint = np.sqrt(sum(np.square(v) for v in by_weight.values()))
    np.testing.assert_allclose(joint, total, rtol=1e-12)
    assert max(total) > 0.01                          # the notes are from before clipping


def test_the_first_note_is_the_gradient_of_the_first_batch():
    X = np.random.default_rng(1).random((8, 6, 1))
    y = X[:, 0, :]
    model = _model()
    by_weight = gradflow.record_weight_gradient_norms(model)
    model.fit(X, y, epochs=1, batch_size=8, shuffle=False, verbose=0)
    fresh = _model()                                  # the same seeded weights, before the step
    out = X
    for layer in fresh.layers:
        out = layer.forward(out)
    _, dy = losses.get("mse")(y, out)
    for layer in reversed(fresh.layers):
        dy = layer.backward(dy)
    for (name, _), layer in zip(model.params.items(), [fresh.layers[0]] * 3 + [fresh.layers[1]] * 2,
                                strict=True):
        key = name.split("/")[1]
        assert by_weight[name][0] == np.linalg.norm(layer.grads[key]) or np.isclose(
            by_weight[name][0], np.linalg.norm(layer.grads[key]), rtol=1e-12)


def test_huge_gradients_do_not_overflow_the_norm():
    assert gradflow._safe_norm(np.full(4, 1e200)) == 2e200
    assert gradflow._safe_norm(np.zeros(3)) == 0.0


def test_refuses_a_model_that_is_not_compiled():
    raises_with(lambda: gradflow.record_weight_gradient_norms(Sequential([Dense(1)])),
                "model: expected a compiled Sequential model")
