"""The GRU cell: one step, a whole sequence, and backpropagation through time.

Keras' default GRU (reset_after=True), gate order z, r, h (update, reset, candidate), row vectors:

    z_t  = sigmoid(x_t @ W_z + b_z + h_prev @ U_z + b'_z)          update gate
    r_t  = sigmoid(x_t @ W_r + b_r + h_prev @ U_r + b'_r)          reset gate
    h~_t = tanh(x_t @ W_h + b_h + r_t * (h_prev @ U_h + b'_h))     candidate state
    h_t  = z_t * h_prev + (1 - z_t) * h~_t

W (D, 3H), U (H, 3H) and b (2, 3H) are Keras' kernel, recurrent_kernel and bias: b[0] holds
the input biases b_z | b_r | b_h, b[1] the recurrent ones b'_z | b'_r | b'_h. The reset gate
multiplies h_prev @ U_h + b'_h *after* the product (reset_after=True); Cho et al. (2014) put it
before, on h_prev. z_t near 1 keeps the old state. `split_gates(W, "zrh")` gives W_z, W_r, W_h.
"""

import numpy as np

from .._validate import check_array, check_state
from .activations import sigmoid, tanh
from .lstm import _by_gate, _check_weights, _common_dtype, _sigmoid_, split_gates

GATES = ("z", "r", "h_tilde")
"""Names of the three blocks, in Keras' order; the caches use them as keys."""


def _check_gru_weights(W, U, b, D):
    return _check_weights(W, U, b, D, n_gates=3, b_shape=lambda H: (2, 3 * H),
                          what="gates z, r, h", b_layout="(2, 3H) with H = {H} from W: row 0 "
                          "the input biases, row 1 the recurrent ones (Keras' reset_after=True)")


def gru_step_forward(x_t, h_prev, W, U, b):
    """One time step of a GRU (Keras' reset_after=True, gate order z, r, h).

        xW = x_t @ W + b[0]          split into x_z | x_r | x_h
        hU = h_prev @ U + b[1]       split into h_z | h_r | h_h
        z_t  = sigmoid(x_z + h_z)
        r_t  = sigmoid(x_r + h_r)
        h~_t = tanh(x_h + r_t * h_h)
        h_t  = z_t * h_prev + (1 - z_t) * h~_t

    x_t (B, D), h_prev (B, H), W (D, 3H), U (H, 3H), b (2, 3H) -> h_t (B, H), cache
    """
    x_t = check_array("x_t", x_t, ndim=2, layout="(B, D)")
    W, U, b, H = _check_gru_weights(W, U, b, D=x_t.shape[1])
    h_prev = check_state("h_prev", h_prev, x_t.shape[0], H, x_t.dtype)
    x_t, h_prev, W, U, b = _common_dtype(x_t, h_prev, W, U, b)

    x_z, x_r, x_h = split_gates(x_t @ W + b[0], "zrh")
    h_z, h_r, h_h = split_gates(h_prev @ U + b[1], "zrh")
    z_t = sigmoid(x_z + h_z)
    r_t = sigmoid(x_r + h_r)
    h_tilde = tanh(x_h + r_t * h_h)
    h_t = z_t * h_prev + (1 - z_t) * h_tilde
    cache = {"x_t": x_t, "h_prev": h_prev, "W": W, "U": U,
             "z": z_t, "r": r_t, "h_tilde": h_tilde, "h_h": h_h, "h_t": h_t}
    return h_t, cache


def gru_step_backward(dh_t, cache):
    """Backward of one GRU step, from dh_t = ∂L/∂h_t.

        dz    = dh_t * (h_prev - h~_t)
        da_h  = dh_t * (1 - z_t) * (1 - h~_t**2)      # through h~_t = tanh(a_h)
        da_z  = dz * z_t * (1 - z_t)
        da_r  = da_h * h_h * r_t * (1 - r_t)
        dxW = [da_z | da_r | da_h]                    # ∂L/∂(x_t @ W + b[0])
        dhU = [da_z | da_r | da_h * r_t]              # ∂L/∂(h_prev @ U + b[1])
        dx_t = dxW @ W.T;   dh_prev = dh_t * z_t + dhU @ U.T
        dW = x_t.T @ dxW;   dU = h_prev.T @ dhU;   db = [sum of dxW, sum of dhU] over the batch

    -> {"dx_t", "dh_prev", "dW", "dU", "db"}
    """
    z, r, h_tilde, h_h, h_prev = (cache[k] for k in ("z", "r", "h_tilde", "h_h", "h_prev"))
    dh_t = check_array("dh_t", dh_t, shape=z.shape, layout="(B, H), like h_t")

    da_h = dh_t * (1 - z) * (1 - h_tilde**2)
    da_z = dh_t * (h_prev - h_tilde) * z * (1 - z)
    da_r = da_h * h_h * r * (1 - r)
    dxW = np.concatenate([da_z, da_r, da_h], axis=1)
    dhU = np.concatenate([da_z, da_r, da_h * r], axis=1)
    return {
        "dx_t": dxW @ cache["W"].T,
        "dh_prev": dh_t * z + dhU @ cache["U"].T,
        "dW": cache["x_t"].T @ dxW,
        "dU": h_prev.T @ dhU,
        "db": np.stack([dxW.sum(axis=0), dhU.sum(axis=0)]),
    }


def gru_forward(x, h0, W, U, b):
    """A GRU over a whole sequence: `gru_step_forward` for t = 1 .. T.

        h_0 = h0 (zeros when None)
        h_t = gru_step(x_t, h_{t-1})      for t = 1 .. T

    x (B, T, D), h0 (B, H) or None, W (D, 3H), U (H, 3H), b (2, 3H) -> h (B, T, H), cache.
    The cache holds every gate's activations over time: cache["z"], cache["r"],
    cache["h_tilde"], each (B, T, H).

    Faster than the step loop, same numbers: x_t @ W + b[0] for all steps is one (batched)
    matrix product before the loop, and the arrays are stored time-major and gate by gate:
    gates[t] is step t's (3, B, H) block, gates[t, k] gate k's (B, H) slice, each one
    contiguous piece of memory, so every operation in the loop runs on whole blocks. h is
    returned as a (B, T, H) view. The cache's keys ending in _tm hold these arrays for the
    backward; h_tm is (T + 1, B, H) with h0 first.
    """
    x = check_array("x", x, ndim=3, layout="(B, T, D)")
    B, T, D = x.shape
    W, U, b, H = _check_gru_weights(W, U, b, D=D)
    h0 = check_state("h0", h0, B, H, x.dtype)
    x, h0, W, U, b = _common_dtype(x, h0, W, U, b)

    x_tm = x.transpose(1, 0, 2).reshape(T * B, D)      # time-major copy: row t*B + n is x[n, t]
    b_in = b[0].copy()                                 # b'_z, b'_r add to the same sums as b_z,
    b_in[:2 * H] += b[1, :2 * H]                       # b_r: add them once, before the loop
    gates = np.matmul(x_tm.reshape(T, 1, B, D), _by_gate(W, 3))  # x_t @ W_k, every t and k:
    gates += b_in.reshape(3, 1, H)                     # (T, 3, B, H): x_z, x_r, x_h
    h = np.empty((T + 1, B, H), dtype=x.dtype)         # h[0] = h0, h[t + 1] = the state after
    h[0] = h0                                          # step t
    h_h = np.empty((T, B, H), dtype=x.dtype)           # h_prev @ U_h + b'_h, kept for backward
    hU = np.empty((B, 3 * H), dtype=x.dtype)           # h_prev @ U, reused at every step,
    hU_k = _by_gate(hU, 3)                             # and the same numbers gate by gate
    with np.errstate(over="ignore"):                   # exp overflow in _sigmoid_: the limit 0
        for t in range(T):
            a = gates[t]                               # (3, B, H): x_z, x_r, x_h, biases added
            np.matmul(h[t], U, out=hU)                 # h_prev @ U: h_z | h_r | h_h - b'_h
            a[:2] += hU_k[:2]                          # x_z + h_z, x_r + h_r
            np.add(hU_k[2], b[1, 2 * H:], out=h_h[t])  # h_h = h_prev @ U_h + b'_h
            _sigmoid_(a[:2])                           # z_t, r_t: one call for both gates
            z, r, h_tilde = a
            h_tilde += r * h_h[t]                      # x_h + r_t * h_h
            np.tanh(h_tilde, out=h_tilde)              # h~_t
            h_t = h[t + 1]
            np.subtract(h[t], h_tilde, out=h_t)        # h_t = h~_t + z_t * (h_prev - h~_t)
            h_t *= z                                   #     = z_t * h_prev + (1 - z_t) * h~_t
            h_t += h_tilde

    cache = {"x": x, "h0": h0, "W": W, "U": U, "b": b,
             "x_tm": x_tm, "h_tm": h, "h_h_tm": h_h, "gates_tm": gates}
    for k, name in enumerate(GATES):
        cache[name] = gates[:, k].transpose(1, 0, 2)   # (B, T, H) views, for plotting
    return h[1:].transpose(1, 0, 2), cache


def gru_backward(dh, cache):
    """Backpropagation through time for `gru_forward`.

    dh (B, T, H) is the gradient flowing into every h_t from above (zeros where a state is
    not used). Going backwards, the gradient on h_t is carried to h_{t-1} along two paths:

        dh_t    = dh[:, t] + dh_next                  # from above + from step t+1
        dhU_t   = [da_z | da_r | da_h * r_t]          # as in gru_step_backward
        dh_next = dh_t * z_t + dhU_t @ U.T            # directly through z_t, and through U

    Returns {"dx" (B, T, D), "dh0" (B, H), "dW" (D, 3H), "dU" (H, 3H), "db" (2, 3H)}.
    """
    W, U = cache["W"], cache["U"]
    h, h_h, gates = cache["h_tm"], cache["h_h_tm"], cache["gates_tm"]
    T, B, H = h_h.shape                                # as the forward stored them
    D = W.shape[0]
    dh = check_array("dh", dh, shape=(B, T, H), layout="(B, T, H), like the forward's h")
    dh = dh.astype(h.dtype, copy=False).transpose(1, 0, 2)    # (T, B, H) view
    z, r, h_tilde = gates.transpose(1, 0, 2, 3)        # each (T, B, H)
    h_prev = h[:-1]                                    # h_{t-1} for t = 1 .. T

    # The local derivatives do not depend on the upstream gradient: compute them for every
    # step at once, gate by gate, like gates: local[t, k] = ∂h_t/∂(h_prev @ U_k + b'_k) for
    # k = z, r, h. The loop multiplies them by the gradient arriving at h_t.
    local = np.empty_like(gates)                           # (T, 3, B, H)
    da_h = (1 - h_tilde**2) * (1 - z)                      # ∂h_t/∂a_h, a_h = x_h + r_t * h_h
    np.multiply((h_prev - h_tilde) * z, 1 - z, out=local[:, 0])  # ∂h_t/∂a_z
    np.multiply(da_h * h_h * r, 1 - r, out=local[:, 1])          # ∂h_t/∂a_r
    np.multiply(da_h, r, out=local[:, 2])                        # ∂h_t/∂h_h

    dhU = np.empty((T, B, 3 * H), dtype=h.dtype)       # dhU[t] = [da_z | da_r | da_h * r_t]
    dhU_k = dhU.reshape(T, B, 3, H).transpose(0, 2, 1, 3)  # the same numbers, gate by gate
    dh_total = np.empty_like(h_prev)                   # dh_t for every t, for da_h
    dh_next = np.zeros((B, H), dtype=h.dtype)          # nothing comes after step T
    for t in reversed(range(T)):
        dh_t = np.add(dh[t], dh_next, out=dh_total[t])  # from above + from step t+1
        np.multiply(local[t], dh_t, out=dhU_k[t])      # dhU_t = dh_t * local
        dh_next = dhU[t] @ U.T                         # dh_{t-1} = dhU_t @ U.T
        dh_next += dh_t * z[t]                         #          + dh_t * z_t

    # The input side dxW = [da_z | da_r | da_h]: its z and r blocks are dhU's, its h block is
    # da_h, without the factor r_t. So the products take the z and r blocks of dhU (the
    # first 2H columns) and da_h separately: no copy of dhU.
    da_h *= dh_total                                   # da_h = dh_t * (local)
    dhU2, da_h2 = dhU.reshape(T * B, 3 * H), da_h.reshape(T * B, H)   # one row per (t, n)
    zr = slice(0, 2 * H)
    x_tm, h_prev = cache["x_tm"], h_prev.reshape(T * B, H)
    dx = dhU2[:, zr] @ W[:, zr].T + da_h2 @ W[:, 2 * H:].T    # dx_t = dxW_t @ W.T
    db_dhU = dhU2.sum(axis=0)                          # sum_t dhU_t
    db_dxW = np.concatenate([db_dhU[zr], da_h2.sum(axis=0)])  # sum_t dxW_t
    return {
        "dx": dx.reshape(T, B, D).transpose(1, 0, 2),
        "dh0": dh_next,
        "dW": np.concatenate([x_tm.T @ dhU2[:, zr], x_tm.T @ da_h2], axis=1),  # sum_t x_t.T @ dxW_t
        "dU": h_prev.T @ dhU2,                         # dU = sum_t h_{t-1}.T @ dhU_t
        "db": np.stack([db_dxW, db_dhU]),
    }


def gru_gates(x, W, U, b, h0=None):
    """Record every gate over time, for plotting: {"z", "r", "h_tilde", "h"}, each (B, T, H).
    Same arguments as `gru_forward` (h0 last, optional)."""
    h, cache = gru_forward(x, h0, W, U, b)
    gates = {name: np.ascontiguousarray(cache[name]) for name in GATES}
    gates["h"] = np.ascontiguousarray(h)
    return gates
