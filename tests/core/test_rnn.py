"""Tests for rnn_helpers.core.rnn: shapes, hand-computed values, gradient checks, bad input."""

import math

import numpy as np
import pytest

from rnn_helpers.core import rnn
from tests.conftest import assert_gradients, random_normal

ACTIVATIONS = ["tanh", "sigmoid", "relu", "linear"]
B, T, D, H = 3, 5, 4, 6


def make(seed=0, h0=True, dtype=np.float64):
    """x (B, T, D), h0 (B, H) or None, W (D, H), U (H, H), b (H,), seeded."""
    weights = ((D, H), 0.5), ((H, H), 0.4), ((H,), 0.1)
    if not h0:
        x, W, U, b = random_normal(seed, (B, T, D), *weights, dtype=dtype)
        return x, None, W, U, b
    return tuple(random_normal(seed, (B, T, D), (B, H), *weights, dtype=dtype))


# --- shapes and values ----------------------------------------------------------------------

def test_shapes_and_keys():
    x, h0, W, U, b = make()
    h_t, cache = rnn.rnn_step_forward(x[:, 0], h0, W, U, b)
    assert h_t.shape == (B, H)
    grads = rnn.rnn_step_backward(np.ones((B, H)), cache)
    assert {k: v.shape for k, v in grads.items()} == {
        "dx_t": (B, D), "dh_prev": (B, H), "dW": (D, H), "dU": (H, H), "db": (H,)}
    h, cache = rnn.rnn_forward(x, None, W, U, b)
    assert h.shape == (B, T, H)
    grads = rnn.rnn_backward(np.ones((B, T, H)), cache)
    assert {k: v.shape for k, v in grads.items()} == {
        "dx": (B, T, D), "dh0": (B, H), "dW": (D, H), "dU": (H, H), "db": (H,)}


def test_float32_stays_float32():
    x, h0, W, U, b = make(dtype=np.float32)
    h, cache = rnn.rnn_forward(x, h0, W, U, b)
    assert h.dtype == np.float32
    assert rnn.rnn_backward(np.ones_like(h), cache)["dW"].dtype == np.float32


def test_scalar_rnn_by_hand():
    # D = H = 1, three steps, x = (1, 0, -1); two sequences in one batch.
    x = np.array([[[1.0], [0.0], [-1.0]], [[0.0], [0.0], [0.0]]])
    # linear, W = 2, U = 0.5, b = 1, h0 = (0, 2):
    #   sequence 1: h1 = 2*1  + 0.5*0   + 1 = 3
    #               h2 = 2*0  + 0.5*3   + 1 = 2.5
    #               h3 = 2*-1 + 0.5*2.5 + 1 = 0.25
    #   sequence 2: h1 = 0.5*2 + 1 = 2,  h2 = 0.5*2 + 1 = 2,  h3 = 2   (a fixed point)
    W, U, b = np.array([[2.0]]), np.array([[0.5]]), np.array([1.0])
    h, _ = rnn.rnn_forward(x, np.array([[0.0], [2.0]]), W, U, b, activation="linear")
    np.testing.assert_allclose(h[..., 0], [[3.0, 2.5, 0.25], [2.0, 2.0, 2.0]], rtol=1e-15)
    # tanh, W = 0.5, U = -1, b = 0, h0 = 0:
    #   h1 = tanh(0.5)                    =  0.46211716
    #   h2 = tanh(0.5*0  - 1*0.46211716)  = tanh(-0.46211716) = -0.43180818
    #   h3 = tanh(0.5*-1 - 1*-0.43180818) = tanh(-0.06819182) = -0.06808632
    h, _ = rnn.rnn_forward(x[:1], None, np.array([[0.5]]), np.array([[-1.0]]), np.zeros(1))
    np.testing.assert_allclose(h[0, :, 0], [0.46211716, -0.43180818, -0.06808632], atol=1e-8)
    # relu, W = 1, U = -2, b = 0.5: h1 = relu(1.5) = 1.5, h2 = relu(-3 + 0.5) = 0,
    #   h3 = relu(-1 + 0 + 0.5) = 0
    h, _ = rnn.rnn_forward(x[:1], None, np.array([[1.0]]), np.array([[-2.0]]), np.array([0.5]),
                           activation="relu")
    np.testing.assert_array_equal(h[0, :, 0], [1.5, 0.0, 0.0])
    # sigmoid, W = ln 3, U = 0, b = 0: sigmoid(ln 3) = 3/4, sigmoid(0) = 1/2, sigmoid(-ln 3) = 1/4
    h, _ = rnn.rnn_forward(x[:1], None, np.array([[math.log(3)]]), np.zeros((1, 1)),
                           np.zeros(1), activation="sigmoid")
    np.testing.assert_allclose(h[0, :, 0], [0.75, 0.5, 0.25], rtol=1e-14)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_step_loop_equals_rnn_forward(activation):
    x, h0, W, U, b = make(1)
    h_seq, _ = rnn.rnn_forward(x, h0, W, U, b, activation)
    h_t = h0
    for t in range(T):
        h_t, _ = rnn.rnn_step_forward(x[:, t], h_t, W, U, b, activation)
        np.testing.assert_allclose(h_t, h_seq[:, t], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_bptt_equals_the_step_backwards_summed(activation):
    """rnn_backward = the step backward run from t = T down to 1, the weights' grads summed."""
    x, h0, W, U, b = make(2)
    dh = np.random.default_rng(3).normal(size=(B, T, H))
    h, cache = rnn.rnn_forward(x, h0, W, U, b, activation)
    caches, h_t = [], h0
    for t in range(T):
        h_t, c = rnn.rnn_step_forward(x[:, t], h_t, W, U, b, activation)
        caches.append(c)
    total = {"dW": 0.0, "dU": 0.0, "db": 0.0}
    dx = np.zeros_like(x)
    dh_next = np.zeros((B, H))
    for t in reversed(range(T)):
        g = rnn.rnn_step_backward(dh[:, t] + dh_next, caches[t])  # the two paths into h_t
        dx[:, t], dh_next = g["dx_t"], g["dh_prev"]
        for k in total:
            total[k] = total[k] + g[k]
    grads = rnn.rnn_backward(dh, cache)
    np.testing.assert_allclose(grads["dx"], dx, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(grads["dh0"], dh_next, rtol=1e-10, atol=1e-13)
    for k in total:
        np.testing.assert_allclose(grads[k], total[k], rtol=1e-10, atol=1e-13)


# --- gradient checks, float64 ---------------------------------------------------------------

def _assert_away_from_relu_kink(x, h0, W, U, b):
    """Centred differences are only valid where no pre-activation is within eps of 0."""
    h_prev = np.zeros((B, H)) if h0 is None else h0
    for t in range(x.shape[1]):
        a = x[:, t] @ W + h_prev @ U + b
        assert np.min(np.abs(a)) > 1e-4
        h_prev = np.maximum(a, 0)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_rnn_step_backward_gradients(activation):
    x, h0, W, U, b = make(4)
    x_t = x[:, 0].copy()
    dh_t = np.random.default_rng(5).normal(size=(B, H))
    if activation == "relu":
        _assert_away_from_relu_kink(x[:, :1], h0, W, U, b)
    _, cache = rnn.rnn_step_forward(x_t, h0, W, U, b, activation)
    grads = rnn.rnn_step_backward(dh_t, cache)

    def loss():  # L = Σ h_t * dh_t, so ∂L/∂h_t = dh_t
        return float(np.sum(rnn.rnn_step_forward(x_t, h0, W, U, b, activation)[0] * dh_t))

    arrays = {"x_t": x_t, "h_prev": h0, "W": W, "U": U, "b": b}
    assert_gradients(loss, arrays, grads)


@pytest.mark.parametrize("with_h0", [True, False], ids=["h0", "h0=None"])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_rnn_backward_gradients(activation, with_h0):
    x, h0, W, U, b = make(6, h0=with_h0)
    dh = np.random.default_rng(7).normal(size=(B, T, H))
    if activation == "relu":
        _assert_away_from_relu_kink(x, h0, W, U, b)
    _, cache = rnn.rnn_forward(x, h0, W, U, b, activation)
    grads = rnn.rnn_backward(dh, cache)

    def loss():  # every h_t feeds the loss: ∂L/∂h_t = dh[:, t]
        return float(np.sum(rnn.rnn_forward(x, h0, W, U, b, activation)[0] * dh))

    arrays = {"x": x, "W": W, "U": U, "b": b}
    if with_h0:
        arrays["h0"] = h0
    assert_gradients(loss, arrays, grads)
    if not with_h0:  # h0 = None is h0 = zeros, with the same dh0
        zeros = np.zeros((B, H))
        _, cache0 = rnn.rnn_forward(x, zeros, W, U, b, activation)
        np.testing.assert_allclose(grads["dh0"], rnn.rnn_backward(dh, cache0)["dh0"])


def test_rnn_backward_gradient_from_the_last_step_only():
    """return_sequences=False: only h_T is used, dh is zero on every other step."""
    x, h0, W, U, b = make(8)
    dh = np.zeros((B, T, H))
    dh[:, -1] = np.random.default_rng(9).normal(size=(B, H))
    _, cache = rnn.rnn_forward(x, h0, W, U, b)
    grads = rnn.rnn_backward(dh, cache)

    def loss():
        return float(np.sum(rnn.rnn_forward(x, h0, W, U, b)[0][:, -1] * dh[:, -1]))

    assert_gradients(loss, {"x": x, "h0": h0, "W": W, "U": U, "b": b}, grads)


# --- bad input ------------------------------------------------------------------------------

X, H0, W_, U_, B_ = make(10)


@pytest.mark.parametrize("call, match", [
    (lambda: rnn.rnn_forward(X[0], None, W_, U_, B_),
     r"x: expected a 3-D array \(B, T, D\), got shape \(5, 4\)\. Did you forget the batch axis"),
    (lambda: rnn.rnn_forward(X[None], None, W_, U_, B_),
     r"x: expected a 3-D array \(B, T, D\), got shape \(1, 3, 5, 4\)"),
    (lambda: rnn.rnn_forward(X, np.zeros((2, H)), W_, U_, B_),
     r"h0: expected shape \(3, 6\).*got shape \(2, 6\)"),
    (lambda: rnn.rnn_forward(X, np.zeros((B, H + 1)), W_, U_, B_),
     r"h0: expected shape \(3, 6\).*got shape \(3, 7\)"),
    (lambda: rnn.rnn_forward(X, None, W_[:3], U_, B_),
     r"W: expected 4 rows, one per input feature.*got shape \(3, 6\)"),
    (lambda: rnn.rnn_forward(X, None, W_[0], U_, B_),
     r"W: expected a 2-D array \(D, H\), got shape \(6,\)"),
    (lambda: rnn.rnn_forward(X, None, W_, U_[:, :5], B_),
     r"U: expected shape \(6, 6\).*got shape \(6, 5\)"),
    (lambda: rnn.rnn_forward(X, None, W_, U_, np.zeros(5)),
     r"b: expected shape \(6,?\).*got shape \(5,\)"),
    (lambda: rnn.rnn_forward(X.astype(str), None, W_, U_, B_),
     r"x: expected a numeric array, got dtype <U"),
    (lambda: rnn.rnn_forward(np.where(X > 1.5, np.nan, X), None, W_, U_, B_),
     r"x: expected finite values, got \d+ NaN or inf entries"),
    (lambda: rnn.rnn_forward(X, None, W_, U_, B_, activation="softmax"),
     r"activation: expected one of 'tanh', 'sigmoid', 'relu', 'linear', got 'softmax'"),
    (lambda: rnn.rnn_step_forward(X, None, W_, U_, B_),
     r"x_t: expected a 2-D array \(B, D\), got shape \(3, 5, 4\)"),
    (lambda: rnn.rnn_step_forward(X[:, 0], np.zeros((4, H)), W_, U_, B_),
     r"h_prev: expected shape \(3, 6\).*got shape \(4, 6\)"),
    (lambda: rnn.rnn_step_forward(X[:, 0], None, W_, U_, B_, activation="gelu"),
     r"activation: expected one of .*got 'gelu'"),
    (lambda: rnn.rnn_backward(np.zeros((B, T, H + 1)), rnn.rnn_forward(X, None, W_, U_, B_)[1]),
     r"dh: expected shape \(3, 5, 6\).*got shape \(3, 5, 7\)"),
    (lambda: rnn.rnn_step_backward(np.zeros((B, T, H)),
                                   rnn.rnn_step_forward(X[:, 0], None, W_, U_, B_)[1]),
     r"dh_t: expected shape \(3, 6\).*got shape \(3, 5, 6\)"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
