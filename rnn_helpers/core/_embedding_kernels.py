"""The embedding's backward, tuned for speed: what the Embedding layer runs.

`embedding.embedding_backward` is the lesson: `np.add.at(dE, ids, dx)` adds every position's
gradient into the row its id looked up. The function here computes the same sums (tests/core/
test_fast_paths.py checks it to 1e-12 in float64) with one `np.bincount`, three to four times
faster here: the flat index ids[b, t] * D + d of every entry of dx says where it goes, and
bincount adds the weights dx[b, t, d] that share an index (in float64, then cast back).
"""

import numpy as np

from .._validate import check_array


def fast_embedding_backward(dx, cache):
    """`embedding.embedding_backward`, fast: same arguments, same {"dE": (V, D)}."""
    ids, (V, D) = cache["ids"], cache["E_shape"]
    dx = check_array("dx", dx, shape=ids.shape + (D,), layout="(B, T, D), like the output")
    where = (ids[..., None] * D + np.arange(D)).ravel()      # dE.flat index of each dx entry
    dE = np.bincount(where, weights=dx.ravel(), minlength=V * D)
    return {"dE": dE.reshape(V, D).astype(dx.dtype, copy=False)}
