"""Counting instead of learning: n-gram character models, the baselines a character RNN must beat.

An n-gram model guesses the next character from the n - 1 characters before it, by counting
how often each character followed that context in the training text:

    p_0(v)            = 1 / V                                        (uniform: no counts)
    p_k(v | context)  = (count(context v) + alpha * p_{k-1}(v | shorter context))
                        / (count(context) + alpha)                   (k = 1 .. n)

where `context` is the last k - 1 characters and `shorter context` the last k - 2. A context
seen often trusts its own counts; a context seen rarely (or never) leans on the shorter one:
interpolated additive smoothing. With n = 1 and alpha = V it is Laplace's add-one unigram,
(count(v) + 1) / (L + V).

    model = NGram(3, V).fit(train_ids)         # a trigram: two characters of context
    model.loss(X_valid, Y_valid)               # mean -log p(next character), in nats
    model.next_probs(ids)                      # p(. | the last n - 1 ids), shape (V,)
    model.generate(ids, 200, seed=0)           # 200 new ids, drawn one at a time
    choose_alpha(train_ids, V, 3)              # the smoothing, chosen on training text only

Nothing here is learned by gradient descent: `fit` only counts. The RNN of notebook 06 has to
beat these to show that its hidden state is worth more than a table of counts.
"""

import numpy as np

from .._validate import check_number, check_positive_int, check_seed, fail
from ..datasets.text import make_windows
from .sampling import apply_temperature, sample_index

NAMES = {0: "uniform", 1: "unigram", 2: "bigram", 3: "trigram", 4: "4-gram", 5: "5-gram"}


def _check_ids(name, ids, V, ndim=(1, 2)):
    arr = np.asarray(ids)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        fail(name, "integer ids (vocab.encode(text))", f"dtype {arr.dtype}")
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if arr.ndim not in allowed:
        fail(name, " or ".join(f"a {d}-D array of ids" for d in allowed), f"shape {arr.shape}")
    if arr.size and (arr.min() < 0 or arr.max() >= V):
        fail(name, f"ids in [0, {V}) for a vocabulary of V = {V}",
             f"ids from {arr.min()} to {arr.max()}")
    return arr.astype(np.int64)


def _lookup(keys, table_keys, table_values):
    """table_values at each key of the sorted table_keys; 0 where a key was never counted."""
    if len(table_keys) == 0:
        return np.zeros(keys.shape)
    pos = np.minimum(np.searchsorted(table_keys, keys), len(table_keys) - 1)
    return np.where(table_keys[pos] == keys, table_values[pos], 0.0)


class NGram:
    """A character n-gram model with interpolated additive smoothing (see the module's text).

    n     : characters per counted n-gram: the predicted one and the n - 1 before it
            (0 uniform, 1 unigram, 2 bigram, 3 trigram, ...)
    V     : the vocabulary size
    alpha : the pseudo-counts each context borrows from the shorter context (> 0)
    """

    def __init__(self, n, V, alpha=1.0):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
            fail("n", "an integer >= 0 (0 uniform, 1 unigram, 2 bigram, 3 trigram, ...)",
                 repr(n))
        self.n, self.V = int(n), check_positive_int("V", V)
        self.alpha = check_number("alpha", alpha, low=0, low_open=True)
        if self.V ** self.n >= 2**62:
            fail("n", f"an order whose n-grams fit in 64 bits (V ** n < 2 ** 62, V = {self.V})",
                 repr(n))
        self.tables = [] if self.n == 0 else None    # the uniform model counts nothing

    @property
    def name(self):
        return NAMES.get(self.n, f"{self.n}-gram")

    def __repr__(self):
        state = "not fitted" if self.tables is None else "fitted"
        return f"<NGram {self.name}: n={self.n}, V={self.V}, alpha={self.alpha:g}, {state}>"

    def fit(self, ids):
        """Count every k-gram of the training ids (L,), k = 1 .. n. Returns the model.

        tables[k - 1] = (k-gram keys, their counts, context keys, the contexts' counts), each
        key the ids written as one base-V number; count(context) = sum over v of
        count(context v), so that every p_k sums to 1.
        """
        ids = _check_ids("ids", ids, self.V, ndim=1)
        if len(ids) < self.n:
            fail("ids", f"at least n = {self.n} ids to count", f"{len(ids)} ids")
        self.tables = []
        for k in range(1, self.n + 1):
            keys = np.zeros(len(ids) - k + 1, dtype=np.int64)
            for j in range(k):
                keys = keys * self.V + ids[j:len(ids) - k + 1 + j]
            grams, counts = np.unique(keys, return_counts=True)
            contexts, where = np.unique(grams // self.V, return_inverse=True)
            context_counts = np.bincount(where, weights=counts, minlength=len(contexts))
            self.tables.append((grams, counts.astype(np.float64), contexts, context_counts))
        return self

    def probs(self, history, nxt):
        """p(nxt | history) for M cases at once, the module's formula order by order:

            p = 1 / V
            for k = 1 .. n:   p = (count(context v) + alpha * p) / (count(context) + alpha)

        history (M, n - 1) ids, the last n - 1 characters before each case (-1 where the text
        had not started: a shorter context is used there), nxt (M,) ids -> p (M,).
        """
        if self.tables is None:
            raise RuntimeError("This NGram has counted nothing yet: call .fit(train_ids) first.")
        nxt = _check_ids("nxt", nxt, self.V, ndim=1)
        history = np.asarray(history)
        width = max(self.n - 1, 0)
        if history.shape != (len(nxt), width) or not np.issubdtype(history.dtype, np.integer):
            fail("history", f"integer ids of shape ({len(nxt)}, {width}) = (cases, n - 1)",
                 f"{history.dtype} of shape {history.shape}")
        if history.size and (history.min() < -1 or history.max() >= self.V):
            fail("history", f"ids in [0, {self.V}), or -1 before the text starts",
                 f"ids from {history.min()} to {history.max()}")
        p = np.full(nxt.shape, 1.0 / self.V)                         # p_0: uniform
        for k, (grams, counts, contexts, context_counts) in enumerate(self.tables, start=1):
            context = history[:, history.shape[1] - (k - 1):]        # the last k - 1 ids
            known = np.all(context >= 0, axis=1)
            key = np.zeros(nxt.shape, dtype=np.int64)
            for j in range(k - 1):
                key = key * self.V + np.maximum(context[:, j], 0)
            c_gram = _lookup(key * self.V + nxt, grams, counts)      # count(context v)
            c_context = _lookup(key, contexts, context_counts)       # count(context)
            p = np.where(known, (c_gram + self.alpha * p) / (c_context + self.alpha), p)
        return p

    def _windows(self, X, Y):
        """Checked windows (N, T) and the n - 1 ids before each position: (N * T, n - 1),
        -1 before the window's start."""
        X, Y = _check_ids("X", X, self.V), _check_ids("Y", Y, self.V)
        if X.shape != Y.shape:
            fail("Y", f"the shape of X {X.shape}", f"shape {Y.shape}")
        X, Y = (X[None], Y[None]) if X.ndim == 1 else (X, Y)
        N, T = X.shape
        width = max(self.n - 1, 0)
        padded = np.concatenate([np.full((N, width), -1, dtype=np.int64), X], axis=1)
        columns = np.arange(T)[:, None] + np.arange(1, width + 1)[None, :]  # ... up to X[:, t]
        return padded[:, columns].reshape(N * T, width), Y.reshape(-1)

    def loss(self, X, Y):
        """Mean -log p(Y[b, t] | X[b, :t+1]) in nats, over every position of every window.

        X, Y (N, T) as from `make_windows` (or (L,) for one window). Like an RNN started
        afresh on each window, the model sees only the window's characters so far (their last
        n - 1). perplexity = exp(loss).
        """
        history, nxt = self._windows(X, Y)
        return float(-np.mean(np.log(self.probs(history, nxt))))

    def seen_share(self, X):
        """The share of the positions of X (N, T) whose whole context, the n - 1 characters
        before, occurs in the training text; positions near a window's start, with fewer
        than n - 1 characters before them, are left out. 1.0 for the uniform and unigram."""
        if self.tables is None:
            raise RuntimeError("This NGram has counted nothing yet: call .fit(train_ids) first.")
        history, _ = self._windows(X, X)
        if self.n <= 1:
            return 1.0
        history = history[np.all(history >= 0, axis=1)]
        if len(history) == 0:
            fail("X", f"windows longer than n - 1 = {self.n - 1} characters", f"shape {X.shape}")
        key = np.zeros(len(history), dtype=np.int64)
        for j in range(self.n - 1):
            key = key * self.V + history[:, j]
        contexts = self.tables[-1][2]
        return float(np.mean(_lookup(key, contexts, np.ones(len(contexts))) > 0))

    def next_probs(self, ids):
        """p(v | the last n - 1 of `ids`) for every v: an array (V,) that sums to 1."""
        ids = _check_ids("ids", ids, self.V, ndim=1)
        width = max(self.n - 1, 0)
        history = np.full(width, -1, dtype=np.int64)
        if width and len(ids):
            tail = ids[-width:]
            history[width - len(tail):] = tail
        return self.probs(np.repeat(history[None], self.V, axis=0), np.arange(self.V))

    def generate(self, ids, n_chars, temperature=1.0, seed=0):
        """Continue `ids` (L,) with `n_chars` ids, each drawn from `next_probs` (reshaped by
        the temperature, as `sampling.apply_temperature`). Same seed, same ids.
        -> (n_chars,) the new ids."""
        n_chars = check_positive_int("n_chars", n_chars)
        rng = np.random.default_rng(check_seed(seed))
        text = list(_check_ids("ids", ids, self.V, ndim=1))
        for _ in range(n_chars):
            p = apply_temperature(self.next_probs(np.array(text, dtype=np.int64)), temperature)
            text.append(sample_index(p, rng))
        return np.array(text[len(text) - n_chars:], dtype=np.int64)


def choose_alpha(ids, V, n, alphas=(1.0, 3.0, 10.0, 30.0), T=50, dev_fraction=0.1):
    """The smoothing of `alphas` that predicts best text the counts have not seen, chosen on
    the training ids alone: count on the first 1 - dev_fraction of them, measure the loss on
    the rest (windows of T), keep the alpha with the lowest loss. The held-out text of the
    notebook is never looked at.
    """
    ids = _check_ids("ids", ids, V, ndim=1)
    T = check_positive_int("T", T)
    dev_fraction = check_number("dev_fraction", dev_fraction, low=0, high=1, low_open=True,
                                high_open=True)
    if not alphas:
        fail("alphas", "at least one value to try", repr(alphas))
    cut = int(len(ids) * (1 - dev_fraction))
    if cut < max(n, 1) or len(ids) - cut < T + 1:
        fail("ids", f"enough ids for a counting part and a dev part of at least T + 1 = {T + 1}",
             f"{len(ids)} ids")
    X, Y = make_windows(ids[cut:], T)                  # the dev part, cut as the notebook cuts
    losses = [NGram(n, V, a).fit(ids[:cut]).loss(X, Y) for a in alphas]
    return float(alphas[int(np.argmin(losses))])


def fit_ngrams(ids, V, orders=(1, 2, 3), alpha=None):
    """One fitted NGram per order n, all counted on the same training ids: {name: model},
    e.g. {"unigram": ..., "bigram": ..., "trigram": ...}. alpha: one value for all, or None to
    choose each order's with `choose_alpha` (on the training ids only)."""
    if not orders:
        fail("orders", "at least one order n", repr(orders))
    models = {}
    for n in orders:
        a = choose_alpha(ids, V, n) if alpha is None and n > 0 else (alpha or 1.0)
        model = NGram(n, V, a)
        models[model.name] = model.fit(ids)
    return models


def perplexities(models, X, Y):
    """{label: exp(loss)} of each fitted model on the windows X, Y (N, T)."""
    if not isinstance(models, dict) or not models:
        fail("models", "a non-empty dict {label: fitted NGram}", repr(models)[:60])
    return {label: float(np.exp(model.loss(X, Y))) for label, model in models.items()}
