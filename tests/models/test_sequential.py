"""Tests for rnn_helpers.models (Sequential): parameter counts, summary, full backward, weights
I/O, fit and its features."""

import warnings

import numpy as np
import pytest

from rnn_helpers.core import losses, utils
from rnn_helpers.core.optim import SGD, Adam
from rnn_helpers.layers import Dense, SimpleRNN, base
from rnn_helpers.models import History, Sequential, StopTraining
from tests.conftest import assert_gradients

SUMMARY = """\
Model: "sequential"
_________________________________________________________________
 Layer (type)                Output Shape              Param #
=================================================================
 simple_rnn (SimpleRNN)      (None, 5, 10)             120

 simple_rnn_1 (SimpleRNN)    (None, 10)                210

 dense (Dense)               (None, 1)                 11

=================================================================
Total params: 341
Trainable params: 341
Non-trainable params: 0
_________________________________________________________________
"""


def seed_model(seed=0):
    """The seed article's architecture, with fixed initial weights."""
    return Sequential([
        SimpleRNN(10, input_shape=(5, 1), return_sequences=True, seed=seed),
        SimpleRNN(10, seed=seed + 1),
        Dense(1, activation="sigmoid", seed=seed + 2),
    ])


def toy_data(n=200, seed=0):
    """Is the sum of the 5 steps above 2.5? Learnable by the seed's architecture."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, 5, 1))
    return x, (x.sum(axis=(1, 2)) > 2.5).astype(float)[:, None]


def test_seed_model_counts_and_summary(monkeypatch, capsys):
    monkeypatch.setattr(base, "_name_counts", {})
    model = seed_model()
    assert [layer.count_params() for layer in model.layers] == [120, 210, 11]
    assert model.count_params() == 341
    assert model.input_shape == (None, 5, 1) and model.output_shape == (None, 1)
    model.summary()
    assert capsys.readouterr().out == SUMMARY


def test_add_builds_and_first_call_builds():
    model = Sequential()
    model.add(SimpleRNN(10, input_shape=(5, 1), return_sequences=True))
    assert model.built
    model.add(SimpleRNN(10))
    assert model.layers[1].built and model.layers[1].input_shape == (5, 10)
    lazy = Sequential([SimpleRNN(3), Dense(2)])
    assert not lazy.built
    assert lazy(np.zeros((4, 6, 2))).shape == (4, 2)
    assert lazy.built and lazy.input_shape == (None, 6, 2)


def test_full_backward_gradient_check():
    """loss -> every parameter of the seed's model and the input, float64, small batch."""
    model = seed_model()
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3, 5, 1))
    y = np.array([[1.0], [0.0], [1.0]])
    for p in model.params.values():             # non-zero biases, so db is tested too
        p += rng.normal(size=p.shape) * 0.1

    def loss():
        return losses.binary_crossentropy(y, model.forward(x))[0]

    _, dy = losses.binary_crossentropy(y, model.forward(x))
    dx = model.backward(dy)
    errors = assert_gradients(loss, {"x": x, **model.params}, {"x": dx, **model.grads},
                              tol=1e-7)
    assert len(errors) == 9


def test_weights_round_trip_and_save_load(tmp_path):
    a, b = seed_model(0), seed_model(10)
    b.set_weights(a.get_weights())
    x = np.random.default_rng(0).random((4, 5, 1))
    np.testing.assert_array_equal(a.predict(x), b.predict(x))
    path = tmp_path / "w.npz"
    a.save_weights(path)
    c = Sequential([SimpleRNN(10, return_sequences=True), SimpleRNN(10),
                    Dense(1, activation="sigmoid")])       # unbuilt: built from the file
    c.load_weights(path)
    np.testing.assert_array_equal(a.predict(x), c.predict(x))
    with np.load(path, allow_pickle=False) as data:
        assert data["layer_0.recurrent_kernel"].shape == (10, 10)


def test_fit_learns_a_task_with_signal():
    model = seed_model()
    model.compile(optimizer=Adam(learning_rate=0.01), loss="binary_crossentropy",
                  metrics=["accuracy"])
    x, y = toy_data(256)
    history = model.fit(x, y, epochs=8, batch_size=32, verbose=0)
    assert isinstance(history, History)
    loss = history.history["loss"]
    assert loss[-1] < 0.6 * loss[0]
    assert history.history["accuracy"][-1] > 0.8
    assert history.epoch == list(range(8))
    assert history.params == {"verbose": 0, "epochs": 8, "steps": 8}
    assert len(history.batch_loss) == len(history.grad_norm) == 64
    assert all(g > 0 for g in history.grad_norm)


def test_validation_split_holds_out_the_last_fraction_and_means_are_per_sample():
    """With learning rate 0 the weights never move: the epoch's loss must equal evaluate()
    on the first 75 % (weighted by sample, the last batch is smaller) and val_loss on the last
    25 %, whatever the shuffling."""
    model = seed_model()
    model.compile(optimizer=SGD(learning_rate=0.0), loss="binary_crossentropy",
                  metrics=["accuracy"])
    x, y = toy_data(100)
    history = model.fit(x, y, epochs=2, batch_size=32, validation_split=0.25, verbose=0)
    assert list(history.history) == ["loss", "accuracy", "val_loss", "val_accuracy"]
    assert history.params["steps"] == 3                       # 75 samples, batches of 32
    train = model.evaluate(x[:75], y[:75], batch_size=75, verbose=0)
    val = model.evaluate(x[75:], y[75:], batch_size=25, verbose=0)
    for epoch in range(2):
        np.testing.assert_allclose(history.history["loss"][epoch], train[0], rtol=1e-12)
        np.testing.assert_allclose(history.history["accuracy"][epoch], train[1], rtol=1e-12)
        np.testing.assert_allclose(history.history["val_loss"][epoch], val[0], rtol=1e-12)
        np.testing.assert_allclose(history.history["val_accuracy"][epoch], val[1], rtol=1e-12)


def test_validation_data_evaluate_predict_and_initial_epoch():
    model = seed_model()
    model.compile(optimizer="adam", loss="binary_crossentropy")
    x, y = toy_data(64)
    history = model.fit(x, y[:, 0], epochs=3, initial_epoch=1, validation_data=(x[:16], y[:16]),
                        verbose=0)                      # y of shape (B,) for an output (B, 1)
    assert history.epoch == [1, 2]
    assert list(history.history) == ["loss", "val_loss"]
    loss = model.evaluate(x[:16], y[:16], verbose=0)
    assert isinstance(loss, float)
    np.testing.assert_allclose(loss, history.history["val_loss"][-1], rtol=1e-12)
    assert model.evaluate(x, y, verbose=0, return_dict=True).keys() == {"loss"}
    y_pred = model.predict(x, batch_size=10)
    assert y_pred.shape == (64, 1) and np.all((y_pred > 0) & (y_pred < 1))


@pytest.mark.parametrize("loss, y, metric", [
    ("categorical_crossentropy", np.eye(3)[[0, 1, 2, 1]], "categorical"),
    ("sparse_categorical_crossentropy", np.array([0, 1, 2, 1]), "sparse"),
])
def test_accuracy_follows_the_loss(loss, y, metric):
    model = Sequential([SimpleRNN(4, input_shape=(5, 1), seed=0),
                        Dense(3, activation="softmax", seed=1)])
    model.compile(optimizer="adam", loss=loss, metrics=["accuracy"])
    x = np.random.default_rng(0).random((4, 5, 1))
    _, acc = model.evaluate(x, y, verbose=0)
    expected = np.mean(model.predict(x).argmax(-1) == np.array([0, 1, 2, 1]))
    assert acc == expected


def test_callbacks_are_called_and_can_stop():
    x, y = toy_data(64)
    seen = []

    class Recorder:
        def __init__(self):
            self.ends = []

        def on_epoch_end(self, epoch, logs):
            self.ends.append((epoch, sorted(logs)))

    recorder = Recorder()
    model = seed_model()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=3, verbose=0, validation_split=0.25,
                        callbacks=[lambda epoch, logs: seen.append((epoch, logs["loss"])),
                                   recorder])
    assert [e for e, _ in seen] == [0, 1, 2]
    assert [loss for _, loss in seen] == history.history["loss"]
    assert recorder.ends[0] == (0, ["accuracy", "loss", "val_accuracy", "val_loss"])
    assert recorder.model is model and history.stopped is None

    assert len(model.fit(x, y, epochs=5, verbose=0,
                         callbacks=[lambda epoch, logs: epoch == 1]).epoch) == 2

    def stop(epoch, logs):
        raise StopTraining("enough")

    assert model.fit(x, y, epochs=5, verbose=0, callbacks=[stop]).stopped == "enough"

    class KerasStyle:
        def on_epoch_end(self, epoch, logs):
            self.model.stop_training = True

    history = model.fit(x, y, epochs=5, verbose=0, callbacks=[KerasStyle()])
    assert history.epoch == [0] and "callback" in history.stopped


def test_nan_guard_stops_with_message_and_finite_weights(capsys):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 5, 1))
    y = 10 * x.sum(axis=(1, 2))[:, None]
    model = Sequential([SimpleRNN(4, input_shape=(5, 1), seed=0), Dense(1, seed=1)])
    model.compile(optimizer=SGD(learning_rate=1e6), loss="mse")
    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # no warning may escape
        history = model.fit(x, y, epochs=30, batch_size=16, verbose=0)
    out, err = capsys.readouterr()
    assert err == ""
    assert history.stopped is not None and out.strip() == history.stopped
    for word in ("epoch", "batch", "learning rate", "clipnorm", "inf"):
        assert word in history.stopped
    assert len(history.epoch) < 30
    assert np.all(np.isfinite(history.batch_loss))     # every recorded batch was a good one
    assert all(np.all(np.isfinite(w)) for w in model.get_weights())
    assert np.isfinite(model.evaluate(x, y, verbose=0))


def test_verbose_levels(capsys):
    x, y = toy_data(64)
    model = seed_model()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=2, verbose=0)
    model.evaluate(x, y, verbose=0)
    model.predict(x)
    assert capsys.readouterr() == ("", "")
    model.fit(x, y, epochs=2, verbose=2)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("Epoch 1/2 - loss: ")
    assert "accuracy: " in lines[1]
    model.fit(x, y, epochs=2, verbose=1)          # a tqdm bar, on stdout
    out, err = capsys.readouterr()
    assert "loss: " in out and err == ""


def test_shuffling_follows_set_random_seed():
    x, y = toy_data(64)
    results = []
    for _ in range(2):
        model = seed_model()
        model.compile(optimizer="adam", loss="binary_crossentropy")
        utils.set_random_seed(3)
        results.append(model.fit(x, y, epochs=2, verbose=0).history["loss"])
    assert results[0] == results[1]
