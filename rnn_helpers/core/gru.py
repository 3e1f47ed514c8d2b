"""The GRU cell: one step, a whole sequence, and backpropagation through time.

Keras' default GRU (reset_after=True), gate order z, r, h (update, reset, candidate), row vectors:

    z_t  = sigmoid(x_t @ W_z + b_z + h_prev @ U_z + bᵁ_z)          update gate
    r_t  = sigmoid(x_t @ W_r + b_r + h_prev @ U_r + bᵁ_r)          reset gate
    h~_t = tanh(x_t @ W_h + b_h + r_t * (h_prev @ U_h + bᵁ_h))     candidate state
    h_t  = z_t * h_prev + (1 - z_t) * h~_t

W (D, 3H), U (H, 3H) and b (2, 3H) are Keras' kernel, recurrent_kernel and bias: b[0] holds
the input biases b_z | b_r | b_h, b[1] the recurrent ones bᵁ_z | bᵁ_r | bᵁ_h (written bᵁ:
b′ is the seed's output bias). The reset gate multiplies h_prev @ U_h + bᵁ_h *after* the
product (reset_after=True); Cho et al. (2014) put it before, on h_prev. z_t near 1 keeps the
old state. `split_gates(W, "zrh")` gives W_z, W_r, W_h.

`gru_forward` and `gru_backward` are the step functions in a loop, as the equations say. The
layers run `fast_gru_forward` / `fast_gru_backward` from _gated_kernels.py: the same numbers
(tested equal), a few times faster, and harder to read.
"""

import numpy as np

from .._validate import check_array, check_state
from .activations import sigmoid, tanh
from .lstm import check_weights, common_dtype, split_gates

GATES = ("z", "r", "h_tilde")
"""Names of the three blocks, in Keras' order; the caches use them as keys."""


def check_gru_weights(W, U, b, D):
    """check_weights for a GRU: W (D, 3H), U (H, 3H), b (2, 3H) (Keras' reset_after=True)."""
    return check_weights(W, U, b, D, n_gates=3, b_shape=lambda H: (2, 3 * H),
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
    W, U, b, H = check_gru_weights(W, U, b, D=x_t.shape[1])
    h_prev = check_state("h_prev", h_prev, x_t.shape[0], H, x_t.dtype)
    x_t, h_prev, W, U, b = common_dtype(x_t, h_prev, W, U, b)

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


def check_inputs(x, h0, W, U, b):
    """The checked arrays of a sequence, in one dtype: x (B, T, D), h0 (B, H) (zeros when
    None), W, U, b."""
    x = check_array("x", x, ndim=3, layout="(B, T, D)")
    B, T, D = x.shape
    W, U, b, H = check_gru_weights(W, U, b, D=D)
    h0 = check_state("h0", h0, B, H, x.dtype)
    return common_dtype(x, h0, W, U, b)


def gru_forward(x, h0, W, U, b):
    """A GRU over a whole sequence: `gru_step_forward` for t = 1 .. T.

        h_0 = h0 (zeros when None)
        h_t = gru_step_forward(x_t, h_{t-1}, W, U, b)      for t = 1 .. T

    x (B, T, D), h0 (B, H) or None, W (D, 3H), U (H, 3H), b (2, 3H) -> h (B, T, H), cache.
    cache["steps"] holds the T step caches, for the backward; cache["z"], cache["r"],
    cache["h_tilde"] every gate over time, each (B, T, H). In the code, x[:, t] is x_{t+1}:
    Python counts the steps from 0.
    """
    x, h0, W, U, b = check_inputs(x, h0, W, U, b)
    B, T, D = x.shape
    H = U.shape[0]

    h = np.empty((B, T, H), dtype=x.dtype)              # every h_t, then returned
    gates = {name: np.empty_like(h) for name in GATES}  # every z_t, r_t, h~_t
    steps = []                                          # the step caches, one per t
    h_t = h0
    for t in range(T):
        h_t, step = gru_step_forward(x[:, t], h_t, W, U, b)
        h[:, t] = h_t
        for name in GATES:
            gates[name][:, t] = step[name]
        steps.append(step)
    cache = {"x": x, "h0": h0, "W": W, "U": U, "b": b, "steps": steps, **gates}
    return h, cache


def gru_backward(dh, cache):
    """Backpropagation through time for `gru_forward`: `gru_step_backward` for t = T .. 1.

    dh (B, T, H) is the gradient flowing into every h_t from above (zeros where a state is
    not used). Each h_t also feeds step t+1, so going backwards:

        dh_t    = dh[:, t] + dh_next                  # the two paths into h_t
        dhU_t   = [da_z | da_r | da_h * r_t]          # as in gru_step_backward
        dh_next = dh_t * z_t + dhU_t @ U.T            # two paths back to h_{t-1}: directly
                                                      #   through z_t, and through U

    (the last line is `gru_step_backward`'s dh_prev), and the weights, shared by every step,
    sum their gradients over t.
    Returns {"dx" (B, T, D), "dh0" (B, H), "dW" (D, 3H), "dU" (H, 3H), "db" (2, 3H)}.
    """
    steps, W, U, b = cache["steps"], cache["W"], cache["U"], cache["b"]
    B, T, D = cache["x"].shape
    H = U.shape[0]
    dh = check_array("dh", dh, shape=(B, T, H), layout="(B, T, H), like the forward's h")
    dh = dh.astype(W.dtype, copy=False)
    dh_next = np.zeros((B, H), dtype=W.dtype)           # nothing comes after step T
    dx = np.empty((B, T, D), dtype=W.dtype)
    dW, dU, db = np.zeros_like(W), np.zeros_like(U), np.zeros_like(b)
    for t in reversed(range(T)):
        dh_t = dh[:, t] + dh_next                       # dh_t = from above + from step t+1
        g = gru_step_backward(dh_t, steps[t])
        dx[:, t] = g["dx_t"]                            # dx_t = dxW_t @ W.T
        dh_next = g["dh_prev"]                          # dh_{t-1} = dh_t * z_t + dhU_t @ U.T
        dW += g["dW"]                                   # dW = sum_t x_t.T @ dxW_t
        dU += g["dU"]                                   # dU = sum_t h_{t-1}.T @ dhU_t
        db += g["db"]                                   # db = sum_t [sum dxW_t, sum dhU_t]
    return {"dx": dx, "dh0": dh_next, "dW": dW, "dU": dU, "db": db}


def gru_gates(x, W, U, b, h0=None):
    """Record every gate over time, for plotting: {"z", "r", "h_tilde", "h"}, each (B, T, H).
    Same arguments as `gru_forward` (h0 last, optional)."""
    h, cache = gru_forward(x, h0, W, U, b)
    return {**{name: cache[name] for name in GATES}, "h": h}
