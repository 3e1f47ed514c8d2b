"""The LSTM's and GRU's sequence functions, tuned for speed: what the layers run.

`lstm.lstm_forward` / `lstm_backward` and `gru.gru_forward` / `gru_backward` are the lesson: a
loop over the step functions. The functions here compute the same numbers (tests/core/
test_gated_readable.py checks it to 1e-12) with the same signatures and return values, a few
times faster (benchmarks/README.md lists the tricks):

    x_t @ W + b for all steps in one batched product before the loop;
    time-major, gate-by-gate storage: gates[t] is step t's (n, B, H) block, gates[t, k] gate
    k's (B, H) slice, each one contiguous piece of memory;
    gates computed in place (`sigmoid_`, `out=` products);
    the backward's local derivatives for every step at once, before the loop, and the weight
    gradients in one product each, after it.

Their caches hold these arrays (keys ending in _tm, time-major, h_tm and c_tm with h0 and c0
first) and (B, T, H) views of every gate: pass a fast forward's cache to the fast backward.
"""

import numpy as np

from .._validate import check_array, check_state
from . import gru, lstm


def by_gate(M, n):
    """(rows, nH) -> (n, rows, H), a view: column block k, M[:, kH:(k+1)H], becomes [k]."""
    rows, nH = M.shape
    return M.reshape(rows, n, nH // n).transpose(1, 0, 2)


def sigmoid_(a):
    """sigmoid(a) = 1 / (1 + exp(-a)), computed in place in four calls that allocate nothing.

    For a < -88 (float32) exp(-a) overflows to inf and 1 / inf = 0, the right limit; call it
    under np.errstate(over="ignore"). The readable, always-safe version is activations.sigmoid.
    """
    np.negative(a, out=a)
    np.exp(a, out=a)
    a += 1
    np.reciprocal(a, out=a)
    return a


def fast_lstm_forward(x, h0, c0, W, U, b):
    """`lstm.lstm_forward`, fast: same arguments, same h (B, T, H), c (B, T, H), and a cache
    with the same gate records cache["i"], ["f"], ["c_tilde"], ["o"], each (B, T, H)."""
    x, h0, c0, W, U, b = lstm.check_inputs(x, h0, c0, W, U, b)
    B, T, D = x.shape
    H = U.shape[0]

    x_tm = x.transpose(1, 0, 2).reshape(T * B, D)       # time-major copy: row t*B + n is x[n, t]
    gates = np.matmul(x_tm.reshape(T, 1, B, D), by_gate(W, 4))  # x_t @ W_k, every t and k:
    gates += b.reshape(4, 1, H)                         # (T, 4, B, H): a_i, a_f, a_c, a_o
    h = np.empty((T + 1, B, H), dtype=x.dtype)          # h[0] = h0, h[t + 1] = the state after
    c = np.empty_like(h)                                # step t; c the same
    h[0], c[0] = h0, c0
    tanh_c = np.empty((T, B, H), dtype=x.dtype)
    hU = np.empty((B, 4 * H), dtype=x.dtype)            # h_prev @ U, reused at every step,
    hU_k = by_gate(hU, 4)                               # and the same numbers gate by gate
    with np.errstate(over="ignore"):                    # exp overflow in sigmoid_: the limit 0
        for t in range(T):
            a = gates[t]                                # (4, B, H): a_i, a_f, a_c, a_o
            np.matmul(h[t], U, out=hU)
            a += hU_k                                   # a_t = x_t @ W + b + h_prev @ U
            c_tilde = np.tanh(a[2])                     # c~_t = tanh(a_c)
            sigmoid_(a)                                 # i_t, f_t, o_t: sigmoid on all 4 gates
            a[2] = c_tilde                              # ... then gate c gets c~_t back
            i, f, _, o = a
            np.multiply(f, c[t], out=c[t + 1])          # c_t = f_t * c_prev
            c[t + 1] += i * c_tilde                     #       + i_t * c~_t
            np.tanh(c[t + 1], out=tanh_c[t])
            np.multiply(o, tanh_c[t], out=h[t + 1])     # h_t = o_t * tanh(c_t)

    cache = {"x": x, "h0": h0, "c0": c0, "W": W, "U": U, "b": b,
             "x_tm": x_tm, "h_tm": h, "c_tm": c, "tanh_c_tm": tanh_c, "gates_tm": gates}
    for k, name in enumerate(lstm.GATES):
        cache[name] = gates[:, k].transpose(1, 0, 2)    # (B, T, H) views, for plotting
    return h[1:].transpose(1, 0, 2), c[1:].transpose(1, 0, 2), cache


def fast_lstm_backward(dh, cache, dc_last=None):
    """`lstm.lstm_backward`, fast, for a cache of `fast_lstm_forward`: same arguments, same
    {"dx", "dh0", "dc0", "dW", "dU", "db"}."""
    W, U = cache["W"], cache["U"]
    h, c, tanh_c, gates = (cache[k] for k in ("h_tm", "c_tm", "tanh_c_tm", "gates_tm"))
    T, B, H = tanh_c.shape                              # as the forward stored them
    D = W.shape[0]
    dh = check_array("dh", dh, shape=(B, T, H), layout="(B, T, H), like the forward's h")
    dh = dh.astype(h.dtype, copy=False).transpose(1, 0, 2)    # (T, B, H) view
    dc_next = check_state("dc_last", dc_last, B, H, h.dtype).astype(h.dtype, copy=False)
    i, f, c_tilde, o = gates.transpose(1, 0, 2, 3)      # each (T, B, H)
    c_prev = c[:-1]                                     # c_{t-1} for t = 1 .. T

    # The local derivatives do not depend on the upstream gradient: compute them for every
    # step at once, gate by gate, like gates: local[t, k] = ∂c_t/∂a_k for k = i, f, c and
    # ∂h_t/∂a_o for k = o. The loop multiplies them by the gradient arriving at c_t or h_t.
    local = np.empty_like(gates)                        # (T, 4, B, H)
    np.multiply(c_tilde * i, 1 - i, out=local[:, 0])    # ∂c_t/∂a_i = c~_t * i_t (1 - i_t)
    np.multiply(c_prev * f, 1 - f, out=local[:, 1])     # ∂c_t/∂a_f = c_prev * f_t (1 - f_t)
    np.multiply(i, 1 - c_tilde**2, out=local[:, 2])     # ∂c_t/∂a_c = i_t * (1 - c~_t**2)
    np.multiply(tanh_c * o, 1 - o, out=local[:, 3])     # ∂h_t/∂a_o = tanh(c_t) * o_t (1 - o_t)
    dh_to_dc = (1 - tanh_c**2) * o                      # ∂h_t/∂c_t = o_t * (1 - tanh(c_t)**2)

    da = np.empty((T, B, 4 * H), dtype=h.dtype)         # da[t] = [da_i | da_f | da_c | da_o]
    da_k = da.reshape(T, B, 4, H).transpose(0, 2, 1, 3)  # the same numbers, gate by gate
    dh_next = np.zeros((B, H), dtype=h.dtype)           # nothing comes after step T
    for t in reversed(range(T)):
        dh_t = dh[t] + dh_next                          # dh_t = from above + from step t+1
        dc_t = dh_t * dh_to_dc[t]                       # dc_t = dh_t * o_t * (1 - tanh(c_t)**2)
        dc_t += dc_next                                 #        + dc_{t+1} * f_{t+1}
        np.multiply(local[t, :3], dc_t, out=da_k[t, :3])    # da_i, da_f, da_c = dc_t * local
        np.multiply(local[t, 3], dh_t, out=da_k[t, 3])      # da_o = dh_t * local
        dc_next = dc_t * f[t]                           # dc_{t-1} = dc_t * f_t
        dh_next = da[t] @ U.T                           # dh_{t-1} = da_t @ U.T

    # W, U and b are shared by every step: their gradients add up over t (one product each).
    da2 = da.reshape(T * B, 4 * H)                      # one row per step and sequence
    h_prev = h[:-1].reshape(T * B, H)                   # h_{t-1} for t = 1 .. T
    return {
        "dx": (da2 @ W.T).reshape(T, B, D).transpose(1, 0, 2),  # dx_t = da_t @ W.T
        "dh0": dh_next,
        "dc0": dc_next,
        "dW": cache["x_tm"].T @ da2,                    # dW = sum_t x_t.T @ da_t
        "dU": h_prev.T @ da2,                           # dU = sum_t h_{t-1}.T @ da_t
        "db": da2.sum(axis=0),                          # db = sum_t da_t
    }


def fast_gru_forward(x, h0, W, U, b):
    """`gru.gru_forward`, fast: same arguments, same h (B, T, H), and a cache with the same
    gate records cache["z"], ["r"], ["h_tilde"], each (B, T, H)."""
    x, h0, W, U, b = gru.check_inputs(x, h0, W, U, b)
    B, T, D = x.shape
    H = U.shape[0]

    x_tm = x.transpose(1, 0, 2).reshape(T * B, D)      # time-major copy: row t*B + n is x[n, t]
    b_in = b[0].copy()                                 # b'_z, b'_r add to the same sums as b_z,
    b_in[:2 * H] += b[1, :2 * H]                       # b_r: add them once, before the loop
    gates = np.matmul(x_tm.reshape(T, 1, B, D), by_gate(W, 3))  # x_t @ W_k, every t and k:
    gates += b_in.reshape(3, 1, H)                     # (T, 3, B, H): x_z, x_r, x_h
    h = np.empty((T + 1, B, H), dtype=x.dtype)         # h[0] = h0, h[t + 1] = the state after
    h[0] = h0                                          # step t
    h_h = np.empty((T, B, H), dtype=x.dtype)           # h_prev @ U_h + b'_h, kept for backward
    hU = np.empty((B, 3 * H), dtype=x.dtype)           # h_prev @ U, reused at every step,
    hU_k = by_gate(hU, 3)                              # and the same numbers gate by gate
    with np.errstate(over="ignore"):                   # exp overflow in sigmoid_: the limit 0
        for t in range(T):
            a = gates[t]                               # (3, B, H): x_z, x_r, x_h, biases added
            np.matmul(h[t], U, out=hU)                 # h_prev @ U: h_z | h_r | h_h - b'_h
            a[:2] += hU_k[:2]                          # x_z + h_z, x_r + h_r
            np.add(hU_k[2], b[1, 2 * H:], out=h_h[t])  # h_h = h_prev @ U_h + b'_h
            sigmoid_(a[:2])                            # z_t, r_t: one call for both gates
            z, r, h_tilde = a
            h_tilde += r * h_h[t]                      # x_h + r_t * h_h
            np.tanh(h_tilde, out=h_tilde)              # h~_t
            h_t = h[t + 1]
            np.subtract(h[t], h_tilde, out=h_t)        # h_t = h~_t + z_t * (h_prev - h~_t)
            h_t *= z                                   #     = z_t * h_prev + (1 - z_t) * h~_t
            h_t += h_tilde

    cache = {"x": x, "h0": h0, "W": W, "U": U, "b": b,
             "x_tm": x_tm, "h_tm": h, "h_h_tm": h_h, "gates_tm": gates}
    for k, name in enumerate(gru.GATES):
        cache[name] = gates[:, k].transpose(1, 0, 2)   # (B, T, H) views, for plotting
    return h[1:].transpose(1, 0, 2), cache


def fast_gru_backward(dh, cache):
    """`gru.gru_backward`, fast, for a cache of `fast_gru_forward`: same arguments, same
    {"dx", "dh0", "dW", "dU", "db"}."""
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
    # Computed in place, no temporaries: each (T, B, H) temporary costs a pass over memory.
    local = np.empty_like(gates)                           # (T, 3, B, H)
    one_minus = np.subtract(1, z)                          # 1 - z_t (below: 1 - r_t)
    da_h = np.multiply(h_tilde, h_tilde)                   # ∂h_t/∂a_h, a_h = x_h + r_t * h_h:
    np.subtract(1, da_h, out=da_h)
    da_h *= one_minus                                      #   (1 - h~_t**2) * (1 - z_t)
    np.subtract(h_prev, h_tilde, out=local[:, 0])          # ∂h_t/∂a_z:
    local[:, 0] *= z
    local[:, 0] *= one_minus                               #   (h_prev - h~_t) * z_t (1 - z_t)
    np.subtract(1, r, out=one_minus)
    np.multiply(da_h, h_h, out=local[:, 1])                # ∂h_t/∂a_r:
    local[:, 1] *= r
    local[:, 1] *= one_minus                               #   ∂h_t/∂a_h * h_h * r_t (1 - r_t)
    np.multiply(da_h, r, out=local[:, 2])                  # ∂h_t/∂h_h = ∂h_t/∂a_h * r_t

    dhU = np.empty((T, B, 3 * H), dtype=h.dtype)       # dhU[t] = [da_z | da_r | da_h * r_t]
    dhU_k = dhU.reshape(T, B, 3, H).transpose(0, 2, 1, 3)  # the same numbers, gate by gate
    dh_total = np.empty_like(h_prev)                   # dh_t for every t, for da_h
    UT = np.ascontiguousarray(U.T)                     # read in order by the loop's products
    dh_next = np.zeros((B, H), dtype=h.dtype)          # nothing comes after step T
    through_z = np.empty((B, H), dtype=h.dtype)
    for t in reversed(range(T)):
        dh_t = np.add(dh[t], dh_next, out=dh_total[t])  # from above + from step t+1
        np.multiply(local[t], dh_t, out=dhU_k[t])      # dhU_t = dh_t * local
        np.matmul(dhU[t], UT, out=dh_next)             # dh_{t-1} = dhU_t @ U.T
        np.multiply(dh_t, z[t], out=through_z)
        dh_next += through_z                           #          + dh_t * z_t

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
