"""Tests for rnn_helpers.analysis.bptt: the seed's stacked model's gradients (gradient check),
truncated BPTT (k >= T is full BPTT; the gradient stops k steps back), training."""

import numpy as np
import pytest

from rnn_helpers.analysis import bptt
from rnn_helpers.analysis.gradflow import hidden_state_gradients
from rnn_helpers.core.rnn import rnn_backward, rnn_forward
from rnn_helpers.datasets import first_vs_last
from tests.conftest import TOL


def test_stacked_gradient_check():
    errors = bptt.stacked_gradient_check(B=4, T=5, H=3, seed=0)
    assert set(errors) == set(bptt.PARAMS)
    assert max(errors.values()) < TOL


def test_gradient_crosses_into_layer_one_at_every_step():
    x, y = first_vs_last(8, T=6, seed=0)
    _, cache = bptt.stacked_forward(x, y, bptt.init_stacked(1, 4, 0))
    g = bptt.stacked_backward(cache)
    assert np.all(np.linalg.norm(g["dh1"], axis=(0, 2)) > 0)   # every t, not only T


def test_truncated_with_k_at_least_T_is_full():
    rng = np.random.default_rng(1)
    x, dh = rng.standard_normal((3, 6, 2)), rng.standard_normal((3, 6, 4))
    W, U, b = rng.standard_normal((2, 4)), rng.standard_normal((4, 4)) * 0.5, rng.standard_normal(4)
    _, cache = rnn_forward(x, None, W, U, b)
    full = rnn_backward(dh, cache)
    for k in (6, 9):
        trunc = bptt.truncated_rnn_backward(dh, cache, k)
        for key in ("dW", "dU", "db", "dx", "dh0"):
            np.testing.assert_allclose(trunc[key], full[key], atol=1e-12)


def test_truncated_gradient_stops_k_steps_back():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((2, 8, 1))
    W, U, b = rng.standard_normal((1, 3)), rng.standard_normal((3, 3)), rng.standard_normal(3)
    _, cache = rnn_forward(x, None, W, U, b)
    dh = np.zeros((2, 8, 3))
    dh[:, -1] = 1.0                                   # a loss at the last step only
    g = bptt.truncated_rnn_backward(dh, cache, 3)
    assert not np.any(g["dx"][:, :5]) and np.all(np.abs(g["dx"][:, 5:]).sum(axis=2) > 0)


def test_agreement_and_training():
    x, y = first_vs_last(64, T=6, seed=0)
    p = bptt.init_stacked(1, 4, 0)
    cos, err = bptt.gradient_agreement(x, y, p, 6)
    assert cos == pytest.approx(1.0) and err < 1e-12
    cos, err = bptt.gradient_agreement(x, y, p, 1)
    assert cos < 1.0 and err > 0
    p, losses = bptt.train_stacked(x, y, epochs=3, H=4)
    assert len(losses) == 3 and losses[-1] < losses[0]
    assert 0 <= bptt.accuracy(x, y, p) <= 1


def test_bad_input():
    with pytest.raises(ValueError, match="k"):
        bptt.truncation_experiment(*first_vs_last(10, 4), *first_vs_last(10, 4), ks=(0,),
                                   epochs=1)
    with pytest.raises(ValueError, match="y"):
        bptt.stacked_forward(np.zeros((2, 3, 1)), [1, 0, 1], bptt.init_stacked())


def test_gradient_check_of_another_backward():
    def layer_1_at_T_only(cache):                 # notebook 03's Exercise 4, unfixed
        g = bptt.stacked_backward(cache)
        dh1 = np.zeros_like(g["dh1"])
        dh1[:, -1] = g["dh1"][:, -1]
        g1 = rnn_backward(dh1, cache["c1"])
        return {**g, "dW1": g1["dW"], "dU1": g1["dU"], "db1": g1["db"]}

    errors = bptt.stacked_gradient_check(backward=layer_1_at_T_only)
    assert {name for name, e in errors.items() if e > 1e-3} == {"W1", "U1", "b1"}
    assert max(errors[name] for name in ("W2", "U2", "b2", "W_y", "b_y")) < TOL
    with pytest.raises(ValueError, match="backward: expected a function"):
        bptt.stacked_gradient_check(backward="stacked_backward")


def test_state_gradients_full_and_truncated():
    rng = np.random.default_rng(3)
    x, dh = rng.standard_normal((2, 7, 2)), rng.standard_normal((2, 7, 3))
    W, U, b = rng.standard_normal((2, 3)), rng.standard_normal((3, 3)) * 0.5, rng.standard_normal(3)
    h, cache = rnn_forward(x, None, W, U, b)
    full = bptt.state_gradients(dh, cache)
    np.testing.assert_allclose(full, hidden_state_gradients(dh, cache), atol=1e-12)
    for k in (1, 3, 7):
        total = bptt.state_gradients(dh, cache, k)
        da = total * (1 - h**2)                       # the same cuts as truncated_rnn_backward
        g = bptt.truncated_rnn_backward(dh, cache, k)
        np.testing.assert_allclose(np.einsum("btd,bth->dh", x, da), g["dW"], atol=1e-12)
        np.testing.assert_allclose(da.sum(axis=(0, 1)), g["db"], atol=1e-12)
    only_last = np.zeros_like(dh)
    only_last[:, -1] = 1.0
    total = bptt.state_gradients(only_last, cache, 2)
    assert not np.any(total[:, :5]) and np.all(np.abs(total[:, 5:]).sum(axis=2) > 0)


def test_state_gradient_norms_of_both_layers():
    x, y = first_vs_last(16, T=6, seed=1)
    p = bptt.init_stacked(1, 4, 2)
    full, cut = bptt.state_gradient_norms(x, y, p), bptt.state_gradient_norms(x, y, p, k=2)
    assert set(full) == {"layer 1", "layer 2"} and all(v.shape == (6,) for v in full.values())
    assert np.all(full["layer 1"] > 0) and np.all(full["layer 2"] > 0)
    for layer in full:
        assert not np.any(cut[layer][:4])                        # nothing before step T - 1
        np.testing.assert_allclose(cut[layer][-1], full[layer][-1], rtol=1e-12)
    with pytest.raises(ValueError, match="k"):
        bptt.state_gradient_norms(x, y, p, k=0)
