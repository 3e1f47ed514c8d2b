"""Layers for notebook 09, beyond the simple RNN. Each drops into `Sequential` next to
`SimpleRNN` and `Dense`, with `forward`/`backward`, `params`/`grads` and Keras-ordered weights.

    Bidirectional(layer, merge_mode="concat")   as keras.layers.Bidirectional
    Conv1D(filters, kernel_size, ...)           as keras.layers.Conv1D (the CNN of a CRNN)
    AttentionPooling(units)                     additive attention over all h_t (not in Keras)
    MinGRU(units, ...)                          the minGRU of `linear_rnn` (not in Keras)
"""

import copy

import numpy as np

from .._validate import check_array, check_choice, fail
from .base import Layer, snapshot
from .recurrent_base import Recurrent

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
        if not isinstance(layer, Recurrent):
            raise TypeError(f"layer: expected a recurrent layer such as SimpleRNN(10), got "
                            f"{type(layer).__name__}")
        if layer.return_state:
            fail("layer", "a layer with return_state=False inside Bidirectional",
                  f"'{layer.name}' with return_state=True")
        self.merge_mode = check_choice("merge_mode", merge_mode, MERGE_MODES)
        restore = snapshot([layer])   # the wrapped layer is renamed (and built): undone on error
        try:
            self._wrap(layer, input_shape, name)
        except Exception:
            restore()
            raise

    def _wrap(self, layer, input_shape, name):
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
                fail("dy", "a list [dforward, dbackward] (merge_mode=None)",
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
