"""Figures for notebook 06 (a character-level language model).

    plot_language_loss(history, baselines)      # loss per epoch against uniform and unigram
    plot_samples(samples)                       # generated text side by side, one panel each
    plot_next_char(probs, vocab, context)       # the next-character distribution, top k
    plot_perplexities(values)                   # perplexity of each model, one bar each
    plot_loss_by_position(curves, baselines)    # loss at each position of a window
"""

import textwrap

import numpy as np

from .._validate import check_array, fail
from .style import legend_outside, new_figure


def _show_char(c):
    return {" ": "␣", "\n": "↵"}.get(c, c)


def plot_language_loss(history, baselines=None, title="Character model: loss per epoch"):
    """Training and held-out loss per epoch, with each baseline as a horizontal line.

    history   : a History from fit (or its .history dict) with "loss" and maybe "val_loss"
    baselines : {label: loss in nats}, e.g. {"uniform (log V)": 4.32, "unigram": 3.07}
    """
    logs = getattr(history, "history", history)
    if not isinstance(logs, dict) or "loss" not in logs:
        fail("history", "a History from fit (or its .history dict) with a 'loss' entry",
              f"{type(history).__name__}")
    fig, ax = new_figure(figsize=(8.0, 4.5))
    epochs = np.arange(1, len(logs["loss"]) + 1)
    ax.plot(epochs, logs["loss"], marker="o", markersize=3, label="training text")
    if "val_loss" in logs:
        ax.plot(epochs, logs["val_loss"], marker="o", markersize=3, linestyle="--",
                label="held-out text")
    styles = [":", "-."]
    for i, (label, value) in enumerate((baselines or {}).items()):
        ax.axhline(value, color=f"C{i + 2}", linestyle=styles[i % 2], linewidth=1.5,
                   label=f"{label}: {value:.2f}")
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy per character (nats)")
    ax.set_title(title)
    top = max([*np.ravel(logs["loss"]), *(baselines or {}).values()])
    ax.set_ylim(top=top + 0.35 * (top - ax.get_ylim()[0]))   # room for the legend
    ax.legend(loc="upper right", ncol=2, fontsize=10)
    return fig


def plot_samples(samples, width=80, max_lines=3,
                 title="Samples from the model as training goes on"):
    """Generated texts one above the other, one panel per label (e.g. "after 1 epoch").

    samples : {label: text}. Each text keeps its own line breaks (the model writes them);
    lines longer than `width` characters are wrapped, and at most `max_lines` are shown.
    """
    if not isinstance(samples, dict) or not samples:
        fail("samples", "a non-empty dict {label: generated text}", repr(samples)[:60])
    n = len(samples)
    fig, axes = new_figure(n, 1, figsize=(9.5, 0.35 + (0.25 * max_lines + 0.45) * n),
                           squeeze=False)
    for ax, (label, text) in zip(axes[:, 0], samples.items(), strict=True):
        lines = []
        for line in str(text).split("\n"):
            lines.extend(textwrap.wrap(line, width) or [""])
        ax.text(0.01, 0.93, "\n".join(lines[:max_lines]), family="monospace", fontsize=10,
                va="top", ha="left", transform=ax.transAxes)
        ax.set_title(label, loc="left", fontsize=12)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(True)
            spine.set_color("0.7")
    fig.suptitle(title)
    return fig


def plot_next_char(probs, vocab, context="", top=12, title=None, ymax=None):
    """The k most likely next characters, one bar group per temperature.

    probs : {label: p (V,)} (e.g. {"τ = 0.5": p1, "τ = 1": p2}) or one array p (V,)
    vocab : the Vocabulary (for the characters' names); space shows as ␣, newline as ↵
    The bars are ordered by the first distribution's probabilities; ymax: the top of the
    probability axis (default: a little above the tallest bar).
    """
    if not isinstance(probs, dict):
        probs = {"p": probs}
    probs = {k: check_array(f"probs[{k!r}]", v, shape=(len(vocab),), layout="(V,)")
             for k, v in probs.items()}
    first = next(iter(probs.values()))
    order = np.argsort(-first, kind="stable")[:top]
    fig, ax = new_figure(figsize=(8.0, 4.0))
    n = len(probs)
    width = 0.8 / n
    x = np.arange(len(order))
    for i, (label, p) in enumerate(probs.items()):
        ax.bar(x + (i - (n - 1) / 2) * width, p[order], width, label=label)
    ax.set_xticks(x)
    ax.set_xticklabels([_show_char(vocab.chars[j]) for j in order], family="monospace")
    tallest = max(float(p[order].max()) for p in probs.values())
    ax.set_ylim(0, ymax if ymax is not None else min(1.0, 1.2 * tallest))
    ax.set_xlabel("next character (␣ = space, ↵ = new line)")
    ax.set_ylabel("probability")
    shown = context[-30:].replace("\n", "↵")
    ax.set_title(title or f"What comes after “…{shown}”?")
    if n > 1:
        ax.legend()
    return fig


def plot_perplexities(values, title="Perplexity on held-out text (lower is better)", bits=True):
    """One bar per model, its perplexity written on it; a log scale, since they span 1 to V.

    values : {label: perplexity}, e.g. {"uniform": 75, "unigram": 21.4, "RNN": 7.1}; long
             labels are wrapped under their bar
    bits   : also write each model's bits per character, log2(perplexity), under the number
    """
    if not isinstance(values, dict) or not values:
        fail("values", "a non-empty dict {model: perplexity}", repr(values)[:60])
    heights = [float(v) for v in values.values()]
    if not all(np.isfinite(h) and h >= 1 for h in heights):
        fail("values", "perplexities >= 1 (exp of a cross-entropy >= 0)", repr(heights)[:60])
    labels = ["\n".join(textwrap.wrap(str(label), 12)) or str(label) for label in values]
    fig, ax = new_figure(figsize=(max(7.0, 1.25 * len(labels) + 1.5), 4.5))
    bars = ax.bar(range(len(labels)), heights, color=[f"C{i}" for i in range(len(labels))])
    for bar, h in zip(bars, heights, strict=True):
        note = f"{h:.1f}" + (f"\n{np.log2(h):.2f} bits" if bits else "")
        ax.text(bar.get_x() + bar.get_width() / 2, h * 1.05, note, ha="center", va="bottom",
                fontsize=10 if bits else 12)
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, fontsize=10)
    ax.set_yscale("log")
    ax.set_ylim(1, max(heights) * 3)
    ax.set_ylabel("perplexity (log scale)")
    ax.set_xlabel("model" + (" (on each bar: perplexity, then bits per character)" if bits else ""))
    ax.set_title(title)
    return fig


def plot_loss_by_position(curves, baselines=None,
                          title="Held-out loss at each position of a window"):
    """One line per way of reading: the mean loss at positions 0 .. T - 1 of the windows.

    curves    : {label: (T,) losses in nats}, e.g. from rh.stateful.loss_by_position
    baselines : {label: loss in nats}, drawn as horizontal lines (e.g. the unigram's)
    """
    if not isinstance(curves, dict) or not curves:
        fail("curves", "a non-empty dict {label: (T,) losses}", repr(curves)[:60])
    curves = {label: check_array(f"curves[{label!r}]", c, ndim=1, layout="(T,)", nonempty=True)
              for label, c in curves.items()}
    fig, ax = new_figure(figsize=(8.5, 4.2))
    for i, (label, c) in enumerate(curves.items()):
        ax.plot(np.arange(len(c)), c, marker="o", markersize=3, linestyle="-" if i == 0 else "--",
                label=label)
    for i, (label, value) in enumerate((baselines or {}).items()):
        ax.axhline(value, color=f"C{i + len(curves)}", linestyle=":", linewidth=1.5,
                   label=f"{label}: {value:.2f}")
    ax.set_xlabel("position t in the window (characters read since its start: t + 1)")
    ax.set_ylabel("cross-entropy (nats per character)")
    ax.set_title(title)
    legend_outside(ax, fontsize=10)
    return fig


__all__ = ["plot_language_loss", "plot_loss_by_position", "plot_next_char", "plot_perplexities",
           "plot_samples"]
