"""Text coloured by one hidden unit's activation (notebook 08), as Karpathy showed it:
red where the unit is positive, blue where negative, white near 0. A figure, and HTML."""

import html

import numpy as np

from .._validate import check_array, fail
from ..analysis.units import switches
from .style import legend_outside, new_figure


def _colour(a):
    """An activation in [-1, 1] -> an RGB hex colour (blue - white - red)."""
    a = float(np.clip(a, -1, 1))
    fade = int(round(255 * (1 - abs(a))))
    return f"#ff{fade:02x}{fade:02x}" if a >= 0 else f"#{fade:02x}{fade:02x}ff"


def unit_html(strings, activations, unit, r=None):
    """HTML (a str): each string's characters on a background coloured by h_t[unit].

    strings: n strings of length T; activations (n, T) the unit's values (tanh: in [-1, 1]).
    """
    act = check_array("activations", activations, ndim=2, layout="(n, T)")
    if len(strings) != act.shape[0] or any(len(s) != act.shape[1] for s in strings):
        fail("strings", f"{act.shape[0]} strings of {act.shape[1]} characters", "other sizes")
    rows = []
    for s, a in zip(strings, act, strict=True):
        spans = "".join(f"<span style='background:{_colour(v)};padding:1px 2px;"
                        f"font-family:monospace'>{html.escape(ch)}</span>"
                        for ch, v in zip(s, a, strict=True))
        rows.append(f"<div style='margin:2px 0'>{spans}</div>")
    head = f"unit {unit}" + ("" if r is None else f" (r = {r:.2f})")
    return f"<div><b>{head}</b>: red > 0, blue < 0{''.join(rows)}</div>"


class HTMLText:
    """An HTML snippet that a notebook shows as HTML (its last expression)."""

    def __init__(self, text):
        self.text = text

    def _repr_html_(self):
        return self.text


def show_unit(strings, activations, unit, r=None):
    """`unit_html` wrapped to display in a notebook."""
    return HTMLText(unit_html(strings, activations, unit, r))


def plot_unit_text(strings, activations, quantity=None, unit=0, title=None):
    """A Figure: one row per string, each character on a cell coloured by the unit's value;
    with `quantity` (n, T) its value printed under each character (e.g. the depth)."""
    act = check_array("activations", activations, ndim=2, layout="(n, T)")
    n, T = act.shape
    if len(strings) != n or any(len(s) != T for s in strings):
        fail("strings", f"{n} strings of {T} characters", "other sizes")
    fig, ax = new_figure(figsize=(0.42 * T + 2.5, 0.75 * n + 1.4))
    image = ax.imshow(act, cmap="bwr", vmin=-1, vmax=1, aspect="auto")
    for i, s in enumerate(strings):
        for t, ch in enumerate(s):
            ink = "white" if abs(act[i, t]) > 0.6 else "black"    # readable on a dark cell
            ax.text(t, i - 0.12, ch, ha="center", va="center", fontsize=12, family="monospace",
                    color=ink)
            if quantity is not None:
                ax.text(t, i + 0.25, str(int(np.asarray(quantity)[i, t])), ha="center",
                        va="center", fontsize=9, color=ink)
    ax.set_xticks(np.arange(T))
    ax.set_yticks(np.arange(n), [f"string {i + 1}" for i in range(n)])
    ax.grid(False)
    ax.set_xlabel("position t" + (" (small numbers: the depth)" if quantity is not None else ""))
    ax.set_ylabel("held-out string")
    fig.colorbar(image, ax=ax, label=f"activation of unit {unit}")
    ax.set_title(title or f"Hidden unit {unit} along the text: red > 0, blue < 0")
    return fig


def plot_unit_correlations(r, quantity="the depth", readout_r=None, title=None):
    """A Figure: one bar per hidden unit, its correlation r_j with `quantity`; the best unit
    (largest |r|) in another colour; with `readout_r`, dashed lines at +-readout_r, the
    correlation that a weighted sum of all units reaches."""
    r = check_array("r", r, ndim=1, layout="(H,)")
    best = int(np.argmax(np.abs(r)))
    fig, ax = new_figure(figsize=(max(7.0, 0.42 * len(r) + 3.5), 3.8))
    colours = ["C1" if j == best else "C0" for j in range(len(r))]
    ax.bar(np.arange(len(r)), r, color=colours, width=0.75)
    ax.bar([best], [r[best]], color="C1", width=0.75, label=f"best unit: {best}, r = {r[best]:.2f}")
    if readout_r is not None:
        for sign in (1, -1):
            ax.axhline(sign * readout_r, color="C3", linestyle="--", linewidth=1.5,
                       label=f"all units, linear readout: r = {readout_r:.3f}" if sign > 0
                       else None)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xticks(np.arange(len(r)))
    ax.set_xlabel("hidden unit j")
    ax.set_ylabel(f"r with {quantity} (no unit)")
    ax.set_title(title or f"How closely each hidden unit follows {quantity}")
    legend_outside(ax)
    return fig


def plot_level_means(levels, means, quantity="depth", title=None):
    """A Figure: the mean activation of every unit (columns) at each level of the quantity
    (rows), units sorted by the step between levels where they change most, so that units
    that switch at the same level sit side by side; each column names its unit."""
    means = check_array("means", means, ndim=2, layout="(L, H)")
    levels = check_array("levels", levels, shape=(means.shape[0],), layout="(L,), like means")
    step, _ = switches(means)
    order = np.lexsort((np.sign(means[-1] - means[0]), step))
    fig, ax = new_figure(figsize=(max(7.0, 0.45 * means.shape[1] + 3.0), 3.9))
    image = ax.imshow(means[:, order], cmap="bwr", vmin=-1, vmax=1, aspect="auto",
                      origin="lower")
    sorted_steps = step[order]
    for k in range(means.shape[0] - 1):             # one group per step, named above it
        first, end = np.searchsorted(sorted_steps, [k, k + 1])
        if end > first:
            ax.text((first + end - 1) / 2, 1.02, f"{levels[k]:g}\u2194{levels[k + 1]:g}",
                    transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=10)
        if 0 < first < means.shape[1]:
            ax.axvline(first - 0.5, color="black", linewidth=1.2)
    ax.set_xticks(np.arange(means.shape[1]), [str(j) for j in order])
    ax.set_yticks(np.arange(len(levels)), [f"{v:g}" for v in levels])
    ax.grid(False)
    ax.set_xlabel("hidden unit j (grouped by the step where its mean changes most)")
    ax.set_ylabel(quantity)
    fig.colorbar(image, ax=ax, label="mean activation (tanh, no unit)")
    ax.set_title(title or f"Mean activation of each unit at each {quantity}", pad=22)
    return fig


__all__ = ["HTMLText", "plot_level_means", "plot_unit_correlations", "plot_unit_text", "show_unit",
           "unit_html"]
