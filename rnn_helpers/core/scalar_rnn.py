"""The smallest RNN there is: one input, one hidden unit, three numbers w, u, b.

    h_t = tanh(w * x_t + u * h_{t-1} + b),    h_0 = 0

Everything an RNN does with its memory already happens here: with |u| < 1 a pulse fades
(roughly as u**k after k steps), with u < 0 the state flips sign every step, and with large
inputs or |u| > 1 the tanh saturates near ±1. Notebook 01 moves w, u, b with sliders; this
module holds the plain logic the sliders call.
"""

import math

import numpy as np

from .._validate import check_array, check_choice, check_positive_int, fail
from . import activations

PATTERNS = ("pulse", "step", "noise")


def input_pattern(kind="pulse", T=30, start=3, amplitude=1.0, seed=0):
    """An input sequence x_1 .. x_T of one of three shapes.

    "pulse": amplitude at step `start`, 0 elsewhere (tests memory: how long is it felt?)
    "step" : 0 before `start`, amplitude from then on (tests where the state settles)
    "noise": seeded normal noise with standard deviation `amplitude` (same seed, same noise)

    `start` is 1-based like the seed's x_1 .. x_T. Returns x of shape (T,).
    """
    check_choice("kind", kind, PATTERNS)
    T = check_positive_int("T", T)
    if isinstance(start, bool) or not isinstance(start, (int, np.integer)) or not 1 <= start <= T:
        fail("start", f"an integer step in 1 .. T = 1 .. {T}", repr(start))
    amplitude = float(check_array("amplitude", amplitude, ndim=0))
    x = np.zeros(T)
    if kind == "pulse":
        x[start - 1] = amplitude
    elif kind == "step":
        x[start - 1:] = amplitude
    else:
        x = amplitude * np.random.default_rng(seed).standard_normal(T)
    return x


def simulate(w, u, b, x, h0=0.0, activation="tanh"):
    """Run the scalar RNN over the inputs x_1 .. x_T.

        h_t = tanh(w * x_t + u * h_{t-1} + b)     for t = 1 .. T

    w, u, b, h0 are numbers; x has shape (T,). Returns h_1 .. h_T, shape (T,).
    """
    w, u, b, h0 = (float(check_array(n, v, ndim=0)) for n, v in
                   (("w", w), ("u", u), ("b", b), ("h0", h0)))
    x = check_array("x", x, ndim=1, layout="(T,)")
    f = activations.get(activation).f
    h = np.empty(len(x))
    h_prev = h0
    for t, x_t in enumerate(x):
        h_prev = float(f(w * x_t + u * h_prev + b))
        h[t] = h_prev
    return h


def time_constant(u):
    """Memory of the state near h = 0, in steps: tau = -1 / ln|u|.

    Near 0, tanh(a) ≈ a, so without input h_{t+k} ≈ u**k * h_t: after tau steps a memory has
    shrunk to 1/e (37 %) of its size. 0 when u = 0 (no memory), inf when |u| >= 1 (no decay).
    """
    u = abs(float(check_array("u", u, ndim=0)))
    if u == 0.0:
        return 0.0
    if u >= 1.0:
        return math.inf
    return -1.0 / math.log(u)


def describe(w, u, b, x, h):
    """Name what the state h did with input x, in words a beginner can check on the figure.

    Returns {"regime", "time_constant", "peak", "sign_flips", "note"}; regime is one of
    "saturates" (|h| reaches 0.95: the tanh is flat there), "oscillates" (u < 0: the recurrent
    term flips the sign every step), "holds" (|u| >= 1: nothing pulls the state back to b's
    level), "decays" (0 <= u < 1: a memory fades by a factor u per step).
    """
    x = check_array("x", x, ndim=1, layout="(T,)")
    h = check_array("h", h, shape=x.shape, layout="(T,), like x")
    u = float(u)
    tau = time_constant(u)
    peak = float(np.max(np.abs(h))) if h.size else 0.0
    signs = np.sign(h[np.abs(h) > 1e-3])
    flips = int(np.count_nonzero(signs[1:] != signs[:-1]))
    memory = ("no memory: u = 0" if tau == 0 else
              "the state never fades (|u| ≥ 1)" if math.isinf(tau) else
              f"time constant -1/ln|u| = {tau:.1f} steps")
    if peak >= 0.95:
        regime = "saturates"
        note = (f"|h| reaches {peak:.2f}: tanh is flat near ±1, so larger inputs barely move "
                f"the state; {memory}")
        if u < 0:
            note += "; u < 0 also flips its sign every step"
    elif u < 0:
        regime = "oscillates"
        note = (f"u = {u:.2f} < 0 flips the sign of the memory every step "
                f"({flips} sign changes); {memory}")
    elif math.isinf(tau):
        regime = "holds"
        note = f"u = {u:.2f}: {memory}; tanh keeps it inside (-1, 1)"
    else:
        regime = "decays"
        note = f"u = {u:.2f}: a memory shrinks by u each step; {memory}"
    return {"regime": regime, "time_constant": tau, "peak": peak, "sign_flips": flips,
            "note": note}


def run(w=1.0, u=0.5, b=0.0, pattern="pulse", T=30, seed=0):
    """Everything the scalar-RNN widget shows: {"x", "h", "w", "u", "b", "pattern"} + describe()."""
    x = input_pattern(pattern, T=T, seed=seed)
    h = simulate(w, u, b, x)
    result = {"x": x, "h": h, "w": float(w), "u": float(u), "b": float(b), "pattern": pattern}
    result.update(describe(w, u, b, x, h))
    return result


__all__ = ["PATTERNS", "describe", "input_pattern", "run", "simulate", "time_constant"]
