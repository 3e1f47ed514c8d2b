"""Figures of notebook 05: gate activations over time, and accuracy against the lag.

    fig = rh.plots.gates.gate_heatmaps(gates, x=x)          # one sequence, one panel per gate
    fig = rh.plots.gates.gate_heatmaps([g0, g1], x=[x0, x1])  # two sequences side by side
    fig = rh.plots.gates.accuracy_vs_lag(runs, chance=0.5)  # the lag sweep, seeds spread
"""

import numpy as np
from matplotlib.ticker import MaxNLocator

from .._validate import check_array, fail
from .style import new_figure

GATE_LABELS = {
    "i": "input gate i_t", "f": "forget gate f_t", "o": "output gate ω_t",
    "c_tilde": "candidate c̃_t", "c": "cell state c_t",
    "z": "update gate z_t", "r": "reset gate r_t", "h_tilde": "candidate h̃_t",
    "h": "hidden state h_t",
}
"""The panel title of each recorded array (keys of `lstm.lstm_gates` and `gru.gru_gates`).
The LSTM's output gate is written ω_t: o_t is the seed's output o_t = σ′(W′ h_t + b′)."""

SIGNED = ("c_tilde", "c", "h_tilde", "h")   # values in (-1, 1) or beyond: a diverging colour map
CELL_COLORS = {"SimpleRNN": "C0", "LSTM": "C1", "GRU": "C2"}
CELL_STYLES = {"SimpleRNN": ("o", "-"), "LSTM": ("s", "-"), "GRU": ("^", "--")}
"""Marker and line style of each cell: lines that coincide stay apart (GRU dashed on top)."""


def _image_style(name, limit=1.0):
    if name == "x" or name in SIGNED:
        return {"cmap": "RdBu_r", "vmin": -limit, "vmax": limit}
    return {"cmap": "viridis", "vmin": 0.0, "vmax": 1.0}


def _columns(gates, x, names):
    """gates (and x) as lists of columns, each gate checked (T, H); the names to draw."""
    many = isinstance(gates, (list, tuple))
    columns = list(gates) if many else [gates]
    if not columns or not all(isinstance(g, dict) and g for g in columns):
        fail("gates", "a non-empty dict {gate name: array (T, H)}, or a list of such dicts "
             "(one per sequence)", repr(gates)[:80])
    xs = [None] * len(columns) if x is None else (list(x) if many else [x])
    if len(xs) != len(columns):
        fail("x", f"one input (T, D) per column of gates ({len(columns)})", f"{len(xs)}")
    names = list(columns[0]) if names is None else list(names)
    for name in names:
        for g in columns:
            if name not in g:
                fail("names", f"gate names from {sorted(g)}", repr(name))
    arrays = [{n: check_array(f"gates[{n!r}]", g[n], ndim=2, layout="(T, H)") for n in names}
              for g in columns]
    T = arrays[0][names[0]].shape[0] if names else None
    xs = [None if v is None else check_array("x", v, shape=(T, None), layout="(T, D)")
          for v in xs]
    return arrays, xs, names


def gate_heatmaps(gates, names=None, x=None, title=None, column_titles=None):
    """Each gate's activation, unit by unit (rows) and step by step (columns of pixels).

    gates : {name: array (T, H)} for one sequence, e.g. `lstm.lstm_gates(x, W, U, b)` taken
            at one sample ([name][0]); names are the keys of GATE_LABELS. Or a list of such
            dicts, one per sequence, drawn side by side with the same colour scales (e.g. one
            sequence of each label, to compare them)
    names : which gates to draw, top to bottom (default: all, in the dict's order)
    x     : optional input (T, D) of that sequence (a list with a list of gates), drawn first
    column_titles : a heading for each sequence (with a list of gates)
    Colour bars: the input (blue negative, red positive), the gates in [0, 1] (dark: closed,
    0; yellow: open, 1), and each state (c_t, h_t: blue negative, red positive).
    Returns the Figure; each image has the gate's name as gid (name:j in column j of several),
    for `update_gate_heatmaps`.
    """
    arrays, xs, names = _columns(gates, x, names)
    many = isinstance(gates, (list, tuple))
    if column_titles is not None and len(column_titles) != len(arrays):
        fail("column_titles", f"one title per sequence ({len(arrays)})", repr(column_titles))
    rows = (["x"] if xs[0] is not None else []) + names
    T = (arrays[0][names[0]] if names else xs[0]).shape[0]
    values = {name: [xs[j] if name == "x" else arrays[j][name] for j in range(len(arrays))]
              for name in rows}
    heights = [min(2.0, max(1.0, v[0].shape[1] / 8)) for v in values.values()]
    n_cols = len(arrays)
    fig, axes = new_figure(len(rows), n_cols, figsize=(8.5 if n_cols == 1 else 12.0,
                                                       1.0 + 0.9 * sum(heights)),
                           sharex=True, squeeze=False, gridspec_kw={"height_ratios": heights})
    gate_images, gate_axes = [], []
    for r, name in enumerate(rows):
        limit = 1.0
        if name == "x" or name in SIGNED:   # one symmetric scale for the row, at least +-1
            limit = max(1.0, max(float(np.max(np.abs(v))) for v in values[name]))
        row_images = []
        for j, v in enumerate(values[name]):
            ax = axes[r, j]
            extent = (0.5, T + 0.5, v.shape[1] - 0.5, -0.5)   # columns are t = 1 .. T
            image = ax.imshow(v.T, aspect="auto", interpolation="nearest", extent=extent,
                              **_image_style(name, limit))
            image.set_gid(f"{name}:{j}" if many else name)
            row_images.append(image)
            label = "input x_t" if name == "x" else GATE_LABELS.get(name, name)
            ax.set_title(label, loc="left", fontsize=12)
            if j == 0:
                ax.set_ylabel("feature" if name == "x" else "unit")
            ax.grid(False)
        if name == "x":
            fig.colorbar(row_images[0], ax=list(axes[r]), label="input value", shrink=0.9)
        elif name in SIGNED:
            fig.colorbar(row_images[0], ax=list(axes[r]), label=GATE_LABELS.get(name, name),
                         shrink=0.9)
        else:
            gate_images.append(row_images[0])
            gate_axes.extend(axes[r])
    for j in range(n_cols):
        axes[-1, j].set_xlabel("time step t")
        axes[-1, j].xaxis.set_major_locator(MaxNLocator(integer=True))
        if column_titles is not None:
            axes[0, j].set_title(column_titles[j], loc="right", fontsize=12,
                                 fontweight="bold")
    if gate_images:
        fig.colorbar(gate_images[0], ax=gate_axes, label="gate (0 = closed, 1 = open)",
                     shrink=0.8)
    fig.suptitle(title or "Gate activations over time")
    return fig


def update_gate_heatmaps(fig, gates, x=None, title=None):
    """Put new values of the same shapes into a Figure made by `gate_heatmaps` (no drawing):
    gates and x as given to it (lists for a figure of several sequences).

    Returns the images that changed (and the title), for a widget's fast redraw."""
    changed = []
    for ax in fig.axes:
        for image in ax.images:
            name, _, column = (image.get_gid() or "").partition(":")
            g = gates[int(column)] if column else gates
            v = x if not column else (None if x is None else x[int(column)])
            values = v if name == "x" else g.get(name)
            if values is not None:
                image.set_data(np.asarray(values).T)
                changed.append(image)
    if title is not None:
        fig._suptitle.set_text(title)
    return changed


def accuracy_vs_lag(runs, chance=0.5, margin=0.05, title=None):
    """Held-out accuracy against the lag, one line per cell: the mean over the seeds, a band
    from the worst to the best seed, every seed as a dot, and the chance level.

    runs   : the list from `experiments.lag_sweep` (or load_lag_sweep()["runs"]); the band
             of each cell is drawn light, its mean as a line with its own marker and style
    chance : the accuracy of guessing (1 / K); margin: the grey band above it ("within 5
             points of chance" for 0.05)
    Returns the Figure. The lag axis is logarithmic (base 2), with a tick at every lag.
    """
    from ..analysis.experiments import summarise

    table = summarise(runs)
    fig, ax = new_figure(figsize=(8.5, 4.5))
    all_lags = sorted({lag for row in table.values() for lag in row["lags"]})
    ax.axhspan(100 * chance, 100 * (chance + margin), color="0.85", zorder=0,
               label=f"within {100 * margin:.0f} points of chance")
    ax.axhline(100 * chance, color="0.3", linestyle="--", linewidth=1.5,
               label=f"chance ({100 * chance:.0f} %)")
    for i, (cell, row) in enumerate(table.items()):
        color = CELL_COLORS.get(cell, f"C{i + 3}")
        lags = np.array(row["lags"], dtype=float)
        shift = 1.0 + 0.03 * (i - (len(table) - 1) / 2)      # spread the dots a little
        marker, style = CELL_STYLES.get(cell, ("o", "-"))
        ax.fill_between(lags, 100 * np.array(row["min"]), 100 * np.array(row["max"]),
                        color=color, alpha=0.1, linewidth=0)
        ax.plot(lags, 100 * np.array(row["mean"]), marker=marker, linestyle=style, color=color,
                gid=cell, label=f"{cell} (mean of {max(row['n'])} seeds)")
        seeds = [r for r in runs if r["cell"] == cell]
        ax.plot([r["lag"] * shift for r in seeds], [100 * r["accuracy"] for r in seeds],
                linestyle="none", marker=".", markersize=6, color=color, alpha=0.6)
    ax.set_xscale("log", base=2)
    ax.set_xticks(all_lags)
    ax.set_xticklabels([str(lag) for lag in all_lags])
    ax.minorticks_off()
    ax.set_ylim(100 * chance - 10, 102)
    ax.set_xlabel("lag: steps between the symbol and the answer (log scale)")
    ax.set_ylabel("held-out accuracy (%)")
    ax.set_title(title or "Remembering the first symbol across the lag")
    ax.legend(loc="lower left", fontsize=10)
    return fig
