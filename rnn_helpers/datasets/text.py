"""Characters as numbers: the shipped text, a character vocabulary, training windows, baselines.

    text = load_text()                         # Persuasion, chapters 1-10 (public domain)
    vocab = Vocabulary(text)                   # V distinct characters, sorted
    ids = vocab.encode(text)                   # str -> int array, one id per character
    X, Y = make_windows(ids, T=40)             # X (N, T) and Y (N, T): Y is X shifted by one
    perplexity(loss)                           # exp(mean cross-entropy in nats)

A character-level language model reads characters x_1 .. x_t and gives a probability to
every possible next character; its loss is the mean of -log p(next character).
"""

from pathlib import Path

import numpy as np

from .._validate import as_numeric, check_array, check_positive_int, fail

DATA_DIR = Path(__file__).resolve().parent / "data"
TEXTS = {"persuasion": "persuasion_ch01-10.txt"}
"""The shipped texts (see rnn_helpers/datasets/data/README.md for their source and licence)."""


def load_text(name="persuasion", n_chars=None):
    """The shipped text `name` as one string (its first `n_chars` characters if given).

    "persuasion": Jane Austen, Persuasion (1818), chapters 1-10, 167,209 characters of
    plain ASCII, public domain; from Project Gutenberg eBook #105.
    """
    if name not in TEXTS:
        listed = ", ".join(repr(k) for k in TEXTS)
        fail("name", f"one of {listed}", repr(name))
    text = (DATA_DIR / TEXTS[name]).read_text(encoding="utf-8")
    if n_chars is not None:
        text = text[:check_positive_int("n_chars", n_chars)]
    return text


class Vocabulary:
    """The distinct characters of a text, each given an id 0 .. V-1 (in sorted order).

        vocab = Vocabulary("hello")    # chars ['e', 'h', 'l', 'o'], V = 4
        vocab.encode("hole")           # array([1, 3, 2, 0])
        vocab.decode([1, 0, 2, 2, 3])  # 'hello'
    """

    def __init__(self, text):
        if not isinstance(text, str):
            raise TypeError(f"text: expected a string, got {type(text).__name__}")
        if not text:
            fail("text", "at least one character", "an empty string")
        self.chars = sorted(set(text))
        self.index = {c: i for i, c in enumerate(self.chars)}

    def __len__(self):
        return len(self.chars)

    @property
    def size(self):
        """V, the number of distinct characters."""
        return len(self.chars)

    def encode(self, text):
        """A string -> an int array of ids, one per character."""
        if not isinstance(text, str):
            raise TypeError(f"text: expected a string, got {type(text).__name__}")
        unknown = sorted(set(text) - set(self.index))
        if unknown:
            fail("text", "characters of the vocabulary only",
                  f"{len(unknown)} unknown character(s) such as {unknown[0]!r}")
        return np.array([self.index[c] for c in text], dtype=np.int64)

    def decode(self, ids):
        """An array (or list) of ids -> the string they stand for."""
        ids = _check_ids("ids", ids, len(self))
        return "".join(self.chars[i] for i in ids.ravel())

    def __repr__(self):
        return f"<Vocabulary V={len(self)}: {''.join(self.chars)!r}>"


def _check_ids(name, ids, V=None):
    """Integer ids in [0, V) (or >= 0 when V is None) as an int64 array."""
    arr = as_numeric(name, ids)
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer)
                                 or (np.issubdtype(arr.dtype, np.floating)
                                     and np.all(np.isfinite(arr))
                                     and np.all(arr == np.round(arr)))):
        fail(name, "integer ids", f"dtype {arr.dtype}" + (
            "" if np.issubdtype(arr.dtype, np.integer) or arr.dtype == bool
            else " with values that are not whole numbers"))
    if V is None:
        if arr.size and (arr.min() < 0 or arr.max() >= 2**62):
            fail(name, "ids >= 0 (and below 2**62)", f"ids from {arr.min():.0f} to {arr.max():.0f}")
    elif arr.size and (arr.min() < 0 or arr.max() >= V):
        fail(name, f"ids in [0, {V}) for a vocabulary of V = {V}",
              f"ids from {arr.min():.0f} to {arr.max():.0f}")
    return arr.astype(np.int64)


def one_hot(ids, V):
    """ids of any shape (...) -> a float array (..., V) with a 1 at each id.

        one_hot(ids, V)[..., v] = 1 if ids[...] == v else 0
    """
    V = check_positive_int("V", V)
    ids = _check_ids("ids", ids, V)
    out = np.zeros(ids.shape + (V,))
    np.put_along_axis(out, ids[..., None], 1.0, axis=-1)
    return out


def make_windows(ids, T, step=None):
    """Cut a long id sequence into training pairs: input x_1..x_T, target x_2..x_{T+1}.

        X[n, t] = ids[n * step + t]
        Y[n, t] = ids[n * step + t + 1]       (the next character of each position)

    ids (L,), T steps, step between window starts (default T: windows do not overlap)
    -> X (N, T), Y (N, T) int arrays, N = (L - T - 1) // step + 1.
    """
    T = check_positive_int("T", T)
    step = T if step is None else check_positive_int("step", step)
    ids = np.asarray(ids)
    if ids.ndim != 1:
        fail("ids", "a 1-D sequence of ids (L,)", f"shape {ids.shape}")
    ids = _check_ids("ids", ids)
    if len(ids) < T + 1:
        fail("ids", f"at least T + 1 = {T + 1} ids to make one window", f"{len(ids)} ids")
    starts = np.arange(0, len(ids) - T, step)
    idx = starts[:, None] + np.arange(T)
    return ids[idx], ids[idx + 1]


def split_text(text, valid_fraction=0.1):
    """The first part of the text to train on, the last `valid_fraction` held out.

    Held-out text comes from the end, not from random places, so that no sentence of it was
    seen in training.
    """
    if not isinstance(text, str):
        raise TypeError(f"text: expected a string, got {type(text).__name__}")
    if not (isinstance(valid_fraction, (int, float)) and not isinstance(valid_fraction, bool)
            and 0 < valid_fraction < 1):
        fail("valid_fraction", "a number in (0, 1)", repr(valid_fraction))
    cut = int(round(len(text) * (1 - valid_fraction)))
    return text[:cut], text[cut:]


def unigram_probs(ids, V, alpha=1.0):
    """Each character's frequency, smoothed: the best model that ignores context.

        p(v) = (count(v) + alpha) / (L + alpha * V)

    alpha = 1 (Laplace) gives characters never seen in training a small probability, so the
    loss on new text stays finite. ids (L,) -> p (V,), summing to 1.
    """
    V = check_positive_int("V", V)
    ids = _check_ids("ids", ids, V).ravel()
    if not (isinstance(alpha, (int, float)) and not isinstance(alpha, bool) and alpha >= 0):
        fail("alpha", "a number >= 0", repr(alpha))
    counts = np.bincount(ids, minlength=V).astype(np.float64) + alpha
    if counts.sum() == 0:
        fail("ids", "at least one id when alpha = 0", "none")
    return counts / counts.sum()


def cross_entropy(p, ids):
    """The mean loss of a fixed distribution p (V,) on the ids: mean of -log p(id), in nats.

    With p uniform (1/V everywhere) this is log V; with p = unigram_probs(train) it is the
    unigram baseline a language model has to beat.
    """
    p = check_array("p", p, ndim=1, layout="(V,)")
    if p.min() < 0 or not np.isclose(p.sum(), 1.0):
        fail("p", "probabilities >= 0 that sum to 1", f"a sum of {p.sum():.4g}")
    ids = _check_ids("ids", ids, len(p)).ravel()
    with np.errstate(divide="ignore"):
        return float(-np.mean(np.log(p[ids])))


def perplexity(loss):
    """exp(loss): the loss (mean cross-entropy in nats) as an "effective number of choices".

        perplexity = exp(mean of -log p(next character))

    A model that spreads its bet evenly over k characters has perplexity k; a uniform guess
    over V characters has perplexity V; a perfect model has perplexity 1.
    """
    loss = check_array("loss", loss)
    if np.any(loss < 0):
        fail("loss", "a cross-entropy >= 0 (in nats)", f"{float(loss.min()):.4g}")
    with np.errstate(over="ignore"):   # a loss above 709.78 nats: perplexity inf, as it is
        out = np.exp(loss)
    return float(out) if out.ndim == 0 else out


def bits_per_char(loss):
    """The loss in bits instead of nats: loss / log(2)."""
    loss = check_array("loss", loss)
    out = loss / np.log(2.0)
    return float(out) if out.ndim == 0 else out
