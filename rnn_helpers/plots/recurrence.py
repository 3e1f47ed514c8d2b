"""Figures of the scalar RNN h_t = tanh(w x_t + u h_{t-1} + b) and of its activation.

Maths in titles, labels and legends is mathtext ($h_{t-1}$) or plain Unicode (τ, −), never raw
TeX; time axes tick at whole steps only."""

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..core import activations, scalar_rnn
from .style import legend_outside, new_figure

_X_COLOUR = "#7570b3"
_H_COLOUR = "#1b9e77"


def integer_time_ticks(ax):
    """Ticks only at whole time steps (1, 2, ...): t = 2.5 is not a step."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _input_limits(x):
    top = max(1.0, float(np.max(np.abs(x))) if len(x) else 1.0)
    return -1.15 * top, 1.15 * top


def plot_scalar_rnn(x, h, title=None):
    """Input x_t (top) and hidden state h_t (bottom) of a scalar RNN against the time step.

    x, h: shape (T,). The dashed lines at ±1 are where tanh saturates. The two lines carry
    gid "x" and "h" so a widget can move them without redrawing the figure.
    """
    t = np.arange(1, len(x) + 1)
    fig, (ax_x, ax_h) = new_figure(2, 1, figsize=(8.0, 4.8), sharex=True,
                                   gridspec_kw={"height_ratios": [1, 2]})
    ax_x.step(t, x, where="mid", color=_X_COLOUR, label="input $x_t$", gid="x")
    ax_x.set_ylim(*_input_limits(x))
    ax_x.set_ylabel("$x_t$")
    legend_outside(ax_x)
    for level in (-1.0, 1.0):
        ax_h.axhline(level, color="grey", linestyle="--", linewidth=1)
    ax_h.axhline(0.0, color="black", linewidth=0.8)
    ax_h.plot(t, h, "o-", color=_H_COLOUR, markersize=4, label="hidden state $h_t$", gid="h")
    ax_h.set_ylim(-1.1, 1.1)
    ax_h.set_xlim(0.5, len(x) + 0.5)
    integer_time_ticks(ax_h)
    ax_h.set_xlabel("time step t")
    ax_h.set_ylabel("$h_t$ (tanh: between −1 and 1)")
    legend_outside(ax_h)
    ax_x.set_title(title or r"A scalar RNN: $h_t = \tanh(w\,x_t + u\,h_{t-1} + b)$")
    return fig


def update_scalar_rnn(fig, x, h, title):
    """Move the lines of a `plot_scalar_rnn` figure to new x, h (same T) and retitle it."""
    ax_x, ax_h = fig.axes
    for ax, values in ((ax_x, x), (ax_h, h)):
        line = next(line for line in ax.lines if line.get_gid() in ("x", "h"))
        line.set_ydata(values)
    ax_x.set_ylim(*_input_limits(x))
    ax_x.set_title(title)
    return fig


REGIME_EXAMPLES = (
    # (title, w, u, b, pattern)
    ("decays: 0 < u < 1", 1.0, 0.7, 0.0, "pulse"),
    ("oscillates: u < 0", 1.0, -0.7, 0.0, "pulse"),
    ("holds: u > 1", 1.0, 1.5, 0.0, "pulse"),
    ("saturates: large w", 4.0, 0.5, 0.0, "step"),
)


def plot_regimes(T=20):
    """Four small panels: the scalar RNN decaying, oscillating, holding and saturating."""
    fig, axes = new_figure(2, 2, figsize=(10.0, 5.6), sharex=True, sharey=True)
    for ax, (name, w, u, b, pattern) in zip(axes.flat, REGIME_EXAMPLES, strict=True):
        result = scalar_rnn.run(w, u, b, pattern=pattern, T=T)
        t = np.arange(1, T + 1)
        ax.step(t, np.clip(result["x"], -1.1, 1.1), where="mid", color=_X_COLOUR, alpha=0.6,
                label=f"input $x_t$ ({pattern})")
        ax.plot(t, result["h"], "o-", color=_H_COLOUR, markersize=3, label="$h_t$")
        integer_time_ticks(ax)
        ax.axhline(0.0, color="black", linewidth=0.8)
        ax.set_title(f"{name}  (w={w:g}, u={u:g}, b={b:g})", fontsize=12)
        ax.set_ylim(-1.15, 1.15)
        ax.legend(loc="lower right", fontsize=9)
    for ax in axes[1]:
        ax.set_xlabel("time step t")
    for ax in axes[:, 0]:
        ax.set_ylabel("value")
    fig.suptitle("Four things one hidden unit can do with a pulse or a step")
    return fig


MEMORY_PULSE = 0.02   # small enough that tanh(a) ≈ a: the memory fades exactly as u**k


def plot_memory(us=(0.3, 0.6, 0.9, 0.97), T=40, pulse=MEMORY_PULSE, large=(0.9, 0.97)):
    """How long a pulse is remembered: h_t / h_1 after a pulse x_1 at t = 1 (w = 1, b = 0).

    Solid: a small pulse x_1 = `pulse`, where tanh is almost linear, so h_{1+k} = u**k h_1 and
    the curve reaches 1/e after the time constant tau = -1/ln u steps (the legend; a dot marks
    it on the curve). Dashed, for each u in `large`: a pulse x_1 = 1, which tanh squashes, so
    it fades sooner than tau says: tau is the small-signal limit.
    """
    fig, ax = new_figure(figsize=(8.0, 4.4))
    t = np.arange(1, T + 1)
    level = 1 / np.e
    for i, u in enumerate(us):
        colour = f"C{i}"
        h = scalar_rnn.simulate(1.0, u, 0.0, scalar_rnn.input_pattern("pulse", T=T, start=1,
                                                                      amplitude=pulse))
        tau = scalar_rnn.time_constant(u)
        ax.plot(t, h / h[0], "o-", color=colour, markersize=3, gid=f"small {u:g}",
                label=f"u = {u:g}, pulse {pulse:g}: τ = {tau:.1f} steps")
        if 1 + tau <= T:
            ax.plot([1 + tau], [level], "o", color=colour, markersize=8, markerfacecolor="none")
        if u in large:
            big = scalar_rnn.simulate(1.0, u, 0.0, scalar_rnn.input_pattern("pulse", T=T, start=1))
            steps = scalar_rnn.fade_steps(big)
            ax.plot(t, big / big[0], "--", color=colour, linewidth=1.4, gid=f"large {u:g}",
                    label=f"u = {u:g}, pulse 1: 1/e after {steps:.1f} steps")
    ax.axhline(level, color="grey", linestyle=":", linewidth=1.2, label="1/e of $h_1$")
    integer_time_ticks(ax)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("time step t (the pulse $x_1$ comes at t = 1)")
    ax.set_ylabel(r"$h_t\,/\,h_1$: the share of the memory left")
    ax.set_title("A small pulse fades as $u^k$, down to 1/e after τ = −1/ln u steps;\n"
                 "a large one (dashed) fades sooner: τ is the small-signal limit")
    ax.legend(loc="upper right", fontsize=9)
    return fig


def plot_tanh_vs_sigmoid():
    """tanh and sigmoid (left) and their derivatives (right): 1 vs 0.25 at the top."""
    a = np.linspace(-5, 5, 201)
    fig, (ax_f, ax_d) = new_figure(1, 2, figsize=(10.0, 4.0))
    th, sg = activations.tanh(a), activations.sigmoid(a)
    ax_f.plot(a, th, label="tanh(a): between −1 and 1, tanh(0) = 0")
    ax_f.plot(a, sg, label="sigmoid(a): between 0 and 1, sigmoid(0) = 0.5")
    ax_f.set_title("The activations")
    ax_f.set_xlabel("pre-activation a")
    ax_f.set_ylabel("f(a)")
    ax_f.set_ylim(-1.15, 1.5)
    ax_f.legend(loc="upper left", fontsize=9)
    ax_d.plot(a, activations.dtanh(th), label="tanh′(a) = 1 − tanh²(a), at most 1")
    ax_d.plot(a, activations.dsigmoid(sg), label="sigmoid′(a) = s (1 − s), at most 0.25")
    ax_d.set_title("Their slopes: what backpropagation multiplies by")
    ax_d.set_xlabel("pre-activation a")
    ax_d.set_ylabel("f′(a)")
    ax_d.set_ylim(0, 1.3)
    ax_d.legend(loc="upper left", fontsize=9)
    return fig


__all__ = ["MEMORY_PULSE", "REGIME_EXAMPLES", "integer_time_ticks", "plot_memory", "plot_regimes",
           "plot_scalar_rnn", "plot_tanh_vs_sigmoid", "update_scalar_rnn"]
