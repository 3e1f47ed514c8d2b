"""Keras-like layers over the functional core: `SimpleRNN`, `LSTM`, `GRU` and `Dense`.

    from rnn_helpers.layers import SimpleRNN, LSTM, GRU, Dense    # as tensorflow.keras.layers

Every layer has `forward(x)` (also `layer(x)`) and `backward(dy) -> dx`, which a learner can
call by hand, and keeps two dicts with the seed's names:

    params["W"], params["U"], params["b"]     the weights
    grads["W"],  grads["U"],  grads["b"]      ∂L/∂ of each, filled by backward

`get_weights()` / `set_weights()` use Keras' order, shapes and names instead:

    seed's name   Keras' name        SimpleRNN   LSTM       GRU        Dense
    W             kernel             (D, H)      (D, 4H)    (D, 3H)    (F, O)
    U             recurrent_kernel   (H, H)      (H, 4H)    (H, 3H)    -
    b             bias               (H,)        (4H,)      (2, 3H)    (O,)

(LSTM gates side by side in Keras' order i, f, c, o; GRU z, r, h with reset_after=True.)

`input_shape` never includes the batch axis, as in Keras' `input_shape=(5, 1)`: (T, D) for a
recurrent layer. Initial weights are Keras' (kernel glorot_uniform, recurrent_kernel orthogonal,
bias zeros, except an LSTM's forget slice: ones, unit_forget_bias), drawn from
`np.random.default_rng(seed)` when `seed` is given, otherwise from the package's generator
(`rnn_helpers.utils.set_random_seed` restarts it).
"""

import re

import numpy as np

from . import activations, gru, initializers, lstm, rnn, utils
from ._validate import _fail, check_array, check_choice, check_positive_int

_name_counts = {}


def _auto_name(cls):
    """Keras' default names: "simple_rnn", then "simple_rnn_1", ... (counted per process)."""
    base = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", cls.__name__.lstrip("_"))
    base = re.sub("([a-z])([A-Z])", r"\1_\2", base).lower()
    count = _name_counts.get(base, 0)
    _name_counts[base] = count + 1
    return base if count == 0 else f"{base}_{count}"


def _check_flag(name, value):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}: expected True or False, got {value!r}")
    return bool(value)


def _n(count, noun):
    """'1 feature', '3 features'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _shape_str(shape):
    """(5, 10) as Keras prints it with the batch axis: (None, 5, 10)."""
    return str((None, *shape))


class Layer:
    """What every layer shares: building, weights in Keras' order, names, parameter counts.

    A subclass defines `_param_shapes(input_shape) -> {seed's name: shape}` in Keras' order,
    `_keras_names`, `_check_input_shape`, `compute_output_shape`, `forward` and `backward`.
    """

    _keras_names = {"W": "kernel", "U": "recurrent_kernel", "b": "bias"}

    def __init__(self, input_shape=None, seed=None, name=None):
        if name is not None and not isinstance(name, str):
            raise TypeError(f"name: expected a string, got {type(name).__name__}")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))
                                 or seed < 0):
            _fail("seed", "None or an integer >= 0", repr(seed))
        self.name = name or _auto_name(type(self))
        self.seed = seed
        self.params, self.grads = {}, {}
        self.built = False
        self.input_shape = None   # the shape it was built for, without the batch axis
        self._cache = None
        if input_shape is not None:
            self.build(input_shape)

    # --- building -------------------------------------------------------------------------
    def build(self, input_shape):
        """Create the weights for inputs of shape `input_shape` (without the batch axis)."""
        input_shape = self._check_input_shape(input_shape)
        rng = utils.get_rng() if self.seed is None else np.random.default_rng(self.seed)
        self.params = {k: self._initializers[k](shape, rng).astype(np.float64)
                       for k, shape in self._param_shapes(input_shape).items()}
        self.grads = {k: np.zeros_like(p) for k, p in self.params.items()}
        self.input_shape = input_shape
        self.built = True

    def _check_shape_tuple(self, input_shape, rank, layout):
        """input_shape as a tuple of positive ints (None allowed except on the last axis)."""
        ok = isinstance(input_shape, (tuple, list)) and len(input_shape) in rank
        ok = ok and all(s is None or (isinstance(s, (int, np.integer)) and not isinstance(s, bool)
                                      and s > 0) for s in input_shape)
        if not ok or input_shape[-1] is None:
            hint = "input_shape leaves the batch axis out" if (
                isinstance(input_shape, (tuple, list)) and len(input_shape) > max(rank)) else None
            _fail("input_shape", f"a tuple {layout} of positive sizes, without the batch axis",
                  repr(input_shape), hint)
        return tuple(None if s is None else int(s) for s in input_shape)

    def _accept(self, input_shape):
        """Check that inputs of `input_shape` fit this layer; build it if it is not built."""
        input_shape = self._check_input_shape(input_shape)
        if not self.built:
            self.build(input_shape)
        elif input_shape[-1] != self.input_shape[-1]:
            _fail("input_shape", f"{_n(self.input_shape[-1], 'feature')} on the last axis (layer "
                  f"'{self.name}' was built for {_shape_str(self.input_shape)})",
                  _shape_str(input_shape))
        return input_shape

    def _check_x(self, x, ndim, layout):
        """Validate the input of forward; build the layer on its first call."""
        x = check_array("x", x, ndim=ndim, layout=layout)
        if self.built and x.shape[-1] != self.input_shape[-1]:
            _fail("x", f"{_n(self.input_shape[-1], 'feature')} on the last axis (layer "
                  f"'{self.name}' was built for input shape {_shape_str(self.input_shape)})",
                  f"shape {x.shape}")
        if not self.built:
            self.build(x.shape[1:])
        return x

    def _require_built(self, what):
        if not self.built:
            _fail(self.name, f"a built layer before {what} (give it input_shape=..., or call "
                  "it on data first)", "a layer that is not built yet")

    def _require_cache(self):
        if self._cache is None:
            _fail("backward", f"a forward() call on layer '{self.name}' first", "none")
        return self._cache

    # --- weights in Keras' order ----------------------------------------------------------
    def get_weights(self):
        """Copies of the weights in Keras' order (e.g. [kernel, recurrent_kernel, bias])."""
        return [p.copy() for p in self.params.values()]

    def set_weights(self, weights):
        """Set the weights from a list in Keras' order and shapes; all are checked first.

        An unbuilt layer is built from the kernel's shape (its first axis is the input size).
        """
        if not isinstance(weights, (list, tuple)):
            raise TypeError(f"weights: expected a list of arrays, got {type(weights).__name__}")
        if not self.built and weights:
            kernel = check_array("weights[0] (kernel)", weights[0], ndim=2, layout="(D, H)")
            self.build(self._shape_from_features(kernel.shape[0]))
        names = [f"{self._keras_names[k]} {p.shape}" for k, p in self.params.items()]
        if len(weights) != len(self.params):
            _fail("weights", f"{len(self.params)} arrays for layer '{self.name}' "
                  f"[{', '.join(names)}]", _n(len(weights), "array"))
        checked = []
        for i, (k, p) in enumerate(self.params.items()):
            label = f"weights[{i}] ({self._keras_names[k]} of layer '{self.name}')"
            w = check_array(label, weights[i])
            if w.shape != p.shape:
                _fail(label, f"shape {p.shape}", f"shape {w.shape}",
                      self._weight_hint(k, w.shape))
            checked.append(w)
        for p, w in zip(self.params.values(), checked, strict=True):
            p[...] = w   # in place: optimizers and models keep references to these arrays

    def _weight_hint(self, name, shape):
        """A hint after a wrong shape in set_weights (None: the message says enough)."""
        return None

    def count_params(self):
        """The number of weights, as Keras counts them."""
        self._require_built("count_params()")
        return int(sum(p.size for p in self.params.values()))

    def __call__(self, *args, **kwargs):
        return self.forward(*args, **kwargs)

    def __repr__(self):
        return f"<{type(self).__name__} name='{self.name}', units={self.units}, built={self.built}>"


class _Recurrent(Layer):
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
        self.use_bias = _check_flag("use_bias", use_bias)
        self.return_sequences = _check_flag("return_sequences", return_sequences)
        self.return_state = _check_flag("return_state", return_state)
        self._initializers = {
            "W": initializers.get(kernel_initializer, "kernel_initializer"),
            "U": initializers.get(recurrent_initializer, "recurrent_initializer"),
            "b": initializers.get(bias_initializer, "bias_initializer"),
        }
        self.dinitial_state = None  # ∂L/∂ of the initial states, set by backward
        super().__init__(input_shape, seed, name)

    def _check_input_shape(self, input_shape):
        if isinstance(input_shape, (tuple, list)) and len(input_shape) == 1:
            _fail("input_shape", f"(T, D) = (time steps, features) for layer '{self.name}'",
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
            _fail("x", "at least one time step (B, T, D) with T >= 1", f"shape {x.shape}")
        n = len(self._state_names)
        if initial_state is None:
            states = [None] * n
        else:
            states = [initial_state] if isinstance(initial_state, np.ndarray) else initial_state
            if not isinstance(states, (list, tuple)) or len(states) != n:
                _fail("initial_state", f"a list of {n} array(s) of shape ({B}, {self.units})",
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
                _fail("dy", f"a list of {n + 1} gradients [{names}] (the layer has "
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


class SimpleRNN(_Recurrent):
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
        _fail(name, f"{supported!r} ({what} in lstm.py and gru.py; other activations are "
              "not implemented here)", repr(value))
    return value


def _unit_forget_bias(start):
    """Keras' unit_forget_bias: the LSTM bias [start(H), ones(H), start(2H)] (gates i, f, c, o)."""
    def init(shape, rng):
        H = shape[0] // 4
        return np.concatenate([start((H,), rng), np.ones(H), start((2 * H,), rng)])
    return init


class _Gated(_Recurrent):
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
    """A long short-term memory layer, as keras.layers.LSTM; it runs `lstm.lstm_forward`.

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
        self.unit_forget_bias = _check_flag("unit_forget_bias", unit_forget_bias)
        if self.unit_forget_bias:
            bias_initializer = _unit_forget_bias(
                initializers.get(bias_initializer, "bias_initializer"))
        super().__init__(units, activation, recurrent_activation, use_bias, return_sequences,
                         return_state, input_shape, seed, kernel_initializer,
                         recurrent_initializer, bias_initializer, name)

    def _run_forward(self, x, states):
        W, U = self.params["W"], self.params["U"]
        h, c, cache = lstm.lstm_forward(x, states[0], states[1], W, U, self._bias())
        return h, [h[:, -1], c[:, -1]], cache

    def _run_backward(self, dh, dstates, cache):
        if dstates[0] is not None:   # the returned state h_T is also used downstream
            dh = dh.copy()
            dh[:, -1] += dstates[0]
        g = lstm.lstm_backward(dh, cache, dc_last=dstates[1])
        return g["dx"], {"W": g["dW"], "U": g["dU"], "b": g["db"]}, [g["dh0"], g["dc0"]]


class GRU(_Gated):
    """A gated recurrent unit layer, as keras.layers.GRU (reset_after=True, Keras' default);
    it runs `gru.gru_forward`.

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
        if _check_flag("reset_after", reset_after) is not True:
            _fail("reset_after", "True (Keras' default, as gru.py computes it)", "False",
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
        h, cache = gru.gru_forward(x, states[0], W, U, self._bias())
        return h, [h[:, -1]], cache

    def _run_backward(self, dh, dstates, cache):
        if dstates[0] is not None:
            dh = dh.copy()
            dh[:, -1] += dstates[0]
        g = gru.gru_backward(dh, cache)
        return g["dx"], {"W": g["dW"], "U": g["dU"], "b": g["db"]}, [g["dh0"]]


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
        self.use_bias = _check_flag("use_bias", use_bias)
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


# Layers that live in modules of their own, importable from here as from keras.layers:
# `from rnn_helpers.layers import Bidirectional`. Those modules import this one, so they are
# looked up on first use rather than imported at the top.
_ELSEWHERE = {
    "Embedding": "embedding",
    "AttentionPooling": "layers_extra",
    "Bidirectional": "layers_extra",
    "Conv1D": "layers_extra",
    "MinGRU": "layers_extra",
}


def __getattr__(name):
    if name in _ELSEWHERE:
        import importlib

        return getattr(importlib.import_module(f"rnn_helpers.{_ELSEWHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
