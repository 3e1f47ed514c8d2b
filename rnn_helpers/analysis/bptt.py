"""BPTT through the seed's model, and truncated BPTT (notebook 03).

The seed's model: two stacked SimpleRNN layers and a sigmoid output that reads only the last
state, trained with binary cross-entropy:

    h¹_t = tanh(x_t @ W1 + h¹_{t-1} @ U1 + b1)          layer 1, every step
    h²_t = tanh(h¹_t @ W2 + h²_{t-1} @ U2 + b2)         layer 2 reads layer 1's states
    ℓ = h²_T @ W_y + b_y;   o_T = σ(ℓ);   L = mean BCE(y, o_T)      a loss at step T only

Backwards, the gradient enters at h²_T only, runs back through layer 2's steps, and crosses
into layer 1 at *every* step t: ∂L/∂h¹_t = (∂L/∂a²_t) @ W2.T, the `dx` of layer 2's BPTT.

Truncated BPTT with k steps stops the gradient's walk back in time after k steps (the forward
still reads the whole sequence): cheaper, and blind to any dependency longer than k steps.
"""

import numpy as np

from .._validate import check_array, check_positive_int, check_seed, fail
from ..core import gradcheck, optim
from ..core.rnn import rnn_backward, rnn_forward

PARAMS = ("W1", "U1", "b1", "W2", "U2", "b2", "W_y", "b_y")


def init_stacked(D=1, H=10, seed=0):
    """Small random weights of the seed's model: {W1 (D, H), U1 (H, H), b1, W2 (H, H),
    U2 (H, H), b2, W_y (H, 1), b_y (1,)}, float64 (Glorot-like scale)."""
    rng = np.random.default_rng(check_seed(seed))
    D, H = check_positive_int("D", D), check_positive_int("H", H)
    return {"W1": rng.normal(0, 1 / np.sqrt(D), (D, H)), "U1": rng.normal(0, 0.5 / np.sqrt(H),
            (H, H)), "b1": rng.normal(0, 0.1, H), "W2": rng.normal(0, 1 / np.sqrt(H), (H, H)),
            "U2": rng.normal(0, 0.5 / np.sqrt(H), (H, H)), "b2": rng.normal(0, 0.1, H),
            "W_y": rng.normal(0, 1 / np.sqrt(H), (H, 1)), "b_y": np.zeros(1)}


def stacked_forward(x, y, p):
    """The seed's model on x (B, T, D) with labels y (B,) or (B, 1) -> (loss, cache)."""
    x = check_array("x", x, ndim=3, layout="(B, T, D)")
    y = check_array("y", y).reshape(-1, 1)
    if len(y) != len(x):
        fail("y", f"{len(x)} labels, one per sequence", f"shape {y.shape}")
    h1, c1 = rnn_forward(x, None, p["W1"], p["U1"], p["b1"])      # layer 1: every h¹_t
    h2, c2 = rnn_forward(h1, None, p["W2"], p["U2"], p["b2"])     # layer 2 reads h¹_1 .. h¹_T
    logit = h2[:, -1] @ p["W_y"] + p["b_y"]                        # only h²_T reaches the output
    o = 1 / (1 + np.exp(-logit))
    eps = 1e-12
    loss = -np.mean(y * np.log(o + eps) + (1 - y) * np.log(1 - o + eps))
    return float(loss), {"c1": c1, "c2": c2, "h2": h2, "o": o, "y": y, "p": p}


def stacked_backward(cache, k=None):
    """Gradients of `stacked_forward`'s loss for every parameter, and the gradient that
    crosses from layer 2 into layer 1 at each step ("dh1", (B, T, H)).

        dℓ   = (o_T - y) / B                     sigmoid + BCE together
        dW_y = h²_T.T @ dℓ;  dh²_T = dℓ @ W_y.T  (dh²_t = 0 for t < T: no loss there)
        layer 2's BPTT -> dW2, dU2, db2 and dx = ∂L/∂h¹_t for every t
        layer 1's BPTT of that dh¹ -> dW1, dU1, db1

    k: None for full BPTT, else truncated BPTT over the last k steps in each layer
    (`truncated_rnn_backward`). -> {"dW1", ..., "db_y", "dh1"}
    """
    p, h2 = cache["p"], cache["h2"]
    B, T, H = h2.shape
    dlogit = (cache["o"] - cache["y"]) / B
    dh2 = np.zeros_like(h2)
    dh2[:, -1] = dlogit @ p["W_y"].T                       # the loss reads h²_T only
    back = rnn_backward if k is None else (lambda d, c: truncated_rnn_backward(d, c, k))
    g2 = back(dh2, cache["c2"])
    g1 = back(g2["dx"], cache["c1"])                       # dx of layer 2 = dh¹ of layer 1
    return {"dW1": g1["dW"], "dU1": g1["dU"], "db1": g1["db"], "dW2": g2["dW"],
            "dU2": g2["dU"], "db2": g2["db"], "dW_y": h2[:, -1].T @ dlogit,
            "db_y": dlogit.sum(axis=0), "dh1": g2["dx"]}


def stacked_gradient_check(B=4, T=5, D=1, H=3, seed=0, backward=None):
    """Relative errors of a backward pass of the seed's model against finite differences,
    float64: {parameter: relative error} (each < 1e-7 when the derivation is right).

    backward: the function checked, backward(cache) -> {"dW1", ..., "db_y"}, given the cache
    of `stacked_forward` (default `stacked_backward`; notebook 03 checks a learner's with it).
    """
    if backward is None:
        backward = stacked_backward
    elif not callable(backward):
        fail("backward", "a function backward(cache) -> {'dW1': ..., 'db_y': ...}",
             type(backward).__name__)
    rng = np.random.default_rng(check_seed(seed))
    x = rng.random((B, T, D))
    y = (rng.random(B) > 0.5).astype(float)
    p = init_stacked(D, H, seed + 1)
    _, cache = stacked_forward(x, y, p)
    grads = backward(cache)
    return gradcheck.check_gradients(lambda: stacked_forward(x, y, p)[0],
                                     {name: p[name] for name in PARAMS}, grads)


def truncated_rnn_backward(dh, cache, k):
    """BPTT for `rnn_forward` that carries the gradient back at most k steps in time.

    The steps are cut into windows of k, counted back from T (T-k+1 .. T, T-2k+1 .. T-k, ...);
    the gradient that reaches a window's first step is dropped instead of passed on to the
    previous window. With the loss at step T only, that is exactly "the last k steps"; with a
    loss at every step, the windows of stateful training. k >= T is full BPTT.
    Returns the dict of `rnn_backward`.
    """
    k = check_positive_int("k", k)
    h_tm, x_tm = cache["h_tm"], cache["x_tm"]
    W, U, df = cache["W"], cache["U"], cache["activation"].df
    T, B, H = h_tm.shape[0] - 1, h_tm.shape[1], h_tm.shape[2]
    dh = check_array("dh", dh, shape=(B, T, H), layout="(B, T, H)").transpose(1, 0, 2)
    da = np.empty((T, B, H))
    dh_next = np.zeros((B, H))
    for t in reversed(range(T)):
        if (T - 1 - t) % k == 0 and t != T - 1:
            dh_next = np.zeros((B, H))                # a window boundary: the gradient stops
        da[t] = (dh[t] + dh_next) * df(h_tm[t + 1])   # da_t = dh_t * (1 - h_t**2)
        dh_next = da[t] @ U.T
    h_prev, da2 = h_tm[:-1].reshape(T * B, H), da.reshape(T * B, H)
    return {"dx": (da2 @ W.T).reshape(T, B, -1).transpose(1, 0, 2),
            "dh0": dh_next if T <= k else np.zeros((B, H)), "dW": x_tm.T @ da2,
            "dU": h_prev.T @ da2, "db": da2.sum(axis=0)}


def state_gradients(dh, cache, k=None):
    """∂L/∂h_t at every step of one layer: the upstream gradient plus the path back from
    h_{t+1}, cut at truncated BPTT's window boundaries when k is given (as in
    `truncated_rnn_backward`; k=None is full BPTT).

        dh_total_t = dh_t + (dh_total_{t+1} * (1 - h_{t+1}**2)) @ U.T     (0 across a cut)

    dh (B, T, H), cache from `rnn_forward` -> (B, T, H)
    """
    h, U, df = cache["h"], cache["U"], cache["activation"].df
    dh = check_array("dh", dh, shape=h.shape, layout="(B, T, H), like the forward's h")
    T = h.shape[1]
    k = T if k is None else check_positive_int("k", k)
    total, dh_next = np.empty_like(dh), np.zeros_like(dh[:, 0])
    for t in reversed(range(T)):
        if (T - 1 - t) % k == 0 and t != T - 1:
            dh_next = np.zeros_like(dh_next)           # a window boundary: the gradient stops
        total[:, t] = dh[:, t] + dh_next               # the two paths into h_t
        dh_next = (total[:, t] * df(h[:, t])) @ U.T    # carried back to h_{t-1}
    return total


def state_gradient_norms(x, y, p, k=None):
    """||∂L/∂h_t|| at each step t = 1 .. T of both layers of the seed's model (norm over the
    batch and the units), full BPTT (k=None) or truncated to k steps.
    -> {"layer 2": (T,), "layer 1": (T,)}"""
    _, cache = stacked_forward(x, y, p)
    grads = stacked_backward(cache, k)
    dh2 = np.zeros_like(cache["h2"])
    dh2[:, -1] = (cache["o"] - cache["y"]) / len(dh2) @ p["W_y"].T     # the loss reads h²_T
    totals = {"layer 2": state_gradients(dh2, cache["c2"], k),
              "layer 1": state_gradients(grads["dh1"], cache["c1"], k)}
    return {name: np.sqrt(np.sum(g**2, axis=(0, 2))) for name, g in totals.items()}


def gradient_agreement(x, y, p, k):
    """How close truncated BPTT's gradient is to the full one, on one batch: the cosine
    similarity of all parameters' gradients taken together (1 = same direction), and the
    relative error ||g_k - g|| / ||g||. -> (cosine, relative_error)"""
    _, cache = stacked_forward(x, y, p)
    full, trunc = stacked_backward(cache), stacked_backward(cache, k)
    g = np.concatenate([full["d" + n].ravel() for n in PARAMS])
    gk = np.concatenate([trunc["d" + n].ravel() for n in PARAMS])
    cosine = float(g @ gk / max(np.linalg.norm(g) * np.linalg.norm(gk), 1e-300))
    return cosine, float(np.linalg.norm(gk - g) / max(np.linalg.norm(g), 1e-300))


def accuracy(x, y, p):
    """Share of sequences where the seed's model says the right label (o_T > 0.5)."""
    _, cache = stacked_forward(x, y, p)
    return float(np.mean((cache["o"][:, 0] > 0.5) == (np.asarray(y).reshape(-1) > 0.5)))


def train_stacked(x, y, k=None, H=10, epochs=30, batch_size=32, learning_rate=0.01, seed=0):
    """Train the seed's model with Adam, full BPTT (k=None) or truncated to k steps.

    Returns (params, losses): the trained weights and the mean training loss of each epoch.
    """
    x = check_array("x", x, ndim=3, layout="(B, T, D)")
    y = check_array("y", y).reshape(-1)
    epochs = check_positive_int("epochs", epochs)
    batch_size = check_positive_int("batch_size", batch_size)
    rng = np.random.default_rng(check_seed(seed))
    p = init_stacked(x.shape[2], H, seed)
    opt = optim.Adam(learning_rate=learning_rate)
    losses = []
    for _ in range(epochs):
        order, total = rng.permutation(len(x)), 0.0
        for start in range(0, len(x), batch_size):
            idx = order[start:start + batch_size]
            loss, cache = stacked_forward(x[idx], y[idx], p)
            grads = stacked_backward(cache, k)
            opt.update(p, {n: grads["d" + n] for n in PARAMS})
            total += loss * len(idx)
        losses.append(total / len(x))
    return p, losses


def truncation_experiment(x_train, y_train, x_test, y_test, ks, **train_kwargs):
    """Held-out accuracy of the seed's model trained with full BPTT and with each k in `ks`.

    -> {"full": accuracy, k: accuracy, ...}; keyword arguments go to `train_stacked`.
    """
    results = {}
    for k in [None, *ks]:
        p, _ = train_stacked(x_train, y_train, k=k, **train_kwargs)
        results["full" if k is None else k] = accuracy(x_test, y_test, p)
    return results


__all__ = ["PARAMS", "accuracy", "gradient_agreement", "init_stacked", "stacked_backward",
           "stacked_forward", "stacked_gradient_check", "state_gradient_norms", "state_gradients",
           "train_stacked", "truncated_rnn_backward", "truncation_experiment"]
