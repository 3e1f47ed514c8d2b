"""The Dense layer, as keras.layers.Dense: the seed's output layer o_t."""

import numpy as np

from .._validate import check_array, check_choice, check_flag, check_positive_int
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
        z = x @ self.params["W"]
        if self.use_bias:
            z = z + self.params["b"]
        if self.activation == "softmax":
            y = activations.softmax(z, axis=-1)
        else:
            y = activations.get(self.activation).f(z)
        self._cache = {"x": x, "y": y}
        return y

    def backward(self, dy):
        """dy = ∂L/∂y -> dx; fills grads["W"], grads["b"].

            dz = dy * f'(z)                         (f' from the output y)
            dz = y * (dy - sum(dy * y, axis=-1))    (softmax: the Jacobian times dy)
            dW = x.T @ dz,  db = sum of dz,  dx = dz @ W.T      (summed over batch and time)
        """
        cache = self._require_cache()
        x, y = cache["x"], cache["y"]
        dy = check_array("dy", dy, shape=y.shape, layout="like the output y")
        if self.activation == "softmax":
            dz = y * (dy - np.sum(dy * y, axis=-1, keepdims=True))
        else:
            dz = dy * activations.get(self.activation).df(y)
        dz2 = dz.reshape(-1, self.units)
        self.grads = {"W": x.reshape(-1, x.shape[-1]).T @ dz2}
        if self.use_bias:
            self.grads["b"] = dz2.sum(axis=0)
        return dz @ self.params["W"].T
