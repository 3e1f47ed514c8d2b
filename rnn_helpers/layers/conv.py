"""Conv1D, as keras.layers.Conv1D: the CNN half of a CRNN (notebook 09)."""

import numpy as np

from .._validate import check_array, check_choice, check_flag, check_positive_int, fail
from ..core import activations, initializers
from .base import Layer


def _pads(T, K, stride, padding):
    """(left, right) zero padding, as Keras and TensorFlow pad: "same" puts the odd one right."""
    if padding == "valid":
        return 0, 0
    if padding == "causal":
        return K - 1, 0
    T_out = -(-T // stride)
    total = max((T_out - 1) * stride + K - T, 0)
    return total // 2, total - total // 2


def _out_len(T, K, stride, padding):
    if T is None:
        return None
    left, right = _pads(T, K, stride, padding)
    return (T + left + right - K) // stride + 1


class Conv1D(Layer):
    """A 1-D convolution over time, as keras.layers.Conv1D: F detectors of a local pattern.

        y_t = activation(Σ_k x_{t·s + k} @ W[k] + b)      k = 0 .. K-1   (after zero padding)

    x (B, T, C) -> y (B, T_out, F). W is Keras' kernel (K, C, F), b its bias (F,).
    padding: "valid" (T_out = (T - K) // s + 1), "same" (T_out = ceil(T / s)) or "causal"
    (K - 1 zeros on the left: y_t sees only x_1 .. x_t). Like Keras, this is a
    cross-correlation: the kernel is not flipped.
    """

    _keras_names = {"W": "kernel", "b": "bias"}

    def __init__(self, filters, kernel_size, strides=1, padding="valid", activation=None,
                 use_bias=True, input_shape=None, seed=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", name=None):
        self.units = self.filters = check_positive_int("filters", filters)
        self.kernel_size = check_positive_int("kernel_size", kernel_size)
        self.strides = check_positive_int("strides", strides)
        self.padding = check_choice("padding", padding, ("valid", "same", "causal"))
        self.activation = activations.get(activation).name
        self.use_bias = check_flag("use_bias", use_bias)
        self._initializers = {
            "W": initializers.get(kernel_initializer, "kernel_initializer"),
            "b": initializers.get(bias_initializer, "bias_initializer"),
        }
        super().__init__(input_shape, seed, name)

    def _check_input_shape(self, input_shape):
        input_shape = self._check_shape_tuple(input_shape, (2,), "(T, C)")
        T = input_shape[0]
        if T is not None and _out_len(T, self.kernel_size, self.strides, self.padding) < 1:
            fail("input_shape", f"at least kernel_size = {self.kernel_size} time steps with "
                  "padding='valid'", repr(input_shape))
        return input_shape

    def _shape_from_features(self, C):
        return (None, C)

    def _param_shapes(self, input_shape):
        shapes = {"W": (self.kernel_size, input_shape[-1], self.filters)}
        if self.use_bias:
            shapes["b"] = (self.filters,)
        return shapes

    def _set_weights(self, weights):
        """As Layer.set_weights; an unbuilt layer is built from the kernel (K, C, F)."""
        if not self.built and weights:
            kernel = check_array("weights[0] (kernel)", weights[0], ndim=3, layout="(K, C, F)",
                                 nonempty=True)
            self.build((None, kernel.shape[1]))
        super()._set_weights(weights)

    def compute_output_shape(self, input_shape):
        """(T, C) -> (T_out, F), without the batch axis."""
        T, _ = self._check_input_shape(input_shape)
        return (_out_len(T, self.kernel_size, self.strides, self.padding), self.filters)

    def forward(self, x, training=False):
        """x (B, T, C) -> y (B, T_out, F). Every window is gathered once ("im2col") so the
        whole convolution is one matrix product: (B, T_out, K*C) @ (K*C, F)."""
        x = self._check_x(x, 3, "(B, T, C)")
        B, T, C = x.shape
        K, s = self.kernel_size, self.strides
        left, right = _pads(T, K, s, self.padding)
        x_pad = np.pad(x, ((0, 0), (left, right), (0, 0)))
        T_out = (T + left + right - K) // s + 1
        if T_out < 1:
            fail("x", f"at least kernel_size = {K} time steps", f"shape {x.shape}")
        index = np.arange(T_out)[:, None] * s + np.arange(K)       # (T_out, K) input steps
        cols = x_pad[:, index].reshape(B, T_out, K * C)            # every window, flattened
        z = cols @ self.params["W"].reshape(K * C, self.filters)
        if self.use_bias:
            z = z + self.params["b"]
        y = activations.get(self.activation).f(z)
        self._cache = {"cols": cols, "y": y, "index": index, "x_pad_shape": x_pad.shape,
                       "left": left, "T": T}
        return y

    def backward(self, dy):
        """dy (B, T_out, F) -> dx (B, T, C); fills grads["W"], grads["b"].

            dz = dy * f'(y),   dW = Σ cols.T @ dz,   db = Σ dz,
            dx[t·s + k] += dz_t @ W[k].T     (each input step collects every window it was in)
        """
        cache = self._require_cache()
        y, cols, index = cache["y"], cache["cols"], cache["index"]
        dy = check_array("dy", dy, shape=y.shape, layout="(B, T_out, F), like the output")
        B, T_out, F = y.shape
        K = self.kernel_size
        dz = dy * activations.get(self.activation).df(y)
        W2 = self.params["W"].reshape(-1, F)
        self.grads = {"W": (cols.reshape(-1, cols.shape[-1]).T @ dz.reshape(-1, F)
                            ).reshape(self.params["W"].shape)}
        if self.use_bias:
            self.grads["b"] = dz.sum(axis=(0, 1))
        dcols = (dz @ W2.T).reshape(B, T_out, K, -1)
        dx_pad = np.zeros(cache["x_pad_shape"], dtype=dz.dtype)
        for k in range(K):   # for a fixed k the steps index[:, k] differ: += is safe
            dx_pad[:, index[:, k]] += dcols[:, :, k]
        return dx_pad[:, cache["left"]:cache["left"] + cache["T"]]

    def __repr__(self):
        return (f"<Conv1D name='{self.name}', filters={self.filters}, "
                f"kernel_size={self.kernel_size}, built={self.built}>")
