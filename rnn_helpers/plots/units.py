"""Text coloured by one hidden unit's activation (notebook 08), as Karpathy showed it:
red where the unit is positive, blue where negative, white near 0. A figure, and HTML."""

import html

import numpy as np

from .._validate import check_array, fail
from .style import new_figure


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
            ax.text(t, i - 0.12, ch, ha="center", va="center", fontsize=12, family="monospace")
            if quantity is not None:
                ax.text(t, i + 0.25, str(int(np.asarray(quantity)[i, t])), ha="center",
                        va="center", fontsize=8, color="#333333")
    ax.set_xticks(np.arange(T))
    ax.set_yticks(np.arange(n), [f"string {i + 1}" for i in range(n)])
    ax.grid(False)
    ax.set_xlabel("position t" + (" (small numbers: the depth)" if quantity is not None else ""))
    ax.set_ylabel("held-out string")
    fig.colorbar(image, ax=ax, label=f"activation of unit {unit}")
    ax.set_title(title or f"Hidden unit {unit} along the text: red > 0, blue < 0")
    return fig


__all__ = ["HTMLText", "plot_unit_text", "show_unit", "unit_html"]
