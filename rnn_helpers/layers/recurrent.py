"""Recurrent layers over the core: SimpleRNN, LSTM and GRU (as keras.layers)."""

import numpy as np

from .._validate import check_flag, fail
from ..core import activations, initializers
from ..core._gated_kernels import (
    fast_gru_backward,
    fast_gru_forward,
    fast_lstm_backward,
    fast_lstm_forward,
)
from ..core._rnn_kernels import fast_rnn_backward, fast_rnn_forward
from .recurrent_base import Recurrent


class SimpleRNN(Recurrent):
    """A simple (Elman) RNN layer, as keras.layers.SimpleRNN; it runs `fast_rnn_forward`,
    tested equal to the readable `rnn.rnn_forward`.

        h_t = tanh(x_t @ W + h_{t-1} @ U + b)        for t = 1 .. T,  h_0 = 0

    x (B, T, D) -> h (B, T, H) with return_sequences=True, else the last state h_T (B, H).
    W is Keras' kernel (D, H), U its recurrent_kernel (H, H), b its bias (H,); parameters
    D*H + H*H + H (120 for the seed's SimpleRNN(10) on D = 1).
    """

    def _run_forward(self, x, states):
        W, U = self.params["W"], self.params["U"]
        h, cache = fast_rnn_forward(x, states[0], W, U, self._bias(), self.activation,
                                    work=self._work if self._reuse else None)
        return h, [h[:, -1]], cache

    def _run_backward(self, dh, dstates, cache):
        if dstates[0] is not None:   # the returned state h_T is also used downstream
            dh = dh.copy(order="K")   # a copy in dh's own memory order
            dh[:, -1] += dstates[0]
        g = fast_rnn_backward(dh, cache, work=self._work)
        return g["dx"], {"W": g["dW"], "U": g["dU"], "b": g["db"]}, [g["dh0"]]


def _only(name, value, supported, what):
    """The gated cells' core computes one activation; say so instead of computing another."""
    value = activations.get(value).name
    if value != supported:
        fail(name, f"{supported!r} ({what} in lstm.py and gru.py; other activations are "
              "not implemented here)", repr(value))
    return value


def _unit_forget_bias(start):
    """Keras' unit_forget_bias: the LSTM bias [start(H), ones(H), start(2H)] (gates i, f, c, o)."""
    def init(shape, rng):
        H = shape[0] // 4
        return np.concatenate([start((H,), rng), np.ones(H), start((2 * H,), rng)])
    return init


class _Gated(Recurrent):
    """What LSTM and GRU share: Keras' fixed activations and a hint for wrong weight shapes."""

    _gate_names = ()

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 return_sequences=False, return_state=False, input_shape=None, seed=None,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", name=None):
        _only("activation", activation, "tanh", "the candidate and the output use tanh")
        self.recurrent_activation = _only("recurrent_activation", recurrent_activation,
                                          "sigmoid", "the gates use sigmoid")
        super().__init__(units, activation, use_bias, return_sequences, return_state,
                         input_shape, seed, kernel_initializer, recurrent_initializer,
                         bias_initializer, name)

    def _weight_hint(self, name, shape):
        n, gates = self._gates, ", ".join(self._gate_names)
        if name in ("W", "U") and len(shape) == 2 and shape[::-1] == self.params[name].shape:
            return "PyTorch stores its weights transposed, (gates·H, D): Keras' are (D, gates·H)"
        if name in ("W", "U") and len(shape) == 2 and shape[1] == self.units:
            article = "An" if type(self).__name__ == "LSTM" else "A"
            return (f"{article} {type(self).__name__} keeps its {n} gates ({gates}) side by side: "
                    f"{n}·units = {n * self.units} columns")
        return None


class LSTM(_Gated):
    """A long short-term memory layer, as keras.layers.LSTM; runs `lstm.lstm_forward`'s fast twin.

        i_t = sigmoid(x_t @ W_i + h_{t-1} @ U_i + b_i)        input gate
        f_t = sigmoid(x_t @ W_f + h_{t-1} @ U_f + b_f)        forget gate
        c~_t = tanh(x_t @ W_c + h_{t-1} @ U_c + b_c)          candidate
        o_t = sigmoid(x_t @ W_o + h_{t-1} @ U_o + b_o)        output gate
        c_t = f_t * c_{t-1} + i_t * c~_t,   h_t = o_t * tanh(c_t)      h_0 = c_0 = 0

    x (B, T, D) -> h (B, T, H) with return_sequences=True, else h_T (B, H); with
    return_state=True the list [output, h_T, c_T], as Keras. initial_state: [h_0, c_0].
    Weights as Keras': kernel W (D, 4H), recurrent_kernel U (H, 4H), bias b (4H,), each with
    the gates side by side in the order i, f, c, o; 4·(D·H + H·H + H) parameters.
    unit_forget_bias=True (Keras' default) starts the forget slice b[H:2H] at 1, so that
    f_t ≈ sigmoid(1) ≈ 0.73 at first: the cell keeps most of its memory from the start.
    activation / recurrent_activation: only Keras' defaults "tanh" / "sigmoid" are built.
    """

    _gates = 4
    _gate_names = ("i", "f", "c", "o")
    _state_names = ("h", "c")

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 unit_forget_bias=True, return_sequences=False, return_state=False,
                 input_shape=None, seed=None, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", name=None):
        self.unit_forget_bias = check_flag("unit_forget_bias", unit_forget_bias)
        if self.unit_forget_bias:
            bias_initializer = _unit_forget_bias(
                initializers.get(bias_initializer, "bias_initializer"))
        super().__init__(units, activation, recurrent_activation, use_bias, return_sequences,
                         return_state, input_shape, seed, kernel_initializer,
                         recurrent_initializer, bias_initializer, name)

    def _run_forward(self, x, states):
        W, U = self.params["W"], self.params["U"]
        h, c, cache = fast_lstm_forward(x, states[0], states[1], W, U, self._bias(),
                                        work=self._work if self._reuse else None)
        return h, [h[:, -1], c[:, -1]], cache

    def _run_backward(self, dh, dstates, cache):
        if dstates[0] is not None:   # the returned state h_T is also used downstream
            dh = dh.copy(order="K")   # a copy in dh's own memory order
            dh[:, -1] += dstates[0]
        g = fast_lstm_backward(dh, cache, dc_last=dstates[1], work=self._work)
        return g["dx"], {"W": g["dW"], "U": g["dU"], "b": g["db"]}, [g["dh0"], g["dc0"]]


class GRU(_Gated):
    """A gated recurrent unit layer, as keras.layers.GRU (reset_after=True, Keras' default);
    it runs `gru.gru_forward`'s fast twin (core/_gated_kernels.py, the same numbers).

        z_t  = sigmoid(x_t @ W_z + b_z + h_{t-1} @ U_z + b'_z)           update gate
        r_t  = sigmoid(x_t @ W_r + b_r + h_{t-1} @ U_r + b'_r)           reset gate
        h~_t = tanh(x_t @ W_h + b_h + r_t * (h_{t-1} @ U_h + b'_h))      candidate
        h_t  = z_t * h_{t-1} + (1 - z_t) * h~_t                          h_0 = 0

    x (B, T, D) -> h (B, T, H) with return_sequences=True, else h_T (B, H); with
    return_state=True the list [output, h_T]. Weights as Keras': kernel W (D, 3H),
    recurrent_kernel U (H, 3H), gates in the order z, r, h, and bias b (2, 3H): row 0 the input
    biases, row 1 the recurrent ones; 3·(D·H + H·H + 2H) parameters.
    reset_after=False (Cho et al. 2014's reset before the product, bias (3H,)) is not built.
    """

    _gates = 3
    _gate_names = ("z", "r", "h")

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 return_sequences=False, return_state=False, reset_after=True,
                 input_shape=None, seed=None, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", name=None):
        if check_flag("reset_after", reset_after) is not True:
            fail("reset_after", "True (Keras' default, as gru.py computes it)", "False",
                  "Cho et al. (2014)'s variant, reset before the product, is not built here")
        self.reset_after = True
        super().__init__(units, activation, recurrent_activation, use_bias, return_sequences,
                         return_state, input_shape, seed, kernel_initializer,
                         recurrent_initializer, bias_initializer, name)

    def _param_shapes(self, input_shape):
        shapes = super()._param_shapes(input_shape)
        if self.use_bias:
            shapes["b"] = (2, 3 * self.units)   # [input biases; recurrent biases]
        return shapes

    def _bias(self):
        if self.use_bias:
            return self.params["b"]
        return np.zeros((2, 3 * self.units), dtype=self.params["W"].dtype)

    def _weight_hint(self, name, shape):
        if name == "b" and shape == (3 * self.units,):
            return ("Keras' GRU with reset_after=True keeps two bias rows, (2, 3H): row 0 for "
                    "x_t @ W, row 1 for h_prev @ U (a (3H,) bias is reset_after=False's)")
        return super()._weight_hint(name, shape)

    def _run_forward(self, x, states):
        W, U = self.params["W"], self.params["U"]
        h, cache = fast_gru_forward(x, states[0], W, U, self._bias())
        return h, [h[:, -1]], cache

    def _run_backward(self, dh, dstates, cache):
        if dstates[0] is not None:
            dh = dh.copy(order="K")   # a copy in dh's own memory order
            dh[:, -1] += dstates[0]
        g = fast_gru_backward(dh, cache)
        return g["dx"], {"W": g["dW"], "U": g["dU"], "b": g["db"]}, [g["dh0"]]
