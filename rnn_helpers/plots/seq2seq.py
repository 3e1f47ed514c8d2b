"""Figures of the encoder-decoder (notebook 09): the attention (alignment) map of one
translation, and the training losses with and without attention."""

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


__all__ = ["plot_alignment", "plot_losses"]
