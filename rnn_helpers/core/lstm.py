"""The LSTM cell: one step, a whole sequence, and backpropagation through time.

Keras' layout and gate order i, f, c, o (input, forget, candidate cell, output), row vectors:

    a_t = x_t @ W + h_prev @ U + b            (B, 4H): four blocks of H columns, i | f | c | o
    i_t = sigmoid(x_t @ W_i + h_prev @ U_i + b_i)      input gate
    f_t = sigmoid(x_t @ W_f + h_prev @ U_f + b_f)      forget gate
    c~_t = tanh(x_t @ W_c + h_prev @ U_c + b_c)        candidate cell state
    o_t = sigmoid(x_t @ W_o + h_prev @ U_o + b_o)      output gate
    c_t = f_t * c_prev + i_t * c~_t                    the cell state: the path gradients travel
    h_t = o_t * tanh(c_t)

W (D, 4H), U (H, 4H), b (4H,) are Keras' kernel, recurrent_kernel and bias, so
`get_weights()` maps 1:1; `split_gates(W)` gives W_i, W_f, W_c, W_o. `*` is elementwise.
"""

import numpy as np

from .._validate import check_array, check_state, fail
from .activations import sigmoid, tanh

GATES = ("i", "f", "c_tilde", "o")
"""Names of the four blocks of a_t, in Keras' order; the caches use them as keys."""


def split_gates(array, order="ifco"):
    """Split the last axis of W, U, b (or of a_t, da_t, ...) into one view per gate.

        W_i, W_f, W_c, W_o = split_gates(W)             # each (D, H)
        W_z, W_r, W_h = split_gates(W_gru, "zrh")       # the GRU's three blocks

    `order` only gives the number of blocks (and documents them); Keras' LSTM is "ifco".
    """
    array = check_array("array", array, finite=False)
    n = len(order)
    if array.ndim == 0 or array.shape[-1] % n:
        fail("array", f"a last axis of {n}·H columns, one block per gate {order!r}",
              f"shape {array.shape}")
    return _blocks(array, n)


def _blocks(array, n):
    """split_gates without the checks, for the arrays the sequence functions make."""
    H = array.shape[-1] // n
    return tuple(array[..., k * H:(k + 1) * H] for k in range(n))


def _by_gate(M, n):
    """(rows, nH) -> (n, rows, H), a view: column block k, M[:, kH:(k+1)H], becomes [k]."""
    rows, nH = M.shape
    return M.reshape(rows, n, nH // n).transpose(1, 0, 2)


def _sigmoid_(a):
    """sigmoid(a) = 1 / (1 + exp(-a)), computed in place in four calls that allocate nothing.

    For a < -88 (float32) exp(-a) overflows to inf and 1 / inf = 0, the right limit; call it
    under np.errstate(over="ignore"). The readable, always-safe version is activations.sigmoid.
    """
    np.negative(a, out=a)
    np.exp(a, out=a)
    a += 1
    np.reciprocal(a, out=a)
    return a


def _check_weights(W, U, b, D, n_gates=4, b_shape=None, what="gates i, f, c, o",
                   b_layout="(4H,) with H = {H} from W"):
    """Validate W (D, nH), U (H, nH) and b (nH,) or b_shape(H); return them and H."""
    n = n_gates
    W = check_array("W", W, ndim=2, layout=f"(D, {n}H)")
    if W.shape[1] == 0 or W.shape[1] % n:
        fail("W", f"shape (D, {n}H): {n}·H columns, {what}", f"shape {W.shape}")
    H = W.shape[1] // n
    if W.shape[0] != D:
        fail("W", f"shape ({D}, {n}H): {D} rows, one per input feature of x", f"shape {W.shape}")
    U = check_array("U", U, shape=(H, n * H), layout=f"(H, {n}H) with H = {H} from W")
    b_shape = (n * H,) if b_shape is None else b_shape(H)
    b = check_array("b", b, shape=b_shape, layout=b_layout.format(H=H))
    return W, U, b, H


def _common_dtype(*arrays):
    """float32 when every array is float32, else float64: no silent up- or downcasting."""
    dtype = np.result_type(*arrays)
    return tuple(a.astype(dtype, copy=False) for a in arrays)


def lstm_step_forward(x_t, h_prev, c_prev, W, U, b):
    """One time step of an LSTM (Keras' gate order i, f, c, o).

        a_t  = x_t @ W + h_prev @ U + b           split into blocks a_i | a_f | a_c | a_o
        i_t  = sigmoid(a_i);  f_t = sigmoid(a_f);  c~_t = tanh(a_c);  o_t = sigmoid(a_o)
        c_t  = f_t * c_prev + i_t * c~_t
        h_t  = o_t * tanh(c_t)

    x_t (B, D), h_prev (B, H), c_prev (B, H), W (D, 4H), U (H, 4H), b (4H,)
    -> h_t (B, H), c_t (B, H), cache
    """
    x_t = check_array("x_t", x_t, ndim=2, layout="(B, D)")
    W, U, b, H = _check_weights(W, U, b, D=x_t.shape[1])
    h_prev = check_state("h_prev", h_prev, x_t.shape[0], H, x_t.dtype)
    c_prev = check_state("c_prev", c_prev, x_t.shape[0], H, x_t.dtype)
    x_t, h_prev, c_prev, W, U, b = _common_dtype(x_t, h_prev, c_prev, W, U, b)

    a_i, a_f, a_c, a_o = split_gates(x_t @ W + h_prev @ U + b)
    i_t, f_t, c_tilde, o_t = sigmoid(a_i), sigmoid(a_f), tanh(a_c), sigmoid(a_o)
    c_t = f_t * c_prev + i_t * c_tilde
    tanh_c = tanh(c_t)
    h_t = o_t * tanh_c
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "W": W, "U": U,
             "i": i_t, "f": f_t, "c_tilde": c_tilde, "o": o_t,
             "c_t": c_t, "tanh_c": tanh_c, "h_t": h_t}
    return h_t, c_t, cache


def lstm_step_backward(dh_t, dc_t, cache):
    """Backward of one LSTM step. dh_t = ∂L/∂h_t, dc_t = ∂L/∂c_t from later steps (None = 0).

        dc    = dc_t + dh_t * o_t * (1 - tanh(c_t)**2)    # both paths into c_t
        da_o  = dh_t * tanh(c_t) * o_t * (1 - o_t)
        da_i  = dc * c~_t * i_t * (1 - i_t)
        da_f  = dc * c_prev * f_t * (1 - f_t)
        da_c  = dc * i_t * (1 - c~_t**2)
        da_t  = [da_i | da_f | da_c | da_o]               (B, 4H)
        dx_t = da_t @ W.T;   dh_prev = da_t @ U.T;   dc_prev = dc * f_t
        dW = x_t.T @ da_t;   dU = h_prev.T @ da_t;   db = sum of da_t over the batch

    -> {"dx_t", "dh_prev", "dc_prev", "dW", "dU", "db"}
    """
    h_t = cache["h_t"]
    dh_t = check_array("dh_t", dh_t, shape=h_t.shape, layout="(B, H), like h_t")
    dc_t = 0.0 if dc_t is None else check_array("dc_t", dc_t, shape=h_t.shape,
                                                layout="(B, H), like c_t")
    i, f, c_tilde, o, tanh_c = (cache[k] for k in ("i", "f", "c_tilde", "o", "tanh_c"))

    dc = dc_t + dh_t * o * (1 - tanh_c**2)
    da_t = np.concatenate([
        dc * c_tilde * i * (1 - i),                 # da_i
        dc * cache["c_prev"] * f * (1 - f),         # da_f
        dc * i * (1 - c_tilde**2),                  # da_c
        dh_t * tanh_c * o * (1 - o),                # da_o
    ], axis=1)
    return {
        "dx_t": da_t @ cache["W"].T,
        "dh_prev": da_t @ cache["U"].T,
        "dc_prev": dc * f,
        "dW": cache["x_t"].T @ da_t,
        "dU": cache["h_prev"].T @ da_t,
        "db": da_t.sum(axis=0),
    }


def lstm_forward(x, h0, c0, W, U, b):
    """An LSTM over a whole sequence: `lstm_step_forward` for t = 1 .. T.

        h_0, c_0 = h0, c0 (zeros when None)
        h_t, c_t = lstm_step(x_t, h_{t-1}, c_{t-1})      for t = 1 .. T

    x (B, T, D), h0 and c0 (B, H) or None, W (D, 4H), U (H, 4H), b (4H,)
    -> h (B, T, H), c (B, T, H), cache. The cache holds every gate's activations over time,
    cache["i"], cache["f"], cache["c_tilde"], cache["o"], each (B, T, H).

    Faster than the step loop, same numbers: x_t @ W + b for all steps is one (batched)
    matrix product before the loop, and the arrays are stored time-major and gate by gate:
    gates[t] is step t's (4, B, H) block, gates[t, k] gate k's (B, H) slice, each one
    contiguous piece of memory, so every operation in the loop runs on whole blocks. h and c
    are returned as (B, T, H) views. The cache's keys ending in _tm hold these arrays for the
    backward; h_tm and c_tm are (T + 1, B, H), with h0 and c0 first.
    """
    x = check_array("x", x, ndim=3, layout="(B, T, D)")
    B, T, D = x.shape
    W, U, b, H = _check_weights(W, U, b, D=D)
    h0 = check_state("h0", h0, B, H, x.dtype)
    c0 = check_state("c0", c0, B, H, x.dtype)
    x, h0, c0, W, U, b = _common_dtype(x, h0, c0, W, U, b)

    x_tm = x.transpose(1, 0, 2).reshape(T * B, D)       # time-major copy: row t*B + n is x[n, t]
    gates = np.matmul(x_tm.reshape(T, 1, B, D), _by_gate(W, 4))  # x_t @ W_k, every t and k:
    gates += b.reshape(4, 1, H)                         # (T, 4, B, H): a_i, a_f, a_c, a_o
    h = np.empty((T + 1, B, H), dtype=x.dtype)          # h[0] = h0, h[t + 1] = the state after
    c = np.empty_like(h)                                # step t; c the same
    h[0], c[0] = h0, c0
    tanh_c = np.empty((T, B, H), dtype=x.dtype)
    hU = np.empty((B, 4 * H), dtype=x.dtype)            # h_prev @ U, reused at every step,
    hU_k = _by_gate(hU, 4)                              # and the same numbers gate by gate
    with np.errstate(over="ignore"):                    # exp overflow in _sigmoid_: the limit 0
        for t in range(T):
            a = gates[t]                                # (4, B, H): a_i, a_f, a_c, a_o
            np.matmul(h[t], U, out=hU)
            a += hU_k                                   # a_t = x_t @ W + b + h_prev @ U
            c_tilde = np.tanh(a[2])                     # c~_t = tanh(a_c)
            _sigmoid_(a)                                # i_t, f_t, o_t: sigmoid on all 4 gates
            a[2] = c_tilde                              # ... then gate c gets c~_t back
            i, f, _, o = a
            np.multiply(f, c[t], out=c[t + 1])          # c_t = f_t * c_prev
            c[t + 1] += i * c_tilde                     #       + i_t * c~_t
            np.tanh(c[t + 1], out=tanh_c[t])
            np.multiply(o, tanh_c[t], out=h[t + 1])     # h_t = o_t * tanh(c_t)

    cache = {"x": x, "h0": h0, "c0": c0, "W": W, "U": U, "b": b,
             "x_tm": x_tm, "h_tm": h, "c_tm": c, "tanh_c_tm": tanh_c, "gates_tm": gates}
    for k, name in enumerate(GATES):
        cache[name] = gates[:, k].transpose(1, 0, 2)    # (B, T, H) views, for plotting
    return h[1:].transpose(1, 0, 2), c[1:].transpose(1, 0, 2), cache


def lstm_backward(dh, cache, dc_last=None):
    """Backpropagation through time for `lstm_forward`.

    dh (B, T, H) is the gradient flowing into every h_t from above (zeros where a state is not
    used); dc_last (B, H) or None the gradient on the last cell state c_T (return_state).
    Going backwards, two gradients are carried from step t+1 to step t:

        dh_t  = dh[:, t] + dh_next                           # from above + from step t+1
        dc_t  = dc_next + dh_t * o_t * (1 - tanh(c_t)**2)    # along c, and through h_t
        da_t  = [da_i | da_f | da_c | da_o]                  # as in lstm_step_backward
        dc_next = dc_t * f_t                                 # the cell path: only a product
        dh_next = da_t @ U.T                                 #   with f_t, no matrix, no tanh'

    Returns {"dx" (B, T, D), "dh0" (B, H), "dc0" (B, H), "dW" (D, 4H), "dU" (H, 4H), "db" (4H,)}.
    """
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


def lstm_gates(x, W, U, b, h0=None, c0=None):
    """Record every gate over time, for plotting: {"i", "f", "c_tilde", "o", "c", "h"},
    each an array (B, T, H). Same arguments as `lstm_forward` (h0, c0 last, optional)."""
    h, c, cache = lstm_forward(x, h0, c0, W, U, b)
    gates = {name: np.ascontiguousarray(cache[name]) for name in GATES}
    gates.update(c=np.ascontiguousarray(c), h=np.ascontiguousarray(h))
    return gates
