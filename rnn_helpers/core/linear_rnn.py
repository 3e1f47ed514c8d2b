"""A minimal gated linear RNN (minGRU) and the parallel scan that trains it without a loop.

minGRU (Feng, Tung, Ahmed, Bengio & Hajimirsadeghi 2024, "Were RNNs all we needed?") keeps the
GRU's update gate but computes it, and the candidate state, from the input x_t alone:

    z_t = sigmoid(x_t @ W_z + b_z)                  the update gate (B, H)
    h̃_t = x_t @ W_h + b_h                           the candidate state (B, H)
    h_t = (1 - z_t) * h_{t-1} + z_t * h̃_t

Because nothing inside the step reads h_{t-1}, the step is a linear map of h_{t-1},

    h_t = a_t * h_{t-1} + b_t      with a_t = 1 - z_t and b_t = z_t * h̃_t,

and all the a_t, b_t can be computed at once, before any recurrence. Two such steps compose
into one of the same form: first (a, b), then (a', b'), is

    (a, b) ∘ (a', b') = (a * a', a' * b + b')

an associative operator, so the T steps can be combined like a sum: pairs first, then pairs of
pairs. `linear_scan` does it in ceil(log2 T) rounds of whole-array numpy operations (the
Hillis-Steele scan); `linear_loop` does it in T rounds, one step each, as an RNN always did.
Both give the same states. On a GPU each round is one parallel operation, which is why linear
recurrences (minGRU, S4, Mamba, RWKV) train as fast as Transformers on long sequences.
"""

import math

import numpy as np

from .._validate import check_array, fail
from . import activations


def _check_ab(a, b, h0):
    a = check_array("a", a, ndim=3, layout="(B, T, H)")
    b = check_array("b", b, shape=a.shape, layout="(B, T, H), like a")
    B, _, H = a.shape
    if h0 is None:
        h0 = np.zeros((B, H), dtype=np.result_type(a, b))
    else:
        h0 = check_array("h0", h0, shape=(B, H), layout="(B, H)")
    return a, b, h0


def linear_loop(a, b, h0=None):
    """The linear recurrence, one step at a time: T sequential rounds.

        h_t = a_t * h_{t-1} + b_t        for t = 1 .. T,  h_0 = h0 (zeros when None)

    a, b (B, T, H), h0 (B, H) or None -> h (B, T, H)
    """
    a, b, h0 = _check_ab(a, b, h0)
    h = np.empty(a.shape, dtype=np.result_type(a, b, h0))
    h_prev = h0
    for t in range(a.shape[1]):
        h_prev = a[:, t] * h_prev + b[:, t]
        h[:, t] = h_prev
    return h


def scan_depth(T):
    """Rounds of the Hillis-Steele scan over T steps: ceil(log2 T) (0 for T <= 1)."""
    return 0 if T <= 1 else math.ceil(math.log2(T))


def linear_scan(a, b, h0=None):
    """The same recurrence by a parallel (Hillis-Steele) scan: ceil(log2 T) rounds.

    After round k, (A[t], Bc[t]) combines the steps t - 2**k + 1 .. t, so that
    h_t = A[t] * h_{t - 2**k} + Bc[t]. Each round combines every t with the pair 2**k before it,

        (A[t], Bc[t]) <- (A[t - d] * A[t],  A[t] * Bc[t - d] + Bc[t])      d = 2**k

    all t at once (one numpy operation); after the last round each pair covers steps 1 .. t,
    and h_t = A[t] * h_0 + Bc[t].

    a, b (B, T, H), h0 (B, H) or None -> h (B, T, H)
    """
    a, b, h0 = _check_ab(a, b, h0)
    A, Bc = a.copy(), b.copy()
    T, d = a.shape[1], 1
    while d < T:
        A_new = A.copy()
        A_new[:, d:] = A[:, :-d] * A[:, d:]             # a * a'
        Bc[:, d:] = A[:, d:] * Bc[:, :-d] + Bc[:, d:]   # a' * b + b'  (Bc[:, :-d] still old)
        A, d = A_new, 2 * d
    return A * h0[:, None, :] + Bc


def _check_weights(W_z, b_z, W_h, b_h, D):
    W_z = check_array("W_z", W_z, ndim=2, layout="(D, H)")
    if W_z.shape[0] != D:
        fail("W_z", f"{D} rows, one per input feature (shape ({D}, H))", f"shape {W_z.shape}")
    H = W_z.shape[1]
    b_z = check_array("b_z", b_z, shape=(H,), layout="(H,)")
    W_h = check_array("W_h", W_h, shape=(D, H), layout="(D, H), like W_z")
    b_h = check_array("b_h", b_h, shape=(H,), layout="(H,)")
    return W_z, b_z, W_h, b_h


def min_gru_forward(x, h0, W_z, b_z, W_h, b_h, method="scan"):
    """minGRU over a whole sequence.

        z_t = sigmoid(x_t @ W_z + b_z),   h̃_t = x_t @ W_h + b_h       (every t at once)
        h_t = (1 - z_t) * h_{t-1} + z_t * h̃_t                         (the recurrence)

    x (B, T, D), h0 (B, H) or None, W_z (D, H), b_z (H,), W_h (D, H), b_h (H,);
    method "scan" (log-depth) or "loop" (T steps) -> h (B, T, H), cache
    """
    if method not in ("scan", "loop"):
        fail("method", "'scan' or 'loop'", repr(method))
    x = check_array("x", x, ndim=3, layout="(B, T, D)")
    B, T, D = x.shape
    W_z, b_z, W_h, b_h = _check_weights(W_z, b_z, W_h, b_h, D)
    z = activations.sigmoid(x @ W_z + b_z)
    h_tilde = x @ W_h + b_h
    a, b = 1 - z, z * h_tilde
    a, b, h0 = _check_ab(a, b, h0)
    h = linear_scan(a, b, h0) if method == "scan" else linear_loop(a, b, h0)
    cache = {"x": x, "h0": h0, "W_z": W_z, "W_h": W_h, "z": z, "h_tilde": h_tilde, "h": h,
             "method": method}
    return h, cache


def min_gru_backward(dh, cache):
    """Backward of `min_gru_forward`. The gradient flows back through the same linear
    recurrence, reversed in time, so it can use the same scan:

        g_t  = dh_t + a_{t+1} * g_{t+1}         (g_T = dh_T; g_t = ∂L/∂h_t in total)
        dz_t = g_t * (h̃_t - h_{t-1}),   dh̃_t = g_t * z_t,   dh0 = a_1 * g_1
        dp_t = dz_t * z_t * (1 - z_t)           (through the sigmoid)
        dx   = dp @ W_z.T + dh̃ @ W_h.T,  dW_z = Σ x_t.T @ dp_t,  db_z = Σ dp_t, (same for W_h)

    dh (B, T, H) -> {"dx", "dh0", "dW_z", "db_z", "dW_h", "db_h"}
    """
    h, z, h_tilde, x, h0 = cache["h"], cache["z"], cache["h_tilde"], cache["x"], cache["h0"]
    dh = check_array("dh", dh, shape=h.shape, layout="(B, T, H), like the forward's h")
    B, T, H = h.shape
    D = x.shape[2]
    a = 1 - z
    # g_t = dh_t + a_{t+1} g_{t+1}: the forward recurrence run on the reversed sequences
    a_next = np.concatenate([a[:, 1:], np.zeros_like(a[:, :1])], axis=1)[:, ::-1]
    run = linear_scan if cache["method"] == "scan" else linear_loop
    g = run(a_next, dh[:, ::-1])[:, ::-1]
    h_prev = np.concatenate([h0[:, None], h[:, :-1]], axis=1)
    dz = g * (h_tilde - h_prev)
    dh_tilde = g * z
    dp = dz * z * (1 - z)
    dp2, dht2, x2 = dp.reshape(B * T, H), dh_tilde.reshape(B * T, H), x.reshape(B * T, D)
    return {
        "dx": (dp2 @ cache["W_z"].T + dht2 @ cache["W_h"].T).reshape(B, T, D),
        "dh0": a[:, 0] * g[:, 0],
        "dW_z": x2.T @ dp2,
        "db_z": dp2.sum(axis=0),
        "dW_h": x2.T @ dht2,
        "db_h": dht2.sum(axis=0),
    }


__all__ = ["linear_loop", "linear_scan", "min_gru_backward", "min_gru_forward", "scan_depth"]
