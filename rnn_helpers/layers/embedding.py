"""The Embedding layer, as keras.layers.Embedding: integer ids -> learned vectors."""

import numpy as np

from .._validate import check_positive_int, fail, is_trusted
from ..core._embedding_kernels import fast_embedding_backward
from ..core.embedding import check_ids, embedding_forward, random_uniform
from .base import Layer


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
            fail("input_shape", "(T,) = (time steps,) for an Embedding, without the batch "
                  "axis (T may be None)", repr(input_shape))
        return (None if input_shape[0] is None else int(input_shape[0]),)

    def _accept(self, input_shape):
        input_shape = self._check_input_shape(input_shape)
        if not self.built:
            self.build(input_shape)
        return input_shape

    def check_inputs(self, name, x):
        """Every id of x (B, T) an integer in [0, input_dim), checked once before training."""
        return check_ids(x, self.input_dim, name)

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
        E = self.params["E"]
        if training and is_trusted() and np.ndim(ids) == 2:   # fit's training step
            ids = check_ids(ids, E.shape[0])
            B, T = ids.shape   # the rows in time-major order, in an array kept between batches
            x_tm = self._kept("x_tm", (T, B, E.shape[1]), E.dtype)
            np.take(E, ids.T, axis=0, out=x_tm, mode="clip")   # (ids checked: in range)
            self._cache = {"ids": ids, "E_shape": E.shape}
            return x_tm.transpose(1, 0, 2)   # (B, T, D), a view: a recurrent layer next reads
        x, self._cache = embedding_forward(ids, E)   # it time-major without a transpose
        return x

    def backward(self, dy):
        """dy (B, T, output_dim) -> None; fills grads["E"]: the lesson's
        `embedding.embedding_backward` (add.at over the ids), computed by its fast twin."""
        cache = self._require_cache()
        work = self._kept_arrays() if is_trusted() else None   # fit's step: rows kept
        self.grads = {"E": fast_embedding_backward(dy, cache, work=work)["dE"]}
        return None

    def __repr__(self):
        return (f"<Embedding name='{self.name}', input_dim={self.input_dim}, "
                f"output_dim={self.output_dim}, built={self.built}>")
