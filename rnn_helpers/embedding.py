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

from ._validate import _fail, check_array, check_positive_int
from .layers import Layer


def _check_ids(ids, V):
    """ids (B, T) of integers in [0, V) -> an int64 array."""
    arr = np.asarray(ids)
    if arr.ndim != 2:
        hint = "Did you forget the batch axis? ids[None] adds one" if arr.ndim == 1 else None
        _fail("ids", "a 2-D array of integer ids (B, T)", f"shape {arr.shape}", hint)
    integer = np.issubdtype(arr.dtype, np.integer) and arr.dtype != bool
    if not integer and not (np.issubdtype(arr.dtype, np.floating) and np.all(np.isfinite(arr))
                            and np.all(arr == np.round(arr))):
        _fail("ids", "integer ids (B, T)", f"dtype {arr.dtype}",
              "An Embedding reads ids, not one-hot vectors or features")
    arr = arr.astype(np.int64)
    if arr.size and (arr.min() < 0 or arr.max() >= V):
        _fail("ids", f"ids in [0, {V}) (input_dim = {V})",
              f"ids from {arr.min()} to {arr.max()}")
    return arr


def embedding_forward(ids, E):
    """Look up one row of E per id.

        x[b, t] = E[ids[b, t]]

    ids (B, T) integers in [0, V), E (V, D) -> x (B, T, D), cache
    """
    E = check_array("E", E, ndim=2, layout="(V, D)")
    ids = _check_ids(ids, E.shape[0])
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


class Embedding(Layer):
    """keras.layers.Embedding(input_dim, output_dim): ids (B, T) -> vectors (B, T, D).

        x[b, t] = E[ids[b, t]]       E (input_dim, output_dim) = (V, D)

    E is Keras' `embeddings` weight, initialised U(-0.05, 0.05) as Keras does; V * D
    parameters. `input_shape` is (T,) (T may be None). backward(dx) fills grads["E"] and
    returns None: integer ids have no gradient.
    """

    _keras_names = {"E": "embeddings"}

    def __init__(self, input_dim, output_dim, input_shape=None, seed=None, name=None):
        self.input_dim = check_positive_int("input_dim", input_dim)
        self.output_dim = check_positive_int("output_dim", output_dim)
        self.units = self.output_dim
        self._initializers = {"E": random_uniform}
        super().__init__(input_shape, seed, name)

    def _check_input_shape(self, input_shape):
        ok = isinstance(input_shape, (tuple, list)) and len(input_shape) == 1 and (
            input_shape[0] is None or (isinstance(input_shape[0], (int, np.integer))
                                       and not isinstance(input_shape[0], bool)
                                       and input_shape[0] > 0))
        if not ok:
            _fail("input_shape", "(T,) = (time steps,) for an Embedding, without the batch "
                  "axis (T may be None)", repr(input_shape))
        return (None if input_shape[0] is None else int(input_shape[0]),)

    def _accept(self, input_shape):
        input_shape = self._check_input_shape(input_shape)
        if not self.built:
            self.build(input_shape)
        return input_shape

    def _shape_from_features(self, V):
        return (None,)

    def _param_shapes(self, input_shape):
        return {"E": (self.input_dim, self.output_dim)}

    def compute_output_shape(self, input_shape):
        """(T,) -> (T, output_dim), without the batch axis."""
        return self._check_input_shape(input_shape) + (self.output_dim,)

    def forward(self, ids, training=False):
        """ids (B, T) integers in [0, input_dim) -> x (B, T, output_dim)."""
        if not self.built:
            shape = np.shape(ids)
            self.build((shape[1] if len(shape) == 2 and shape[1] > 0 else None,))
        x, self._cache = embedding_forward(ids, self.params["E"])
        return x

    def backward(self, dy):
        """dy (B, T, output_dim) -> None; fills grads["E"] (add.at over the ids)."""
        cache = self._require_cache()
        self.grads = {"E": embedding_backward(dy, cache)["dE"]}
        return None

    def __repr__(self):
        return (f"<Embedding name='{self.name}', input_dim={self.input_dim}, "
                f"output_dim={self.output_dim}, built={self.built}>")
