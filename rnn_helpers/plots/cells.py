"""Cell diagrams (notebook 05): one time step of a SimpleRNN, an LSTM and a GRU, every gate,
the state lines and the element-wise operations, drawn from a layout that is plain data.

    yellow box   a layer with its own weights: σ or tanh of (xₜ W + hₜ₋₁ U + b)
    pink circle  an element-wise operation: ⊙ (product), + (sum), 1− (one minus)
    lines        the values: the cell state cₜ on top (LSTM), the hidden state hₜ

With `values` (a dict from rh.analysis.cell_wires: `lstm_wires`, `gru_wires`, `rnn_wires`)
every wire shows its numbers under its symbol: the diagram of that one step, exact.
"""

from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from .._validate import check_choice
from ..glossary import GRU_RECURRENT_BIAS, LSTM_OUTPUT_GATE
from .style import new_figure
from .unrolled import format_value

_LAYER = "#fff3b0"
_OP = "#f9d6e0"
_LINE = "#444444"
_VALUE = "#1f5fa8"
OMEGA = LSTM_OUTPUT_GATE                    # ωₜ, the LSTM's output gate
BU = GRU_RECURRENT_BIAS                     # bᵁ, the GRU's recurrent bias


def _riser(x):
    return (None, [(x, 1.0), (x, 2.3)], None, None)


# Each layout: "boxes" (name, x, y, text, caption, kind: "layer" | "op"),
# "wires" (value key or None, points, label or None, (label x, label y)), "frame" (x0, x1).
LAYOUTS = {
    "rnn": {
        "frame": (0.8, 5.6),
        "boxes": [("tanh", 3.2, 2.6, "tanh", "W, U, b", "layer")],
        "wires": [
            ("h_prev", [(-0.3, 1.0), (1.5, 1.0)], "hₜ₋₁", (0.1, 1.25)),
            ("x_t", [(1.5, -0.7), (1.5, 1.0)], "xₜ", (1.6, -0.45)),
            (None, [(1.5, 1.0), (3.2, 1.0), (3.2, 2.3)], None, None),
            ("h_t", [(3.6, 2.6), (6.7, 2.6)], "hₜ", (6.2, 2.85)),
            (None, [(5.0, 2.6), (5.0, 4.6)], "hₜ (to the output)", (5.1, 4.35)),
        ],
    },
    "lstm": {
        "frame": (0.8, 9.4),
        "boxes": [
            ("f", 2.2, 2.6, "σ", "forget", "layer"), ("i", 3.5, 2.6, "σ", "input", "layer"),
            ("c_tilde", 4.8, 2.6, "tanh", "candidate", "layer"),
            ("omega", 6.4, 2.6, "σ", "output", "layer"),
            ("x_f", 2.2, 5.0, "⊙", None, "op"), ("x_i", 4.15, 3.9, "⊙", None, "op"),
            ("plus", 4.15, 5.0, "+", None, "op"), ("tanh_c", 7.7, 4.0, "tanh", None, "op"),
            ("x_o", 7.7, 2.6, "⊙", None, "op"),
        ],
        "wires": [
            ("c_prev", [(-0.3, 5.0), (2.0, 5.0)], "cₜ₋₁", (0.1, 5.25)),
            ("fc", [(2.4, 5.0), (3.95, 5.0)], "fₜ ⊙ cₜ₋₁", (2.55, 5.25)),
            ("c_t", [(4.35, 5.0), (10.3, 5.0)], "cₜ", (9.6, 5.25)),
            (None, [(7.7, 5.0), (7.7, 4.3)], None, None),
            ("tanh_c", [(7.7, 3.7), (7.7, 2.8)], "tanh(cₜ)", (7.8, 3.3)),
            ("f", [(2.2, 2.9), (2.2, 4.8)], "fₜ", (1.3, 4.2)),
            ("i", [(3.5, 2.9), (3.5, 3.9), (3.95, 3.9)], "iₜ", (2.6, 3.55)),
            ("c_tilde", [(4.8, 2.9), (4.8, 3.9), (4.35, 3.9)], "c̃ₜ", (4.9, 3.55)),
            ("ic", [(4.15, 4.1), (4.15, 4.8)], "iₜ ⊙ c̃ₜ", (4.3, 4.45)),
            ("omega", [(6.75, 2.6), (7.5, 2.6)], OMEGA, (6.75, 3.0)),
            ("h_t", [(7.7, 2.4), (7.7, 1.0), (10.3, 1.0)], "hₜ", (9.6, 1.25)),
            (None, [(9.0, 1.0), (9.0, 6.6)], "hₜ (to the output)", (9.1, 6.35)),
            ("h_prev", [(-0.3, 1.0), (1.5, 1.0)], "hₜ₋₁", (0.1, 1.25)),
            ("x_t", [(1.5, -0.7), (1.5, 1.0)], "xₜ", (1.6, -0.45)),
            (None, [(1.5, 1.0), (6.4, 1.0)], None, None),
            _riser(2.2), _riser(3.5), _riser(4.8), _riser(6.4),
        ],
    },
    "gru": {
        "frame": (0.8, 9.6),
        "boxes": [
            ("z", 2.2, 2.6, "σ", "update", "layer"), ("r", 3.4, 2.6, "σ", "reset", "layer"),
            ("hU", 4.7, 3.75, f"·Uₕ+{BU}ₕ", None, "layer"),
            ("h_tilde", 6.0, 2.6, "tanh", "candidate", "layer"),
            ("x_r", 4.7, 2.6, "⊙", None, "op"), ("x_keep", 7.0, 5.0, "⊙", None, "op"),
            ("one_minus", 7.8, 4.3, "1−", None, "op"), ("x_new", 7.8, 3.4, "⊙", None, "op"),
            ("plus", 8.5, 5.0, "+", None, "op"),
        ],
        "wires": [
            ("h_prev", [(-0.3, 5.0), (6.8, 5.0)], "hₜ₋₁", (0.1, 5.25)),
            (None, [(0.5, 5.0), (0.5, 1.0), (1.5, 1.0)], None, None),
            ("x_t", [(1.5, -0.7), (1.5, 1.0)], "xₜ", (1.6, -0.45)),
            (None, [(1.5, 1.0), (6.0, 1.0)], None, None),
            _riser(2.2), _riser(3.4), _riser(6.0),
            ("z", [(2.2, 2.9), (2.2, 4.3), (7.0, 4.3), (7.0, 4.8)], "zₜ", (1.3, 3.6)),
            (None, [(7.0, 4.3), (7.55, 4.3)], None, None),
            ("one_minus_z", [(7.8, 4.05), (7.8, 3.6)], "1 − zₜ", (6.75, 3.5)),
            (None, [(4.7, 5.0), (4.7, 4.05)], None, None),
            ("hU_h", [(4.7, 3.45), (4.7, 2.8)], f"hₜ₋₁Uₕ+{BU}ₕ", (4.8, 3.15)),
            ("r", [(3.7, 2.6), (4.5, 2.6)], "rₜ", (3.8, 2.2)),
            ("r_hU", [(4.9, 2.6), (5.6, 2.6)], None, None),
            ("h_tilde", [(6.4, 2.6), (7.8, 2.6), (7.8, 3.2)], "h̃ₜ", (6.6, 2.2)),
            ("keep", [(7.2, 5.0), (8.3, 5.0)], "zₜ ⊙ hₜ₋₁", (7.1, 5.25)),
            ("new", [(8.0, 3.4), (8.5, 3.4), (8.5, 4.8)], "(1−zₜ) ⊙ h̃ₜ", (8.6, 4.05)),
            ("h_t", [(8.7, 5.0), (10.5, 5.0)], "hₜ", (9.9, 5.25)),
            (None, [(9.6, 5.0), (9.6, 6.6)], "hₜ (to the output)", (9.7, 6.35)),
        ],
    },
}
TITLES = {
    "rnn": "SimpleRNN cell: hₜ = tanh(xₜW + hₜ₋₁U + b)",
    "lstm": f"LSTM cell: gates fₜ, iₜ, {OMEGA} and the cell state cₜ on the top line",
    "gru": "GRU cell: update gate zₜ, reset gate rₜ, no separate cell state",
}
NOTE = ("yellow: a layer with weights (σ or tanh of xₜW + hₜ₋₁U + b) · pink: element-wise "
        "(⊙ product, + sum) · bottom line: hₜ₋₁ and xₜ, read by every layer")


def cell_layout(cell):
    """The layout of `cell` ("rnn", "lstm" or "gru") as plain data: {"boxes", "wires",
    "frame"} (see LAYOUTS). Tests read it: every gate a box, every value a wire."""
    return LAYOUTS[check_choice("cell", cell, tuple(LAYOUTS))]


def _wire(ax, points, arrow):
    xs, ys = zip(*points, strict=True)
    ax.plot(xs, ys, color=_LINE, linewidth=1.8, solid_capstyle="round", zorder=1)
    if arrow:
        ax.add_patch(FancyArrowPatch(points[-2], points[-1], arrowstyle="-|>",
                                     mutation_scale=13, color=_LINE, linewidth=1.8, zorder=1))


def plot_cell(cell="lstm", values=None, title=None, ax=None, digits=2):
    """Draw one time step of a `cell` ("rnn", "lstm" or "gru"); return the Figure.

    values : optional {wire: array} from rh.analysis.cell_wires (lstm_wires, ...): each
             wire's numbers are printed under its symbol (first sequence of the batch).
    """
    layout = cell_layout(cell)
    if ax is None:
        width = 8.5 if cell == "rnn" else 12.5
        fig, ax = new_figure(figsize=(width, 6.2))
        fig.set_layout_engine("none")
        ax.set_position((0.01, 0.02, 0.98, 0.86))
    else:
        fig = ax.figure
    ax.set_axis_off()
    ax.grid(False)
    x0, x1 = layout["frame"]
    ax.add_patch(FancyBboxPatch((x0, 0.25), x1 - x0, 5.55, boxstyle="round,pad=0.05,"
                                "rounding_size=0.3", facecolor="#f3f3f3", edgecolor="#999999",
                                linewidth=1.2, zorder=0))
    for key, points, label, where in layout["wires"]:
        _wire(ax, points, arrow=key is not None or label is not None)
        if label is None:
            continue
        ax.text(*where, label, fontsize=12, ha="left", va="bottom", zorder=4)
        if values is not None and key in values:
            ax.text(where[0], where[1] - 0.05, format_value(values[key][0], digits),
                    fontsize=9, ha="left", va="top", color=_VALUE, zorder=4,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5,
                          "alpha": 0.85})
    for _, x, y, text, caption, kind in layout["boxes"]:
        if kind == "op" and text in ("⊙", "+", "1−"):
            ax.add_patch(Circle((x, y), 0.2, facecolor=_OP, edgecolor=_LINE, zorder=2))
            ax.text(x, y, text, ha="center", va="center", fontsize=12, zorder=3)
            continue
        w = 0.5 if kind == "op" else max(0.6, 0.13 * len(text) + 0.2)
        face = _OP if kind == "op" else _LAYER
        ax.add_patch(FancyBboxPatch((x - w / 2, y - 0.25), w, 0.5, boxstyle="round,pad=0.03,"
                                    "rounding_size=0.12", facecolor=face, edgecolor=_LINE,
                                    linewidth=1.2, zorder=2))
        ax.text(x, y, text, ha="center", va="center", fontsize=11, zorder=3)
        if caption:
            ax.text(x, y - 0.33, caption, ha="center", va="top", fontsize=9, color="#555555",
                    zorder=3, bbox={"facecolor": "#f3f3f3", "edgecolor": "none", "pad": 0.5})
    note = NOTE.replace(" · pink", "\npink") if cell == "rnn" else NOTE
    ax.text((x0 + x1) / 2 + 0.5, -1.05, note, ha="center", va="center", fontsize=8.5,
            color="#555555")
    ax.set_xlim(-0.5, x1 + 2.1)
    ax.set_ylim(-1.3, 6.9)
    ax.set_title(title or TITLES[cell])
    return fig


def plot_cells(values=None):
    """The three cells, one Figure each, in the order SimpleRNN, LSTM, GRU: a list of Figures.
    values: optional {cell: wires} for the cells that should show numbers."""
    values = values or {}
    return [plot_cell(cell, values.get(cell)) for cell in ("rnn", "lstm", "gru")]


__all__ = ["LAYOUTS", "NOTE", "TITLES", "cell_layout", "plot_cell", "plot_cells"]
