"""Figures for notebook 08 (sequences everywhere): the three toy scenarios and their errors.

    plot_shape_examples(frames, y)             # one moving square per direction, frame by frame
    plot_tone_examples(signals, X, y)          # waveform and spectrogram of each tone pattern
    plot_depths(string, y_true, y_pred)        # a bracket string with true / predicted depth
    plot_confusion(cm, class_names)            # counts of (truth, prediction)
    plot_scores({"task": {"RNN": 0.98, "chance": 0.25}})   # every model against its baselines
    plot_example(kind, shown, y_true, probs)   # one held-out example and the model's answer

Artists that the widget of notebook 08 moves carry a gid ("input", "input:t", "prob:k",
"char:t", "truth", "pred", "wrong").
"""

import numpy as np

from .._validate import check_array, check_choice, fail
from ..datasets.scenarios import DIRECTIONS, TONES
from .style import new_figure

FRAME_LIMITS = (-0.6, 1.6)        # brightness range shown for the noisy frames
KINDS = ("frames", "spectrogram", "brackets")


def _names(class_names, K):
    if class_names is None:
        return [str(k) for k in range(K)]
    if len(class_names) < K:
        fail("class_names", f"at least {K} names", f"{len(class_names)}")
    return [str(c) for c in class_names]


def _first_of_each(y, K):
    """Index of the first example of every class 0 .. K-1."""
    found = []
    for k in range(K):
        where = np.flatnonzero(y == k)
        if len(where) == 0:
            fail("y", f"at least one example of every class 0 .. {K - 1}", f"none of class {k}")
        found.append(int(where[0]))
    return found


def _draw_frames(axes, frames, gid=True):
    images = []
    for t, ax in enumerate(axes):
        im = ax.imshow(frames[t], cmap="gray", vmin=FRAME_LIMITS[0], vmax=FRAME_LIMITS[1],
                       interpolation="nearest", gid=f"input:{t}" if gid else None)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        images.append(im)
    return images


def plot_shape_examples(frames, y, class_names=DIRECTIONS,
                        title="A square moving across the frames: one example per direction"):
    """One row per direction (the first example of each class), one column per frame.

    frames (n, F, N, N), y (n,) -> Figure
    """
    frames = check_array("frames", frames, ndim=4, layout="(n, F, N, N)")
    y = np.asarray(y)
    K = len(class_names)
    rows = _first_of_each(y, K)
    F = frames.shape[1]
    fig, axes = new_figure(K, F, figsize=(1.45 * F + 0.8, 1.45 * K + 0.7), squeeze=False)
    for r, i in enumerate(rows):
        _draw_frames(axes[r], frames[i], gid=False)
        axes[r, 0].set_ylabel(f"moves\n{class_names[r]}")
    for t in range(F):
        axes[0, t].set_title(f"frame {t + 1}", fontsize=11)
        axes[-1, t].set_xlabel("column →", fontsize=9)
    fig.suptitle(title)
    return fig


def _draw_spectrogram(ax, X_i, sample_rate, frame_length, hop, gid=None):
    T, bins = X_i.shape
    ms_per_frame = 1000 * hop / sample_rate
    hz_per_bin = sample_rate / frame_length
    im = ax.imshow(X_i.T, origin="lower", aspect="auto", cmap="magma",
                   extent=(0, T * ms_per_frame, -hz_per_bin / 2, (bins - 0.5) * hz_per_bin),
                   gid=gid)
    ax.set_xlabel("time (ms)")
    ax.set_ylabel("frequency (Hz)")
    ax.grid(False)
    return im


def plot_tone_examples(signals, X, y, class_names=TONES, sample_rate=2000, frame_length=32,
                       hop=32, title="Four tone patterns: the signal and its frames' spectra"):
    """Top row: the waveform of one example per class; bottom row: its spectrogram, the
    sequence the RNN reads (one column = one frame = one time step).

    signals (n, L), X (n, T, bins) from `frame_spectra`, y (n,) -> Figure
    """
    signals = check_array("signals", signals, ndim=2, layout="(n, L)")
    X = check_array("X", X, ndim=3, layout="(n, T, bins)")
    y = np.asarray(y)
    K = len(class_names)
    fig, axes = new_figure(2, K, figsize=(3.2 * K, 5.6), squeeze=False,
                           gridspec_kw={"height_ratios": [1, 1.6]})
    t_ms = 1000 * np.arange(signals.shape[1]) / sample_rate
    vmax = float(np.max(X))
    for c, i in enumerate(_first_of_each(y, K)):
        ax = axes[0, c]
        ax.plot(t_ms, signals[i], color="C0", linewidth=0.5, antialiased=False)  # small PNG
        ax.set_title(class_names[c])
        ax.set_xlabel("time (ms)")
        ax.set_ylabel("amplitude" if c == 0 else "")
        im = _draw_spectrogram(axes[1, c], X[i], sample_rate, frame_length, hop)
        im.set_clim(0, vmax)
        if c:
            axes[1, c].set_ylabel("")
    fig.colorbar(im, ax=axes[1, :], label="log(1 + |spectrum|)", shrink=0.9)
    fig.suptitle(title)
    return fig


def _depth_axes(ax, string, max_depth):
    T = len(string)
    ax.set_xlim(-0.6, T - 0.4)
    ax.set_ylim(-0.5, max_depth + 0.6)
    ax.set_xticks(np.arange(T))
    ax.set_xticklabels([])
    ax.set_yticks(np.arange(max_depth + 1))
    ax.set_ylabel("nesting depth")
    ax.set_xlabel("character (position t = 1 .. T)", labelpad=22)
    texts = [ax.text(t, -0.03, ch, transform=ax.get_xaxis_transform(), ha="center", va="top",
                     fontsize=15, family="monospace", fontweight="bold", gid=f"char:{t}")
             for t, ch in enumerate(string)]
    return texts


def _draw_depths(ax, string, y_true, y_pred, max_depth):
    _depth_axes(ax, string, max_depth)
    t = np.arange(len(string))
    ax.plot(t, y_true, color="0.3", marker="o", markersize=9, markerfacecolor="none",
            markeredgewidth=2, linewidth=1.2, label="true depth", gid="truth")
    pred = np.full(len(string), np.nan) if y_pred is None else y_pred
    wrong = np.where(pred != y_true, pred, np.nan) if y_pred is not None else pred
    ax.plot(t, pred, linestyle="none", marker="x", markersize=9, markeredgewidth=2.5,
            color="C0", label="RNN's prediction", gid="pred")
    ax.plot(t, wrong, linestyle="none", marker="o", markersize=15, markerfacecolor="none",
            markeredgewidth=2, color="C3", label="wrong", gid="wrong")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=10)


def plot_depths(string, y_true, y_pred=None, max_depth=None, title=None):
    """A bracket string (its characters along the bottom) with each character's true nesting
    depth (circles) and, if given, the predicted one (crosses; wrong ones ringed in red).

    string of T characters, y_true (T,), y_pred (T,) or None -> Figure
    """
    if not isinstance(string, str):
        raise TypeError(f"string: expected a str, got {type(string).__name__}")
    y_true = check_array("y_true", y_true, shape=(len(string),), layout="(T,), one per character")
    if y_pred is not None:
        y_pred = check_array("y_pred", y_pred, shape=(len(string),), layout="(T,)")
    max_depth = int(max_depth if max_depth is not None else max(
        y_true.max(), 0 if y_pred is None else y_pred.max()))
    fig, ax = new_figure(figsize=(max(6.0, 0.45 * len(string) + 3.0), 3.6))
    _draw_depths(ax, string, y_true, y_pred, max_depth)
    if title is None:
        title = "Nesting depth of every character"
        if y_pred is not None:
            title += f": {int(np.sum(y_pred == y_true))}/{len(string)} right"
    ax.set_title(title)
    return fig


def plot_confusion(cm, class_names=None, title="Confusion matrix (held-out data)"):
    """Counts of (true class, predicted class): rows are the truth, columns the prediction.
    Colour is the fraction of the row, so each class's errors show whatever its size."""
    cm = check_array("cm", cm, ndim=2, layout="(K, K)")
    K = cm.shape[0]
    if cm.shape[1] != K:
        fail("cm", "a square confusion matrix (K, K)", f"shape {cm.shape}")
    names = _names(class_names, K)
    totals = cm.sum(axis=1, keepdims=True)
    frac = np.divide(cm, totals, out=np.zeros_like(cm), where=totals > 0)
    fig, ax = new_figure(figsize=(0.8 * K + 2.6, 0.7 * K + 1.6))
    im = ax.imshow(frac, cmap="Blues", vmin=0, vmax=1)
    for i in range(K):
        for j in range(K):
            ax.text(j, i, f"{int(cm[i, j])}", ha="center", va="center", fontsize=12,
                    color="white" if frac[i, j] > 0.6 else "black")
    ax.set_xticks(np.arange(K))
    ax.set_xticklabels(names[:K], rotation=30 if max(map(len, names)) > 5 else 0)
    ax.set_yticks(np.arange(K))
    ax.set_yticklabels(names[:K])
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.grid(False)
    ax.set_title(title)
    fig.colorbar(im, ax=ax, label="fraction of the true class")
    return fig


def plot_scores(scores, title="Held-out accuracy of each model against its baselines"):
    """Grouped bars: for each task, its model's accuracy and the baselines', values printed.

    scores: {task: {"RNN": 0.98, "chance": 0.25, ...}} (accuracies in [0, 1]) -> Figure
    """
    if not isinstance(scores, dict) or not scores:
        fail("scores", "a non-empty dict {task: {method: accuracy}}", repr(scores)[:60])
    methods = []
    for row in scores.values():
        methods += [m for m in row if m not in methods]
    width = 0.8 / len(methods)
    fig, ax = new_figure(figsize=(max(7.0, 2.4 * len(scores) + 2.2), 4.2))
    for j, method in enumerate(methods):
        for i, row in enumerate(scores.values()):
            if method not in row:
                continue
            x = i - 0.4 + width * (j + 0.5)
            ax.bar(x, row[method], width=width * 0.92, color=f"C{j}",
                   label=method if i == min(k for k, r in enumerate(scores.values())
                                            if method in r) else None)
            ax.text(x, row[method] + 0.015, f"{100 * row[method]:.0f}%", ha="center",
                    va="bottom", fontsize=9)
    ax.set_xticks(np.arange(len(scores)))
    ax.set_xticklabels(list(scores))
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("accuracy on held-out data")
    ax.set_xlabel("task")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=10)
    return fig


def _draw_probs(ax, probs, names, truth):
    K = len(probs)
    bars = ax.bar(np.arange(K), probs, color="C0")
    for k, bar in enumerate(bars):
        bar.set_gid(f"prob:{k}")
        if k == int(truth):
            bar.set_color("C2")
    ax.set_xticks(np.arange(K))
    ax.set_xticklabels(names[:K], rotation=30)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("probability")
    ax.set_xlabel("class (the model's softmax)")
    ax.set_title("the model's answer (green: truth)", fontsize=12)
    return bars


def plot_example(kind, shown, y_true, probs, class_names=None, sample_rate=2000,
                 frame_length=32, hop=32, max_depth=None, title=None):
    """One held-out example and the model's answer (the first picture of notebook 08's widget).

    kind "frames"      : shown (F, N, N) frames; y_true a class; probs (K,)
    kind "spectrogram" : shown (T, bins) frame spectra; y_true a class; probs (K,)
    kind "brackets"    : shown a string of T characters; y_true (T,) depths; probs (T, V)
    -> Figure
    """
    check_choice("kind", kind, KINDS)
    probs = check_array("probs", probs, ndim=2 if kind == "brackets" else 1)
    if kind == "brackets":
        pred = probs.argmax(axis=-1)
        depth = max_depth if max_depth is not None else probs.shape[-1] - 1
        fig = plot_depths(shown, y_true, pred, max_depth=depth, title=title)
        return fig
    names = _names(class_names, len(probs))
    if kind == "frames":
        shown = check_array("shown", shown, ndim=3, layout="(F, N, N)")
        F = shown.shape[0]
        fig, axes = new_figure(1, F + 1, figsize=(1.5 * F + 3.2, 2.9),
                               gridspec_kw={"width_ratios": [1] * F + [2.2]})
        _draw_frames(axes[:F], shown)
        for t in range(F):
            axes[t].set_title(f"frame {t + 1}", fontsize=10)
        axes[0].set_ylabel("row")
        axes[F // 2].set_xlabel("column")
    else:
        shown = check_array("shown", shown, ndim=2, layout="(T, bins)")
        fig, axes = new_figure(1, 2, figsize=(9.0, 3.4), gridspec_kw={"width_ratios": [2, 1.2]})
        _draw_spectrogram(axes[0], shown, sample_rate, frame_length, hop, gid="input")
        axes[0].set_title("input: the frames' spectra", fontsize=12)
    _draw_probs(axes[-1], probs, names, y_true)
    fig.suptitle(title or f"truth: {names[int(y_true)]}, model: {names[int(np.argmax(probs))]}")
    return fig


__all__ = ["plot_confusion", "plot_depths", "plot_example", "plot_scores",
           "plot_shape_examples", "plot_tone_examples"]
