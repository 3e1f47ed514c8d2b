"""The value on every wire of one time step of a SimpleRNN, LSTM or GRU cell (notebook 05).

The cell diagrams (rh.plots.cells) draw a wire for every intermediate value of the equations;
these functions compute those values, one array per wire, from the equations written out
again gate by gate (not by calling the step functions), so that a test, and the notebook, can
assert that they equal `rnn_step_forward`, `lstm_step_forward` and `gru_step_forward`.

    LSTM wires: x_t, h_prev, c_prev, f, i, c_tilde, omega, fc (= f ⊙ c_prev),
                ic (= i ⊙ c~), c_t, tanh_c, h_t             (omega is ω_t, the output gate)
    GRU wires:  x_t, h_prev, z, r, hU_h (= h_prev @ U_h + bᵁ_h), r_hU (= r ⊙ hU_h), h_tilde,
                one_minus_z, keep (= z ⊙ h_prev), new (= (1 - z) ⊙ h~), h_t
    RNN wires:  x_t, h_prev, a_t (= x_t @ W + h_prev @ U + b), h_t
"""

import numpy as np

from .._validate import check_array, fail
from ..core import gru, lstm, rnn

CELLS = ("rnn", "lstm", "gru")


def _sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def _rows(name, v):
    """A (H,) or (B, H) array as (B, H)."""
    v = check_array(name, v, ndim=(1, 2), layout="(D,) or (B, D)")
    return v[None, :] if v.ndim == 1 else v


def _state(name, v, like, H):
    if v is None:
        return np.zeros((like.shape[0], H))
    v = _rows(name, v)
    if v.shape != (like.shape[0], H):
        fail(name, f"shape ({like.shape[0]}, {H}) (batch, H)", f"shape {v.shape}")
    return v


def lstm_wires(x_t, h_prev, c_prev, W, U, b):
    """Every wire of one LSTM step, from the equations gate by gate (Keras' order i, f, c, o).

        f = σ(x_t @ W_f + h_prev @ U_f + b_f)      i = σ(x_t @ W_i + h_prev @ U_i + b_i)
        c~ = tanh(x_t @ W_c + h_prev @ U_c + b_c)  ω = σ(x_t @ W_o + h_prev @ U_o + b_o)
        c_t = f ⊙ c_prev + i ⊙ c~                  h_t = ω ⊙ tanh(c_t)

    x_t (B, D) or (D,), h_prev and c_prev (B, H), (H,) or None, W (D, 4H), U (H, 4H), b (4H,)
    -> {wire name: (B, H) array} (x_t: (B, D)).
    """
    x_t = _rows("x_t", x_t)
    W, U, b, H = lstm.check_weights(W, U, b, D=x_t.shape[1])
    h_prev, c_prev = _state("h_prev", h_prev, x_t, H), _state("c_prev", c_prev, x_t, H)
    W_i, W_f, W_c, W_o = lstm.split_gates(W)
    U_i, U_f, U_c, U_o = lstm.split_gates(U)
    b_i, b_f, b_c, b_o = lstm.split_gates(b)
    f = _sigmoid(x_t @ W_f + h_prev @ U_f + b_f)
    i = _sigmoid(x_t @ W_i + h_prev @ U_i + b_i)
    c_tilde = np.tanh(x_t @ W_c + h_prev @ U_c + b_c)
    omega = _sigmoid(x_t @ W_o + h_prev @ U_o + b_o)
    fc, ic = f * c_prev, i * c_tilde
    c_t = fc + ic
    tanh_c = np.tanh(c_t)
    return {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "f": f, "i": i,
            "c_tilde": c_tilde, "omega": omega, "fc": fc, "ic": ic, "c_t": c_t,
            "tanh_c": tanh_c, "h_t": omega * tanh_c}


def gru_wires(x_t, h_prev, W, U, b):
    """Every wire of one GRU step (Keras' reset_after=True, gate order z, r, h).

        z = σ(x_t @ W_z + b_z + h_prev @ U_z + bᵁ_z)
        r = σ(x_t @ W_r + b_r + h_prev @ U_r + bᵁ_r)
        hU_h = h_prev @ U_h + bᵁ_h;   h~ = tanh(x_t @ W_h + b_h + r ⊙ hU_h)
        h_t = z ⊙ h_prev + (1 - z) ⊙ h~

    x_t (B, D) or (D,), h_prev (B, H), (H,) or None, W (D, 3H), U (H, 3H), b (2, 3H)
    -> {wire name: (B, H) array}.
    """
    x_t = _rows("x_t", x_t)
    W, U, b, H = gru.check_gru_weights(W, U, b, D=x_t.shape[1])
    h_prev = _state("h_prev", h_prev, x_t, H)
    W_z, W_r, W_h = lstm.split_gates(W, "zrh")
    U_z, U_r, U_h = lstm.split_gates(U, "zrh")
    (b_z, b_r, b_h), (bU_z, bU_r, bU_h) = lstm.split_gates(b[0], "zrh"), lstm.split_gates(
        b[1], "zrh")
    z = _sigmoid(x_t @ W_z + b_z + h_prev @ U_z + bU_z)
    r = _sigmoid(x_t @ W_r + b_r + h_prev @ U_r + bU_r)
    hU_h = h_prev @ U_h + bU_h
    r_hU = r * hU_h
    h_tilde = np.tanh(x_t @ W_h + b_h + r_hU)
    keep, new = z * h_prev, (1 - z) * h_tilde
    return {"x_t": x_t, "h_prev": h_prev, "z": z, "r": r, "hU_h": hU_h, "r_hU": r_hU,
            "h_tilde": h_tilde, "one_minus_z": 1 - z, "keep": keep, "new": new,
            "h_t": keep + new}


def rnn_wires(x_t, h_prev, W, U, b):
    """Every wire of one SimpleRNN step: a_t = x_t @ W + h_prev @ U + b, h_t = tanh(a_t).

    x_t (B, D) or (D,), h_prev (B, H), (H,) or None, W (D, H), U (H, H), b (H,)
    -> {"x_t", "h_prev", "a_t", "h_t"}.
    """
    x_t = _rows("x_t", x_t)
    W, U, b = rnn.check_weights(W, U, b, D=x_t.shape[1])
    h_prev = _state("h_prev", h_prev, x_t, W.shape[1])
    a_t = x_t @ W + h_prev @ U + b
    return {"x_t": x_t, "h_prev": h_prev, "a_t": a_t, "h_t": np.tanh(a_t)}


def step_difference(cell, wires, W, U, b):
    """The largest |difference| between the wires' outputs and the core's step function.

    cell "rnn", "lstm" or "gru"; wires from `rnn_wires`, `lstm_wires` or `gru_wires` with
    the same W, U, b. Compares h_t (and c_t for an LSTM) with `rnn_step_forward`,
    `lstm_step_forward` or `gru_step_forward` run on the wires' x_t, h_prev (c_prev); every
    gate of the LSTM and GRU too. -> a float (0.0 up to rounding when they agree).
    """
    if cell not in CELLS:
        fail("cell", f"one of {CELLS}", repr(cell))
    x_t, h_prev = wires["x_t"], wires["h_prev"]
    if cell == "rnn":
        h_t, _ = rnn.rnn_step_forward(x_t, h_prev, W, U, b)
        pairs = [(wires["h_t"], h_t)]
    elif cell == "lstm":
        h_t, c_t, cache = lstm.lstm_step_forward(x_t, h_prev, wires["c_prev"], W, U, b)
        pairs = [(wires["h_t"], h_t), (wires["c_t"], c_t), (wires["f"], cache["f"]),
                 (wires["i"], cache["i"]), (wires["c_tilde"], cache["c_tilde"]),
                 (wires["omega"], cache["o"])]
    else:
        h_t, cache = gru.gru_step_forward(x_t, h_prev, W, U, b)
        pairs = [(wires["h_t"], h_t), (wires["z"], cache["z"]), (wires["r"], cache["r"]),
                 (wires["h_tilde"], cache["h_tilde"])]
    return float(max(np.max(np.abs(np.asarray(a) - np.asarray(c))) for a, c in pairs))


def small_lstm(D=1, H=2, seed=0, scale=1.0):
    """Seeded small LSTM weights for the step widget: W (D, 4H), U (H, 4H), b (4H,).

    Entries ~ scale · N(0, 1), the forget gate's bias + 1 (as Keras' unit_forget_bias).
    """
    if isinstance(D, bool) or not isinstance(D, (int, np.integer)) or D < 1:
        fail("D", "a positive integer", repr(D))
    if isinstance(H, bool) or not isinstance(H, (int, np.integer)) or H < 1:
        fail("H", "a positive integer", repr(H))
    rng = np.random.default_rng(seed)
    W = scale * rng.standard_normal((D, 4 * H))
    U = scale * rng.standard_normal((H, 4 * H))
    b = scale * rng.standard_normal(4 * H) * 0.5
    b[H:2 * H] += 1.0
    return W, U, b


def lstm_sequence_wires(x, W, U, b):
    """`lstm_wires` for t = 1 .. T of one sequence x (T, D), each step's h_t and c_t carried
    to the next (h_0 = c_0 = 0). -> a list of T wire dicts, each array of batch size 1."""
    x = check_array("x", x, ndim=2, layout="(T, D)")
    steps, h, c = [], None, None
    for x_t in x:
        wires = lstm_wires(x_t, h, c, W, U, b)
        h, c = wires["h_t"], wires["c_t"]
        steps.append(wires)
    return steps


__all__ = ["CELLS", "gru_wires", "lstm_sequence_wires", "lstm_wires", "rnn_wires",
           "small_lstm", "step_difference"]
