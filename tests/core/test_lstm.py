"""Tests for rnn_helpers.core.lstm: shapes, hand-computed values, gradient checks, bad input."""

import math

import numpy as np
import pytest

from rnn_helpers.core import lstm
from tests.conftest import assert_gradients, random_normal
from tests.conftest import scalar_sigmoid as sigmoid

B, T, D, H = 3, 5, 4, 6


def make(seed=0, dtype=np.float64):
    """x (B, T, D), h0 (B, H), c0 (B, H), W (D, 4H), U (H, 4H), b (4H,), seeded."""
    return tuple(random_normal(seed, (B, T, D), ((B, H), 0.5), (B, H), ((D, 4 * H), 0.5),
                               ((H, 4 * H), 0.4), ((4 * H,), 0.3), dtype=dtype))


# --- shapes and values ----------------------------------------------------------------------

def test_shapes_and_keys():
    x, h0, c0, W, U, b = make()
    h_t, c_t, cache = lstm.lstm_step_forward(x[:, 0], h0, c0, W, U, b)
    assert h_t.shape == c_t.shape == (B, H)
    for gate in ("i", "f", "c_tilde", "o"):
        assert cache[gate].shape == (B, H)
    grads = lstm.lstm_step_backward(np.ones((B, H)), np.ones((B, H)), cache)
    assert {k: v.shape for k, v in grads.items()} == {
        "dx_t": (B, D), "dh_prev": (B, H), "dc_prev": (B, H),
        "dW": (D, 4 * H), "dU": (H, 4 * H), "db": (4 * H,)}
    h, c, cache = lstm.lstm_forward(x, None, None, W, U, b)
    assert h.shape == c.shape == (B, T, H)
    for gate in ("i", "f", "c_tilde", "o"):
        assert cache[gate].shape == (B, T, H)
    grads = lstm.lstm_backward(np.ones((B, T, H)), cache)
    assert {k: v.shape for k, v in grads.items()} == {
        "dx": (B, T, D), "dh0": (B, H), "dc0": (B, H),
        "dW": (D, 4 * H), "dU": (H, 4 * H), "db": (4 * H,)}


def test_lstm_by_hand():
    # D = H = 1, two steps, x = (1, -1), h0 = 0, c0 = 0.5; Keras' gate order i, f, c, o.
    W = np.array([[0.5, -1.0, 2.0, 1.0]])
    U = np.array([[0.25, 0.5, -0.5, 0.0]])
    b = np.array([0.0, 1.0, 0.0, -0.5])
    # step 1: a_i = 0.5, a_f = -1 + 1 = 0, a_c = 2, a_o = 1 - 0.5 = 0.5
    #   c_1 = sigmoid(0) * 0.5 + sigmoid(0.5) * tanh(2) = 0.25 + 0.62245933 * 0.96402758
    #       = 0.85006796
    #   h_1 = sigmoid(0.5) * tanh(c_1) = 0.43018474
    c1 = sigmoid(0.0) * 0.5 + sigmoid(0.5) * math.tanh(2.0)
    h1 = sigmoid(0.5) * math.tanh(c1)
    assert abs(c1 - 0.85006796) < 1e-8 and abs(h1 - 0.43018474) < 1e-8
    # step 2: x = -1, h_prev = h_1
    a_i, a_f = -0.5 + 0.25 * h1, 1.0 + 0.5 * h1 + 1.0
    a_c, a_o = -2.0 - 0.5 * h1, -1.0 - 0.5
    c2 = sigmoid(a_f) * c1 + sigmoid(a_i) * math.tanh(a_c)
    h2 = sigmoid(a_o) * math.tanh(c2)
    x = np.array([[[1.0], [-1.0]]])
    h, c, cache = lstm.lstm_forward(x, np.zeros((1, 1)), np.array([[0.5]]), W, U, b)
    np.testing.assert_allclose(h[0, :, 0], [h1, h2], rtol=1e-14)
    np.testing.assert_allclose(c[0, :, 0], [c1, c2], rtol=1e-14)
    np.testing.assert_allclose(cache["f"][0, :, 0], [0.5, sigmoid(a_f)], rtol=1e-14)
    np.testing.assert_allclose(cache["c_tilde"][0, :, 0], [math.tanh(2.0), math.tanh(a_c)],
                               rtol=1e-14)
    h_t, c_t, _ = lstm.lstm_step_forward(x[:, 0], np.zeros((1, 1)), np.array([[0.5]]), W, U, b)
    np.testing.assert_allclose([h_t[0, 0], c_t[0, 0]], [h1, c1], rtol=1e-14)


def test_gate_order_is_keras_ifco():
    """A shut input gate (i ≈ 0), an open forget gate (f ≈ 1) and output gate (o ≈ 1): the cell
    keeps c0 for ever and h_t = tanh(c0), whatever the input. Any other order breaks this."""
    x, h0, c0, W, U, _ = make(1)
    b = np.concatenate([np.full(H, -40.0), np.full(H, 40.0), np.zeros(H), np.full(H, 40.0)])
    h, c, _ = lstm.lstm_forward(x, h0, c0, W * 0.01, U * 0.01, b)
    np.testing.assert_allclose(c, np.broadcast_to(c0[:, None], c.shape), atol=1e-12)
    np.testing.assert_allclose(h, np.tanh(c), atol=1e-12)


def test_split_gates_names_the_blocks():
    _, _, _, W, U, b = make(2)
    W_i, W_f, W_c, W_o = lstm.split_gates(W)
    assert W_f.shape == (D, H)
    np.testing.assert_array_equal(W_f, W[:, H:2 * H])
    np.testing.assert_array_equal(lstm.split_gates(b)[3], b[3 * H:])
    W_z, W_r, W_h = lstm.split_gates(W[:, :3 * H], "zrh")
    np.testing.assert_array_equal(W_h, W[:, 2 * H:3 * H])


def test_step_loop_equals_lstm_forward_and_gate_recorder():
    x, h0, c0, W, U, b = make(3)
    h, c, cache = lstm.lstm_forward(x, h0, c0, W, U, b)
    recorded = lstm.lstm_gates(x, W, U, b, h0, c0)
    assert set(recorded) == {"i", "f", "c_tilde", "o", "c", "h"}
    h_t, c_t = h0, c0
    for t in range(T):
        h_t, c_t, step = lstm.lstm_step_forward(x[:, t], h_t, c_t, W, U, b)
        np.testing.assert_allclose(h_t, h[:, t], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(c_t, c[:, t], rtol=1e-12, atol=1e-15)
        for gate in ("i", "f", "c_tilde", "o"):
            np.testing.assert_allclose(step[gate], cache[gate][:, t], rtol=1e-12, atol=1e-15)
            np.testing.assert_allclose(step[gate], recorded[gate][:, t], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(recorded["h"], h, rtol=1e-15)


def test_bptt_equals_the_step_backwards_summed():
    x, h0, c0, W, U, b = make(4)
    rng = np.random.default_rng(5)
    dh, dc_last = rng.normal(size=(B, T, H)), rng.normal(size=(B, H))
    _, _, cache = lstm.lstm_forward(x, h0, c0, W, U, b)
    caches, h_t, c_t = [], h0, c0
    for t in range(T):
        h_t, c_t, step = lstm.lstm_step_forward(x[:, t], h_t, c_t, W, U, b)
        caches.append(step)
    total = {"dW": 0.0, "dU": 0.0, "db": 0.0}
    dx = np.zeros_like(x)
    dh_next, dc_next = np.zeros((B, H)), dc_last
    for t in reversed(range(T)):
        g = lstm.lstm_step_backward(dh[:, t] + dh_next, dc_next, caches[t])
        dx[:, t], dh_next, dc_next = g["dx_t"], g["dh_prev"], g["dc_prev"]
        for k in total:
            total[k] = total[k] + g[k]
    grads = lstm.lstm_backward(dh, cache, dc_last)
    for name, want in [("dx", dx), ("dh0", dh_next), ("dc0", dc_next), *total.items()]:
        np.testing.assert_allclose(grads[name], want, rtol=1e-10, atol=1e-13)


def test_float32_stays_float32_and_mixed_goes_float64():
    x, h0, c0, W, U, b = make(6, dtype=np.float32)
    h, c, cache = lstm.lstm_forward(x, h0, c0, W, U, b)
    assert h.dtype == c.dtype == np.float32
    assert cache["i"].dtype == np.float32
    grads = lstm.lstm_backward(np.ones(h.shape, np.float32), cache, np.ones(h0.shape, np.float32))
    assert {g.dtype for g in grads.values()} == {np.dtype(np.float32)}
    h64, _, _ = lstm.lstm_forward(x, h0, c0, W.astype(np.float64), U, b)
    assert h64.dtype == np.float64
    np.testing.assert_allclose(h64, h, atol=1e-5)


def test_saturated_gates_stay_finite_and_quiet():
    """Huge pre-activations (exp overflows inside sigmoid) give 0 or 1, no warning, no NaN."""
    x, h0, c0, W, U, b = make(7, dtype=np.float32)
    h, c, cache = lstm.lstm_forward(x * 1e4, h0, c0, W, U, b)
    assert np.all(np.isfinite(h)) and np.all(np.isfinite(c))
    assert {0.0, 1.0} <= set(np.unique(cache["i"]))
    grads = lstm.lstm_backward(np.ones_like(h), cache)
    assert all(np.all(np.isfinite(g)) for g in grads.values())


def test_empty_sequence():
    x, h0, c0, W, U, b = make(8)
    h, c, cache = lstm.lstm_forward(x[:, :0], h0, c0, W, U, b)
    assert h.shape == c.shape == (B, 0, H)
    dc_last = np.ones((B, H))
    grads = lstm.lstm_backward(np.zeros((B, 0, H)), cache, dc_last)
    np.testing.assert_array_equal(grads["dh0"], 0.0)
    np.testing.assert_array_equal(grads["dc0"], dc_last)
    np.testing.assert_array_equal(grads["dW"], 0.0)


# --- gradient checks, float64 ---------------------------------------------------------------

def test_lstm_step_backward_gradients():
    x, h0, c0, W, U, b = make(9)
    x_t = x[:, 0].copy()
    rng = np.random.default_rng(10)
    dh_t, dc_t = rng.normal(size=(B, H)), rng.normal(size=(B, H))
    _, _, cache = lstm.lstm_step_forward(x_t, h0, c0, W, U, b)
    grads = lstm.lstm_step_backward(dh_t, dc_t, cache)

    def loss():  # L = Σ h_t * dh_t + Σ c_t * dc_t
        h_t, c_t, _ = lstm.lstm_step_forward(x_t, h0, c0, W, U, b)
        return float(np.sum(h_t * dh_t) + np.sum(c_t * dc_t))

    arrays = {"x_t": x_t, "h_prev": h0, "c_prev": c0, "W": W, "U": U, "b": b}
    assert_gradients(loss, arrays, grads)


@pytest.mark.parametrize("where", ["every step", "last step only", "last step and c_T"])
def test_lstm_backward_gradients(where):
    x, h0, c0, W, U, b = make(11)
    rng = np.random.default_rng(12)
    dh = rng.normal(size=(B, T, H))
    dc_last = rng.normal(size=(B, H)) if where == "last step and c_T" else None
    if where != "every step":  # return_sequences=False: only h_T is used
        dh[:, :-1] = 0.0
    _, _, cache = lstm.lstm_forward(x, h0, c0, W, U, b)
    grads = lstm.lstm_backward(dh, cache, dc_last)

    def loss():  # ∂L/∂h_t = dh[:, t], ∂L/∂c_T = dc_last
        h, c, _ = lstm.lstm_forward(x, h0, c0, W, U, b)
        return float(np.sum(h * dh) + (0.0 if dc_last is None else np.sum(c[:, -1] * dc_last)))

    arrays = {"x": x, "h0": h0, "c0": c0, "W": W, "U": U, "b": b}
    assert_gradients(loss, arrays, grads)


# --- bad input ------------------------------------------------------------------------------

X, H0, C0, W_, U_, B_ = make(13)
CACHE = lstm.lstm_forward(X, None, None, W_, U_, B_)[2]
STEP = lstm.lstm_step_forward(X[:, 0], None, None, W_, U_, B_)[2]


@pytest.mark.parametrize("call, match", [
    (lambda: lstm.lstm_forward(X[0], None, None, W_, U_, B_),
     r"x: expected a 3-D array \(B, T, D\), got shape \(5, 4\)\. Did you forget the batch axis"),
    (lambda: lstm.lstm_forward(X, None, None, W_[:, :10], U_, B_),
     r"W: expected shape \(D, 4H\): 4·H columns, gates i, f, c, o, got shape \(4, 10\)"),
    (lambda: lstm.lstm_forward(X, None, None, W_[:3], U_, B_),
     r"W: expected shape \(4, 4H\): 4 rows, one per input feature of x, got shape \(3, 24\)"),
    (lambda: lstm.lstm_forward(X, None, None, W_, U_[:, :18], B_),
     r"U: expected shape \(6, 24\) \(H, 4H\) with H = 6 from W, got shape \(6, 18\)"),
    (lambda: lstm.lstm_forward(X, None, None, W_, U_, B_[:18]),
     r"b: expected shape \(24,\) \(4H,\) with H = 6 from W, got shape \(18,\)"),
    (lambda: lstm.lstm_forward(X, np.zeros((2, H)), None, W_, U_, B_),
     r"h0: expected shape \(3, 6\).*got shape \(2, 6\)"),
    (lambda: lstm.lstm_forward(X, None, np.zeros((B, H + 1)), W_, U_, B_),
     r"c0: expected shape \(3, 6\).*got shape \(3, 7\)"),
    (lambda: lstm.lstm_forward(np.where(X > 1.5, np.nan, X), None, None, W_, U_, B_),
     r"x: expected finite values, got \d+ NaN or inf entries"),
    (lambda: lstm.lstm_step_forward(X, None, None, W_, U_, B_),
     r"x_t: expected a 2-D array \(B, D\), got shape \(3, 5, 4\)"),
    (lambda: lstm.lstm_step_forward(X[:, 0], None, np.zeros(H), W_, U_, B_),
     r"c_prev: expected a 2-D array \(B, H\), got shape \(6,\)"),
    (lambda: lstm.lstm_backward(np.zeros((B, T, H + 1)), CACHE),
     r"dh: expected shape \(3, 5, 6\).*got shape \(3, 5, 7\)"),
    (lambda: lstm.lstm_backward(np.zeros((B, T, H)), CACHE, np.zeros((B, 2))),
     r"dc_last: expected shape \(3, 6\).*got shape \(3, 2\)"),
    (lambda: lstm.lstm_step_backward(np.zeros((B, H)), np.zeros((B, 1)), STEP),
     r"dc_t: expected shape \(3, 6\).*got shape \(3, 1\)"),
    (lambda: lstm.split_gates(np.zeros((4, 10))),
     r"array: expected a last axis of 4·H columns, one block per gate 'ifco', got shape"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
