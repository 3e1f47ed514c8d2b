"""The smallest RNN there is: one input, one hidden unit, three numbers w, u, b.

    h_t = tanh(w * x_t + u * h_{t-1} + b),    h_0 = 0

Everything an RNN does with its memory already happens here: with |u| < 1 a small pulse fades
as u**k after k steps (a large one faster: tanh squashes it), with u < 0 the state flips sign
every step, with u > 1 it settles on one of two levels and keeps the sign of what came, and
with large inputs the tanh saturates near ±1. Notebook 01 moves w, u, b with sliders; this
module holds the plain logic the sliders call.
"""

import math

import numpy as np

from .._validate import check_array, check_choice, check_number, check_positive_int, fail
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
    """The small-signal memory of the state near h = 0, in steps: tau = -1 / ln|u|.

    Near 0, tanh(a) ≈ a, so without input h_{t+k} ≈ u**k * h_t: after tau steps a *small*
    memory has shrunk to 1/e (37 %) of its size. A large state fades faster, because tanh
    squashes it (see `fade_steps`). 0 when u = 0 (no memory), inf when |u| >= 1 (no
    exponential decay near 0).
    """
    u = abs(float(check_array("u", u, ndim=0)))
    if u == 0.0:
        return 0.0
    if u >= 1.0:
        return math.inf
    return -1.0 / math.log(u)


def fade_steps(h, level=1 / math.e):
    """The number of steps after h_1 until |h_t| first falls below `level` * |h_1|.

    h: a state h_1 .. h_T after a pulse at t = 1, shape (T,). Between the two steps around the
    crossing the state is taken to fade geometrically (interpolated in log |h|), so for a small
    pulse the result is the time constant -1/ln u. inf if h never falls that low.
    """
    h = np.abs(check_array("h", h, ndim=1, layout="(T,)"))
    level = check_number("level", level, low=0, high=1, low_open=True, high_open=True)
    if h.size == 0 or h[0] == 0:
        fail("h", "a state after a pulse, with h_1 != 0", "h_1 = 0" if h.size else "no steps")
    ratio = h / h[0]
    below = np.flatnonzero(ratio < level)
    if below.size == 0:
        return math.inf
    k = int(below[0])
    if ratio[k] <= 0:
        return float(k)
    before, after = math.log(ratio[k - 1]), math.log(ratio[k])
    return (k - 1) + (before - math.log(level)) / (before - after)


def resting_levels(u, b, steps=2000):
    """Where the state goes with no input, h <- tanh(u * h + b), started from -1 and from +1.

    Returns (low, high): two different values when the unit is bistable (u > 1 and b small:
    the state keeps which side it was on), the same value (up to a slow approach) otherwise.
    """
    u, b = (float(check_array(n, v, ndim=0)) for n, v in (("u", u), ("b", b)))
    h = np.array([-1.0, 1.0])
    for _ in range(check_positive_int("steps", steps)):
        h = np.tanh(u * h + b)
    return float(h[0]), float(h[1])


def _level(value):
    """A state level for a sentence: "+0.86", "-0.37", or "0" (no sign on a rounded zero)."""
    return "0" if abs(value) < 0.005 else f"{value:+.2f}"


def describe(w, u, b, x, h):
    """Name what the state h did with input x, in words a beginner can check on the figure.

    Returns {"regime", "time_constant", "peak", "sign_flips", "levels", "note"}; regime is one
    of "saturates" (|h| reaches 0.95: the tanh is flat there), "oscillates" (u < 0: the
    recurrent term flips the sign every step), "holds" (with no input the state settles on one
    of two levels, `levels`, so it keeps the sign of what came: u > 1 and b small),
    "decays" (a memory fades towards the one resting level; by about u per step when small).
    At u = 1 the state is not held: tanh(h) < h, so it fades slowly, not exponentially.
    """
    x = check_array("x", x, ndim=1, layout="(T,)")
    h = check_array("h", h, shape=x.shape, layout="(T,), like x")
    u, b = float(u), float(b)
    tau = time_constant(u)
    peak = float(np.max(np.abs(h))) if h.size else 0.0
    signs = np.sign(h[np.abs(h) > 1e-3])
    flips = int(np.count_nonzero(signs[1:] != signs[:-1]))
    low, high = resting_levels(u, b)
    bistable = u > 0 and high - low > 0.1
    rest = (low + high) / 2
    memory = ("no memory: u = 0" if tau == 0 else
              f"small-signal time constant -1/ln|u| = {tau:.1f} steps (a larger state fades "
              "faster: tanh squashes it)" if math.isfinite(tau) else
              f"|u| = {abs(u):.2f}: no exponential decay near 0")
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
    elif bistable:
        regime = "holds"
        note = (f"u = {u:.2f} > 1: with no input the state settles at {_level(low)} or "
                f"{_level(high)}, whichever side it is on: it keeps the sign of what came, not "
                "its size")
    elif u > 1:
        regime = "decays"
        note = (f"u = {u:.2f} > 1, but the bias b = {b:.2f} leaves one resting level, "
                f"{_level(rest)}: with no input the state returns there, whatever came")
    elif tau == math.inf:
        regime = "decays"
        note = (f"u = {u:.2f}: near 0 the recurrence alone would keep the state, but tanh "
                f"shrinks it a little every step (tanh(a) < a), so it fades towards "
                f"{_level(rest)} slowly, not exponentially")
    else:
        regime = "decays"
        note = (f"u = {u:.2f}: a memory shrinks by about u each step, towards the resting "
                f"level {_level(rest)}; {memory}")
    return {"regime": regime, "time_constant": tau, "peak": peak, "sign_flips": flips,
            "levels": (low, high), "note": note}


def run(w=1.0, u=0.5, b=0.0, pattern="pulse", T=30, seed=0):
    """Everything the scalar-RNN widget shows: {"x", "h", "w", "u", "b", "pattern"} + describe()."""
    x = input_pattern(pattern, T=T, seed=seed)
    h = simulate(w, u, b, x)
    result = {"x": x, "h": h, "w": float(w), "u": float(u), "b": float(b), "pattern": pattern}
    result.update(describe(w, u, b, x, h))
    return result


__all__ = ["PATTERNS", "describe", "fade_steps", "input_pattern", "resting_levels", "run",
           "simulate", "time_constant"]
