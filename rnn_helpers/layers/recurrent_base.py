"""What every recurrent layer shares (as Keras' RNN base): return_sequences, return_state,
initial_state, input checks and building. SimpleRNN, LSTM and GRU (recurrent.py) and MinGRU
(min_gru.py) are its subclasses."""

import numpy as np

from .._validate import check_array, check_flag, check_positive_int, fail, is_trusted
from ..core import activations, initializers
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
        self._work = {}  # the fast kernels' temporaries, reused from batch to batch
        self._reuse = False  # whether the forward may reuse its arrays too (see forward)
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
        if self.use_bias:
            return self.params["b"]
        return np.zeros(self._gates * self.units, dtype=self.params["W"].dtype)

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
        # Inside fit's training step (trusted, training=True) the fast forward may reuse its
        # arrays from batch to batch (`_reuse`): what it returns lives for that step only.
        self._reuse = bool(training) and is_trusted()
        h, final, cache = self._run_forward(x, states)
        if self._reuse:   # the final states outlive the step (a stateful loop may carry them)
            final = [s.copy() for s in final]
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
            dh_tm = np.zeros((T, B, H), dtype=np.result_type(dy, cache["dtype"]))
            dh_tm[-1] = dy
            dh = dh_tm.transpose(1, 0, 2)   # (B, T, H) view of time-major memory, the order
            #                                 in which the fast backwards read it
        dx, grads, self.dinitial_state = self._run_backward(dh, dstates, cache["core"])
        self.grads = {k: grads[k] for k in self.params}
        return dx

    def __repr__(self):
        return (f"<{type(self).__name__} name='{self.name}', units={self.units}, "
                f"return_sequences={self.return_sequences}, built={self.built}>")
