"""The Dense layer, as keras.layers.Dense: the seed's output layer o_t."""

import numpy as np

from .._validate import (
    check_array,
    check_choice,
    check_flag,
    check_positive_int,
    fail,
    is_trusted,
)
from ..core import activations, initializers
from .base import Layer

DENSE_ACTIVATIONS = (*activations.ACTIVATIONS, "softmax")


class Dense(Layer):
    """A fully connected layer, as keras.layers.Dense: the seed's output layer o_t.

        y = activation(x @ W + b)

    x (B, F) -> y (B, O); on a sequence x (B, T, F) it is applied to every step -> (B, T, O).
    W is Keras' kernel (F, O), b its bias (O,). activation: None (linear), "linear", "tanh",
    "sigmoid", "relu" or "softmax" (over the last axis).
    """

    def __init__(self, units, activation=None, use_bias=True, input_shape=None, seed=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", name=None):
        self.units = check_positive_int("units", units)
        self.activation = check_choice("activation", "linear" if activation is None
                                       else activation, DENSE_ACTIVATIONS)
        self.use_bias = check_flag("use_bias", use_bias)
        self._initializers = {
            "W": initializers.get(kernel_initializer, "kernel_initializer"),
            "b": initializers.get(bias_initializer, "bias_initializer"),
        }
        super().__init__(input_shape, seed, name)

    def _check_input_shape(self, input_shape):
        return self._check_shape_tuple(input_shape, (1, 2), "(F,) or (T, F)")

    def _shape_from_features(self, F):
        return (F,)

    def _param_shapes(self, input_shape):
        shapes = {"W": (input_shape[-1], self.units)}
        if self.use_bias:
            shapes["b"] = (self.units,)
        return shapes

    def compute_output_shape(self, input_shape):
        """(F,) -> (O,) and (T, F) -> (T, O), without the batch axis."""
        return self._check_input_shape(input_shape)[:-1] + (self.units,)

    def forward(self, x, training=False):
        """x (B, F) or (B, T, F) -> y = activation(x @ W + b), (B, O) or (B, T, O)."""
        x = self._check_x(x, (2, 3), "(B, F) or (B, T, F)")
        z = self._logits(x)
        if self.activation == "softmax":
            y = activations.softmax(z, axis=-1)
        else:
            y = activations.get(self.activation).f(z)
        self._cache = {"x": x, "y": y}
        return y

    def forward_logits(self, x):
        """x -> z = x @ W + b, the logits, without the activation; `backward_logits` goes back.

        For a loss that takes the logits: `fit` computes a softmax output and a cross-entropy
        loss together from z, as Keras and PyTorch do (fewer operations, and exact where a
        probability underflows).
        """
        x = self._check_x(x, (2, 3), "(B, F) or (B, T, F)")
        z = self._logits(x)
        self._cache = {"x": x, "y": None}
        return z

    def _logits(self, x):
        """z = x @ W + b. A recurrent layer's output (B, T, F) is a view of time-major memory
        (T, B, F): then z is computed in that order, as one product, and returned as the same
        kind of view (the same numbers, without copying x)."""
        W = self.params["W"]
        rows = _time_major_rows(x)
        if rows is not None and is_trusted():   # fit's training step: z kept from batch to
            z = np.matmul(rows, W, out=self._kept("z", (len(rows), self.units),  # batch
                                                    np.result_type(rows, W)))
        else:
            z = x @ W if rows is None else rows @ W
        if self.use_bias:
            z += self.params["b"]
        if rows is not None:
            z = z.reshape(x.shape[1], x.shape[0], -1).transpose(1, 0, 2)
        return z

    def backward(self, dy):
        """dy = ∂L/∂y -> dx; fills grads["W"], grads["b"].

            dz = dy * f'(z)                         (f' from the output y)
            dz = y * (dy - sum(dy * y, axis=-1))    (softmax: the Jacobian times dy)

        then `backward_logits(dz)`: dW = x.T @ dz, db = sum of dz, dx = dz @ W.T.
        """
        y = self._require_cache()["y"]
        if y is None:
            fail("backward", "the output y of forward() (the last call was forward_logits(): "
                  "use backward_logits(dz))", "none")
        dy = check_array("dy", dy, shape=y.shape, layout="like the output y")
        if self.activation == "softmax":
            dz = y * (dy - np.sum(dy * y, axis=-1, keepdims=True))
        else:
            dz = dy * activations.get(self.activation).df(y)
        return self.backward_logits(dz)

    def backward_logits(self, dz):
        """dz = ∂L/∂z, the gradient on the logits z = x @ W + b -> dx; fills grads.

            dW = x.T @ dz,  db = sum of dz,  dx = dz @ W.T      (summed over batch and time)
        """
        x = self._require_cache()["x"]
        dz = check_array("dz", dz, shape=x.shape[:-1] + (self.units,), layout="like the logits z")
        x2, dz2 = _time_major_rows(x), _time_major_rows(dz)
        time_major = x2 is not None and dz2 is not None   # both (B, T, .) views of (T, B, .)
        if not time_major:
            x2, dz2 = x.reshape(-1, x.shape[-1]), dz.reshape(-1, self.units)
        # every step of every sequence: one row each (in the same order in x2 and dz2)
        self.grads = {"W": x2.T @ dz2}
        if self.use_bias:
            # db = the sum of dz's rows, as one product (several times faster than a sum
            # over axis 0 for many short rows)
            self.grads["b"] = np.ones(len(dz2), dtype=dz2.dtype) @ dz2
        W = self.params["W"]
        if time_major and is_trusted():   # fit's training step: dx kept from batch to batch
            dx = np.matmul(dz2, W.T, out=self._kept("dx", (len(dz2), W.shape[0]),
                                                    np.result_type(dz2, W)))
        else:
            dx = dz2 @ W.T
        if time_major:
            return dx.reshape(x.shape[1], x.shape[0], -1).transpose(1, 0, 2)
        return dx.reshape(x.shape)


def _time_major_rows(a):
    """For a (B, T, F) view of contiguous (T, B, F) memory (a recurrent layer's output, kept
    time-major), that memory as (T·B, F) rows, without a copy; else None."""
    if a.ndim != 3 or a.flags.c_contiguous:
        return None
    a_tm = a.transpose(1, 0, 2)
    return a_tm.reshape(-1, a.shape[-1]) if a_tm.flags.c_contiguous else None
