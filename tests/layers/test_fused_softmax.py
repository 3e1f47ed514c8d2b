"""A Dense(softmax) output trained with a cross-entropy loss: `fit` computes the softmax and the
loss together from the logits (models/training.py, core/_loss_kernels.py). The fused path gives
the unfused one's loss, gradients and weights: to 1e-12 in float64, to float32's precision in
float32. Dense's logits pair (forward_logits / backward_logits) is gradient-checked."""

import numpy as np
import pytest

from rnn_helpers.core import losses, utils
from rnn_helpers.layers import Dense, Embedding, SimpleRNN
from rnn_helpers.models import Sequential, training
from tests.conftest import assert_gradients, check_layer_gradients


@pytest.fixture
def float32_weights():
    utils.set_floatx("float32")
    yield
    utils.set_floatx("float64")


def char_model(seed=0):
    return Sequential([Embedding(7, 3, input_shape=(6,), seed=seed),
                       SimpleRNN(5, return_sequences=True, seed=seed + 1),
                       Dense(7, activation="softmax", seed=seed + 2)])


def char_data(n=20, T=6, V=7, seed=3):
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, V, size=(n, T + 1))
    return ids[:, :-1].copy(), ids[:, 1:].copy()


def train(model, x, y, loss, fused, monkeypatch, metrics=None, epochs=2):
    """fit with the fused path on or off; returns (history, weights, gradients)."""
    with monkeypatch.context() as m:
        if not fused:
            m.setattr(training, "_fused_softmax_loss", lambda model, y: None)
        model.compile(optimizer="adam", loss=loss, metrics=metrics)
        utils.set_random_seed(0)   # the same batches in both runs
        history = model.fit(x, y, batch_size=8, epochs=epochs, verbose=0)
    return history, model.get_weights(), [g.copy() for g in model.grads.values()]


@pytest.mark.parametrize("ndim", [2, 3])
def test_dense_logits_pair_gradients(ndim):
    rng = np.random.default_rng(1)
    dense = Dense(4, activation="softmax", input_shape=(3,), seed=0)
    dense.params["b"][:] = rng.normal(size=4)
    x = rng.normal(size=(2, 3) if ndim == 2 else (2, 5, 3))
    dz = rng.normal(size=x.shape[:-1] + (4,))

    def loss():
        return float(np.sum(dense.forward_logits(x) * dz))

    loss()
    dx = dense.backward_logits(dz)
    assert_gradients(loss, {"x": x, **dense.params}, {"x": dx, **dense.grads})
    np.testing.assert_allclose(dense.forward_logits(x), x @ dense.params["W"] +
                               dense.params["b"], atol=1e-15)


def test_dense_backward_is_the_logits_backward_after_the_jacobian():
    x = np.random.default_rng(2).normal(size=(2, 5, 3))
    check_layer_gradients(Dense(4, activation="softmax", input_shape=(3,), seed=0), x,
                          np.random.default_rng(3).normal(size=(2, 5, 4)))


def test_backward_after_forward_logits_says_what_to_call():
    dense = Dense(2, activation="softmax", input_shape=(3,), seed=0)
    dense.forward_logits(np.ones((1, 3)))
    with pytest.raises(ValueError, match="backward_logits"):
        dense.backward(np.ones((1, 2)))


def test_fused_loss_and_logit_gradient_equal_the_unfused_chain():
    """loss(softmax(z)) then Dense's softmax Jacobian == the fused (p - onehot) / N, float64."""
    rng = np.random.default_rng(4)
    dense = Dense(6, activation="softmax", input_shape=(4,), seed=1)
    x = rng.normal(size=(3, 5, 4))
    labels = rng.integers(0, 6, size=(3, 5))
    y = dense.forward(x)
    loss, dy = losses.sparse_categorical_crossentropy(labels, y)
    dx = dense.backward(dy)
    grads = {k: g.copy() for k, g in dense.grads.items()}
    loss_f, dz, _ = training.fast_softmax_crossentropy(labels, dense.forward_logits(x), True)
    dx_f = dense.backward_logits(dz)
    assert abs(loss - loss_f) < 1e-12
    np.testing.assert_allclose(dx_f, dx, rtol=0, atol=1e-12)
    for k in grads:
        np.testing.assert_allclose(dense.grads[k], grads[k], rtol=0, atol=1e-12)


@pytest.mark.parametrize("loss", ["sparse_categorical_crossentropy", "categorical_crossentropy"])
def test_fit_fused_equals_unfused_in_float64(loss, monkeypatch):
    x, y = char_data()
    if loss == "categorical_crossentropy":
        y = np.eye(7)[y]
    runs = [train(char_model(), x, y, loss, fused, monkeypatch, ["accuracy"])
            for fused in (True, False)]
    (h_f, w_f, g_f), (h_u, w_u, g_u) = runs
    np.testing.assert_allclose(h_f.batch_loss, h_u.batch_loss, rtol=1e-12)
    np.testing.assert_allclose(h_f.history["accuracy"], h_u.history["accuracy"], rtol=1e-12)
    for a, b in zip(w_f + g_f, w_u + g_u, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


def test_fit_fused_equals_unfused_in_float32(monkeypatch, float32_weights):
    x, y = char_data(seed=5)
    runs = [train(char_model(), x, y, "sparse_categorical_crossentropy", fused, monkeypatch)
            for fused in (True, False)]
    (h_f, w_f, g_f), (h_u, w_u, g_u) = runs
    assert {w.dtype for w in w_f + g_f} == {np.dtype(np.float32)}
    # the first batch: the same weights, so only float32 rounding apart
    assert h_f.batch_loss[0] == pytest.approx(h_u.batch_loss[0], rel=1e-6)
    np.testing.assert_allclose(h_f.batch_loss, h_u.batch_loss, rtol=1e-5)
    for a, b in zip(w_f, w_u, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-5)


def test_fit_takes_the_fused_path_only_where_it_applies(monkeypatch):
    calls = []
    real = training.fast_softmax_crossentropy
    monkeypatch.setattr(training, "fast_softmax_crossentropy",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    x, y = char_data(n=8)
    model = char_model()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    assert calls == [1]
    model.compile(optimizer="adam",       # from_logits on a softmax output: as compiled
                  loss=lambda yt, yp: losses.sparse_categorical_crossentropy(yt, yp))
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    assert calls == [1]


def test_bad_labels_still_get_the_loss_message():
    x, y = char_data(n=8)
    y = y.copy()
    y[0, 0] = 7   # V = 7 classes: labels 0 .. 6
    model = char_model()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match=r"class labels in \[0, 7\)"):
        model.fit(x, y, batch_size=8, epochs=1, verbose=0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("sparse", [True, False])
def test_fused_loss_with_rows_far_apart_takes_each_rows_own_shift(dtype, sparse):
    """The fast path shifts every row by the largest logit of all; a row whose own largest is
    far below it (here by 800: exp(-800) is 0 even in float64) must get its own shift, and the
    loss and gradient stay those of the textbook formula, computed in float64 row by row."""
    rng = np.random.default_rng(7)
    z = rng.normal(size=(4, 3, 5))
    z[0, 0] += 400.0
    z[2, 1] -= 400.0
    labels = rng.integers(0, 5, size=(4, 3))
    y = labels if sparse else np.eye(5)[labels]
    shifted = z - z.max(axis=-1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    onehot = np.eye(5)[labels]
    loss_ref = -np.mean((onehot * log_p).sum(axis=-1))
    dz_ref = (np.exp(log_p) - onehot) / labels.size
    for keep in (False, True):
        loss, dz, p = training.fast_softmax_crossentropy(y, z.astype(dtype), sparse, keep)
        tol = 1e-12 if dtype == np.float64 else 1e-5
        assert np.isfinite(loss) and abs(loss - loss_ref) < tol * max(1, abs(loss_ref))
        np.testing.assert_allclose(dz, dz_ref, rtol=0, atol=tol / labels.size)
        if keep:
            np.testing.assert_allclose(p, np.exp(log_p), rtol=0, atol=tol)
