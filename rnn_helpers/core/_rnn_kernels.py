"""The simple RNN's sequence functions, tuned for speed: what the SimpleRNN layer runs.

`rnn.rnn_forward` / `rnn_backward` are the lesson. The functions here compute the same numbers
(tests/core/test_fast_paths.py checks it to 1e-12 in float64) with the same signatures and
return values, faster in a training loop:

    every step's products and activations written in place, into arrays made once per call
    (`np.matmul(..., out=)`, `np.tanh(a, out=a)`): no temporaries inside the loop;
    U.T copied once to a contiguous array, so that the backward's da_t @ U.T, the one product
    per step, reads memory in order (a third faster than the transposed view here);
    the upstream gradient copied once to time-major order, and the backward's da_t computed
    in that copy, in place.

The fast forward's cache holds the keys of `rnn_forward`'s (x, h0, W, U, h, activation, x_tm,
h_tm) and "xb_tm", [x_t, 1] for every step (the bias rides in the input product): either
backward accepts either forward's cache.
"""

import numpy as np

from .._validate import check_array, is_trusted
from . import activations
from .rnn import check_inputs


def workspace(work, name, shape, dtype):
    """An array for a backward's temporaries: work[name] if the caller's dict `work` (a layer
    keeps one) holds one of this shape and dtype from an earlier call, else a new one, kept in
    `work` for the next call; a new one each time when work is None. Nothing that holds them
    leaves the function. Large arrays freed and made again at every batch can cost page
    faults: the LSTM backward's made glibc hand memory back to the system after every batch
    (35,000 page faults in benchmarks/bench_fit.py's lstm `fit`; 800 with `work`)."""
    if work is None:
        return np.empty(shape, dtype=dtype)
    a = work.get(name)
    if a is None or a.shape != shape or a.dtype != dtype:
        a = work[name] = np.empty(shape, dtype=dtype)
    return a


def kept_views(work, key, owners, make):
    """make()'s lists of views of the arrays `owners`, kept in work[key] from call to call while
    work holds the same arrays (making them costs about 1.7 µs per list of 20)."""
    if work is not None:
        kept = work.get(key)
        if kept is not None and all(a is b for a, b in zip(kept[0], owners, strict=True)):
            return kept[1]
    views = make()
    if work is not None:
        work[key] = (owners, views)
    return views


def fast_rnn_forward(x, h0, W, U, b, activation="tanh", work=None):
    """`rnn.rnn_forward`, fast: same arguments, same h (B, T, H) and cache. The bias rides in
    the input product (x gets a column of ones, W the row b; the cache also keeps that array,
    "xb_tm", so that the fast backward gets dW and db from one product).

    work: None (new arrays, the default), or a dict kept between calls: then the arrays of the
    last call are reused, so what it returned is overwritten. `fit` passes one (its layers'
    outputs live for one training step); nothing else should.
    """
    act = activations.get(activation)
    if not (work is not None and is_trusted() and h0 is None and x.dtype == W.dtype == b.dtype):
        x, h0, W, U, b = check_inputs(x, h0, W, U, b)   # (fit's step: checked before its first)
    B, T, D = x.shape
    H = W.shape[1]
    dtype = np.result_type(x, W) if h0 is None else np.result_type(x, W, h0)

    xb = workspace(work, "f_xb", (T, B, D + 1), dtype)  # time-major copy of x, and a column
    xb[..., :D] = x.transpose(1, 0, 2)                  # of ones: row t*B + n is [x[n, t], 1]
    xb[..., D] = 1
    xb = xb.reshape(T * B, D + 1)
    h_tm = workspace(work, "f_h", (T + 1, B, H), dtype)  # h_tm[t] is h_t, h_tm[0] = h0
    h_tm[0] = 0 if h0 is None else h0
    a = h_tm[1:].reshape(T * B, H)
    np.matmul(xb, np.concatenate([W, b[None]]).astype(dtype, copy=False), out=a)
    hU = workspace(work, "f_hU", (B, H), dtype)         # a_t = x_t @ W + b, every t, in h_tm
    in_place = act.name == "tanh"
    for t in range(1, T + 1):
        np.matmul(h_tm[t - 1], U, out=hU)
        a_t = h_tm[t]
        a_t += hU                                       # a_t += h_{t-1} @ U
        if in_place:
            np.tanh(a_t, out=a_t)                       # h_t = tanh(a_t), where a_t was
        else:
            a_t[...] = act.f(a_t)
    h = h_tm[1:].transpose(1, 0, 2)
    cache = {"x": x, "h0": h_tm[0] if h0 is None else h0, "W": W, "U": U, "h": h,
             "activation": act, "x_tm": xb[:, :D], "xb_tm": xb, "h_tm": h_tm}
    return h, cache


def fast_rnn_backward(dh, cache, work=None):
    """`rnn.rnn_backward`, fast: same arguments, same {"dx", "dh0", "dW", "dU", "db"}.
    work: a dict kept between calls for the temporaries (see `workspace`), or None."""
    h_tm, x_tm = cache["h_tm"], cache["x_tm"]
    W, U, act = cache["W"], cache["U"], cache["activation"]
    T, B, H = h_tm.shape[0] - 1, h_tm.shape[1], h_tm.shape[2]
    D = W.shape[0]
    dh = check_array("dh", dh, shape=(B, T, H), layout="(B, T, H), like the forward's h")
    dtype = np.result_type(dh, h_tm, U)

    da = workspace(work, "da", (T, B, H), dtype)        # time-major copy of dh, then da in place
    da[...] = dh.transpose(1, 0, 2)
    if act.name == "tanh":
        dact = np.multiply(h_tm[1:], h_tm[1:], out=workspace(work, "dact", (T, B, H), dtype))
        np.subtract(1, dact, out=dact)                  # tanh'(a_t) = 1 - h_t**2, every t
    else:
        dact = act.df(h_tm[1:])
    UT = np.ascontiguousarray(U.T, dtype=dtype)
    dh_next = np.zeros((B, H), dtype=dtype)
    for t in reversed(range(T)):
        da_t = da[t]
        if t < T - 1:
            da_t += dh_next                             # dh_t = dh[:, t] + dh_next
        da_t *= dact[t]                                 # da_t = dh_t * (1 - h_t**2)
        np.matmul(da_t, UT, out=dh_next)                # dh_next = da_t @ U.T

    h_prev = h_tm[:-1].reshape(T * B, H)
    da2 = da.reshape(T * B, H)
    if "xb_tm" in cache:                                # a fast forward's: [dW; db] at once
        dWb = cache["xb_tm"].T @ da2
        dW, db = dWb[:D], dWb[D]
    else:                                               # the readable forward's cache
        dW, db = x_tm.T @ da2, np.ones(T * B, dtype=da2.dtype) @ da2   # db = sum_t da_t
    WT = W.T
    if is_trusted() and work is not None:   # fit's training step: dx kept between batches
        dx = np.matmul(da2, WT, out=workspace(work, "dx", (T * B, D), np.result_type(da2, WT)))
    else:
        dx = da2 @ WT                                   # dx_t = da_t @ W.T
    return {
        "dx": dx.reshape(T, B, D).transpose(1, 0, 2),
        "dh0": dh_next,
        "dW": dW,
        "dU": h_prev.T @ da2,
        "db": db,
    }
