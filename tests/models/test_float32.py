"""rh.utils.set_floatx("float32"): layers keep float32 weights, and training stays in float32 end
to end (outputs, gradients, optimizer state), about as fast as PyTorch's default; the float64
default is unchanged."""

import numpy as np
import pytest

from rnn_helpers.core import utils
from rnn_helpers.layers import GRU, LSTM, Dense, Embedding, SimpleRNN
from rnn_helpers.models import Sequential


@pytest.fixture
def float32_weights():
    utils.set_floatx("float32")
    yield
    utils.set_floatx("float64")


def data(n=24, T=5, D=2, seed=0, dtype=np.float32):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, T, D)).astype(dtype)
    return x, (x[:, 0, :1] > x[:, -1, :1]).astype(dtype)


def seed_model():
    return Sequential([SimpleRNN(4, return_sequences=True, input_shape=(5, 2), seed=0),
                       SimpleRNN(4, seed=1), Dense(1, activation="sigmoid", seed=2)])


def test_floatx_default_and_its_checks():
    assert utils.floatx() == "float64"
    assert Dense(2, input_shape=(3,)).params["W"].dtype == np.float64
    with pytest.raises(ValueError, match=r"^dtype: expected 'float32' or 'float64'"):
        utils.set_floatx("float16")
    assert utils.floatx() == "float64"


@pytest.mark.parametrize("dtype", ["float32", np.float32, np.dtype("float32")])
def test_set_floatx_accepts_numpy_names(dtype, float32_weights):
    utils.set_floatx(dtype)
    assert utils.floatx() == "float32"


def test_layers_built_after_set_floatx_are_float32(float32_weights):
    layers = [SimpleRNN(3, input_shape=(4, 2)), LSTM(3, input_shape=(4, 2)),
              GRU(3, input_shape=(4, 2)), Dense(2, input_shape=(3,)),
              Embedding(5, 2, input_shape=(4,))]
    for layer in layers:
        assert {p.dtype for p in layer.params.values()} == {np.dtype(np.float32)}, layer


@pytest.mark.parametrize("data_dtype", [np.float32, np.float64])
def test_fit_stays_float32_end_to_end(data_dtype, float32_weights):
    x, y = data(dtype=data_dtype)
    model = seed_model()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, batch_size=8, epochs=2, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
    out = x
    for layer in model.layers:
        out = layer(out)
        assert out.dtype == np.float32          # float64 data takes the weights' type, as Keras
        for k in layer.params:
            assert layer.params[k].dtype == layer.grads[k].dtype == np.float32, (layer.name, k)
    for state in model.optimizer.state.values():
        assert all(v.dtype == np.float32 for k, v in state.items() if k != "shape")
    assert model.predict(x).dtype == np.float32


def test_float32_training_follows_float64_training(float32_weights):
    x, y = data(n=32, seed=1, dtype=np.float64)
    losses = {}
    for dtype in ("float32", "float64"):
        utils.set_floatx(dtype)
        model = seed_model()
        model.compile(optimizer="adam", loss="binary_crossentropy")
        utils.set_random_seed(0)
        losses[dtype] = model.fit(x, y, batch_size=8, epochs=3, verbose=0).batch_loss
    np.testing.assert_allclose(losses["float32"], losses["float64"], rtol=1e-4)


def test_char_model_fit_in_float32(float32_weights):
    rng = np.random.default_rng(2)
    ids = rng.integers(0, 6, size=(16, 9))
    model = Sequential([Embedding(6, 3, input_shape=(8,), seed=0),
                        SimpleRNN(5, return_sequences=True, seed=1),
                        Dense(6, activation="softmax", seed=2)])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(ids[:, :-1], ids[:, 1:], batch_size=8, epochs=2, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
    assert {g.dtype for g in model.grads.values()} == {np.dtype(np.float32)}
    assert model.predict(ids[:, :-1]).dtype == np.float32
