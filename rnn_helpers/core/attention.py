"""Additive (Bahdanau-style) attention over the hidden states of an RNN, with its backward.

A decoder state s asks: "which of the encoder's states h_1 .. h_T matter now?" Each state gets
a score, the scores become weights that add up to 1, and the answer is the weighted average:

    e_t   = v · tanh(h_t @ W_a + s @ U_a + b_a)      a score for every time step
    α     = softmax(e) over t                         weights, α_t >= 0, Σ_t α_t = 1
    c     = Σ_t α_t h_t                               the context vector

h (B, T, H) the encoder's states, s (B, S) the query (a decoder state), W_a (H, A),
U_a (S, A), b_a (A,), v (A,) -> c (B, H) and α (B, T). A is the attention's own width.
Bahdanau, Cho & Bengio (2015), "Neural machine translation by jointly learning to align and
translate", ICLR, introduced this score; it is called additive because h_t and s are added
inside the tanh (dot-product attention multiplies them instead, as Transformers do).

A mask (B, T) of 1 (use) and 0 (padding) gives padded steps the weight 0 exactly.
"""

import numpy as np

from .._validate import check_array, fail
from . import activations


def _check_mask(mask, B, T):
    if mask is None:
        return None
    mask = check_array("mask", mask, shape=(B, T), layout="(B, T), 1 = use the step, 0 = skip")
    if np.any((mask != 0) & (mask != 1)):
        fail("mask", "values 0 or 1", f"values such as {mask[(mask != 0) & (mask != 1)][0]!r}")
    empty = np.flatnonzero(mask.sum(axis=1) == 0)
    if empty.size:
        fail("mask", "at least one step with mask 1 in every sequence",
              f"a row of zeros for sequence {int(empty[0])}", "Attention needs something to "
              "attend to")
    return mask.astype(bool)


def _check_params(h, s, W_a, U_a, b_a, v):
    h = check_array("h", h, ndim=3, layout="(B, T, H)")
    B, T, H = h.shape
    if T == 0:
        fail("h", "at least one time step (B, T, H) with T >= 1", f"shape {h.shape}")
    s = check_array("s", s, ndim=2, layout="(B, S)")
    if s.shape[0] != B:
        fail("s", f"{B} rows, one query per sequence of h (shape ({B}, S))", f"shape {s.shape}")
    W_a = check_array("W_a", W_a, ndim=2, layout="(H, A)")
    if W_a.shape[0] != H:
        fail("W_a", f"{H} rows, one per hidden unit of h (shape ({H}, A))", f"shape {W_a.shape}")
    A = W_a.shape[1]
    U_a = check_array("U_a", U_a, shape=(s.shape[1], A), layout="(S, A)")
    b_a = check_array("b_a", b_a, shape=(A,), layout="(A,)")
    v = check_array("v", v, shape=(A,), layout="(A,)")
    return h, s, W_a, U_a, b_a, v


def additive_attention_forward(h, s, W_a, U_a, b_a, v, mask=None):
    """Additive attention: scores, weights and the context vector.

        u_t = tanh(h_t @ W_a + s @ U_a + b_a)      (B, T, A)
        e_t = u_t @ v                              (B, T)    the scores
        α   = softmax(e) over t (masked steps get α_t = 0)
        c   = Σ_t α_t h_t                          (B, H)    the context

    h (B, T, H), s (B, S), W_a (H, A), U_a (S, A), b_a (A,), v (A,), mask None or (B, T)
    -> c (B, H), α (B, T), cache
    """
    h, s, W_a, U_a, b_a, v = _check_params(h, s, W_a, U_a, b_a, v)
    B, T, H = h.shape
    mask = _check_mask(mask, B, T)

    u = np.tanh(h @ W_a + (s @ U_a + b_a)[:, None, :])   # s @ U_a is the same for every t
    e = u @ v
    if mask is not None:
        e = np.where(mask, e, -np.inf)                   # exp(-inf) = 0: no weight at all
    alpha = activations.softmax(e, axis=1)
    c = np.einsum("bt,bth->bh", alpha, h)                # c = Σ_t α_t h_t
    cache = {"h": h, "s": s, "W_a": W_a, "U_a": U_a, "v": v, "u": u, "alpha": alpha}
    return c, alpha, cache


def additive_attention_backward(dc, cache, dalpha=None):
    """Backward of `additive_attention_forward`.

        dα_t = h_t · dc            (+ dalpha, if a loss also reads the weights)
        dh_t = α_t dc              (through c = Σ α_t h_t)
        de   = α * (dα - Σ_t α_t dα_t)              (the softmax's Jacobian)
        du_t = de_t v,   dz_t = du_t * (1 - u_t**2)   (through tanh)
        dh_t += dz_t @ W_a.T,   ds = Σ_t dz_t @ U_a.T
        dW_a = Σ h_t.T @ dz_t,  dU_a = s.T @ Σ_t dz_t,  db_a = Σ dz_t,  dv = Σ u_t * de_t

    dc (B, H), dalpha None or (B, T) -> {"dh", "ds", "dW_a", "dU_a", "db_a", "dv"}
    """
    h, s, alpha, u = cache["h"], cache["s"], cache["alpha"], cache["u"]
    B, T, H = h.shape
    dc = check_array("dc", dc, shape=(B, H), layout="(B, H), like the context c")
    dalpha_total = np.einsum("bth,bh->bt", h, dc)       # dα_t = h_t · dc
    if dalpha is not None:
        dalpha_total = dalpha_total + check_array("dalpha", dalpha, shape=(B, T),
                                                  layout="(B, T), like the weights α")
    dh = alpha[:, :, None] * dc[:, None, :]              # the path through c
    de = alpha * (dalpha_total - np.sum(alpha * dalpha_total, axis=1, keepdims=True))
    dz = (de[:, :, None] * cache["v"]) * (1 - u * u)     # (B, T, A)
    dh = dh + dz @ cache["W_a"].T                        # the path through the scores
    dz_sum = dz.sum(axis=1)                              # s is shared by every t
    A = u.shape[2]
    return {
        "dh": dh,
        "ds": dz_sum @ cache["U_a"].T,
        "dW_a": h.reshape(B * T, H).T @ dz.reshape(B * T, A),
        "dU_a": s.T @ dz_sum,
        "db_a": dz.sum(axis=(0, 1)),
        "dv": np.einsum("bta,bt->a", u, de),
    }


def attention_context(h, alpha):
    """The context vector from given weights: c = Σ_t α_t h_t.  h (B, T, H), α (B, T) -> (B, H)."""
    h = check_array("h", h, ndim=3, layout="(B, T, H)")
    alpha = check_array("alpha", alpha, shape=h.shape[:2], layout="(B, T), like h's first axes")
    return np.einsum("bt,bth->bh", alpha, h)


__all__ = ["additive_attention_backward", "additive_attention_forward", "attention_context"]
