"""Figures of notebook 09: the peaks task (one direction or two), the motifs of the CRNN demo,
the held-out accuracy of the same model with each recurrent cell, and the parallel scan against
the loop."""

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..core import linear_rnn
from .style import legend_outside, new_figure

_BAR = "#7570b3"
_MARK = "#d95f02"

_UNI = "#7570b3"
_BI = "#1b9e77"
_TRUE = "#d95f02"


def plot_peaks(x, y_true, p_uni=None, p_bi=None, title=None):
    """One sequence of the peaks task: x_t with its true peaks (top), and each model's
    probability that step t is a peak (bottom).

    x, y_true (T,); p_uni, p_bi None or (T,) probabilities.
    """
    x, y_true = np.ravel(x), np.ravel(y_true)
    t = np.arange(1, len(x) + 1)
    fig, (ax_x, ax_p) = new_figure(2, 1, figsize=(9.0, 5.0), sharex=True)
    ax_x.plot(t, x, "o-", color="grey", markersize=4, label="$x_t$")
    peaks = y_true > 0.5
    ax_x.plot(t[peaks], x[peaks], "o", color=_TRUE, markersize=9, label="true peak")
    ax_x.set_ylim(-0.05, 1.35)
    ax_x.set_ylabel("$x_t$")
    ax_x.legend(loc="upper right", ncol=2)
    ax_p.bar(t[peaks], np.ones(peaks.sum()), color=_TRUE, alpha=0.15, width=0.9,
             label="true peak")
    for p, colour, name in ((p_uni, _UNI, "unidirectional"), (p_bi, _BI, "bidirectional")):
        if p is not None:
            ax_p.plot(t, np.ravel(p), "o-", color=colour, markersize=4, label=name)
    ax_p.axhline(0.5, color="black", linewidth=0.8, linestyle="--")
    ax_p.set_ylim(0, 1.4)
    ax_p.set_yticks([0.0, 0.5, 1.0])
    ax_p.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax_p.set_xlabel("time step t")
    ax_p.set_ylabel("P(peak at t)")
    ax_p.legend(loc="upper right", ncol=3, fontsize=10)
    ax_x.set_title(title or "Is $x_t$ a peak? It depends on $x_{t+1}$, which lies in the future")
    return fig


def plot_motifs(X, y, shapes, names, title=None):
    """The CRNN task: the clean shapes (left) and one noisy sequence of each class (right).

    X (n, T, 1), y (n,) class ids; shapes (C, L); names (C,) the class names.
    """
    fig, (ax_s, ax_x) = new_figure(1, 2, figsize=(10.0, 3.8),
                                   gridspec_kw={"width_ratios": [1, 3]})
    colours = ("#1b9e77", "#d95f02", "#7570b3")
    for c, shape in enumerate(shapes):
        steps = np.arange(1, len(shape) + 1)
        ax_s.plot(steps, shape + 3.0 * c, "o-", color=colours[c])
        i = int(np.flatnonzero(np.asarray(y) == c)[0])
        ax_x.plot(np.arange(1, X.shape[1] + 1), X[i, :, 0] + 3.0 * c, color=colours[c],
                  linewidth=1.5)
    for ax in (ax_s, ax_x):
        ax.set_yticks(3.0 * np.arange(len(names)), list(names))
    ax_s.set_xlabel("step in the shape")
    ax_s.set_ylabel("value (each row shifted by 3)")
    ax_s.set_title("The shapes")
    ax_x.set_xlabel("time step t")
    ax_x.set_ylabel("$x_t$")
    ax_x.set_title(title or "One noisy sequence of each class: where is the shape?")
    return fig


def plot_scan(h_loop, h_scan, units=3, T_max=4096, title=None):
    """Left: a few units of h_t by the loop (lines) and by the scan (dots): the same states.
    Right: sequential rounds against the length T: T for the loop, ceil(log2 T) for the scan.

    h_loop, h_scan (T, H), one sequence.
    """
    fig, (ax_h, ax_d) = new_figure(1, 2, figsize=(11.0, 4.0))
    t = np.arange(1, len(h_loop) + 1)
    colours = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a")
    for j in range(min(units, h_loop.shape[1])):
        c = colours[j % len(colours)]
        ax_h.plot(t, h_loop[:, j], color=c, label=f"unit {j + 1}, loop")
        ax_h.plot(t, h_scan[:, j], "o", color=c, markersize=4, markerfacecolor="none",
                  label=f"unit {j + 1}, scan")
    ax_h.set_xlabel("time step t")
    ax_h.set_ylabel("$h_t$")
    ax_h.set_title("The same states, two ways")
    ax_h.legend(fontsize=8, ncol=2)
    Ts = 2 ** np.arange(1, int(np.log2(T_max)) + 1)
    ax_d.loglog(Ts, Ts, "o-", color=_UNI, base=2, label="loop: T rounds")
    ax_d.loglog(Ts, [linear_rnn.scan_depth(T) for T in Ts], "s-", color=_BI, base=2,
                label="scan: ceil(log2 T) rounds")
    ax_d.set_xlabel("sequence length T (log scale)")
    ax_d.set_ylabel("sequential rounds (log scale)")
    ax_d.set_title("Rounds that must wait for each other")
    ax_d.legend()
    fig.suptitle(title or "A linear recurrence by a loop and by a parallel scan")
    return fig


__all__ = ["plot_motifs", "plot_peaks", "plot_scan"]



def attention_heatmap(alpha, markers=None, title=None, max_rows=12):
    """Attention weights α_t of several sequences as a heatmap (one row per sequence).

    alpha (n, T); markers None or (n,) ints: the step that matters in each row, outlined.
    Only the first `max_rows` rows are drawn.
    """
    alpha = np.asarray(alpha)[:max_rows]
    n, T = alpha.shape
    fig, ax = new_figure(figsize=(9.0, 0.4 * n + 1.8))
    image = ax.imshow(alpha, aspect="auto", cmap="viridis", vmin=0.0, vmax=1.0,
                      extent=(0.5, T + 0.5, n + 0.5, 0.5))
    ax.grid(False)
    xlabel = "time step t"
    if markers is not None:
        rows = np.arange(1, n + 1)
        ax.scatter(np.asarray(markers)[:n] + 1, rows, s=140, facecolors="none",
                   edgecolors=_MARK, linewidths=2.0)
        xlabel += " (circled: the step that matters)"
    ax.set_xlabel(xlabel)
    ax.set_ylabel("held-out sequence")
    ax.set_yticks(np.arange(1, n + 1))
    fig.colorbar(image, ax=ax, label=r"attention weight $\alpha_t$")
    ax.set_title(title or r"Where the model looks: attention weights $\alpha_t$")
    return fig


def _bar_verts(alpha, width=0.8):
    """One rectangle per step, as the vertices a PolyCollection takes."""
    t = np.arange(1, len(alpha) + 1)
    left, right = t - width / 2, t + width / 2
    zero = np.zeros_like(alpha)
    return np.stack([np.stack([left, zero], 1), np.stack([left, alpha], 1),
                     np.stack([right, alpha], 1), np.stack([right, zero], 1)], axis=1)


def attention_example(report, title=None):
    """One sequence: its attention weights as bars, the marked step in orange, the symbol of
    every step written above its bar. `report` is `datasets_beyond.recall_report(...)`.

    The bars are one PolyCollection (gid "alpha") and the symbols one scatter per symbol value
    drawn with the digit as its marker (gid "symbol"): a handful of artists, so that
    `update_attention_example` and a widget redraw them fast.
    """
    from matplotlib.collections import PolyCollection

    alpha, T = report["alpha"], len(report["alpha"])
    fig, ax = new_figure(figsize=(9.0, 3.8))
    ax.add_collection(PolyCollection(_bar_verts(alpha), gid="alpha"))
    for k in range(report["K"]):
        ax.scatter([], [], marker=f"${k}$", s=70, linewidths=0, gid="symbol")
    ax.axhline(1.04, color="grey", linewidth=0.8)
    ax.set_xlim(0.4, T + 0.6)
    ax.set_ylim(0.0, 1.2)
    ax.set_yticks([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_xlabel("time step t (above the line: the symbol seen at each step)")
    ax.set_ylabel(r"attention weight $\alpha_t$")
    ax.bar([np.nan], [np.nan], color=_MARK, label="the marked step")
    ax.bar([np.nan], [np.nan], color=_BAR, label="other steps")
    ax.legend(loc="center right")
    update_attention_example(fig, report, title)
    return fig


def _example_title(report):
    verdict = "right" if report["correct"] else "wrong"
    return (f"Sequence {report['index']}: marker at t = {report['marker'] + 1}, value "
            f"{report['target']}; predicted {report['predicted']} ({verdict}), "
            f"α there = {report['alpha_at_marker']:.2f}")


def update_attention_example(fig, report, title=None):
    """Move the bars, symbols and title of an `attention_example` figure to another report."""
    ax = fig.axes[0]
    marker, symbols = report["marker"], np.asarray(report["symbols"])
    bars = next(c for c in ax.collections if c.get_gid() == "alpha")
    bars.set_verts(_bar_verts(np.asarray(report["alpha"])))
    colours = np.array([_BAR] * len(symbols), dtype=object)
    colours[marker] = _MARK
    bars.set_facecolor(list(colours))
    t = np.arange(1, len(symbols) + 1)
    scatters = [c for c in ax.collections if c.get_gid() == "symbol"]
    for k, scatter in enumerate(scatters):
        at = np.flatnonzero(symbols == k)
        scatter.set_offsets(np.column_stack([t[at], np.full(len(at), 1.12)]))
        scatter.set_facecolor([_MARK if i == marker else "black" for i in at])
    ax.set_title(title or _example_title(report), fontsize=12)
    return fig


__all__ = ["attention_example", "attention_heatmap", "update_attention_example"]


_CELL_COLOURS = {"SimpleRNN": "#7570b3", "LSTM": "#1b9e77", "GRU": "#d95f02"}
_OTHER_COLOURS = ("#e7298a", "#66a61e", "#a6761d")


def plot_cell_curves(curves, chance=None, budget=None, title=None):
    """Held-out accuracy after every epoch, one colour per model: a thin line per seed, a thick
    one for their mean; `chance` a dashed line, `budget` (an epoch) a dotted one.

    curves: {name: [per-seed lists of accuracies, one per epoch]} (all of the same length).
    """
    fig, ax = new_figure(figsize=(9.5, 4.6))
    others = iter(_OTHER_COLOURS)
    top = 0.0
    for name, runs in curves.items():
        runs = np.asarray(runs, dtype=float)
        epochs = np.arange(1, runs.shape[1] + 1)
        colour = _CELL_COLOURS.get(name) or next(others)
        for run in runs:
            ax.plot(epochs, 100 * run, color=colour, linewidth=0.9, alpha=0.45)
        ax.plot(epochs, 100 * runs.mean(axis=0), color=colour, linewidth=2.6,
                label=f"{name} (mean of {len(runs)})")
        top = max(top, epochs[-1])
    if chance is not None:
        ax.axhline(100 * chance, color="black", linestyle="--", linewidth=1.0,
                   label=f"chance ({100 * chance:.0f} %)")
    if budget is not None:
        ax.axvline(budget, color="grey", linestyle=":", linewidth=1.5,
                   label=f"{budget} epochs (section 4)")
    ax.set_xlim(0.5, top + 0.5)
    ax.set_ylim(0, 105)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epochs of training")
    ax.set_ylabel("held-out accuracy (%)")
    ax.set_title(title or "The same model with each cell: a thin line per seed, thick the mean")
    legend_outside(ax, fontsize=10)
    return fig
