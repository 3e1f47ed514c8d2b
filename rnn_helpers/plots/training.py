"""Training curves: what `fit` recorded, epoch by epoch, in one call.

    fig = rh.plots.training.history(history)                         # loss and accuracy, train, val
    fig = rh.plots.training.compare({"SGD": h_sgd, "Adam": h_adam})  # two runs on the same axes
    fig = rh.plots.training.apart({"SGD": h_sgd, "clip": h_clip})    # one panel (and scale) each

`baselines={"accuracy": {"last-value rule": 0.8}}` draws a reference value as a dotted line on
the panels of that quantity (and of its "val_" twin); accuracy panels always show chance, 50 %.
"""

import numpy as np
from matplotlib.ticker import FixedLocator, MaxNLocator, NullLocator

from .._validate import fail
from .style import new_figure

NAMES = {"loss": "loss", "accuracy": "accuracy", "acc": "accuracy", "mse": "mean squared error",
         "mae": "mean absolute error", "val_loss": "held-out loss",
         "val_accuracy": "held-out accuracy"}
BASELINE_STYLES = ("-.", (0, (5, 2, 1, 2, 1, 2)), (0, (1, 3)))


def _logs(history, name="history"):
    """The dict {key: list of per-epoch values} of a History (or the dict itself)."""
    logs = getattr(history, "history", history)
    if not isinstance(logs, dict) or not logs:
        fail(name, "a History returned by fit (or its .history dict)",
              f"{type(history).__name__} {history!r}"[:80])
    return {k: np.asarray(v, dtype=float) for k, v in logs.items()}


def _size(panels):
    """Figure size: one panel as wide as the course's default figure, more side by side."""
    return (8.0, 4.0) if panels == 1 else (5.5 * panels, 4.0)


def log_limits(ax, curves):
    """A log vertical axis, limits and ticks set from the finite positive values (+5 % margin).

    Set by hand: matplotlib's own margins and tick locator overflow when a run blew up to
    ~1e300 before fit stopped it. At most 8 labelled decades, no minor ticks.
    """
    values = np.concatenate([np.asarray(c, dtype=float).ravel() for c in curves])
    values = values[np.isfinite(values) & (values > 0)]
    if not values.size:
        ax.set_yscale("log")
        return
    low, high = np.log10(values.min()), np.log10(values.max())
    pad = max(0.05 * (high - low), 0.1)
    low, high = max(low - pad, -300.0), min(high + pad, 307.0)
    ax.set_ylim(10**low, 10**high)      # first: with fixed limits, no autoscaling
    ax.set_yscale("log")
    step = max(1, int(np.ceil((np.floor(high) - np.ceil(low) + 1) / 8)))
    ax.yaxis.set_major_locator(FixedLocator(10.0 ** np.arange(np.ceil(low), high, step)))
    ax.yaxis.set_minor_locator(NullLocator())


def _label(key):
    return NAMES.get(key, key.replace("_", " "))


def _check_baselines(baselines):
    """{key: {label: value}} checked; None -> {}."""
    if baselines is None:
        return {}
    ok = isinstance(baselines, dict) and all(
        isinstance(lines, dict) and all(np.isscalar(v) and np.isfinite(v) for v in lines.values())
        for lines in baselines.values())
    if not ok:
        fail("baselines", "a dict {quantity: {label: finite value}}, e.g. "
             "{'accuracy': {'last-value rule': 0.8}}", repr(baselines)[:80])
    return baselines


def draw_baselines(ax, key, baselines):
    """Chance (50 %) on an accuracy panel, and every baseline given for `key` (or for the key
    without its "val_"), as horizontal reference lines with a label each."""
    plain = key[4:] if key.startswith("val_") else key
    if plain in ("accuracy", "acc"):
        ax.axhline(0.5, color="0.5", linewidth=1, linestyle=":", label="chance (50 %)")
    lines = {**baselines.get(plain, {}), **(baselines.get(key, {}) if key != plain else {})}
    for i, (label, value) in enumerate(lines.items()):
        ax.axhline(float(value), color="0.25", linewidth=1.3,
                   linestyle=BASELINE_STYLES[i % len(BASELINE_STYLES)], label=str(label))


def history(history, title=None, keys=None, baselines=None):
    """Loss and metric curves of one training run: train (solid) and validation (dashed).

    history  : the History returned by `Sequential.fit` (or its `.history` dict), with Keras'
               keys "loss", "accuracy", "val_loss", "val_accuracy", ...
    keys     : the quantities to draw, one panel each (default: every key without "val_")
    baselines: {quantity: {label: value}} reference lines, e.g. a rule that needs no model
    Returns the Figure.
    """
    logs = _logs(history)
    baselines = _check_baselines(baselines)
    if keys is None:
        keys = [k for k in logs if not k.startswith("val_")] or list(logs)
    keys = [keys] if isinstance(keys, str) else list(keys)
    for k in keys:
        if k not in logs:
            fail("keys", f"names recorded in the history {sorted(logs)}", repr(k))
    fig, axes = new_figure(1, len(keys), figsize=_size(len(keys)), squeeze=False)
    for ax, key in zip(axes[0], keys, strict=True):
        epochs = np.arange(1, len(logs[key]) + 1)
        ax.plot(epochs, logs[key], marker="o", markersize=3, label="train", gid=key)
        if "val_" + key in logs:
            val = logs["val_" + key]
            ax.plot(np.arange(1, len(val) + 1), val, marker="o", markersize=3,
                    linestyle="--", label="validation (held out)", gid="val_" + key)
        draw_baselines(ax, key, baselines)
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(_label(key))
        ax.set_title(_label(key).capitalize())
        ax.legend()
    if title:
        fig.suptitle(title)
    return fig


def update_history(fig, history, title=None):
    """Put new curves into a Figure made by `history()`, without drawing it again.

    Each line keeps its key as gid ("loss", "val_loss", ...) and gets the new values; the
    axis limits are left as they are. Returns the lines that changed (for a widget's redraw).
    """
    logs = _logs(history)
    changed = []
    for ax in fig.axes:
        for line in ax.lines:
            key = line.get_gid()
            if key in logs:
                line.set_data(np.arange(1, len(logs[key]) + 1), logs[key])
                changed.append(line)
    if title is not None:
        fig.suptitle(title)   # updates the existing title
    return changed


def _runs(histories, keys):
    if not isinstance(histories, dict) or not histories:
        fail("histories", "a non-empty dict {label: History}", repr(histories)[:80])
    runs = {label: _logs(h, f"histories[{label!r}]") for label, h in histories.items()}
    for label, logs in runs.items():
        for key in keys:
            if key not in logs:
                fail("keys", f"names recorded by run {label!r}: {sorted(logs)}", repr(key))
    return runs


def _draw_run(ax, label, logs, key, color, longest, validation):
    """One run's curve; a cross at its last finite value if it ended early or blew up."""
    values = logs[key]
    ax.plot(np.arange(1, len(values) + 1), values, color=color, marker="o", markersize=3,
            label=str(label))
    finite = np.flatnonzero(np.isfinite(values))
    if (len(values) < longest or len(finite) < len(values)) and len(finite):
        last = finite[-1]
        ax.plot(last + 1, values[last], marker="X", markersize=12, color=color,
                linestyle="none", label=f"{label}: stopped")
    if validation and "val_" + key in logs:
        val = logs["val_" + key]
        ax.plot(np.arange(1, len(val) + 1), val, color=color, linestyle="--",
                label=f"{label} (validation)")


def _finish(ax, key, logy, longest=None):
    ax.set_xlabel("epoch")
    if longest:
        ax.set_xlim(0.5, longest + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(_label(key) + (" (log scale)" if logy else ""))
    ax.legend()


def compare(histories, keys=("loss",), title=None, validation=False, logy=False,
            baselines=None):
    """Several training runs on the same axes, one colour per run (e.g. SGD vs Adam).

    histories : {label: History or its .history dict}
    keys      : the quantities to draw, one panel each ("loss", "val_accuracy", ...)
    validation: also draw each run's "val_" curve, dashed
    logy      : log scale on the vertical axis (for losses that span decades)
    baselines : {quantity: {label: value}} reference lines (chance is drawn on accuracy)
    A run whose curve ends early or turns NaN/inf (a run stopped by fit's NaN guard) is
    marked with a cross at its last finite value. Returns the Figure.
    """
    keys = [keys] if isinstance(keys, str) else list(keys)
    runs = _runs(histories, keys)
    baselines = _check_baselines(baselines)
    longest = max(len(logs[k]) for logs in runs.values() for k in keys)
    fig, axes = new_figure(1, len(keys), figsize=_size(len(keys)), squeeze=False)
    for ax, key in zip(axes[0], keys, strict=True):
        for i, (label, logs) in enumerate(runs.items()):
            _draw_run(ax, label, logs, key, f"C{i}", longest, validation)
        draw_baselines(ax, key, baselines)
        if logy:
            log_limits(ax, [logs[key] for logs in runs.values()])
        ax.set_title(_label(key).capitalize())
        _finish(ax, key, logy)
    if title:
        fig.suptitle(title)
    return fig


def _spans_decades(values, decades=2.0):
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values) & (values > 0)]
    return bool(values.size) and np.log10(values.max() / values.min()) > decades


def apart(histories, key="loss", title=None, logy="auto", baselines=None):
    """Several runs side by side, one panel each, each with its own vertical axis.

    For runs too different for one axis: a run that blew up to 1e150 and one that stayed
    near 0.03 are both readable, each on its own scale. The epochs axis is shared.
    logy: True, False, or "auto" (log scale for a run whose values span more than two
          decades); baselines as in `compare`. Returns the Figure.
    """
    runs = _runs(histories, [key])
    baselines = _check_baselines(baselines)
    if logy not in (True, False, "auto"):
        fail("logy", 'True, False or "auto"', repr(logy))
    longest = max(len(logs[key]) for logs in runs.values())
    fig, axes = new_figure(1, len(runs), figsize=_size(len(runs)), squeeze=False)
    for i, (ax, (label, logs)) in enumerate(zip(axes[0], runs.items(), strict=True)):
        _draw_run(ax, label, logs, key, f"C{i}", longest, validation=False)
        log = _spans_decades(logs[key]) if logy == "auto" else logy
        draw_baselines(ax, key, baselines)
        if log:
            log_limits(ax, [logs[key]] + [list(baselines.get(key, {}).values())])
        ax.set_title(str(label))
        _finish(ax, key, log, longest)
    if title:
        fig.suptitle(title)
    return fig
