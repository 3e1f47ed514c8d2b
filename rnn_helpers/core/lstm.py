"""The LSTM cell: one step, a whole sequence, and backpropagation through time.

Keras' layout and gate order i, f, c, o (input, forget, candidate cell, output), row vectors:

    a_t = x_t @ W + h_prev @ U + b            (B, 4H): four blocks of H columns, i | f | c | o
    i_t = sigmoid(x_t @ W_i + h_prev @ U_i + b_i)      input gate
    f_t = sigmoid(x_t @ W_f + h_prev @ U_f + b_f)      forget gate
    c~_t = tanh(x_t @ W_c + h_prev @ U_c + b_c)        candidate cell state
    ω_t = sigmoid(x_t @ W_o + h_prev @ U_o + b_o)      output gate (o_t in code, Keras' "o")
    c_t = f_t * c_prev + i_t * c~_t                    the cell state: the path gradients travel
    h_t = ω_t * tanh(c_t)

The course writes the output gate ω_t, because o_t is the seed's output o_t = σ′(W′ h_t + b′).

W (D, 4H), U (H, 4H), b (4H,) are Keras' kernel, recurrent_kernel and bias, so
`get_weights()` maps 1:1; `split_gates(W)` gives W_i, W_f, W_c, W_o. `*` is elementwise.

`lstm_forward` and `lstm_backward` are the step functions in a loop, as the equations say. The
layers run `fast_lstm_forward` / `fast_lstm_backward` from _gated_kernels.py: the same numbers
(tested equal), a few times faster, and harder to read.
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
    H = array.shape[-1] // n
    return tuple(array[..., k * H:(k + 1) * H] for k in range(n))


def check_weights(W, U, b, D, n_gates=4, b_shape=None, what="gates i, f, c, o",
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


def common_dtype(*arrays):
    """float32 when every array is float32, else float64: no silent up- or downcasting."""
    dtype = np.result_type(*arrays)
    return tuple(a.astype(dtype, copy=False) for a in arrays)


def lstm_step_forward(x_t, h_prev, c_prev, W, U, b):
    """One time step of an LSTM (Keras' gate order i, f, c, o).

        a_t  = x_t @ W + h_prev @ U + b           split into blocks a_i | a_f | a_c | a_o
        i_t  = sigmoid(a_i);  f_t = sigmoid(a_f);  c~_t = tanh(a_c);  ω_t = sigmoid(a_o)
        c_t  = f_t * c_prev + i_t * c~_t
        h_t  = ω_t * tanh(c_t)                    (ω_t, the output gate, is o_t in the code)

    x_t (B, D), h_prev (B, H), c_prev (B, H), W (D, 4H), U (H, 4H), b (4H,)
    -> h_t (B, H), c_t (B, H), cache
    """
    x_t = check_array("x_t", x_t, ndim=2, layout="(B, D)")
    W, U, b, H = check_weights(W, U, b, D=x_t.shape[1])
    h_prev = check_state("h_prev", h_prev, x_t.shape[0], H, x_t.dtype)
    c_prev = check_state("c_prev", c_prev, x_t.shape[0], H, x_t.dtype)
    x_t, h_prev, c_prev, W, U, b = common_dtype(x_t, h_prev, c_prev, W, U, b)

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


def check_inputs(x, h0, c0, W, U, b):
    """The checked arrays of a sequence, in one dtype: x (B, T, D), h0 and c0 (B, H) (zeros
    when None), W, U, b."""
    x = check_array("x", x, ndim=3, layout="(B, T, D)")
    B, T, D = x.shape
    W, U, b, H = check_weights(W, U, b, D=D)
    h0 = check_state("h0", h0, B, H, x.dtype)
    c0 = check_state("c0", c0, B, H, x.dtype)
    return common_dtype(x, h0, c0, W, U, b)


def lstm_forward(x, h0, c0, W, U, b):
    """An LSTM over a whole sequence: `lstm_step_forward` for t = 1 .. T.

        h_0, c_0 = h0, c0 (zeros when None)
        h_t, c_t = lstm_step_forward(x_t, h_{t-1}, c_{t-1}, W, U, b)      for t = 1 .. T

    x (B, T, D), h0 and c0 (B, H) or None, W (D, 4H), U (H, 4H), b (4H,)
    -> h (B, T, H), c (B, T, H), cache. cache["steps"] holds the T step caches, for the
    backward; cache["i"], cache["f"], cache["c_tilde"], cache["o"] every gate over time, each
    (B, T, H). In the code, x[:, t] is x_{t+1}: Python counts the steps from 0.
    """
    x, h0, c0, W, U, b = check_inputs(x, h0, c0, W, U, b)
    B, T, D = x.shape
    H = U.shape[0]

    h = np.empty((B, T, H), dtype=x.dtype)              # every h_t, then returned
    c = np.empty_like(h)                                # every c_t
    gates = {name: np.empty_like(h) for name in GATES}  # every i_t, f_t, c~_t, o_t
    steps = []                                          # the step caches, one per t
    h_t, c_t = h0, c0
    for t in range(T):
        h_t, c_t, step = lstm_step_forward(x[:, t], h_t, c_t, W, U, b)
        h[:, t], c[:, t] = h_t, c_t
        for name in GATES:
            gates[name][:, t] = step[name]
        steps.append(step)
    cache = {"x": x, "h0": h0, "c0": c0, "W": W, "U": U, "b": b, "steps": steps, **gates}
    return h, c, cache


def lstm_backward(dh, cache, dc_last=None):
    """Backpropagation through time for `lstm_forward`: `lstm_step_backward` for t = T .. 1.

    dh (B, T, H) is the gradient flowing into every h_t from above (zeros where a state is not
    used); dc_last (B, H) or None the gradient on the last cell state c_T (return_state).
    Each h_t and c_t also feeds step t+1, so going backwards two gradients are carried from
    step t+1 to step t:

        dh_t    = dh[:, t] + dh_next                       # the two paths into h_t
        dc_t    = dc_next + dh_t * o_t * (1 - tanh(c_t)**2)   # the two paths into c_t
        dh_next = da_t @ U.T                               # the hidden path, through U
        dc_next = dc_t * f_t                               # the cell path: only a product with f_t

    (dc_t, da_t and the last two lines are `lstm_step_backward`'s), and the weights, shared by
    every step, sum their gradients over t.
    Returns {"dx" (B, T, D), "dh0" (B, H), "dc0" (B, H), "dW" (D, 4H), "dU" (H, 4H), "db" (4H,)}.
    """
    steps, W, U, b = cache["steps"], cache["W"], cache["U"], cache["b"]
    B, T, D = cache["x"].shape
    H = U.shape[0]
    dh = check_array("dh", dh, shape=(B, T, H), layout="(B, T, H), like the forward's h")
    dh = dh.astype(W.dtype, copy=False)
    dc_next = check_state("dc_last", dc_last, B, H, W.dtype).astype(W.dtype, copy=False)
    dh_next = np.zeros((B, H), dtype=W.dtype)           # nothing comes after step T
    dx = np.empty((B, T, D), dtype=W.dtype)
    dW, dU, db = np.zeros_like(W), np.zeros_like(U), np.zeros_like(b)
    for t in reversed(range(T)):
        dh_t = dh[:, t] + dh_next                       # dh_t = from above + from step t+1
        # in the step: dc_t = dc_next + dh_t * o_t * (1 - tanh(c_t)**2), then da_t
        g = lstm_step_backward(dh_t, dc_next, steps[t])
        dx[:, t] = g["dx_t"]                            # dx_t = da_t @ W.T
        dh_next = g["dh_prev"]                          # dh_{t-1} = da_t @ U.T   (hidden path)
        dc_next = g["dc_prev"]                          # dc_{t-1} = dc_t * f_t   (cell path)
        dW += g["dW"]                                   # dW = sum_t x_t.T @ da_t
        dU += g["dU"]                                   # dU = sum_t h_{t-1}.T @ da_t
        db += g["db"]                                   # db = sum_t da_t
    return {"dx": dx, "dh0": dh_next, "dc0": dc_next, "dW": dW, "dU": dU, "db": db}


def lstm_gates(x, W, U, b, h0=None, c0=None):
    """Record every gate over time, for plotting: {"i", "f", "c_tilde", "o", "c", "h"},
    each an array (B, T, H). Same arguments as `lstm_forward` (h0, c0 last, optional)."""
    h, c, cache = lstm_forward(x, h0, c0, W, U, b)
    return {**{name: cache[name] for name in GATES}, "c": c, "h": h}
