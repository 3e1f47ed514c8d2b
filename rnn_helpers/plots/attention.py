"""Figures of attention weights: many examples at once (a heatmap), or one example in detail."""

import numpy as np

from .style import new_figure

_BAR = "#7570b3"
_MARK = "#d95f02"


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
    fig.colorbar(image, ax=ax, label="attention weight α_t")
    ax.set_title(title or "Where the model looks: attention weights α_t")
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
    ax.set_ylabel("attention weight α_t")
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
