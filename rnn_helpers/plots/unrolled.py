"""The unrolled graph of a simple RNN: x_t -> h_t -> o_t for t = 1 .. T, h_{t-1} -> h_t.

    row 0: x_1 .. x_T          (inputs)
    row 1: h_0, h_1 .. h_T     (hidden states; h_0 the initial state)
    row 2: o_1 .. o_T          (outputs)

Edges carry the weight they multiply by: W (x_t -> h_t), U (h_{t-1} -> h_t), W' (h_t -> o_t).
The same three matrices on every step: that is what "unrolled" shows.
"""

import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from .._validate import check_array, check_choice, check_positive_int, fail
from .style import new_figure

ROWS = {"x": 0.0, "h": 1.0, "o": 2.0}
EDGE_LABELS = {"x": "W", "h": "U", "o": "W′"}   # keyed by the kind of the edge's source/target
_HI = "#d95f02"      # highlighted step
_PREV = "#fdb863"    # h_{t-1}, the state the step reads
_NODE = {"x": "#deebf7", "h": "#e5f5e0", "o": "#fee6ce"}
_BORDER = "#555555"
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")   # plain text draws faster than $h_1$


def unrolled_layout(T, show_output=True):
    """Node positions and edges of the graph unrolled over T steps (plain data, no drawing).

    Returns (nodes, edges): nodes maps (kind, t) -> (column, row) with kind in "x", "h", "o";
    edges is a list of (source, target, label), e.g. (("h", 0), ("h", 1), "U").
    """
    T = check_positive_int("T", T)
    nodes = {("h", 0): (0.0, ROWS["h"])}
    edges = []
    for t in range(1, T + 1):
        nodes[("x", t)] = (float(t), ROWS["x"])
        nodes[("h", t)] = (float(t), ROWS["h"])
        edges.append((("x", t), ("h", t), "W"))
        edges.append((("h", t - 1), ("h", t), "U"))
        if show_output:
            nodes[("o", t)] = (float(t), ROWS["o"])
            edges.append((("h", t), ("o", t), "W′"))
    return nodes, edges


def format_value(v, digits=2):
    """A node's value as short text: 0.54 for a scalar, [0.54, -0.76] for a small vector."""
    v = np.ravel(np.asarray(v, dtype=float))
    parts = [f"{a:.{digits}f}".replace("-0.00", "0.00") for a in v[:3]]
    text = ", ".join(parts) + (", …" if v.size > 3 else "")
    return text if v.size == 1 else f"[{text}]"


def _values_per_node(values, T, show_output):
    """{(kind, t): text} from values = {"x" (T, D), "h" (T + 1, H) or (T, H), "o" (T, O)}."""
    texts = {}
    if values is None:
        return texts
    for kind, offset in (("x", 1), ("h", None), ("o", 1)):
        if kind not in values or (kind == "o" and not show_output):
            continue
        arr = check_array(f"values['{kind}']", values[kind], ndim=(1, 2))
        if arr.ndim == 1:
            arr = arr[:, None]
        if kind == "h":
            if arr.shape[0] not in (T, T + 1):
                fail("values['h']", f"{T + 1} rows (h_0 .. h_T) or {T} rows (h_1 .. h_T)",
                      f"shape {arr.shape}")
            offset = 0 if arr.shape[0] == T + 1 else 1
        elif arr.shape[0] != T:
            fail(f"values['{kind}']", f"{T} rows, one per step", f"shape {arr.shape}")
        for i, row in enumerate(arr):
            texts[(kind, i + offset)] = format_value(row)
    return texts


def plot_unrolled(T=5, values=None, highlight=None, show_output=True, returned=None,
                  title=None, ax=None):
    """Draw the RNN unrolled over T steps; return the Figure.

    values    : optional {"x", "h", "o"} arrays (see `five_steps.trace`): printed on the nodes.
    highlight : a step t in 1 .. T: x_t, h_t, o_t and their edges in orange, h_{t-1} lighter.
    returned  : None, "sequences" or "last": frame what SimpleRNN returns with
                return_sequences=True (every h_t) or False (only h_T).
    """
    T = check_positive_int("T", T)
    if highlight is not None and (isinstance(highlight, bool) or highlight not in range(1, T + 1)):
        fail("highlight", f"None or a step in 1 .. {T}", repr(highlight))
    if returned is not None:
        check_choice("returned", returned, ("sequences", "last"))
    nodes, edges = unrolled_layout(T, show_output)
    texts = _values_per_node(values, T, show_output)

    if ax is None:
        fig, ax = new_figure(figsize=(1.75 * T + 2.2, 4.6 if show_output else 3.4))
        fig.set_layout_engine("none")   # nothing to lay out around a drawing without axes
        ax.set_position((0.01, 0.01, 0.98, 0.88))
    else:
        fig = ax.figure
    ax.set_axis_off()
    ax.grid(False)
    w, hgt = 0.72, 0.46 if texts else 0.34

    def colour(key):
        kind, t = key
        if highlight is None:
            return _NODE[kind], _BORDER, 1.2
        if t == highlight:
            return "#fdd0a2", _HI, 2.6
        if kind == "h" and t == highlight - 1:
            return "#fff2df", _PREV, 2.2
        return "#f4f4f4", "#bbbbbb", 1.0

    for key, (cx, cy) in nodes.items():
        face, edge, lw = colour(key)
        ax.add_patch(FancyBboxPatch((cx - w / 2, cy - hgt / 2), w, hgt,
                                    boxstyle="round,pad=0.02,rounding_size=0.08",
                                    facecolor=face, edgecolor=edge, linewidth=lw))
        kind, t = key
        name = kind + str(t).translate(_SUBSCRIPT)
        if key in texts:
            ax.text(cx, cy + 0.09, name, ha="center", va="center", fontsize=12)
            ax.text(cx, cy - 0.11, texts[key], ha="center", va="center", fontsize=9)
        else:
            ax.text(cx, cy, name, ha="center", va="center", fontsize=13)

    for src, dst, label in edges:
        (x0, y0), (x1, y1) = nodes[src], nodes[dst]
        on = highlight is not None and dst[1] == highlight
        col = _HI if on else (_BORDER if highlight is None else "#bbbbbb")
        if y0 == y1:   # U: horizontal, h_{t-1} -> h_t
            start, end, lx, ly = (x0 + w / 2, y0), (x1 - w / 2, y1), (x0 + x1) / 2, y0 + 0.12
        else:          # W or W': vertical
            start, end = (x0, y0 + hgt / 2), (x1, y1 - hgt / 2)
            lx, ly = x0 + 0.1, (y0 + y1) / 2
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14,
                                     color=col, linewidth=2.4 if on else 1.3))
        ax.text(lx, ly, label, ha="left" if y0 != y1 else "center", va="center",
                fontsize=11, color=col, fontweight="bold" if on else "normal")

    if returned is not None:
        first = 1 if returned == "sequences" else T
        ax.add_patch(Rectangle((first - 0.42, ROWS["h"] - 0.34), T - first + 0.84, 0.68,
                               fill=False, linestyle="--", linewidth=1.8, edgecolor="#1b9e77"))
        what = ("returned (dashed):\nreturn_sequences=True\n"
                r"$h_1 \dots h_T$, shape (B, T, H)" if returned == "sequences" else
                "returned (dashed):\nreturn_sequences=False\n"
                r"only $h_T$, shape (B, H)")
        ax.text(-0.55, ROWS["x"] + 0.2, what, ha="left", va="center", fontsize=9,
                color="#1b9e77")

    top = ROWS["o"] if show_output else ROWS["h"]
    ax.set_xlim(-0.6, T + 0.6)
    ax.set_ylim(-0.45, top + 0.45)
    ax.set_aspect("equal")
    if title is None:
        title = f"The RNN unrolled over T = {T} steps: the same W, U" + (
            ", W′ at every step" if show_output else " at every step")
        if highlight is not None:
            title += f" (step t = {highlight})"
    ax.set_title(title)
    return fig


__all__ = ["format_value", "plot_unrolled", "unrolled_layout"]
