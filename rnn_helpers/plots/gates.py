"""Figures of notebook 05: gate activations over time, and accuracy against the lag.

    fig = rh.plots.gates.gate_heatmaps(gates, x=x)          # one sequence, one panel per gate
    fig = rh.plots.gates.accuracy_vs_lag(runs, chance=0.5)  # the lag sweep, seeds spread
"""

import numpy as np
from matplotlib.ticker import MaxNLocator

from .._validate import check_array, fail
from .style import new_figure

GATE_LABELS = {
    "i": "input gate i_t", "f": "forget gate f_t", "o": "output gate o_t",
    "c_tilde": "candidate c̃_t", "c": "cell state c_t",
    "z": "update gate z_t", "r": "reset gate r_t", "h_tilde": "candidate h̃_t",
    "h": "hidden state h_t",
}
"""The panel title of each recorded array (keys of `lstm.lstm_gates` and `gru.gru_gates`)."""

SIGNED = ("c_tilde", "c", "h_tilde", "h")   # values in (-1, 1) or beyond: a diverging colour map
CELL_COLORS = {"SimpleRNN": "C0", "LSTM": "C1", "GRU": "C2"}
CELL_STYLES = {"SimpleRNN": ("o", "-"), "LSTM": ("s", "-"), "GRU": ("^", "--")}
"""Marker and line style of each cell: lines that coincide stay apart (GRU dashed on top)."""


def _image_style(name):
    if name in SIGNED:
        return {"cmap": "RdBu_r", "vmin": -1.0, "vmax": 1.0}
    return {"cmap": "viridis", "vmin": 0.0, "vmax": 1.0}


def gate_heatmaps(gates, names=None, x=None, title=None):
    """Each gate's activation, unit by unit (rows) and step by step (columns), for one sequence.

    gates : {name: array (T, H)} for one sequence, e.g. `lstm.lstm_gates(x, W, U, b)` taken
            at one sample ([name][0]); names are the keys of GATE_LABELS
    names : which gates to draw, top to bottom (default: all, in the dict's order)
    x     : optional input (T, D) of that sequence, drawn in a first panel
    Gates in [0, 1] share one colour scale (dark: closed, 0; yellow: open, 1).
    Returns the Figure; each image has the gate's name as gid, for `update_gate_heatmaps`.
    """
    if not isinstance(gates, dict) or not gates:
        fail("gates", "a non-empty dict {gate name: array (T, H)}", repr(gates)[:80])
    names = list(gates) if names is None else list(names)
    for name in names:
        if name not in gates:
            fail("names", f"gate names from {sorted(gates)}", repr(name))
    arrays = {n: check_array(f"gates[{n!r}]", gates[n], ndim=2, layout="(T, H)")
              for n in names}
    T = next(iter(arrays.values())).shape[0]
    panels = [("x", check_array("x", x, shape=(T, None), layout="(T, D)"))] if x is not None \
        else []
    panels += list(arrays.items())
    heights = [min(2.0, max(1.0, a.shape[1] / 8)) for _, a in panels]
    fig, axes = new_figure(len(panels), 1, figsize=(8.5, 1.0 + 0.9 * sum(heights)),
                           sharex=True, squeeze=False, gridspec_kw={"height_ratios": heights})
    axes = axes[:, 0]
    gate_image = None
    for ax, (name, values) in zip(axes, panels, strict=True):
        extent = (0.5, T + 0.5, values.shape[1] - 0.5, -0.5)   # columns are t = 1 .. T
        if name == "x":
            limit = max(1.0, float(np.max(np.abs(values))))
            image = ax.imshow(values.T, aspect="auto", interpolation="nearest", cmap="RdBu_r",
                              vmin=-limit, vmax=limit, extent=extent)
            ax.set_title("input x_t", loc="left", fontsize=12)
            ax.set_ylabel("feature")
        else:
            image = ax.imshow(values.T, aspect="auto", interpolation="nearest", extent=extent,
                              **_image_style(name))
            ax.set_title(GATE_LABELS.get(name, name), loc="left", fontsize=12)
            ax.set_ylabel("unit")
            if name not in SIGNED:
                gate_image = image
        image.set_gid(name)
        ax.grid(False)
    axes[-1].set_xlabel("time step t")
    axes[-1].xaxis.set_major_locator(MaxNLocator(integer=True))
    if gate_image is not None:
        fig.colorbar(gate_image, ax=list(axes), label="gate activation (0 = closed, 1 = open)",
                     shrink=0.8)
    fig.suptitle(title or "Gate activations over time")
    return fig


def update_gate_heatmaps(fig, gates, x=None, title=None):
    """Put new values of the same shapes into a Figure made by `gate_heatmaps` (no drawing).

    Returns the images that changed (and the title), for a widget's fast redraw."""
    changed = []
    for ax in fig.axes:
        for image in ax.images:
            name = image.get_gid()
            values = x if name == "x" else gates.get(name)
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
