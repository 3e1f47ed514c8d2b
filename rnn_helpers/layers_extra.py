"""Layers for notebook 09, beyond the simple RNN. Each drops into `Sequential` next to
`SimpleRNN` and `Dense`, with `forward`/`backward`, `params`/`grads` and Keras-ordered weights.

    Bidirectional(layer, merge_mode="concat")   as keras.layers.Bidirectional
    Conv1D(filters, kernel_size, ...)           as keras.layers.Conv1D (the CNN of a CRNN)
    AttentionPooling(units)                     additive attention over all h_t (not in Keras)
    MinGRU(units, ...)                          the minGRU of `linear_rnn` (not in Keras)
"""

import copy

import numpy as np

from . import activations, attention, initializers, linear_rnn
from ._validate import _fail, check_array, check_choice, check_positive_int
from .layers import Layer, _check_flag, _Recurrent

MERGE_MODES = ("concat", "sum", "ave", "mul", None)


class Bidirectional(Layer):
    """Run a recurrent layer left to right AND a copy of it right to left; merge the two.

        forward:   h→_t from x_1 .. x_t            (the wrapped layer)
        backward:  h←_t from x_T .. x_t            (a copy, run on x reversed in time)
        output_t = [h→_t, h←_t]                    (merge_mode="concat", Keras' default)

    With return_sequences the backward layer's outputs are put back in time order before the
    merge (so output_t sees x_1 .. x_T: the past through h→_t, the future through h←_t);
    without, its last output (after reading x_1) is merged with h→_T. merge_mode: "concat",
    "sum", "ave", "mul", or None (a list [forward, backward]: not usable inside Sequential).
    Weights: the forward layer's, then the backward layer's, as Keras orders them. The copy
    gets its own initial weights (seed + 1 when the wrapped layer has a seed).
    """

    def __init__(self, layer, merge_mode="concat", input_shape=None, name=None):
        if not isinstance(layer, _Recurrent):
            raise TypeError(f"layer: expected a recurrent layer such as SimpleRNN(10), got "
                            f"{type(layer).__name__}")
        if layer.return_state:
            _fail("layer", "a layer with return_state=False inside Bidirectional",
                  f"'{layer.name}' with return_state=True")
        self.merge_mode = check_choice("merge_mode", merge_mode, MERGE_MODES)
        backward = copy.deepcopy(layer)
        backward._cache = None
        if backward.seed is not None:
            backward.seed += 1
        if backward.built:
            backward.build(backward.input_shape)   # fresh weights, not a copy of the forward's
        backward.name, layer.name = "backward_" + layer.name, "forward_" + layer.name
        self.forward_layer, self.backward_layer = layer, backward
        self.return_sequences = layer.return_sequences
        self.units = layer.units * (2 if self.merge_mode == "concat" else 1)
        if input_shape is None and layer.built:
            input_shape = layer.input_shape
        super().__init__(input_shape, None, name)

    def _check_input_shape(self, input_shape):
        return self.forward_layer._check_input_shape(input_shape)

    def _shape_from_features(self, D):
        return (None, D)

    def build(self, input_shape):
        """Build both directions; `params` holds their arrays themselves (not copies)."""
        input_shape = self._check_input_shape(input_shape)
        self.params, self._keras_names = {}, {}
        for direction, layer in (("forward", self.forward_layer),
                                 ("backward", self.backward_layer)):
            if not layer.built or layer.input_shape[-1] != input_shape[-1]:
                layer.build(input_shape)
            for k, p in layer.params.items():
                self.params[f"{direction}/{k}"] = p
                self._keras_names[f"{direction}/{k}"] = f"{direction}_{layer._keras_names[k]}"
        self.grads = {k: np.zeros_like(p) for k, p in self.params.items()}
        self.input_shape, self.built = input_shape, True

    def compute_output_shape(self, input_shape):
        """The wrapped layer's output shape, last axis doubled for "concat"."""
        shape = self.forward_layer.compute_output_shape(input_shape)
        if self.merge_mode is None:
            return [shape, shape]
        return shape[:-1] + (self.units,)

    def forward(self, x, training=False):
        """x (B, T, D) -> the merged outputs, (B, T, 2H) or (B, 2H) for "concat"."""
        x = self._check_x(x, 3, "(B, T, D)")
        y_f = self.forward_layer.forward(x, training=training)
        y_b = self.backward_layer.forward(x[:, ::-1], training=training)
        if self.return_sequences:
            y_b = y_b[:, ::-1]                        # back in time order: step t is x_t's
        self._cache = {"y_f": y_f, "y_b": y_b}
        if self.merge_mode == "concat":
            return np.concatenate([y_f, y_b], axis=-1)
        if self.merge_mode == "sum":
            return y_f + y_b
        if self.merge_mode == "ave":
            return (y_f + y_b) / 2
        if self.merge_mode == "mul":
            return y_f * y_b
        return [y_f, y_b]

    def backward(self, dy):
        """dy = ∂L/∂output -> dx (B, T, D): split dy between the directions (by the merge),
        run each direction's backward, and add their dx (the backward one re-reversed)."""
        cache = self._require_cache()
        y_f, y_b = cache["y_f"], cache["y_b"]
        if self.merge_mode is None:
            if not isinstance(dy, (list, tuple)) or len(dy) != 2:
                _fail("dy", "a list [dforward, dbackward] (merge_mode=None)",
                      type(dy).__name__)
            dy_f, dy_b = dy
        else:
            shape = y_f.shape[:-1] + (self.units,)
            dy = check_array("dy", dy, shape=shape, layout="like the output")
            H = y_f.shape[-1]
            dy_f, dy_b = {"concat": lambda: (dy[..., :H], dy[..., H:]),
                          "sum": lambda: (dy, dy),
                          "ave": lambda: (dy / 2, dy / 2),
                          "mul": lambda: (dy * y_b, dy * y_f)}[self.merge_mode]()
        if self.return_sequences:
            dy_b = dy_b[:, ::-1]
        dx = self.forward_layer.backward(dy_f) + self.backward_layer.backward(dy_b)[:, ::-1]
        self.grads = {f"{d}/{k}": g for d, layer in (("forward", self.forward_layer),
                                                     ("backward", self.backward_layer))
                      for k, g in layer.grads.items()}
        return dx

    def __repr__(self):
        return (f"<Bidirectional name='{self.name}', layer={self.forward_layer!r}, "
                f"merge_mode={self.merge_mode!r}>")


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
        self.use_bias = _check_flag("use_bias", use_bias)
        self._initializers = {
            "W": initializers.get(kernel_initializer, "kernel_initializer"),
            "b": initializers.get(bias_initializer, "bias_initializer"),
        }
        super().__init__(input_shape, seed, name)

    def _check_input_shape(self, input_shape):
        input_shape = self._check_shape_tuple(input_shape, (2,), "(T, C)")
        T = input_shape[0]
        if T is not None and _out_len(T, self.kernel_size, self.strides, self.padding) < 1:
            _fail("input_shape", f"at least kernel_size = {self.kernel_size} time steps with "
                  "padding='valid'", repr(input_shape))
        return input_shape

    def _shape_from_features(self, C):
        return (None, C)

    def _param_shapes(self, input_shape):
        shapes = {"W": (self.kernel_size, input_shape[-1], self.filters)}
        if self.use_bias:
            shapes["b"] = (self.filters,)
        return shapes

    def set_weights(self, weights):
        """As Layer.set_weights; an unbuilt layer is built from the kernel (K, C, F)."""
        if not self.built and isinstance(weights, (list, tuple)) and weights:
            kernel = check_array("weights[0] (kernel)", weights[0], ndim=3, layout="(K, C, F)")
            self.build((None, kernel.shape[1]))
        super().set_weights(weights)

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
            _fail("x", f"at least kernel_size = {K} time steps", f"shape {x.shape}")
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


class AttentionPooling(Layer):
    """Additive attention over a recurrent layer's states, as one Sequential layer (not a
    Keras layer: Keras' AdditiveAttention takes [query, value] in the functional API).

        s   = h_T                                     the query: the last state
        e_t = v · tanh(h_t @ W_a + s @ U_a + b_a),   α = softmax(e),   c = Σ_t α_t h_t

    x = h (B, T, H), from a layer with return_sequences=True -> c (B, H). `units` is A, the
    width of the scores' hidden layer. After each forward, `alpha` (B, T) keeps the weights.
    """

    _keras_names = {"W_a": "W_a", "U_a": "U_a", "b_a": "b_a", "v": "v"}

    def __init__(self, units, input_shape=None, seed=None, name=None):
        self.units = check_positive_int("units", units)
        self._initializers = {"W_a": initializers.glorot_uniform,
                              "U_a": initializers.glorot_uniform,
                              "b_a": initializers.zeros, "v": initializers.glorot_uniform}
        self.alpha = None
        super().__init__(input_shape, seed, name)

    def _check_input_shape(self, input_shape):
        if isinstance(input_shape, (tuple, list)) and len(input_shape) == 1:
            _fail("input_shape", f"(T, H) = (time steps, hidden units) for layer '{self.name}'",
                  repr(tuple(input_shape)), "Attention reads every h_t: give the recurrent "
                  "layer before it return_sequences=True")
        return self._check_shape_tuple(input_shape, (2,), "(T, H)")

    def _shape_from_features(self, H):
        return (None, H)

    def _param_shapes(self, input_shape):
        H, A = input_shape[-1], self.units
        return {"W_a": (H, A), "U_a": (H, A), "b_a": (A,), "v": (A,)}

    def compute_output_shape(self, input_shape):
        """(T, H) -> (H,)."""
        return (self._check_input_shape(input_shape)[-1],)

    def forward(self, x, mask=None, training=False):
        """h (B, T, H) -> c (B, H); keeps the weights in `alpha` (B, T). mask: None or (B, T)
        of 1 (use) and 0 (padding: weight 0); the query is h_T either way."""
        h = self._check_x(x, 3, "(B, T, H)")
        p = self.params
        c, self.alpha, cache = attention.additive_attention_forward(
            h, h[:, -1], p["W_a"], p["U_a"], p["b_a"], p["v"], mask=mask)
        self._cache = cache
        return c

    def backward(self, dy):
        """dc (B, H) -> dh (B, T, H), with h_T's second path, through the query s = h_T."""
        g = attention.additive_attention_backward(dy, self._require_cache())
        self.grads = {k: g["d" + k] for k in self.params}
        dh = g["dh"]
        dh[:, -1] += g["ds"]
        return dh


class MinGRU(_Recurrent):
    """The minGRU of `linear_rnn` as a layer (not a Keras layer): gates from the input only.

        z_t = sigmoid(x_t @ W_z + b_z),   h̃_t = x_t @ W_h + b_h
        h_t = (1 - z_t) * h_{t-1} + z_t * h̃_t

    x (B, T, D) -> h (B, T, H) with return_sequences, else h_T (B, H). method: "scan" (the
    parallel scan, the default) or "loop"; both give the same numbers. Weights, in this
    order: W_z (D, H), b_z (H,), W_h (D, H), b_h (H,); 2 (D H + H) parameters.
    update_bias: the initial b_z (0 by default). A negative start such as -3 gives
    z_t ≈ 0.05, so the state is kept unless the input opens the gate: memory by default,
    as the forget-gate bias of 1 gives an LSTM (Jozefowicz, Zaremba & Sutskever 2015).
    """

    _keras_names = {"W_z": "update_kernel", "b_z": "update_bias",
                    "W_h": "candidate_kernel", "b_h": "candidate_bias"}

    def __init__(self, units, return_sequences=False, return_state=False, method="scan",
                 update_bias=0.0, input_shape=None, seed=None, name=None):
        self.method = check_choice("method", method, ("scan", "loop"))
        if isinstance(update_bias, bool) or not isinstance(update_bias, (int, float)):
            _fail("update_bias", "a number, such as -3.0", repr(update_bias))
        self.update_bias = float(update_bias)
        super().__init__(units, return_sequences=return_sequences, return_state=return_state,
                         seed=seed, name=name)
        self.activation = None
        self._initializers = {"W_z": initializers.glorot_uniform,
                              "b_z": lambda shape, rng: np.full(shape, self.update_bias),
                              "W_h": initializers.glorot_uniform, "b_h": initializers.zeros}
        if input_shape is not None:
            self.build(input_shape)

    def _shape_from_features(self, D):
        return (None, D)

    def _param_shapes(self, input_shape):
        D, H = input_shape[-1], self.units
        return {"W_z": (D, H), "b_z": (H,), "W_h": (D, H), "b_h": (H,)}

    def _run_forward(self, x, states):
        p = self.params
        h, cache = linear_rnn.min_gru_forward(x, states[0], p["W_z"], p["b_z"], p["W_h"],
                                              p["b_h"], method=self.method)
        return h, [h[:, -1]], cache

    def _run_backward(self, dh, dstates, cache):
        if dstates[0] is not None:
            dh = dh.copy()
            dh[:, -1] += dstates[0]
        g = linear_rnn.min_gru_backward(dh, cache)
        return g["dx"], {k: g["d" + k] for k in self.params}, [g["dh0"]]


__all__ = ["AttentionPooling", "Bidirectional", "Conv1D", "MinGRU"]
