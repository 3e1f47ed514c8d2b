"""The seed's five-step example, x_1 .. x_5, with small concrete numbers.

The seed writes h_1 = σ(W x_1 + U·0 + b), o_1 = σ'(W' h_1 + b'), h_2 = ..., up to step 5, but
gives no numbers. These are ours: one input feature (D = 1), two hidden units (H = 2), one
output (O = 1), every weight with one decimal, so a learner can redo a step on paper.

    h_t = tanh(x_t @ W + h_{t-1} @ U + b)       (the seed's σ: Keras' SimpleRNN uses tanh)
    o_t = sigmoid(h_t @ W_y + b_y)              (the seed's σ', W', b': Dense(1, "sigmoid"))

Notebooks 02 (the forward pass) and 03 (backpropagation through time) both use them.
"""

import numpy as np

from .._validate import check_array, fail
from ..core import activations, rnn

X = [1.0, 0.5, 0.0, -0.5, -1.0]   # x_1 .. x_5: a ramp down from 1 to -1
W = [[0.5, -1.0]]                  # (D, H) = (1, 2): the input weights
U = [[0.4, 0.2],
     [-0.3, 0.5]]                  # (H, H) = (2, 2): the recurrent weights
B = [0.1, 0.0]                     # (H,): the hidden bias b
W_Y = [[1.0],
       [-1.0]]                     # (H, O) = (2, 1): the seed's W'
B_Y = [0.2]                        # (O,): the seed's b'


def five_step_example():
    """The example's arrays, batch first, as fresh float64 copies (safe to modify).

    Returns {"x" (1, 5, 1), "h0" (1, 2) zeros, "W" (1, 2), "U" (2, 2), "b" (2,),
    "W_y" (2, 1), "b_y" (1,)}.
    """
    return {
        "x": np.array(X, dtype=np.float64).reshape(1, 5, 1),
        "h0": np.zeros((1, 2)),
        "W": np.array(W, dtype=np.float64),
        "U": np.array(U, dtype=np.float64),
        "b": np.array(B, dtype=np.float64),
        "W_y": np.array(W_Y, dtype=np.float64),
        "b_y": np.array(B_Y, dtype=np.float64),
    }


def trace(x, W, U, b, W_y, b_y, h0=None):
    """Every value of the unrolled graph for one sequence: inputs, states and outputs.

        h_t = tanh(x_t @ W + h_{t-1} @ U + b),   o_t = sigmoid(h_t @ W_y + b_y)

    x (T, D) or (1, T, D), h0 (H,) or None -> {"x" (T, D), "h" (T + 1, H) with h_0 first,
    "o" (T, O)}, so h[t] is h_t for t = 0 .. T and x[t - 1], o[t - 1] are x_t, o_t.
    """
    x = check_array("x", x, ndim=(2, 3), layout="(T, D) or (1, T, D)")
    if x.ndim == 3:
        x = check_array("x", x, shape=(1, None, None), layout="(1, T, D): one sequence")[0]
    W_y = check_array("W_y", W_y, ndim=2, layout="(H, O)")
    b_y = check_array("b_y", b_y, shape=(W_y.shape[1],), layout="(O,)")
    h0 = None if h0 is None else check_array("h0", h0, ndim=1, layout="(H,)")[None]
    h, _ = rnn.rnn_forward(x[None], h0, W, U, b)
    h = h[0]
    H = h.shape[1]
    if W_y.shape[0] != H:
        check_array("W_y", W_y, shape=(H, None), layout=f"(H, O) with H = {H}")
    o = activations.sigmoid(h @ W_y + b_y)
    h_all = np.concatenate([np.zeros((1, H)) if h0 is None else h0, h], axis=0)
    return {"x": x, "h": h_all, "o": o}


def five_step_trace():
    """`trace` of the five-step example: {"x" (5, 1), "h" (6, 2), "o" (5, 1)}."""
    ex = five_step_example()
    return trace(ex["x"], ex["W"], ex["U"], ex["b"], ex["W_y"], ex["b_y"])


def step_report(example, t):
    """Every number of step t of the unrolled graph, term by term (for one sequence).

        a_t = x_t @ W + h_{t-1} @ U + b,   h_t = tanh(a_t)
        ℓ_t = h_t @ W_y + b_y,             o_t = sigmoid(ℓ_t)     (ℓ_t: the logit)

    example: a dict like `five_step_example()`; t in 1 .. T. Returns {"t", "x_t", "h_prev",
    "xW", "hU", "b", "a_t", "h_t", "logit", "o_t"}, each a 1-D array.
    """
    values = trace(example["x"], example["W"], example["U"], example["b"], example["W_y"],
                   example["b_y"], h0=None if example.get("h0") is None else
                   np.asarray(example["h0"], dtype=float).reshape(-1))
    T = len(values["x"])
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 1 <= t <= T:
        fail("t", f"a step in 1 .. {T}", repr(t))
    x_t, h_prev = values["x"][t - 1], values["h"][t - 1]
    W, U, b = (np.asarray(example[k], dtype=float) for k in ("W", "U", "b"))
    W_y, b_y = np.asarray(example["W_y"], dtype=float), np.asarray(example["b_y"], dtype=float)
    xW, hU = x_t @ W, h_prev @ U
    h_t = values["h"][t]
    return {"t": int(t), "x_t": x_t, "h_prev": h_prev, "xW": xW, "hU": hU, "b": b,
            "a_t": xW + hU + b, "h_t": h_t, "logit": h_t @ W_y + b_y, "o_t": values["o"][t - 1]}


__all__ = ["B", "B_Y", "U", "W", "W_Y", "X", "five_step_example", "five_step_trace",
           "step_report", "trace"]
