"""Tests for rnn_helpers.core.attention: hand-computed values, masks, gradient checks, bad input."""

import numpy as np
import pytest

from rnn_helpers.core import activations, attention
from tests.conftest import assert_gradients, random_normal

B, T, H, S, A = 3, 5, 4, 2, 6


def make(seed=0):
    """h (B, T, H), s (B, S), W_a (H, A), U_a (S, A), b_a (A,), v (A,), seeded."""
    return tuple(random_normal(seed, (B, T, H), (B, S), ((H, A), 0.5), ((S, A), 0.5),
                               ((A,), 0.1), (A,)))


def test_shapes_weights_and_keys():
    c, alpha, cache = attention.additive_attention_forward(*make())
    assert c.shape == (B, H) and alpha.shape == (B, T)
    np.testing.assert_allclose(alpha.sum(axis=1), 1.0, rtol=1e-14)
    assert np.all(alpha > 0)
    grads = attention.additive_attention_backward(np.ones((B, H)), cache)
    assert {k: v.shape for k, v in grads.items()} == {
        "dh": (B, T, H), "ds": (B, S), "dW_a": (H, A), "dU_a": (S, A), "db_a": (A,),
        "dv": (A,)}


def test_forward_equals_the_equations_step_by_step():
    h, s, W_a, U_a, b_a, v = make(1)
    c, alpha, _ = attention.additive_attention_forward(h, s, W_a, U_a, b_a, v)
    for i in range(B):
        e = np.array([v @ np.tanh(h[i, t] @ W_a + s[i] @ U_a + b_a) for t in range(T)])
        a = np.exp(e) / np.exp(e).sum()
        np.testing.assert_allclose(alpha[i], a, rtol=1e-13)
        np.testing.assert_allclose(c[i], sum(a[t] * h[i, t] for t in range(T)), rtol=1e-13)
    np.testing.assert_allclose(attention.attention_context(h, alpha), c, rtol=1e-14)


def test_by_hand_two_steps():
    # H = A = S = 1, W_a = 1, U_a = 0, b_a = 0, v = ln 3 / tanh(1):
    # h = (1, 0): e = (ln 3, 0), α = (3/4, 1/4), c = 3/4 * 1 + 1/4 * 0 = 0.75
    h = np.array([[[1.0], [0.0]]])
    v = np.array([np.log(3) / np.tanh(1.0)])
    c, alpha, _ = attention.additive_attention_forward(h, np.zeros((1, 1)), np.ones((1, 1)),
                                                       np.zeros((1, 1)), np.zeros(1), v)
    np.testing.assert_allclose(alpha, [[0.75, 0.25]], rtol=1e-14)
    np.testing.assert_allclose(c, [[0.75]], rtol=1e-14)


def test_mask_gives_padding_zero_weight():
    h, s, W_a, U_a, b_a, v = make(2)
    mask = np.ones((B, T))
    mask[0, 3:] = 0
    mask[2, :1] = 0
    c, alpha, _ = attention.additive_attention_forward(h, s, W_a, U_a, b_a, v, mask=mask)
    assert np.all(alpha[mask == 0] == 0)
    np.testing.assert_allclose(alpha.sum(axis=1), 1.0, rtol=1e-14)
    # the unmasked part equals attention over the shorter sequence alone
    c0, alpha0, _ = attention.additive_attention_forward(h[:1, :3], s[:1], W_a, U_a, b_a, v)
    np.testing.assert_allclose(alpha[0, :3], alpha0[0], rtol=1e-13)
    np.testing.assert_allclose(c[0], c0[0], rtol=1e-13)


@pytest.mark.parametrize("masked", [False, True])
def test_gradients(masked):
    h, s, W_a, U_a, b_a, v = make(3)
    mask = None
    if masked:
        mask = np.ones((B, T))
        mask[1, 2:] = 0
    rng = np.random.default_rng(4)
    dc, dalpha = rng.normal(size=(B, H)), rng.normal(size=(B, T))

    def loss():
        c, alpha, _ = attention.additive_attention_forward(h, s, W_a, U_a, b_a, v, mask=mask)
        return float(np.sum(c * dc) + np.sum(alpha * dalpha))

    _, _, cache = attention.additive_attention_forward(h, s, W_a, U_a, b_a, v, mask=mask)
    grads = attention.additive_attention_backward(dc, cache, dalpha=dalpha)
    assert_gradients(loss, {"h": h, "s": s, "W_a": W_a, "U_a": U_a, "b_a": b_a,
                            "v": v}, grads)


def test_softmax_of_equal_scores_is_uniform():
    h, s, W_a, U_a, b_a, _ = make(5)
    _, alpha, _ = attention.additive_attention_forward(h, s, W_a, U_a, b_a, np.zeros(A))
    np.testing.assert_allclose(alpha, 1 / T, rtol=1e-14)
    np.testing.assert_allclose(activations.softmax(np.zeros(T)), 1 / T)


@pytest.mark.parametrize("change, words", [
    ({"h": np.zeros((B, H))}, "h: expected a 3-D array (B, T, H)"),
    ({"h": np.zeros((B, 0, H))}, "at least one time step"),
    ({"s": np.zeros((B + 1, S))}, f"s: expected {B} rows"),
    ({"W_a": np.zeros((H + 1, A))}, f"W_a: expected {H} rows"),
    ({"U_a": np.zeros((S, A + 1))}, "U_a: expected shape"),
    ({"b_a": np.zeros(A + 1)}, "b_a: expected shape"),
    ({"v": np.zeros((A, 1))}, "v: expected shape"),
    ({"mask": np.ones((B, T + 1))}, "mask: expected shape"),
    ({"mask": np.full((B, T), 0.5)}, "mask: expected values 0 or 1"),
    ({"mask": np.zeros((B, T))}, "at least one step with mask 1"),
])
def test_bad_input_names_the_argument(change, words):
    h, s, W_a, U_a, b_a, v = make()
    args = {"h": h, "s": s, "W_a": W_a, "U_a": U_a, "b_a": b_a, "v": v, **change}
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        attention.additive_attention_forward(**args)


def test_backward_checks_dc():
    *_, cache = attention.additive_attention_forward(*make())
    with pytest.raises(ValueError, match="dc: expected shape"):
        attention.additive_attention_backward(np.ones((B, H + 1)), cache)
    with pytest.raises(ValueError, match="dalpha: expected shape"):
        attention.additive_attention_backward(np.ones((B, H)), cache, dalpha=np.ones(T))
