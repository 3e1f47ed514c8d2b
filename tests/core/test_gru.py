"""Tests for rnn_helpers.core.gru: shapes, hand-computed values, gradient checks, bad input."""

import math

import numpy as np
import pytest

from rnn_helpers.core import gru
from tests.conftest import assert_gradients, random_normal
from tests.conftest import scalar_sigmoid as sigmoid

B, T, D, H = 3, 5, 4, 6


def make(seed=0, dtype=np.float64):
    """x (B, T, D), h0 (B, H), W (D, 3H), U (H, 3H), b (2, 3H), seeded."""
    return tuple(random_normal(seed, (B, T, D), ((B, H), 0.5), ((D, 3 * H), 0.5),
                               ((H, 3 * H), 0.4), ((2, 3 * H), 0.3), dtype=dtype))


# --- shapes and values ----------------------------------------------------------------------

def test_shapes_and_keys():
    x, h0, W, U, b = make()
    h_t, cache = gru.gru_step_forward(x[:, 0], h0, W, U, b)
    assert h_t.shape == (B, H)
    for gate in ("z", "r", "h_tilde"):
        assert cache[gate].shape == (B, H)
    grads = gru.gru_step_backward(np.ones((B, H)), cache)
    assert {k: v.shape for k, v in grads.items()} == {
        "dx_t": (B, D), "dh_prev": (B, H), "dW": (D, 3 * H), "dU": (H, 3 * H), "db": (2, 3 * H)}
    h, cache = gru.gru_forward(x, None, W, U, b)
    assert h.shape == (B, T, H)
    for gate in ("z", "r", "h_tilde"):
        assert cache[gate].shape == (B, T, H)
    grads = gru.gru_backward(np.ones((B, T, H)), cache)
    assert {k: v.shape for k, v in grads.items()} == {
        "dx": (B, T, D), "dh0": (B, H), "dW": (D, 3 * H), "dU": (H, 3 * H), "db": (2, 3 * H)}


def test_gru_by_hand():
    # D = H = 1, two steps, x = (1, -1), h0 = 0.5; Keras' gate order z, r, h, reset_after=True.
    W = np.array([[1.0, -1.0, 0.5]])
    U = np.array([[0.5, 1.0, 2.0]])
    b = np.array([[0.0, 0.0, 0.1],     # input biases    b_z, b_r, b_h
                  [0.0, 0.5, -0.2]])   # recurrent biases b'_z, b'_r, b'_h
    # step 1: z = sigmoid(1 + 0.5*0.5) = sigmoid(1.25) = 0.77729986
    #         r = sigmoid(-1 + 1*0.5 + 0.5) = sigmoid(0) = 0.5
    #         h~ = tanh(0.5*1 + 0.1 + r * (2*0.5 - 0.2)) = tanh(1.0) = 0.76159416
    #         (reset *before* the product, Cho et al., would give tanh(0.9) instead)
    #         h_1 = z * 0.5 + (1 - z) * h~ = 0.55825705
    z1, r1, ht1 = sigmoid(1.25), 0.5, math.tanh(1.0)
    h1 = z1 * 0.5 + (1 - z1) * ht1
    assert abs(h1 - 0.55825705) < 1e-8
    # step 2: x = -1, h_prev = h_1
    z2 = sigmoid(-1.0 + 0.5 * h1)
    r2 = sigmoid(1.0 + 1.0 * h1 + 0.5)
    ht2 = math.tanh(-0.5 + 0.1 + r2 * (2.0 * h1 - 0.2))
    h2 = z2 * h1 + (1 - z2) * ht2
    x = np.array([[[1.0], [-1.0]]])
    h, cache = gru.gru_forward(x, np.array([[0.5]]), W, U, b)
    np.testing.assert_allclose(h[0, :, 0], [h1, h2], rtol=1e-14)
    np.testing.assert_allclose(cache["z"][0, :, 0], [z1, z2], rtol=1e-14)
    np.testing.assert_allclose(cache["r"][0, :, 0], [r1, r2], rtol=1e-14)
    np.testing.assert_allclose(cache["h_tilde"][0, :, 0], [ht1, ht2], rtol=1e-14)
    h_t, _ = gru.gru_step_forward(x[:, 0], np.array([[0.5]]), W, U, b)
    np.testing.assert_allclose(h_t[0, 0], h1, rtol=1e-14)


def test_update_gate_near_one_keeps_the_state():
    """h_t = z * h_prev + (1 - z) * h~: with z ≈ 1 (a large b_z) the state never changes."""
    x, h0, W, U, b = make(1)
    b = b.copy()
    b[0, :H] = 40.0
    h, _ = gru.gru_forward(x, h0, W * 0.01, U * 0.01, b)
    np.testing.assert_allclose(h, np.broadcast_to(h0[:, None], h.shape), atol=1e-12)


def test_step_loop_equals_gru_forward_and_gate_recorder():
    x, h0, W, U, b = make(3)
    h, cache = gru.gru_forward(x, h0, W, U, b)
    recorded = gru.gru_gates(x, W, U, b, h0)
    assert set(recorded) == {"z", "r", "h_tilde", "h"}
    h_t = h0
    for t in range(T):
        h_t, step = gru.gru_step_forward(x[:, t], h_t, W, U, b)
        np.testing.assert_allclose(h_t, h[:, t], rtol=1e-12, atol=1e-15)
        for gate in ("z", "r", "h_tilde"):
            np.testing.assert_allclose(step[gate], cache[gate][:, t], rtol=1e-12, atol=1e-15)
            np.testing.assert_allclose(step[gate], recorded[gate][:, t], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(recorded["h"], h, rtol=1e-15)


def test_bptt_equals_the_step_backwards_summed():
    x, h0, W, U, b = make(4)
    dh = np.random.default_rng(5).normal(size=(B, T, H))
    _, cache = gru.gru_forward(x, h0, W, U, b)
    caches, h_t = [], h0
    for t in range(T):
        h_t, step = gru.gru_step_forward(x[:, t], h_t, W, U, b)
        caches.append(step)
    total = {"dW": 0.0, "dU": 0.0, "db": 0.0}
    dx = np.zeros_like(x)
    dh_next = np.zeros((B, H))
    for t in reversed(range(T)):
        g = gru.gru_step_backward(dh[:, t] + dh_next, caches[t])
        dx[:, t], dh_next = g["dx_t"], g["dh_prev"]
        for k in total:
            total[k] = total[k] + g[k]
    grads = gru.gru_backward(dh, cache)
    for name, want in [("dx", dx), ("dh0", dh_next), *total.items()]:
        np.testing.assert_allclose(grads[name], want, rtol=1e-10, atol=1e-13)


def test_float32_stays_float32_and_mixed_goes_float64():
    x, h0, W, U, b = make(6, dtype=np.float32)
    h, cache = gru.gru_forward(x, h0, W, U, b)
    assert h.dtype == cache["z"].dtype == np.float32
    grads = gru.gru_backward(np.ones(h.shape, np.float32), cache)
    assert {g.dtype for g in grads.values()} == {np.dtype(np.float32)}
    h64, _ = gru.gru_forward(x, h0, W, U, b.astype(np.float64))
    assert h64.dtype == np.float64
    np.testing.assert_allclose(h64, h, atol=1e-5)


def test_saturated_gates_stay_finite_and_quiet():
    x, h0, W, U, b = make(7, dtype=np.float32)
    h, cache = gru.gru_forward(x * 1e4, h0, W, U, b)
    assert np.all(np.isfinite(h))
    assert {0.0, 1.0} <= set(np.unique(cache["z"]))
    grads = gru.gru_backward(np.ones_like(h), cache)
    assert all(np.all(np.isfinite(g)) for g in grads.values())


def test_empty_sequence():
    x, h0, W, U, b = make(8)
    h, cache = gru.gru_forward(x[:, :0], h0, W, U, b)
    assert h.shape == (B, 0, H)
    grads = gru.gru_backward(np.zeros((B, 0, H)), cache)
    np.testing.assert_array_equal(grads["dh0"], 0.0)
    np.testing.assert_array_equal(grads["db"], 0.0)


# --- gradient checks, float64 ---------------------------------------------------------------

def test_gru_step_backward_gradients():
    x, h0, W, U, b = make(9)
    x_t = x[:, 0].copy()
    dh_t = np.random.default_rng(10).normal(size=(B, H))
    _, cache = gru.gru_step_forward(x_t, h0, W, U, b)
    grads = gru.gru_step_backward(dh_t, cache)

    def loss():
        return float(np.sum(gru.gru_step_forward(x_t, h0, W, U, b)[0] * dh_t))

    arrays = {"x_t": x_t, "h_prev": h0, "W": W, "U": U, "b": b}
    assert_gradients(loss, arrays, grads)


@pytest.mark.parametrize("where", ["every step", "last step only"])
def test_gru_backward_gradients(where):
    x, h0, W, U, b = make(11)
    dh = np.random.default_rng(12).normal(size=(B, T, H))
    if where == "last step only":  # return_sequences=False: only h_T is used
        dh[:, :-1] = 0.0
    _, cache = gru.gru_forward(x, h0, W, U, b)
    grads = gru.gru_backward(dh, cache)

    def loss():
        return float(np.sum(gru.gru_forward(x, h0, W, U, b)[0] * dh))

    assert_gradients(loss, {"x": x, "h0": h0, "W": W, "U": U, "b": b}, grads)


# --- bad input ------------------------------------------------------------------------------

X, H0, W_, U_, B_ = make(13)
CACHE = gru.gru_forward(X, None, W_, U_, B_)[1]


@pytest.mark.parametrize("call, match", [
    (lambda: gru.gru_forward(X[0], None, W_, U_, B_),
     r"x: expected a 3-D array \(B, T, D\), got shape \(5, 4\)\. Did you forget the batch axis"),
    (lambda: gru.gru_forward(X, None, W_[:, :10], U_, B_),
     r"W: expected shape \(D, 3H\): 3·H columns, gates z, r, h, got shape \(4, 10\)"),
    (lambda: gru.gru_forward(X, None, W_[:3], U_, B_),
     r"W: expected shape \(4, 3H\): 4 rows, one per input feature of x, got shape \(3, 18\)"),
    (lambda: gru.gru_forward(X, None, W_, U_[:, :12], B_),
     r"U: expected shape \(6, 18\) \(H, 3H\) with H = 6 from W, got shape \(6, 12\)"),
    (lambda: gru.gru_forward(X, None, W_, U_, B_[0]),
     r"b: expected shape \(2, 18\) \(2, 3H\) with H = 6 from W: row 0 the input biases, row 1 "
     r"the recurrent ones \(Keras' reset_after=True\), got shape \(18,\)"),
    (lambda: gru.gru_forward(X, np.zeros((B, H, 1)), W_, U_, B_),
     r"h0: expected a 2-D array \(B, H\), got shape \(3, 6, 1\)"),
    (lambda: gru.gru_step_forward(X[:, 0], np.zeros((2, H)), W_, U_, B_),
     r"h_prev: expected shape \(3, 6\).*got shape \(2, 6\)"),
    (lambda: gru.gru_backward(np.zeros((B, T - 1, H)), CACHE),
     r"dh: expected shape \(3, 5, 6\).*got shape \(3, 4, 6\)"),
    (lambda: gru.gru_step_backward(np.zeros((B, T, H)),
                                   gru.gru_step_forward(X[:, 0], None, W_, U_, B_)[1]),
     r"dh_t: expected shape \(3, 6\).*got shape \(3, 5, 6\)"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
