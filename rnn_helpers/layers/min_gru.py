"""MinGRU: the minGRU of `core.linear_rnn` as a layer (not in Keras)."""

import numpy as np

from .._validate import check_choice, fail
from ..core import initializers, linear_rnn
from .recurrent_base import Recurrent


class MinGRU(Recurrent):
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
            fail("update_bias", "a number, such as -3.0", repr(update_bias))
        self.update_bias = float(update_bias)
        super().__init__(units, return_sequences=return_sequences, return_state=return_state,
                         seed=seed, name=name)
        self.activation = None
        self._initializers = {"W_z": initializers.glorot_uniform,
                              "b_z": lambda shape, rng: np.full(shape, self.update_bias),
                              "W_h": initializers.glorot_uniform, "b_h": initializers.zeros}
        if input_shape is not None:
            self._first_build(input_shape, auto_named=not name)

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
