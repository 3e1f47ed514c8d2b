"""Sequence to sequence with additive attention, from the course's own cells (notebook 11).

    encoder:  h_1 .. h_S = GRU(one-hot source)                 (core.gru.gru_forward)
    decoder:  s_0 = h_S; for t = 1 .. T:
        c_t, α_t = attention(h_1 .. h_S, s_{t-1})                (core.attention, additive)
        s_t = GRU step([one-hot y_{t-1}, c_t], s_{t-1})         (core.gru.gru_step_forward)
        p_t = softmax([s_t, c_t] @ W_o + b_o)                   the next character
    without attention (Cho et al., 2014): c_t = h_S at every step, the whole source in one vector

Training feeds the true previous character y_{t-1} (teacher forcing) and minimises the mean
cross-entropy; decoding (analysis.decoding) feeds the model's own choices instead.
"""

import sys

import numpy as np

from .._validate import check_array, check_positive_int, check_seed, fail
from ..core import optim
from ..core.activations import softmax
from ..core.attention import additive_attention_backward, additive_attention_forward
from ..core.gru import gru_backward, gru_forward, gru_step_backward, gru_step_forward

ATTENTION_PARAMS = ("W_a", "U_a", "b_a", "v")


def init_seq2seq(V_in, V_out, H=32, A=16, attention=True, seed=0):
    """Random weights {We, Ue, be (encoder GRU), Wd, Ud, bd (decoder GRU, input V_out + H),
    W_a, U_a, b_a, v (attention, only with attention=True), W_o (2H, V_out), b_o}."""
    rng = np.random.default_rng(check_seed(seed))
    V_in, V_out = check_positive_int("V_in", V_in), check_positive_int("V_out", V_out)
    H, A = check_positive_int("H", H), check_positive_int("A", A)

    def glorot(n_in, n_out):
        return rng.uniform(-1, 1, (n_in, n_out)) * np.sqrt(6 / (n_in + n_out))

    p = {"We": glorot(V_in, 3 * H), "Ue": glorot(H, 3 * H), "be": np.zeros((2, 3 * H)),
         "Wd": glorot(V_out + H, 3 * H), "Ud": glorot(H, 3 * H), "bd": np.zeros((2, 3 * H)),
         "W_o": glorot(2 * H, V_out), "b_o": np.zeros(V_out)}
    if attention:
        p.update({"W_a": glorot(H, A), "U_a": glorot(H, A), "b_a": np.zeros(A),
                  "v": rng.uniform(-1, 1, A) * np.sqrt(3 / A)})
    return p


def uses_attention(p):
    """True when the weights `p` include the attention's."""
    return all(k in p for k in ATTENTION_PARAMS)


def count_params(p):
    """The number of weights of a model."""
    return int(sum(a.size for a in p.values()))


def encode(p, X):
    """The encoder: X ids (B, S), PAD = 0 -> (h (B, S, H), mask (B, S), cache)."""
    X = np.asarray(X)
    if X.ndim != 2:
        fail("X", "source ids (B, S)", f"shape {X.shape}")
    h, cache = gru_forward(np.eye(p["We"].shape[0])[X], None, p["We"], p["Ue"], p["be"])
    return h, (X != 0).astype(float), cache


def decoder_step(p, h, mask, s, y_prev):
    """One decoder step from state s (B, H) and previous characters y_prev (B,) ids.

    -> (probabilities (B, V_out), s_t (B, H), α_t (B, S) or None, cache)
    """
    V_out = p["W_o"].shape[1]
    if uses_attention(p):
        c, alpha, a_cache = additive_attention_forward(h, s, p["W_a"], p["U_a"], p["b_a"],
                                                       p["v"], mask)
    else:
        c, alpha, a_cache = h[:, -1], None, None          # the last encoder state, always
    inp = np.concatenate([np.eye(V_out)[y_prev], c], axis=1)
    s_t, g_cache = gru_step_forward(inp, s, p["Wd"], p["Ud"], p["bd"])
    sc = np.concatenate([s_t, c], axis=1)
    probs = softmax(sc @ p["W_o"] + p["b_o"])
    return probs, s_t, alpha, {"a": a_cache, "g": g_cache, "sc": sc}


def forward(p, X, Y_in, Y):
    """Teacher forcing: X (B, S) sources, Y_in (B, T) the decoder's inputs (START, y_1 ..
    y_{T-1}), Y (B, T) targets -> (mean cross-entropy, cache)."""
    Y_in, Y = np.asarray(Y_in), np.asarray(Y)
    if Y_in.shape != Y.shape or Y.ndim != 2 or len(Y) != len(X):
        fail("Y_in, Y", f"two arrays of shape ({len(X)}, T)", f"{Y_in.shape}, {Y.shape}")
    h, mask, e_cache = encode(p, X)
    s, steps, loss = h[:, -1], [], 0.0
    for t in range(Y.shape[1]):
        probs, s, alpha, cache = decoder_step(p, h, mask, s, Y_in[:, t])
        loss -= np.mean(np.log(np.maximum(probs[np.arange(len(Y)), Y[:, t]], 1e-12)))
        steps.append({**cache, "probs": probs, "alpha": alpha})
    return loss / Y.shape[1], {"h": h, "e": e_cache, "steps": steps, "Y": Y}


def backward(p, cache):
    """Gradients of `forward`'s loss for every weight in p (BPTT through the decoder's
    steps, the attention and the encoder)."""
    h, Y, steps = cache["h"], cache["Y"], cache["steps"]
    (B, T), H = Y.shape, h.shape[2]
    V_out = p["W_o"].shape[1]
    g = {k: np.zeros_like(v) for k, v in p.items()}
    dh = np.zeros_like(h)                               # ∂L/∂h_1 .. h_S, from every step
    ds_next = np.zeros((B, H))                          # ∂L/∂s_t through step t + 1
    for t in reversed(range(T)):
        st = steps[t]
        dz = st["probs"].copy()
        dz[np.arange(B), Y[:, t]] -= 1.0
        dz /= B * T                                     # softmax + cross-entropy
        g["W_o"] += st["sc"].T @ dz
        g["b_o"] += dz.sum(axis=0)
        dsc = dz @ p["W_o"].T
        gs = gru_step_backward(dsc[:, :H] + ds_next, st["g"])
        for name in ("W", "U", "b"):
            g[name + "d"] += gs["d" + name]
        dc = dsc[:, H:] + gs["dx_t"][:, V_out:]         # the context feeds output and GRU
        ds_next = gs["dh_prev"]
        if st["a"] is None:
            dh[:, -1] += dc
        else:
            ga = additive_attention_backward(dc, st["a"])
            dh += ga["dh"]
            ds_next = ds_next + ga["ds"]                # s_{t-1} also asked the question
            for name in ATTENTION_PARAMS:
                g[name] += ga["d" + name]
    dh[:, -1] += ds_next                                # s_0 = h_S
    ge = gru_backward(dh, cache["e"])
    g["We"], g["Ue"], g["be"] = ge["dW"], ge["dU"], ge["db"]
    return g


def teacher_inputs(Y, start):
    """The decoder's inputs under teacher forcing: START, then the targets shifted by one."""
    Y = np.asarray(Y)
    return np.concatenate([np.full((len(Y), 1), start), Y[:, :-1]], axis=1)


def train(p, X, Y, start, epochs=10, batch_size=64, learning_rate=0.01, seed=0,
          clipnorm=5.0, progress=False):
    """Adam on mini-batches with teacher forcing; p is updated in place. -> loss per epoch.

    progress: a tqdm bar over the epochs, with the last epoch's loss (a label, or True).
    """
    X, Y = np.asarray(X), np.asarray(Y)
    check_array("X", X, ndim=2)
    epochs = check_positive_int("epochs", epochs)
    rng = np.random.default_rng(check_seed(seed))
    opt = optim.Adam(learning_rate=learning_rate, global_clipnorm=clipnorm)
    Y_in = teacher_inputs(Y, start)
    losses, bar = [], None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=epochs, unit="epoch", file=sys.stdout,
                   desc=progress if isinstance(progress, str) else "Training")
    for _ in range(epochs):
        order, total = rng.permutation(len(X)), 0.0
        for i in range(0, len(X), batch_size):
            idx = order[i:i + batch_size]
            loss, cache = forward(p, X[idx], Y_in[idx], Y[idx])
            opt.update(p, backward(p, cache))
            total += loss * len(idx)
        losses.append(total / len(X))
        if bar is not None:
            bar.set_postfix_str(f"loss: {losses[-1]:.4f}", refresh=False)
            bar.update(1)
    if bar is not None:
        bar.close()
    return losses


__all__ = ["ATTENTION_PARAMS", "backward", "count_params", "decoder_step", "encode",
           "forward", "init_seq2seq", "teacher_inputs", "train", "uses_attention"]
