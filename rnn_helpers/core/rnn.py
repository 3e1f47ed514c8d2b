"""The simple (Elman) RNN: one step, a whole sequence, and backpropagation through time.

The seed's formula, with row vectors as Keras and this code write it:

    h_t = tanh(x_t @ W + h_prev @ U + b)

x_t (B, D), h_prev (B, H), W (D, H), U (H, H), b (H,) -> h_t (B, H). The seed writes the same
thing with column vectors, h_t = σ(W x_t + U h_{t-1} + b); its W is our W transposed.
"""

import numpy as np

from .._validate import check_array, check_state, fail
from . import activations


def check_weights(W, U, b, D=None):
    """Validate W (D, H), U (H, H), b (H,) and return them as float arrays."""
    W = check_array("W", W, ndim=2, layout="(D, H)")
    H = W.shape[1]
    if D is not None and W.shape[0] != D:
        fail("W", f"{D} rows, one per input feature (shape ({D}, H))", f"shape {W.shape}")
    U = check_array("U", U, shape=(H, H), layout="(H, H) with H = W.shape[1]")
    b = check_array("b", b, shape=(H,), layout="(H,)")
    return W, U, b


def rnn_step_forward(x_t, h_prev, W, U, b, activation="tanh"):
    """One time step of a simple RNN.

        a_t = x_t @ W + h_prev @ U + b
        h_t = tanh(a_t)

    x_t (B, D), h_prev (B, H), W (D, H), U (H, H), b (H,) -> h_t (B, H), cache
    """
    act = activations.get(activation)
    x_t = check_array("x_t", x_t, ndim=2, layout="(B, D)")
    W, U, b = check_weights(W, U, b, D=x_t.shape[1])
    h_prev = check_state("h_prev", h_prev, x_t.shape[0], W.shape[1], x_t.dtype)

    a_t = x_t @ W + h_prev @ U + b
    h_t = act.f(a_t)
    cache = {"x_t": x_t, "h_prev": h_prev, "W": W, "U": U, "h_t": h_t, "activation": act}
    return h_t, cache


def rnn_step_backward(dh_t, cache):
    """Backward of one step: from dh_t = ∂L/∂h_t to the gradients of its inputs.

        da_t    = dh_t * tanh'(a_t) = dh_t * (1 - h_t**2)
        dx_t    = da_t @ W.T
        dh_prev = da_t @ U.T
        dW      = x_t.T @ da_t
        dU      = h_prev.T @ da_t
        db      = sum of da_t over the batch

    dh_t (B, H) -> {"dx_t", "dh_prev", "dW", "dU", "db"}
    """
    h_t = cache["h_t"]
    dh_t = check_array("dh_t", dh_t, shape=h_t.shape, layout="(B, H), like h_t")
    da_t = dh_t * cache["activation"].df(h_t)
    return {
        "dx_t": da_t @ cache["W"].T,
        "dh_prev": da_t @ cache["U"].T,
        "dW": cache["x_t"].T @ da_t,
        "dU": cache["h_prev"].T @ da_t,
        "db": da_t.sum(axis=0),
    }


def check_inputs(x, h0, W, U, b):
    """The checked arrays of a sequence: x (B, T, D), h0 (B, H) (zeros when None), W, U, b."""
    x = check_array("x", x, ndim=3, layout="(B, T, D)")
    W, U, b = check_weights(W, U, b, D=x.shape[2])
    h0 = check_state("h0", h0, x.shape[0], W.shape[1], x.dtype)
    return x, h0, W, U, b


def rnn_forward(x, h0, W, U, b, activation="tanh"):
    """A simple RNN over a whole sequence: the step, repeated for t = 1 .. T.

        h_0 = h0 (zeros when None)
        h_t = tanh(x_t @ W + h_{t-1} @ U + b)      for t = 1 .. T

    x (B, T, D), h0 (B, H) or None, W (D, H), U (H, H), b (H,) -> h (B, T, H), cache

    The input part x_t @ W + b does not depend on h, so it is computed for all steps in one
    matrix product before the loop; only h_{t-1} @ U has to wait for the previous step.
    Inside, arrays are time-major, (T, B, ...): step t's slice h_tm[t] is one contiguous block
    of memory (h is returned as a (B, T, H) view of it; cache["h"] is the same view).
    """
    act = activations.get(activation)
    x, h0, W, U, b = check_inputs(x, h0, W, U, b)
    B, T, D = x.shape
    H = W.shape[1]

    x_tm = x.transpose(1, 0, 2).reshape(T * B, D)    # time-major copy: row t*B + n is x[n, t]
    xW_b = (x_tm @ W + b).reshape(T, B, H)           # x_t @ W + b for every t at once
    h_tm = np.empty((T + 1, B, H), dtype=np.result_type(x, W, h0))
    h_tm[0] = h0                                     # h_tm[t] is h_t: h_0 first, then h_1 .. h_T
    for t in range(1, T + 1):
        h_tm[t] = act.f(xW_b[t - 1] + h_tm[t - 1] @ U)
    h = h_tm[1:].transpose(1, 0, 2)                  # (B, T, H)
    cache = {"x": x, "h0": h0, "W": W, "U": U, "h": h, "activation": act,
             "x_tm": x_tm, "h_tm": h_tm}
    return h, cache


def rnn_backward(dh, cache):
    """Backpropagation through time for `rnn_forward`.

    dh (B, T, H) is the gradient flowing into every h_t from above (from the outputs o_t, or
    zeros where a step's state is not used). Each h_t also feeds h_{t+1}, so going backwards:

        dh_total_t = dh[:, t] + dh_next           # the two paths into h_t
        da_t       = dh_total_t * (1 - h_t**2)    # through tanh
        dh_next    = da_t @ U.T                   # carried back to h_{t-1}

    and the weights, shared by every step, sum their gradients over t.
    Returns {"dx" (B, T, D), "dh0" (B, H), "dW" (D, H), "dU" (H, H), "db" (H,)}.
    """
    h_tm, x_tm = cache["h_tm"], cache["x_tm"]       # time-major: h_tm[t] is h_t, h_tm[0] = h0
    W, U, df = cache["W"], cache["U"], cache["activation"].df
    T, B, H = h_tm.shape[0] - 1, h_tm.shape[1], h_tm.shape[2]
    D = W.shape[0]
    dh = check_array("dh", dh, shape=(B, T, H), layout="(B, T, H), like the forward's h")
    dh = dh.transpose(1, 0, 2)                      # dh[t] is now the gradient on h_{t+1}

    dact = df(h_tm[1:])            # tanh'(a_t) = 1 - h_t**2 for every step at once (no dh in it)
    da = np.empty_like(dact)       # da[t - 1] = ∂L/∂a_t, the pre-activation of step t
    dh_next = np.zeros((B, H), dtype=da.dtype)  # ∂L/∂h_t through h_{t+1}; none after step T
    for t in reversed(range(T)):
        dh_total = dh[t] + dh_next               # dh_t: from above + from the next step
        da[t] = dh_total * dact[t]               # da_t = dh_t * (1 - h_t**2)
        dh_next = da[t] @ U.T                    # dh_{t-1} += da_t @ U.T

    # W, U and b are shared by every step: their gradients add up over t (one product each).
    h_prev = h_tm[:-1].reshape(T * B, H)         # h_{t-1} for t = 1 .. T
    da2 = da.reshape(T * B, H)
    return {
        "dx": (da2 @ W.T).reshape(T, B, D).transpose(1, 0, 2),  # dx_t = da_t @ W.T
        "dh0": dh_next,                          # what reached h_0
        "dW": x_tm.T @ da2,                      # dW = sum_t x_t.T @ da_t
        "dU": h_prev.T @ da2,                    # dU = sum_t h_{t-1}.T @ da_t
        "db": da2.sum(axis=0),                   # db = sum_t da_t
    }
