"""Figures of gradient flow: how large ∂h_T/∂h_t or ∂L/∂h_t is at each time step, on a log scale."""

import numpy as np
from matplotlib.patches import FancyArrowPatch
from matplotlib.ticker import FuncFormatter, NullLocator

from .._validate import check_array, check_positive_int, fail
from .style import legend_outside, new_figure
from .training import log_limits

JACOBIAN_LABEL = "‖∂h_T/∂h_t‖ (log scale)"


def _curves(norms):
    """{label: 1-D array} from an array, a dict of arrays, or a `gradflow.jacobian_flow` dict."""
    if isinstance(norms, dict):
        if not norms:
            fail("norms", "a non-empty dict {label: norms}", "an empty dict")
        return {str(k): check_array(f"norms[{k!r}]", v, ndim=1, finite=False)
                for k, v in norms.items()}
    return {None: check_array("norms", norms, ndim=1, finite=False)}


def flow_title(flow):
    """The title of a `gradflow.jacobian_flow` figure: activation, ρ(U) and σ_max(U)."""
    return (f"Back from step T = {flow['T']}: {flow['activation']}, ρ(U) = {flow['radius']:.2f}, "
            f"σ_max(U) = {flow['sigma_max']:.2f}")


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _decade_label(value, pos=None):
    """10⁻⁴ for a power of ten, nothing otherwise: plain text, quicker to draw than mathtext."""
    if value <= 0:
        return ""
    exponent = np.log10(value)
    if abs(exponent - round(exponent)) > 1e-9:
        return ""
    return "10" + str(int(round(exponent))).translate(_SUPERSCRIPT)


def _positive(values):
    """Values for a log axis: zeros (nothing got through) become gaps instead of warnings."""
    return np.where(values > 0, values, np.nan)


def gradient_flow(norms, t=None, bound=None, title=None, ylabel=JACOBIAN_LABEL, ylim=None,
                  xlim=None, ax=None):
    """Gradient norms against the time step, on a log scale.

    norms : one array of norms, a dict {label: norms} (one line each), or the dict returned
            by `rh.gradflow.jacobian_flow` (its norms, bound and title are used)
    t     : the time steps of the values (default 0, 1, 2, ...)
    bound : optional array drawn dashed, e.g. (γ σ_max(U)) ** (T - t)
    ylim, xlim : fixed limits of the axes (a widget keeps them still); default: fit the data
    ax    : draw into this Axes instead of a new figure
    Returns the Figure. Values that are 0 (a ReLU that switched every unit off) are not drawn.
    """
    bound_label = "bound (γ σ_max(U))^(T−t)"
    if isinstance(norms, dict) and "norms" in norms and "t" in norms:
        flow = norms
        norms, t = flow["norms"], flow["t"]
        bound = flow.get("bound") if bound is None else bound
        if title is None:
            title = flow_title(flow)
    curves = _curves(norms)
    length = len(next(iter(curves.values())))
    for label, values in curves.items():
        if len(values) != length:
            fail(f"norms[{label!r}]", f"{length} values like the first curve",
                  f"{len(values)}")
    t = np.arange(length) if t is None else check_array("t", t, shape=(length,))
    if ax is None:
        fig, ax = new_figure()
    else:
        fig = ax.figure
    for label, values in curves.items():
        ax.plot(t, _positive(values), marker="o", markersize=3,
                label=label if label is not None else "measured", gid=label or "measured")
    if bound is not None:
        bound = check_array("bound", bound, shape=(length,), finite=False)
        ax.plot(t, _positive(bound), linestyle="--", color="0.4", label=bound_label,
                gid="bound")
    ax.axhline(1.0, color="0.6", linewidth=1, linestyle=":")
    ax.set_xlim(*(xlim if xlim is not None else (-0.05 * t[-1], 1.05 * t[-1])))
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(_decade_label))
    ax.yaxis.set_minor_locator(NullLocator())
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_xlabel("time step t")
    ax.set_ylabel(ylabel)
    ax.set_title(title or "Gradient norm at each time step")
    if len(curves) > 1 or bound is not None or None not in curves:
        ax.legend()
    return fig


VANISHED = 1e-16
"""Below this, a gradient has vanished for every practical purpose (float64 resolves about
1e-16 of a sum): `flow_limits` never goes lower."""


def flow_limits(flow, floor=VANISHED, ceiling=1e20):
    """The axis limits that fit a `gradflow.jacobian_flow` result: ((x0, x1), (y0, y1)).

    x: t from 0 to T, with a 5 % margin on each side. y: whole decades around the measured
    norms and the bound, never below `floor` (what is smaller has vanished and leaves the
    panel at the bottom), never above `ceiling`, and at least 10^-2 .. 10^2 around 1.
    """
    T = check_positive_int("T", flow["T"])
    values = np.concatenate([np.asarray(flow["norms"], dtype=float),
                             np.asarray(flow.get("bound", flow["norms"]), dtype=float)])
    values = values[np.isfinite(values) & (values > 0)]
    low = np.log10(max(values.min(), floor)) if values.size else 0.0
    high = np.log10(min(values.max(), ceiling)) if values.size else 0.0
    low, high = min(np.floor(low), -2.0), max(np.ceil(high), 2.0)
    return (-0.05 * T, 1.05 * T), (10.0**low, 10.0**high)


def update_gradient_flow(fig, flow, keep_xlim=False):
    """Put a new `gradflow.jacobian_flow` result into a Figure made by `gradient_flow(flow)`.

    Moves the lines, the title and, when T changed (unless keep_xlim), the horizontal limits;
    nothing is drawn. Returns True when the limits changed (the axes must be drawn again).
    """
    ax = fig.axes[0]
    lines = {line.get_gid(): line for line in ax.lines}
    lines["measured"].set_data(flow["t"], _positive(flow["norms"]))
    if "bound" in lines:
        lines["bound"].set_data(flow["t"], _positive(flow["bound"]))
    ax.title.set_text(flow_title(flow))
    if keep_xlim:
        return False
    limits = (-0.05 * flow["T"], 1.05 * flow["T"])
    if ax.get_xlim() != limits:
        ax.set_xlim(*limits)
        return True
    return False


def gradient_norms(runs, title=None, per_epoch=None, stopped=()):
    """The size of every gradient a training run took, update by update, on a log scale.

    runs     : {label: list of norms}, e.g. from `gradflow.record_gradient_norms`: one line
               each, on one axis (a run shorter than the longest gets a cross: it was stopped);
               or {panel title: {part label: list of norms}}, e.g. parts of
               `gradflow.record_weight_gradient_norms`: one panel each, with its own axes, one
               line per part (a run that blew up to 1e150 does not flatten one that stayed
               near 1, and a panel may zoom on the first updates of a run).
    per_epoch: optional number of updates per epoch, to mark the epochs on the axis
    stopped  : the panel titles whose run was stopped early (fit's NaN guard): each line that
               is still non-zero gets a cross at its last update
    A gradient that is exactly 0 cannot sit on a log axis: it is marked with a tick on the
    bottom edge. Returns the Figure.
    """
    if not isinstance(runs, dict) or not runs:
        fail("runs", "a non-empty dict {label: list of gradient norms}", repr(runs)[:80])
    nested = all(isinstance(v, dict) for v in runs.values())
    panels = ({str(k): _curves(v) for k, v in runs.items()} if nested
              else {title: _curves(runs)})
    stopped = set(stopped)
    if not stopped <= set(panels):
        fail("stopped", f"panel titles among {sorted(panels, key=str)}", sorted(stopped))
    longest = max(len(v) for curves in panels.values() for v in curves.values())
    fig, axes = new_figure(1, len(panels), squeeze=False, figsize=(8.0, 4.0) if len(panels) == 1
                           else (4.6 * len(panels), 4.2))
    for ax, (panel, curves) in zip(axes[0], panels.items(), strict=True):
        for i, (label, values) in enumerate(curves.items()):
            steps = np.arange(1, len(values) + 1)
            ax.plot(steps, _positive(values), color=f"C{i}", linewidth=1.2, label=label)
            ended = (len(values) < longest) if not nested else (panel in stopped)
            if ended and len(values) and values[-1] > 0:
                ax.plot(steps[-1], values[-1], marker="X", markersize=12, color=f"C{i}",
                        linestyle="none", label=f"{label}: stopped")
        log_limits(ax, list(curves.values()))   # log scale, limits set by hand
        low, high = np.log10(ax.get_ylim())
        for i, (label, values) in enumerate(curves.items()):
            zero = np.flatnonzero(values == 0) + 1
            if zero.size:
                ax.plot(zero, np.full(zero.size, 10 ** (low + 0.02 * (high - low))),
                        marker="|", markersize=9, color=f"C{i}", linestyle="none",
                        label=f"{label}: exactly 0")
        ax.set_xlabel("update (batch)" if not per_epoch
                      else f"update (batch); {per_epoch} updates per epoch")
        ax.set_ylabel("‖gradient‖ before clipping (log scale)")
        ax.set_title(panel if nested else (title or "Gradient size at each update"))
        ax.legend(fontsize=8 if nested else None)
    if nested and title:
        fig.suptitle(title)
    return fig


def layer_gradients(full, truncated=None, k=None, title=None):
    """‖∂L/∂h_t‖ at each step t = 1 .. T of each layer, on a log scale (notebook 03).

    full      : {layer: (T,) norms} with full BPTT, e.g. `rh.bptt.state_gradient_norms`: lines
    truncated : the same with truncated BPTT (optional): rings at its non-zero steps, a tick on
                the bottom edge at the steps where it is exactly 0; k names it in the legend
    Returns the Figure.
    """
    full = _curves(full)
    truncated = {} if truncated is None else _curves(truncated)
    T = len(next(iter(full.values())))
    for label, values in [*full.items(), *truncated.items()]:
        if len(values) != T:
            fail(f"norms[{label!r}]", f"{T} values, one per step", f"{len(values)}")
    if not any(np.any(v > 0) for v in full.values()):
        fail("full", "norms with some value above 0 (a log scale)", "only zeros")
    fig, ax = new_figure()
    t = np.arange(1, T + 1)
    for i, (label, values) in enumerate(full.items()):
        ax.plot(t, _positive(values), marker="o", markersize=4, color=f"C{i}",
                label=f"{label}, full BPTT")
    log_limits(ax, [*full.values(), *truncated.values()])
    low, high = np.floor(np.log10(ax.get_ylim()[0])), np.ceil(np.log10(ax.get_ylim()[1]))
    ax.set_ylim(10**low, 10**high)                  # whole decades: every end is labelled
    ax.set_yticks(10.0 ** np.arange(low, high + 1))
    shift = 0.08 * (np.arange(len(truncated)) - (len(truncated) - 1) / 2)   # ticks side by side
    for i, (label, values) in enumerate(truncated.items()):
        name = f"{label}, k = {k}" if k is not None else f"{label}, truncated"
        ax.plot(t, _positive(values), linestyle="none", marker="o", markersize=11,
                markerfacecolor="none", markeredgewidth=1.5, color=f"C{i}", label=name)
        zero = t[values == 0]
        if zero.size:
            ax.plot(zero + shift[i], np.full(zero.size, 10 ** (low + 0.03 * (high - low))),
                    marker="|", markersize=12, markeredgewidth=2, color=f"C{i}",
                    linestyle="none", label=f"{name}: exactly 0")
    ax.yaxis.set_major_formatter(FuncFormatter(_decade_label))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_xlim(0.5, T + 0.5)
    ax.set_xticks(t)
    ax.set_xlabel("time step t")
    ax.set_ylabel("‖∂L/∂h_t‖ (log scale)")
    ax.set_title(title or "The gradient reaching each step of each layer")
    legend_outside(ax, fontsize=9)
    return fig


def bptt_paths(T=5, t=3, title=None):
    """The unrolled graph with the two backward paths into h_t drawn in red.

        ∂L/∂h_t = ∂L_t/∂h_t (down from o_t)  +  ∂L/∂h_{t+1} · ∂h_{t+1}/∂h_t (back from h_{t+1})

    T steps, t in 1 .. T (at t = T only the path from o_T exists). Returns the Figure.
    """
    from .unrolled import plot_unrolled, unrolled_layout

    T = check_positive_int("T", T)
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 1 <= t <= T:
        fail("t", f"a step in 1 .. {T}", repr(t))
    fig = plot_unrolled(T, title=title or f"Backpropagation through time: the paths into h{t}"
                        .translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")))
    ax = fig.axes[0]
    nodes, _ = unrolled_layout(T)
    red = "#d62728"
    (xh, yh), (xo, yo) = nodes[("h", t)], nodes[("o", t)]
    ax.add_patch(FancyArrowPatch((xo + 0.28, yo - 0.2), (xh + 0.28, yh + 0.2), arrowstyle="-|>",
                                 mutation_scale=16, color=red, linewidth=2.6))
    sub = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
    ax.text(xh + 0.36, (yh + yo) / 2 + 0.02, f"1: from o{str(t).translate(sub)}\n(·W′ᵀ)",
            color=red, ha="left", va="center", fontsize=9)
    if t < T:
        xn, yn = nodes[("h", t + 1)]
        ax.add_patch(FancyArrowPatch((xn - 0.36, yn - 0.12), (xh + 0.36, yh - 0.12),
                                     arrowstyle="-|>", mutation_scale=16, color=red,
                                     linewidth=2.6))
        ax.text((xh + xn) / 2, yh - 0.3, f"2: from h{str(t + 1).translate(sub)} (·Uᵀ)",
                color=red, ha="center", va="center", fontsize=9)
    return fig
