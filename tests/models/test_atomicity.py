"""A failed call changes nothing: every call that changes state (fit, compile, add, build, the
first forward, set_weights, layer construction, saving) either succeeds or leaves the model,
its layers, the optimizer, the package's random generator and the files as they were."""

import json

import numpy as np
import pytest

from rnn_helpers.analysis import experiments
from rnn_helpers.core import optim, utils
from rnn_helpers.layers import Bidirectional, Conv1D, Dense, SimpleRNN, base
from rnn_helpers.models import Sequential
from tests.properties.contract import equal, layer_state, model_state

X = np.random.default_rng(0).normal(size=(24, 5, 2))
Y = np.random.default_rng(1).integers(0, 2, 24)


def model(built=True, seed=0):
    utils.set_random_seed(seed)
    m = Sequential([SimpleRNN(4, input_shape=(5, 2) if built else None),
                    Dense(1, activation="sigmoid")])
    m.compile(optim.Adam(learning_rate=0.01), "binary_crossentropy", metrics=["accuracy"])
    return m


def trained_once_more(m):
    history = m.fit(X, Y, epochs=2, batch_size=8, verbose=0)
    return m.get_weights(), history.history, history.batch_loss


def assert_failure_changes_nothing(m, call, error=Exception, match=None):
    before = model_state(m)
    with pytest.raises(error, match=match):
        call()
    assert equal(model_state(m), before)


# --- fit: what can only fail halfway is undone ------------------------------------------------
def test_a_callback_failing_after_two_epochs_undoes_the_training():
    m = model()
    m.fit(X, Y, epochs=1, verbose=0)          # the optimizer has state to keep, too

    def failing(epoch, logs):
        if epoch == 1:
            raise RuntimeError("my callback is broken")

    assert_failure_changes_nothing(m, lambda: m.fit(X, Y, epochs=3, verbose=0,
                                                    callbacks=[failing]), RuntimeError)


def test_a_custom_loss_failing_at_the_third_step_undoes_the_first_two():
    calls = []

    def flaky(y_true, y_pred):
        calls.append(1)
        if len(calls) == 3:
            raise ZeroDivisionError("division by zero")
        d = y_pred - y_true.reshape(y_pred.shape)
        return float(np.mean(d * d)), 2 * d / d.size

    m = model()
    m.compile("adam", flaky)
    assert_failure_changes_nothing(m, lambda: m.fit(X, Y, batch_size=8, verbose=0), ValueError,
                                   r"^loss: flaky\(y_true, y_pred\) raised ZeroDivisionError")
    assert len(calls) == 3


def test_a_layer_failing_in_backward_midway_undoes_everything(monkeypatch):
    m = model(built=False)
    steps = []
    original = Dense.backward

    def backward(self, dy):
        steps.append(1)
        if len(steps) == 2:
            raise MemoryError("out of memory")
        return original(self, dy)

    monkeypatch.setattr(Dense, "backward", backward)
    assert_failure_changes_nothing(m, lambda: m.fit(X, Y, batch_size=8, verbose=0),
                                   MemoryError)
    assert not m.built


def test_after_a_failed_fit_the_corrected_fit_equals_a_fresh_one():
    m = model(built=False)
    with pytest.raises(ValueError):
        m.fit(X, Y, validation_data=(X, Y + 5), verbose=0)
    assert equal(trained_once_more(m), trained_once_more(model(built=False)))


def test_nan_guard_still_restores_the_last_good_weights_without_raising(capsys):
    """Diverging is not an error: fit stops, keeps the last good weights, and returns."""
    m = Sequential([SimpleRNN(4, input_shape=(5, 2), seed=0), Dense(1, seed=1)])
    m.compile(optim.SGD(learning_rate=1e6), "mse")
    history = m.fit(X, 10 * X.sum(axis=(1, 2)), epochs=30, batch_size=8, verbose=0)
    assert history.stopped and "Training stopped" in capsys.readouterr().out
    assert all(np.all(np.isfinite(w)) for w in m.get_weights()) and m.optimizer.iterations


def test_an_interrupt_keeps_what_was_trained(monkeypatch):
    """KeyboardInterrupt is not a failure of the call: the epochs done are kept (as Keras)."""
    m = model()
    before = m.get_weights()

    def interrupt(epoch, logs):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        m.fit(X, Y, epochs=3, verbose=0, callbacks=[interrupt])
    assert not all(np.array_equal(a, b) for a, b in zip(before, m.get_weights(), strict=True))


# --- compile, add, build, the first forward ---------------------------------------------------
def test_compile_with_a_bad_metric_keeps_the_previous_compile():
    m = model()
    assert_failure_changes_nothing(m, lambda: m.compile("sgd", "mse", metrics=["nope"]),
                                   ValueError, "^metrics: ")
    assert m.loss == "binary_crossentropy" and isinstance(m.optimizer, optim.Adam)


def test_add_of_a_layer_that_does_not_fit_changes_neither_model_nor_layer():
    m = model()
    layer = SimpleRNN(3)
    assert_failure_changes_nothing(m, lambda: m.add(layer), ValueError)
    assert len(m.layers) == 2 and not layer.built


def test_a_failed_constructor_leaves_the_layers_it_was_given_unbuilt():
    first, second = SimpleRNN(3, input_shape=(5, 2)), Dense(2)
    with pytest.raises(TypeError):
        Sequential([first, second, "not a layer"])
    assert not second.built and first.built


def test_build_failing_on_a_later_layer_leaves_every_layer_unbuilt():
    m = Sequential([Dense(3), SimpleRNN(2)])     # Dense gives (4, 3): fine; SimpleRNN needs T
    assert_failure_changes_nothing(m, lambda: m.build((4,)), ValueError)
    assert not any(layer.built for layer in m.layers)


def test_the_first_forward_with_bad_data_leaves_the_model_unbuilt():
    m = model(built=False)
    assert_failure_changes_nothing(m, lambda: m(np.array([[["a"]]])), ValueError, "^x: ")
    assert not m.built


# --- weights ----------------------------------------------------------------------------------
def test_model_set_weights_with_a_bad_last_array_changes_nothing():
    m = model()
    weights = m.get_weights()
    assert_failure_changes_nothing(
        m, lambda: m.set_weights([w + 1 for w in weights[:-1]] + [np.array([np.nan])]),
        ValueError, r"^weights\[4\]")


@pytest.mark.parametrize("layer, weights", [
    (Dense(3), [np.ones((2, 3))]),
    (Dense(3), [np.ones((2, 3)), np.ones(4)]),
    (Conv1D(4, 2), [np.ones((2, 3, 4)), np.ones(5)]),
    (SimpleRNN(3), [np.ones((2, 3)), np.ones((3, 3)), np.full(3, np.nan)]),
])
def test_layer_set_weights_on_an_unbuilt_layer_that_fails_leaves_it_unbuilt(layer, weights):
    before = layer_state(layer), utils.get_rng().bit_generator.state
    with pytest.raises(ValueError):
        layer.set_weights(weights)
    assert equal((layer_state(layer), utils.get_rng().bit_generator.state), before)


# --- layers' constructors ---------------------------------------------------------------------
def test_a_failed_layer_constructor_uses_up_no_name_and_no_random_numbers():
    before = dict(base._name_counts), utils.get_rng().bit_generator.state
    with pytest.raises(ValueError, match="^input_shape: "):
        SimpleRNN(3, input_shape=(5,))
    assert equal((dict(base._name_counts), utils.get_rng().bit_generator.state), before)


def test_a_failed_bidirectional_leaves_the_wrapped_layer_as_it_was():
    inner = SimpleRNN(3, seed=0)
    before = layer_state(inner)
    with pytest.raises(ValueError):
        Bidirectional(inner, input_shape=(5, -1))
    assert equal(layer_state(inner), before) and inner.name == before["name"]


# --- files ------------------------------------------------------------------------------------
def test_save_results_that_cannot_be_written_keeps_the_old_file(tmp_path):
    path = tmp_path / "runs.json"
    experiments.save_results([{"lag": 2, "accuracy": 0.5}], path, note="first")
    old = path.read_text()
    with pytest.raises(TypeError):
        experiments.save_results([{"lag": 2, "accuracy": object()}], path)
    assert path.read_text() == old and json.loads(old)["note"] == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["runs.json"]
