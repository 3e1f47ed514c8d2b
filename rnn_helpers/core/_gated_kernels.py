"""The LSTM's and GRU's sequence functions, tuned for speed: what the layers run.

`lstm.lstm_forward` / `lstm_backward` and `gru.gru_forward` / `gru_backward` are the lesson: a
loop over the step functions. The functions here compute the same numbers (tests/core/
test_gated_readable.py checks it to 1e-12) with the same signatures and return values, a few
times faster (benchmarks/README.md lists the tricks):

    x_t @ W + b for all steps in one batched product before the loop (the LSTM's bias rides
    in it: x gets a column of ones and W the row b, so the backward's dW and db are one
    product too);
    time-major, gate-by-gate storage: gates[t] is step t's (n, B, H) block, gates[t, k] gate
    k's (B, H) slice, each one contiguous piece of memory; h_prev @ U written in that layout
    (one batched product), so that every step's additions read contiguous memory;
    the sigmoid gates in the same tanh call as the candidate: sigmoid(a) = (1 + tanh(a/2)) / 2,
    their weights halved once per call (exact), so a step calls tanh once for all gates;
    the backward's local derivatives for every step at once, before the loop, on blocks of
    contiguous (B, H) slices (numpy is about three times slower on strided slices), and the
    weight gradients in one product each, after it;
    the LSTM backward's large temporaries reused from call to call (`work`, a layer's dict),
    and inside fit's training step the LSTM forward's arrays too, with the lists of views
    both loops read (made once, not at every call);
    in the LSTM's loops, the views made once per call and numpy's functions called as locals
    with positional outputs, np.dot for the backward's product (at B = 32, H = 32 a call's
    overhead is much of its cost: 7 % of the forward, 1 to 6 % of the backward).

Their caches hold these arrays (keys ending in _tm, time-major, h_tm and c_tm with h0 and c0
first) and (B, T, H) views of every gate: pass a fast forward's cache to the fast backward.
"""

import numpy as np

from .._validate import check_array, check_state, is_trusted
from . import gru, lstm
from ._rnn_kernels import kept_views, workspace


def by_gate(M, n):
    """(rows, nH) -> (n, rows, H), a view: column block k, M[:, kH:(k+1)H], becomes [k]."""
    rows, nH = M.shape
    return M.reshape(rows, n, nH // n).transpose(1, 0, 2)


_SIGMOID_FIRST = [0, 1, 3, 2]   # Keras' gates i, f, c, o stored as i, f, o, c~: the three
_HALF = (0.5, 0.5, 0.5, 1.0)    # sigmoid gates side by side; their pre-activations halved


def fast_lstm_forward(x, h0, c0, W, U, b, work=None):
    """`lstm.lstm_forward`, fast: same arguments, same h (B, T, H), c (B, T, H), and a cache
    with the same gate records cache["i"], ["f"], ["c_tilde"], ["o"], each (B, T, H).

    All four gates in one tanh: sigmoid(a) = (1 + tanh(a / 2)) / 2, and the halving is done
    once per call on the weights (W, U, b of gates i, f, o times 0.5: exact in binary floating
    point), so that tanh of the stored pre-activations gives c~_t and tanh(a / 2) for the rest.
    The bias rides in the input product: x gets a column of ones and W the row b.

    work: None (new arrays, the default), or a dict kept between calls: then the arrays of the
    last call are reused, so what it returned is overwritten. `fit` passes one (its layers'
    outputs live for one training step); nothing else should.
    """
    if work is not None and is_trusted() and h0 is None and c0 is None and (
            x.dtype == W.dtype == U.dtype == b.dtype):   # fit's step: checked before its first
        h0 = c0 = np.zeros((x.shape[0], U.shape[0]), dtype=x.dtype)
    else:
        x, h0, c0, W, U, b = lstm.check_inputs(x, h0, c0, W, U, b)
    B, T, D = x.shape
    H = U.shape[0]
    dtype = x.dtype
    one, half_ = np.ones((), dtype), np.full((), 0.5, dtype)   # (0-d: faster than 1 and 0.5)
    half = np.array(_HALF, dtype=dtype)[:, None, None]
    Wb_k = np.concatenate([by_gate(W, 4), b.reshape(4, 1, H)], axis=1)[_SIGMOID_FIRST]
    Wb_k *= half                                        # (4, D + 1, H): [W_i; b_i] / 2, ..
    U_k = by_gate(U, 4)[_SIGMOID_FIRST] * half          # (4, H, H), the same for U

    xb = workspace(work, "f_xb", (T, B, D + 1), dtype)  # time-major copy of x, and a column of
    xb[..., :D] = x.transpose(1, 0, 2)                  # ones: row t*B + n is [x[n, t], 1]
    xb[..., D] = 1
    gates = workspace(work, "f_gates", (T, 4, B, H), dtype)   # gates i, f, o, c~ of every step:
    np.matmul(xb.reshape(T, 1, B, D + 1), Wb_k, out=gates)   # x_t @ W_k + b_k, every t and k
    h = workspace(work, "f_h", (T + 1, B, H), dtype)    # h[0] = h0, h[t + 1] = the state after
    c = workspace(work, "f_c", (T + 1, B, H), dtype)    # step t; c the same
    h[0], c[0] = h0, c0
    tanh_c = workspace(work, "f_tanh_c", (T, B, H), dtype)
    hU = workspace(work, "f_hU", (4, B, H), dtype)      # h_prev @ U_k, reused at every step
    i_c = workspace(work, "f_i_c", (B, H), dtype)
    views = kept_views(work, "f_views", (gates, h, c, tanh_c), lambda: (   # made once, not at
        list(h), list(c), list(tanh_c), *(list(gates[:, k]) for k in (
            slice(None), slice(0, 3), 0, 1, 2, 3))))               # every step
    hs, cs, tanh_cs, gs, sigs, i_s, f_s, o_s, c_tildes = views
    add, multiply, tanh, matmul = np.add, np.multiply, np.tanh, np.matmul
    for t in range(T):
        a, sig, c_t, tanh_c_t = gs[t], sigs[t], cs[t + 1], tanh_cs[t]
        matmul(hs[t], U_k, hU)
        add(a, hU, a)                                   # a_t = x_t @ W + b + h_prev @ U
        tanh(a, a)                                      # tanh(a_i/2), .., c~_t = tanh(a_c)
        add(sig, one, sig)
        multiply(sig, half_, sig)                       # i_t, f_t, o_t = (1 + tanh(a / 2)) / 2
        multiply(f_s[t], cs[t], c_t)                    # c_t = f_t * c_prev
        multiply(i_s[t], c_tildes[t], i_c)
        add(c_t, i_c, c_t)                              #       + i_t * c~_t
        tanh(c_t, tanh_c_t)
        multiply(o_s[t], tanh_c_t, hs[t + 1])           # h_t = o_t * tanh(c_t)

    cache = {"x": x, "h0": h0, "c0": c0, "W": W, "U": U, "b": b,
             "xb_tm": xb.reshape(T * B, D + 1), "h_tm": h, "c_tm": c, "tanh_c_tm": tanh_c,
             "gates_tm": gates}
    for k, name in zip(_SIGMOID_FIRST, lstm.GATES, strict=True):
        cache[name] = gates[:, k].transpose(1, 0, 2)    # (B, T, H) views, for plotting
    return h[1:].transpose(1, 0, 2), c[1:].transpose(1, 0, 2), cache


def fast_lstm_backward(dh, cache, dc_last=None, work=None):
    """`lstm.lstm_backward`, fast, for a cache of `fast_lstm_forward`: same arguments, same
    {"dx", "dh0", "dc0", "dW", "dU", "db"}. work: a dict kept between calls for the
    temporaries (`workspace`), or None."""
    W, U = cache["W"], cache["U"]
    h, c, tanh_c, gates = (cache[k] for k in ("h_tm", "c_tm", "tanh_c_tm", "gates_tm"))
    T, B, H = tanh_c.shape                              # as the forward stored them
    D = W.shape[0]
    dtype = h.dtype
    dh = check_array("dh", dh, shape=(B, T, H), layout="(B, T, H), like the forward's h")
    dh = dh.astype(dtype, copy=False).transpose(1, 0, 2)    # (T, B, H) view
    dc_next = check_state("dc_last", dc_last, B, H, dtype).astype(dtype, copy=False)

    # The local derivatives do not depend on the upstream gradient: compute them for every
    # step at once: local[t, k] = ∂c_t/∂a_k for k = i, f, c and ∂h_t/∂a_o for k = o. The loop
    # multiplies them by the gradient arriving at c_t or h_t. Step by step, gate by gate, as
    # the forward stored them: each step's (B, H) blocks are contiguous, and so are the loop's.
    i, f, o, c_tilde = (gates[:, k] for k in range(4))  # (T, B, H) views: i_t, f_t, o_t, c~_t
    sigs = gates[:, :3]
    dsig = np.multiply(sigs, sigs, out=workspace(work, "dsig", (T, 3, B, H), dtype))
    np.subtract(sigs, dsig, out=dsig)                   # s (1 - s) for s = i_t, f_t, o_t
    local = workspace(work, "local", (T, 4, B, H), dtype)   # gates i, f, c, o
    np.multiply(c_tilde, dsig[:, 0], out=local[:, 0])   # ∂c_t/∂a_i = c~_t * i_t (1 - i_t)
    np.multiply(c[:-1], dsig[:, 1], out=local[:, 1])    # ∂c_t/∂a_f = c_prev * f_t (1 - f_t)
    local_c = local[:, 2]
    np.multiply(c_tilde, c_tilde, out=local_c)
    np.subtract(1, local_c, out=local_c)
    local_c *= i                                        # ∂c_t/∂a_c = i_t * (1 - c~_t**2)
    np.multiply(tanh_c, dsig[:, 2], out=local[:, 3])    # ∂h_t/∂a_o = tanh(c_t) * o_t (1 - o_t)
    dh_to_dc = np.multiply(tanh_c, tanh_c, out=workspace(work, "dh_to_dc", (T, B, H), dtype))
    np.subtract(1, dh_to_dc, out=dh_to_dc)
    dh_to_dc *= o                                       # ∂h_t/∂c_t = o_t * (1 - tanh(c_t)**2)

    da = workspace(work, "da", (T, B, 4 * H), dtype)    # da[t] = [da_i | da_f | da_c | da_o]
    da_k = da.reshape(T, B, 4, H).transpose(0, 2, 1, 3)  # the same numbers, gate by gate
    UT = np.ascontiguousarray(U.T)                      # read in order by the loop's products
    dh_next = np.zeros((B, H), dtype=dtype)             # nothing comes after step T
    dh_t, dc_t = np.empty((B, H), dtype=dtype), np.empty((B, H), dtype=dtype)
    dc_next = dc_next.copy()                            # written in place below
    # Views made once per call (or kept in `work`), ufuncs as locals with positional outputs:
    # less per-call cost.
    local_ifc, local_o, da_ifc, da_o, das, dh_to_dcs, fs = kept_views(
        work, "b_views", (local, da, dh_to_dc, gates), lambda: (
            list(local[:, :3]), list(local[:, 3]), list(da_k[:, :3]), list(da_k[:, 3]),
            list(da), list(dh_to_dc), list(f)))
    dhs = list(dh)
    add, multiply, dot = np.add, np.multiply, np.dot   # np.dot: 0.5 µs less than matmul here
    for t in range(T - 1, -1, -1):
        add(dhs[t], dh_next, dh_t)                      # dh_t = from above + from step t+1
        multiply(dh_t, dh_to_dcs[t], dc_t)              # dc_t = dh_t * o_t (1 - tanh(c_t)**2)
        add(dc_t, dc_next, dc_t)                        #        + dc_{t+1} * f_{t+1}
        multiply(local_ifc[t], dc_t, da_ifc[t])         # da_i, da_f, da_c = dc_t * local
        multiply(local_o[t], dh_t, da_o[t])             # da_o = dh_t * local
        multiply(dc_t, fs[t], dc_next)                  # dc_{t-1} = dc_t * f_t
        dot(das[t], UT, dh_next)                        # dh_{t-1} = da_t @ U.T

    # W, U and b are shared by every step: their gradients add up over t (one product each).
    da2 = da.reshape(T * B, 4 * H)                      # one row per step and sequence
    h_prev = h[:-1].reshape(T * B, H)                   # h_{t-1} for t = 1 .. T
    dWb = cache["xb_tm"].T @ da2                        # [dW; db] = sum_t [x_t, 1].T @ da_t:
    return {                                            # db = sum_t da_t rides along
        "dx": (da2 @ np.ascontiguousarray(W.T)).reshape(T, B, D).transpose(1, 0, 2),
        "dh0": dh_next,                                 # dx_t = da_t @ W.T
        "dc0": dc_next,
        "dW": dWb[:D],
        "dU": h_prev.T @ da2,                           # dU = sum_t h_{t-1}.T @ da_t
        "db": dWb[D],
    }


def fast_gru_forward(x, h0, W, U, b):
    """`gru.gru_forward`, fast: same arguments, same h (B, T, H), and a cache with the same
    gate records cache["z"], ["r"], ["h_tilde"], each (B, T, H).

    The two sigmoid gates in one tanh, as in the LSTM: sigmoid(a) = (1 + tanh(a / 2)) / 2, with
    the weights and biases of z and r halved once per call (exact in binary floating point).
    """
    x, h0, W, U, b = gru.check_inputs(x, h0, W, U, b)
    B, T, D = x.shape
    H = U.shape[0]
    half = np.array((0.5, 0.5, 1.0), dtype=x.dtype)[:, None, None]
    W_k = by_gate(W, 3) * half                         # (3, D, H): W_z/2, W_r/2, W_h
    U_k = by_gate(U, 3) * half                         # (3, H, H): U_z/2, U_r/2, U_h
    b_in = b[0].copy()                                 # b'_z, b'_r add to the same sums as b_z,
    b_in[:2 * H] += b[1, :2 * H]                       # b_r: add them once, before the loop
    b_in = b_in.reshape(3, 1, H) * half
    b_hh = b[1, 2 * H:]                                # b'_h, inside r_t * (...)

    x_tm = x.transpose(1, 0, 2).reshape(T * B, D)      # time-major copy: row t*B + n is x[n, t]
    gates = np.matmul(x_tm.reshape(T, 1, B, D), W_k)   # x_t @ W_k, every t and k:
    gates += b_in                                      # (T, 3, B, H): x_z, x_r, x_h
    h = np.empty((T + 1, B, H), dtype=x.dtype)         # h[0] = h0, h[t + 1] = the state after
    h[0] = h0                                          # step t
    h_h = np.empty((T, B, H), dtype=x.dtype)           # h_prev @ U_h + b'_h, kept for backward
    hU = np.empty((3, B, H), dtype=x.dtype)            # h_prev @ U_k, reused at every step
    r_h = np.empty((B, H), dtype=x.dtype)
    hs = list(h)                                       # views made once, not at every step
    for t, (a, h_h_t) in enumerate(zip(gates, h_h, strict=True)):
        np.matmul(hs[t], U_k, out=hU)                  # h_prev @ U: h_z | h_r | h_h - b'_h
        zr = a[:2]
        zr += hU[:2]                                   # x_z + h_z, x_r + h_r (halved)
        np.add(hU[2], b_hh, out=h_h_t)                 # h_h = h_prev @ U_h + b'_h
        np.tanh(zr, out=zr)
        zr += 1
        zr *= 0.5                                      # z_t, r_t = (1 + tanh(a / 2)) / 2
        z, r, h_tilde = a
        np.multiply(r, h_h_t, out=r_h)
        h_tilde += r_h                                 # x_h + r_t * h_h
        np.tanh(h_tilde, out=h_tilde)                  # h~_t
        h_t = hs[t + 1]
        np.subtract(hs[t], h_tilde, out=h_t)           # h_t = h~_t + z_t * (h_prev - h~_t)
        h_t *= z                                       #     = z_t * h_prev + (1 - z_t) * h~_t
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
        np.dot(dhU[t], UT, out=dh_next)                # dh_{t-1} = dhU_t @ U.T
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
