"""An embedding: a learned vector for each id (character or word), as keras.layers.Embedding.

    x_t = E[id_t]          E (V, D): row v is the vector of id v

Looking a row up is the same as multiplying a one-hot row vector by E,

    E[id_t] = one_hot(id_t) @ E

so an Embedding followed by a SimpleRNN computes what a SimpleRNN on one-hot inputs computes,
without the (B, T, V) one-hot array and its mostly-zero products. Its gradient adds the upstream
gradient of every position into the row that position looked up:

    dE[v] = sum of dx[b, t] over all (b, t) with ids[b, t] == v
"""

import numpy as np

from .._validate import as_numeric, check_array, fail


def check_ids(ids, V, name="ids"):
    """ids (B, T) of integers in [0, V) -> an int64 array; the message names `name`."""
    arr = as_numeric(name, ids)
    if arr.ndim != 2:
        hint = (f"Did you forget the batch axis? {name if name.isidentifier() else 'ids'}[None]"
                " adds one") if arr.ndim == 1 else None
        fail(name, "a 2-D array of integer ids (B, T)", f"shape {arr.shape}", hint)
    integer = np.issubdtype(arr.dtype, np.integer) and arr.dtype != bool
    if not integer and not (np.issubdtype(arr.dtype, np.floating) and np.all(np.isfinite(arr))
                            and np.all(arr == np.round(arr))):
        got = f"dtype {arr.dtype}" + ("" if integer or arr.dtype == bool else
                                      " with values that are not whole numbers")
        fail(name, "integer ids (B, T)", got,
              "An Embedding reads ids, not one-hot vectors or features")
    if arr.size and (arr.min() < 0 or arr.max() >= V):
        fail(name, f"ids in [0, {V}) (input_dim = {V})",
              f"ids from {arr.min():.0f} to {arr.max():.0f}")
    return arr.astype(np.int64)


def embedding_forward(ids, E):
    """Look up one row of E per id.

        x[b, t] = E[ids[b, t]]

    ids (B, T) integers in [0, V), E (V, D) -> x (B, T, D), cache
    """
    E = check_array("E", E, ndim=2, layout="(V, D)")
    ids = check_ids(ids, E.shape[0])
    return E[ids], {"ids": ids, "E_shape": E.shape}


def embedding_backward(dx, cache):
    """Backward of the lookup: every position's gradient goes to the row it read.

        dE[v] = sum over (b, t) with ids[b, t] == v of dx[b, t]

    dx (B, T, D) -> {"dE": (V, D)}. The ids are integers: they have no gradient.
    """
    ids, (V, D) = cache["ids"], cache["E_shape"]
    dx = check_array("dx", dx, shape=ids.shape + (D,), layout="(B, T, D), like the output")
    dE = np.zeros((V, D), dtype=dx.dtype)
    np.add.at(dE, ids, dx)   # add.at, not dE[ids] += dx: an id seen twice must add twice
    return {"dE": dE}


def random_uniform(shape, rng, minval=-0.05, maxval=0.05):
    """Keras' "uniform" initialiser for embeddings: U(-0.05, 0.05)."""
    return rng.uniform(minval, maxval, size=shape)
