"""Tests for rnn_helpers.core.linear_rnn: the scan equals the loop, minGRU by hand, gradient
checks."""

import math

import numpy as np
import pytest

from rnn_helpers.core import activations, linear_rnn
from tests.conftest import assert_gradients, random_normal

B, T, D, H = 3, 7, 2, 4


def make(seed=0, T=T):
    return tuple(random_normal(seed, (B, T, D), (B, H), ((D, H), 0.7), ((H,), 0.5),
                               ((D, H), 0.7), ((H,), 0.5)))


@pytest.mark.parametrize("T", [1, 2, 3, 5, 8, 31, 64, 100, 257])
def test_scan_equals_loop(T):
    rng = np.random.default_rng(T)
    a, b = rng.uniform(0, 1, (B, T, H)), rng.normal(size=(B, T, H))
    h0 = rng.normal(size=(B, H))
    assert np.max(np.abs(linear_rnn.linear_scan(a, b, h0) - linear_rnn.linear_loop(a, b, h0))) \
        < 1e-10
    np.testing.assert_array_equal(linear_rnn.linear_scan(a, b)[:, 0], b[:, 0])   # h0 = 0


def test_loop_by_hand():
    # h_t = 0.5 h_{t-1} + 1 from h_0 = 2: 2, 2, 2 (a fixed point); from 0: 1, 1.5, 1.75
    a, b = np.full((2, 3, 1), 0.5), np.ones((2, 3, 1))
    h0 = np.array([[2.0], [0.0]])
    expected = [[2.0, 2.0, 2.0], [1.0, 1.5, 1.75]]
    np.testing.assert_allclose(linear_rnn.linear_loop(a, b, h0)[..., 0], expected)
    np.testing.assert_allclose(linear_rnn.linear_scan(a, b, h0)[..., 0], expected)


def test_scan_depth_is_log2():
    assert [linear_rnn.scan_depth(T) for T in (1, 2, 3, 4, 5, 1024, 1025)] == \
        [0, 1, 2, 2, 3, 10, 11]
    assert linear_rnn.scan_depth(4096) == math.log2(4096)


@pytest.mark.parametrize("method", ["scan", "loop"])
def test_min_gru_equals_its_equations(method):
    x, h0, W_z, b_z, W_h, b_h = make(1)
    h, _ = linear_rnn.min_gru_forward(x, h0, W_z, b_z, W_h, b_h, method=method)
    h_prev = h0
    for t in range(T):
        z = activations.sigmoid(x[:, t] @ W_z + b_z)
        h_prev = (1 - z) * h_prev + z * (x[:, t] @ W_h + b_h)
        np.testing.assert_allclose(h[:, t], h_prev, rtol=1e-12, atol=1e-13)


def test_min_gru_gate_closed_keeps_the_state():
    x, h0, W_z, _, W_h, b_h = make(2)
    h, _ = linear_rnn.min_gru_forward(x, h0, W_z * 0, np.full(H, -50.0), W_h, b_h)
    np.testing.assert_allclose(h[:, -1], h0, atol=1e-15)   # z ≈ 0: nothing new comes in


@pytest.mark.parametrize("method", ["scan", "loop"])
def test_min_gru_gradients(method):
    x, h0, W_z, b_z, W_h, b_h = make(3)
    dh = np.random.default_rng(4).normal(size=(B, T, H))

    def loss():
        return float(np.sum(linear_rnn.min_gru_forward(x, h0, W_z, b_z, W_h, b_h, method)[0]
                            * dh))

    _, cache = linear_rnn.min_gru_forward(x, h0, W_z, b_z, W_h, b_h, method)
    grads = linear_rnn.min_gru_backward(dh, cache)
    assert_gradients(loss, {"x": x, "h0": h0, "W_z": W_z, "b_z": b_z, "W_h": W_h,
                            "b_h": b_h}, grads)


def test_backward_by_scan_equals_backward_by_loop():
    x, h0, *weights = make(5, T=40)
    dh = np.random.default_rng(6).normal(size=(B, 40, H))
    g_scan = linear_rnn.min_gru_backward(dh, linear_rnn.min_gru_forward(x, h0, *weights)[1])
    g_loop = linear_rnn.min_gru_backward(dh, linear_rnn.min_gru_forward(x, h0, *weights,
                                                                        method="loop")[1])
    for k in g_scan:
        np.testing.assert_allclose(g_scan[k], g_loop[k], rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("call, words", [
    (lambda: linear_rnn.linear_loop(np.ones((2, 3)), np.ones((2, 3))), "a: expected a 3-D"),
    (lambda: linear_rnn.linear_scan(np.ones((2, 3, 1)), np.ones((2, 4, 1))), "b: expected shape"),
    (lambda: linear_rnn.linear_scan(np.ones((2, 3, 1)), np.ones((2, 3, 1)), np.ones((3, 1))),
     "h0: expected shape"),
    (lambda: linear_rnn.min_gru_forward(*make(), method="fast"), "method: expected 'scan'"),
    (lambda: linear_rnn.min_gru_forward(np.ones((B, T, D + 1)), *make()[1:]),
     "W_z: expected 3 rows"),
    (lambda: linear_rnn.min_gru_forward(*make()[:5], np.ones(H + 1)), "b_h: expected shape"),
])
def test_bad_input_names_the_argument(call, words):
    with pytest.raises(ValueError, match=words):
        call()
