"""Figures of the encoder-decoder (notebook 11): the attention (alignment) map of one
translation, the training losses with and without attention, and which characters each model
gets right."""

import numpy as np

from .._validate import check_array, fail
from .style import new_figure


def plot_alignment(alpha, source, output, title=None, ax=None):
    """The attention weights α (T_out, S) as a heat map: rows the output characters, columns
    the source characters (padding columns, where α = 0, are left out). Returns the Figure.

    source: the source string (its last len(source) columns are the real ones: left padding);
    output: the decoded string, one character per row.
    """
    alpha = check_array("alpha", alpha, ndim=2, layout="(T_out, S)")
    if len(output) != alpha.shape[0] or len(source) > alpha.shape[1]:
        fail("alpha", f"shape ({len(output)}, >= {len(source)}) for this output and source",
              f"shape {alpha.shape}")
    alpha = alpha[:, alpha.shape[1] - len(source):]
    if ax is None:
        fig, ax = new_figure(figsize=(max(6.0, 0.32 * len(source) + 2.5), 4.6))
    else:
        fig = ax.figure
    image = ax.imshow(alpha, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(np.arange(len(source)), list(source.replace(" ", "␣")), fontsize=10)
    ax.set_yticks(np.arange(len(output)), list(output), fontsize=10)
    ax.grid(False)
    ax.set_xlabel("source character (what the encoder read)")
    ax.set_ylabel("output character (step t)")
    fig.colorbar(image, ax=ax, label="attention weight αₜ")
    ax.set_title(title or f"Where the decoder looks: “{source}” → {output}")
    return fig


def plot_losses(histories, title="Training loss (teacher forcing), with and without attention"):
    """Mean cross-entropy per epoch of several models: histories {label: [loss, ...]}."""
    if not isinstance(histories, dict) or not histories:
        fail("histories", "a non-empty dict {label: losses}", repr(histories)[:60])
    fig, ax = new_figure()
    for label, losses in histories.items():
        losses = check_array(f"histories[{label!r}]", losses, ndim=1)
        ax.plot(np.arange(1, len(losses) + 1), losses, marker="o", label=label)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy per character (nats, log scale)")
    ax.set_title(title)
    ax.legend()
    return fig


def plot_position_accuracy(accuracies, labels="YYYY-MM-DD",
                           title="Which characters each model gets right (held-out dates)"):
    """Grouped bars: the share of held-out rows right at each output position, per model.

    accuracies {label: (T,) shares}; labels: one name per position (a string of T characters).
    """
    if not isinstance(accuracies, dict) or not accuracies:
        fail("accuracies", "a non-empty dict {label: shares per position}",
             repr(accuracies)[:60])
    rows = {k: check_array(f"accuracies[{k!r}]", v, ndim=1) for k, v in accuracies.items()}
    T = len(labels)
    if any(len(v) != T for v in rows.values()):
        fail("accuracies", f"{T} shares per model, one per character of {labels!r}",
             f"lengths {[len(v) for v in rows.values()]}")
    fig, ax = new_figure(figsize=(9, 4.2))
    width = 0.8 / len(rows)
    for k, (label, values) in enumerate(rows.items()):
        ax.bar(np.arange(T) + (k - (len(rows) - 1) / 2) * width, 100 * values, width,
               label=label)
    ax.set_xticks(np.arange(T), [f"{c}\n{t + 1}" for t, c in enumerate(labels)])
    ax.set_ylim(0, 118)
    ax.set_xlabel("output position (character of YYYY-MM-DD, position)")
    ax.set_ylabel("rows right at this position (%)")
    ax.set_title(title)
    ax.legend(loc="upper center", ncol=len(rows), frameon=False)
    return fig


__all__ = ["plot_alignment", "plot_losses", "plot_position_accuracy"]
