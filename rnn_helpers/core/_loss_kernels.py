"""A softmax output and its cross-entropy loss, fused: what `fit` runs for Dense(softmax) with
categorical or sparse categorical cross-entropy (as Keras and PyTorch do).

The lesson computes them apart: the Dense layer forms p = softmax(z), the loss clips and logs
p and differentiates through it, and Dense multiplies that gradient by the softmax's Jacobian.
Together the chain collapses to one line (for one-hot labels y):

    loss = mean over positions of -log softmax(z)[y] = mean of (logsumexp(z) - z_y)
    dz   = (softmax(z) - y) / N

which is what `losses.sparse_categorical_crossentropy(labels, z, from_logits=True)` and
`losses.categorical_crossentropy(y, z, from_logits=True)` compute; the function here gives the
same numbers (tests/layers/test_fused_softmax.py checks it to 1e-12 in float64) with a few
whole-array operations and no one-hot array for integer labels. Unlike the clipped
probabilities of the unfused path it is exact where some p underflows below 1e-7.
"""

import numpy as np

from ._rnn_kernels import workspace


def fast_softmax_crossentropy(y_true, z, sparse, keep_probs=False, work=None):
    """The mean cross-entropy of softmax(z) against the labels, and its gradient w.r.t. z.

        sparse=True : y_true (B,) or (B, T) integer labels (any numeric dtype), z (..., V)
        sparse=False: y_true one-hot (or soft) labels of z's shape

    The labels are trusted (checked by the caller, as `fit` does before its first batch).
    work: None, or a dict kept between calls (`fit`'s), whose array then holds dz (so the dz
    of an earlier call is overwritten).
    -> (loss: float, dz like z, p = softmax(z) like z or None unless keep_probs)
    """
    if z.ndim == 3 and not z.flags.c_contiguous and z.transpose(1, 0, 2).flags.c_contiguous:
        # a (B, T, V) view of time-major logits (Dense after a recurrent layer): the same
        # computation on (T, B, V) without copying z, dz and p returned as the same views
        loss, dz, p = fast_softmax_crossentropy(
            np.asarray(y_true).swapaxes(0, 1), z.transpose(1, 0, 2), sparse, keep_probs, work)
        return loss, dz.transpose(1, 0, 2), None if p is None else p.transpose(1, 0, 2)
    V = z.shape[-1]
    z2 = z.reshape(-1, V)
    N = z2.shape[0]
    e, m, s = _shifted_exp(z2, workspace(work, "e", z2.shape, z2.dtype))   # e = exp(z - m),
    #                                                                           s its row sums
    log_s = np.log(s)
    if keep_probs:
        e /= s[:, None]                                # e is now p = softmax(z), row by row
        p, unit = e.copy().reshape(z.shape), 1.0       # (the / N comes at the end)
    else:                                              # p / N in one pass: e * (1 / (N s))
        e *= np.divide(1.0 / N, s, dtype=e.dtype)[:, None]
        p, unit = None, 1.0 / N                        # unit: what one label weighs in e now
    if sparse:
        labels = np.asarray(y_true).reshape(N).astype(np.intp, copy=False)
        at = np.arange(0, N * V, V) + labels           # flat index of (row n, label y_n)
        # -log p_y = logsumexp(z) - z_y = log s + m - z_y
        loss = np.mean(log_s + m - z2.reshape(-1).take(at))
        e.reshape(-1)[at] -= unit                      # dz = p - onehot(y) (/ N)
    else:
        y = np.asarray(y_true, dtype=z.dtype).reshape(N, V)
        y_sum = y.sum(axis=1)
        # -Σ_v y_v log p_v = Σ_v y_v (log s + m - z_v)
        loss = np.mean(y_sum * (log_s + m) - (y * z2).sum(axis=1))
        e *= y_sum[:, None]
        e -= y * np.asarray(unit, dtype=e.dtype)       # dz = p Σ y - y (/ N)
    if keep_probs:
        e *= np.asarray(1.0 / N, dtype=e.dtype)        # ... / N, for the mean
    return float(loss), e.reshape(z.shape), p


def _shifted_exp(z2, e):
    """(e, m, s): e = exp(z2 - m) (written into e), m the shift of each row (N,), s = e's row
    sums (N,). softmax does not change when a row is shifted; the shift keeps exp from
    overflowing. Rows reduced over their short last axis are slow in numpy, so the first try
    shifts every row by the largest z of all (one reduction) and sums rows with a product;
    only if some row then sums too small for its precision (its own largest z far below the
    largest of all: exp would have lost its small terms) is every row shifted by its own max."""
    N, V = z2.shape
    top = z2.max() if z2.size else 0.0
    np.subtract(z2, top, out=e)
    np.exp(e, out=e)
    s = e @ np.ones(V, dtype=e.dtype)
    if N and s.min() > np.finfo(e.dtype).tiny * 2.0**40:   # terms lost below tiny: < 1e-12 of s
        return e, np.full(N, top, dtype=e.dtype), s
    m = z2.max(axis=1, keepdims=True)
    np.subtract(z2, m, out=e)
    np.exp(e, out=e)                                   # exp(z - max): never overflows
    return e, m[:, 0], e.sum(axis=1)
