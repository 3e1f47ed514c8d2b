"""Recurrent layers over the core: SimpleRNN, LSTM and GRU (as keras.layers)."""

import numpy as np

from .._validate import check_array, check_flag, check_positive_int, fail
from ..core import activations, initializers, rnn
from ..core._gated_kernels import (
    fast_gru_backward,
    fast_gru_forward,
    fast_lstm_backward,
    fast_lstm_forward,
)
from .base import Layer


class Recurrent(Layer):
    """A recurrent layer: return_sequences, return_state, initial_state, checks, building.

    A cell type (SimpleRNN, LSTM, GRU) sets `_gates` (W is (D, gates*H)) and
    `_state_names` (("h",), or ("h", "c") for an LSTM), and implements

        _run_forward(x, states)           -> (h (B, T, H), final states [h_T, ...], cache)
        _run_backward(dh, dstates, cache) -> (dx, {"W": .., "U": .., "b": ..}, [dh0, ...])

    where dh (B, T, H) is the gradient on every h_t and dstates the gradients on the final
    states (None where there is none), as the core's backward functions take them.
    """

    _gates = 1
    _state_names = ("h",)

    def __init__(self, units, activation="tanh", use_bias=True, return_sequences=False,
                 return_state=False, input_shape=None, seed=None,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", name=None):
        self.units = check_positive_int("units", units)
        self.activation = activations.get(activation).name
        self.use_bias = check_flag("use_bias", use_bias)
        self.return_sequences = check_flag("return_sequences", return_sequences)
        self.return_state = check_flag("return_state", return_state)
        self._initializers = {
            "W": initializers.get(kernel_initializer, "kernel_initializer"),
            "U": initializers.get(recurrent_initializer, "recurrent_initializer"),
            "b": initializers.get(bias_initializer, "bias_initializer"),
        }
        self.dinitial_state = None  # ∂L/∂ of the initial states, set by backward
        super().__init__(input_shape, seed, name)

    def _check_input_shape(self, input_shape):
        if isinstance(input_shape, (tuple, list)) and len(input_shape) == 1:
            fail("input_shape", f"(T, D) = (time steps, features) for layer '{self.name}'",
                  repr(tuple(input_shape)), "A recurrent layer reads sequences (B, T, D): if "
                  "the layer before it is recurrent, give that one return_sequences=True")
        return self._check_shape_tuple(input_shape, (2,), "(T, D)")

    def _shape_from_features(self, D):
        return (None, D)

    def _param_shapes(self, input_shape):
        D, GH = input_shape[-1], self._gates * self.units
        shapes = {"W": (D, GH), "U": (self.units, GH)}
        if self.use_bias:
            shapes["b"] = (GH,)
        return shapes

    def _bias(self):
        return self.params["b"] if self.use_bias else np.zeros(self._gates * self.units)

    def compute_output_shape(self, input_shape):
        """(T, D) -> (T, H) with return_sequences, else (H,); with return_state a list that
        adds one (H,) per state. Shapes without the batch axis."""
        T = self._check_input_shape(input_shape)[0]
        out = (T, self.units) if self.return_sequences else (self.units,)
        if self.return_state:
            return [out] + [(self.units,)] * len(self._state_names)
        return out

    def forward(self, x, initial_state=None, training=False):
        """x (B, T, D) -> h (B, T, H) with return_sequences, else h_T (B, H);
        with return_state, the list [output, *final states].

        initial_state: None (zeros), an array (B, H), or a list with one (B, H) per state.
        `training` is accepted for Keras' signature; this layer behaves the same either way.
        """
        x = self._check_x(x, 3, "(B, T, D)")
        B, T, _ = x.shape
        if T == 0:
            fail("x", "at least one time step (B, T, D) with T >= 1", f"shape {x.shape}")
        n = len(self._state_names)
        if initial_state is None:
            states = [None] * n
        else:
            states = [initial_state] if isinstance(initial_state, np.ndarray) else initial_state
            if not isinstance(states, (list, tuple)) or len(states) != n:
                fail("initial_state", f"a list of {n} array(s) of shape ({B}, {self.units})",
                      repr(type(initial_state).__name__))
            states = [check_array(f"initial_state[{i}]", s, shape=(B, self.units),
                                  layout="(B, H)") for i, s in enumerate(states)]
        h, final, cache = self._run_forward(x, states)
        self._cache = {"core": cache, "h_shape": h.shape, "dtype": h.dtype}
        output = h if self.return_sequences else final[0]
        return [output, *final] if self.return_state else output

    def backward(self, dy):
        """dy = ∂L/∂output (with return_state, the list [doutput, *dstates]; None = zeros)
        -> dx (B, T, D). Fills `grads`, and `dinitial_state` (a list, one per state).

        Without return_sequences only h_T is an output, so dh is zero except dh[:, -1] = dy.
        """
        cache = self._require_cache()
        B, T, H = cache["h_shape"]
        n = len(self._state_names)
        dstates = [None] * n
        if self.return_state:
            if not isinstance(dy, (list, tuple)) or len(dy) != n + 1:
                names = ", ".join(["doutput"] + ["d" + s for s in self._state_names])
                fail("dy", f"a list of {n + 1} gradients [{names}] (the layer has "
                      "return_state=True)", repr(type(dy).__name__))
            dy, *dstates = dy
            dstates = [None if d is None else check_array(
                f"dy[{i + 1}]", d, shape=(B, H), layout="(B, H)") for i, d in enumerate(dstates)]
        out_shape = (B, T, H) if self.return_sequences else (B, H)
        if dy is None:
            dy = np.zeros(out_shape, dtype=cache["dtype"])
        dy = check_array("dy", dy, shape=out_shape,
                         layout="(B, T, H), like the output" if self.return_sequences
                         else "(B, H), like the output")
        if self.return_sequences:
            dh = dy
        else:
            dh = np.zeros((B, T, H), dtype=np.result_type(dy, cache["dtype"]))
            dh[:, -1] = dy
        dx, grads, self.dinitial_state = self._run_backward(dh, dstates, cache["core"])
        self.grads = {k: grads[k] for k in self.params}
        return dx

    def __repr__(self):
        return (f"<{type(self).__name__} name='{self.name}', units={self.units}, "
                f"return_sequences={self.return_sequences}, built={self.built}>")


class SimpleRNN(Recurrent):
    """A simple (Elman) RNN layer, as keras.layers.SimpleRNN; it runs `rnn.rnn_forward`.

        h_t = tanh(x_t @ W + h_{t-1} @ U + b)        for t = 1 .. T,  h_0 = 0

    x (B, T, D) -> h (B, T, H) with return_sequences=True, else the last state h_T (B, H).
    W is Keras' kernel (D, H), U its recurrent_kernel (H, H), b its bias (H,); parameters
    D*H + H*H + H (120 for the seed's SimpleRNN(10) on D = 1).
    """

    def _run_forward(self, x, states):
        W, U = self.params["W"], self.params["U"]
        h, cache = rnn.rnn_forward(x, states[0], W, U, self._bias(), self.activation)
        return h, [h[:, -1]], cache

    def _run_backward(self, dh, dstates, cache):
        if dstates[0] is not None:   # the returned state h_T is also used downstream
            dh = dh.copy()
            dh[:, -1] += dstates[0]
        g = rnn.rnn_backward(dh, cache)
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
        h, c, cache = fast_lstm_forward(x, states[0], states[1], W, U, self._bias())
        return h, [h[:, -1], c[:, -1]], cache

    def _run_backward(self, dh, dstates, cache):
        if dstates[0] is not None:   # the returned state h_T is also used downstream
            dh = dh.copy()
            dh[:, -1] += dstates[0]
        g = fast_lstm_backward(dh, cache, dc_last=dstates[1])
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
        return self.params["b"] if self.use_bias else np.zeros((2, 3 * self.units))

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
            dh = dh.copy()
            dh[:, -1] += dstates[0]
        g = fast_gru_backward(dh, cache)
        return g["dx"], {"W": g["dW"], "U": g["dU"], "b": g["db"]}, [g["dh0"]]
