"""The embedding's backward, tuned for speed: what the Embedding layer runs.

`embedding.embedding_backward` is the lesson: `np.add.at(dE, ids, dx)` adds every position's
gradient into the row its id looked up. The function here computes the same sums (tests/core/
test_fast_paths.py checks it to 1e-12 in float64) several times faster: it sorts the positions
by id, so that the rows of dx that share an id stand together, and adds each run of them with
one `np.add.reduceat`. A (B, T, D) view of time-major memory (a recurrent layer's dx) is read
in that order, without a copy: the order of the positions does not change the sums.
"""

import numpy as np

from .._validate import check_array
from ._rnn_kernels import workspace


def fast_embedding_backward(dx, cache, work=None):
    """`embedding.embedding_backward`, fast: same arguments, same {"dE": (V, D)}. work: None,
    or a dict kept between calls for the sorted rows (fit passes one)."""
    ids, (V, D) = cache["ids"], cache["E_shape"]
    dx = check_array("dx", dx, shape=ids.shape + (D,), layout="(B, T, D), like the output")
    if dx.ndim == 3 and not dx.flags.c_contiguous and dx.transpose(1, 0, 2).flags.c_contiguous:
        ids, dx = ids.T, dx.transpose(1, 0, 2)                # the same pairs, time-major
    ids, rows = ids.ravel(), dx.reshape(-1, D)                # one row of dx per position
    order = np.argsort(ids, kind="stable")                    # positions sorted by id
    sorted_ids = ids[order]
    starts = np.flatnonzero(np.diff(sorted_ids, prepend=-1))  # where each id's run begins
    dE = np.zeros((V, D), dtype=dx.dtype)
    if len(starts):
        in_order = np.take(rows, order, axis=0, mode="clip",   # (order: valid positions)
                           out=workspace(work, "rows", rows.shape, rows.dtype))
        dE[sorted_ids[starts]] = np.add.reduceat(in_order, starts, axis=0)
    return {"dE": dE}
