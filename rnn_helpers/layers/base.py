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
(`rh.utils.set_random_seed` restarts it). They are float64, or float32 for layers built after
`rh.utils.set_floatx("float32")`.
"""

import copy
import re

import numpy as np

from .._validate import check_array, fail
from ..core import utils
from ..core._rnn_kernels import workspace

_name_counts = {}


def auto_name(cls):
    """Keras' default names: "simple_rnn", then "simple_rnn_1", ... (counted per process)."""
    base = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", cls.__name__.lstrip("_"))
    base = re.sub("([a-z])([A-Z])", r"\1_\2", base).lower()
    count = _name_counts.get(base, 0)
    _name_counts[base] = count + 1
    return base if count == 0 else f"{base}_{count}"


def _forget_name(name):
    """Undo the last auto_name if it gave `name` (a layer whose construction failed)."""
    for base, count in _name_counts.items():
        if name == (base if count == 1 else f"{base}_{count - 1}"):
            if count == 1:
                del _name_counts[base]
            else:
                _name_counts[base] = count - 1
            return


def snapshot(layers):
    """Remember all that a call could change in `layers` (and in the layers inside them, such as
    Bidirectional's two): their attributes, the contents of their dicts (params, grads, ...),
    every weight's values, and the package's random generator. Returns restore(), which puts it
    all back, the weights in place (models and optimizers hold those very arrays).

        restore = snapshot(model.layers)
        try: ...something that may fail halfway...
        except Exception: restore(); raise
    """
    saved, todo, seen = [], list(layers), set()
    while todo:
        layer = todo.pop()
        if id(layer) in seen:
            continue
        seen.add(id(layer))
        attrs = dict(vars(layer))
        dicts = {k: dict(v) for k, v in attrs.items() if type(v) is dict}
        values = [(p, p.copy()) for p in layer.params.values()]
        saved.append((layer, attrs, dicts, values))
        todo += [v for v in attrs.values() if isinstance(v, Layer)]
    rng = utils.get_rng()
    rng_state = rng.bit_generator.state

    def restore():
        for layer, attrs, dicts, values in saved:
            vars(layer).clear()
            vars(layer).update(attrs)
            for k, content in dicts.items():
                attrs[k].clear()
                attrs[k].update(content)
            for p, value in values:
                p[...] = value
        rng.bit_generator.state = rng_state

    return restore


def plural(count, noun):
    """'1 feature', '3 features'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def shape_str(shape):
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
            fail("seed", "None or an integer >= 0", repr(seed))
        self.name = name or auto_name(type(self))
        self.seed = seed
        self.params, self.grads = {}, {}
        self.built = False
        self.input_shape = None   # the shape it was built for, without the batch axis
        self._cache = None
        if input_shape is not None:
            self._first_build(input_shape, auto_named=not name)

    def _first_build(self, input_shape, auto_named):
        """build(input_shape) from the constructor: if it fails, the layer's automatic name is
        given back, so a failed construction changes nothing."""
        try:
            self.build(input_shape)
        except Exception:
            if auto_named:
                _forget_name(self.name)
            raise

    # --- building -------------------------------------------------------------------------
    def build(self, input_shape):
        """Create the weights for inputs of shape `input_shape` (without the batch axis)."""
        input_shape = self._check_input_shape(input_shape)
        rng = utils.get_rng() if self.seed is None else np.random.default_rng(self.seed)
        self.params = {k: self._initializers[k](shape, rng).astype(utils.floatx())
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
            fail("input_shape", f"a tuple {layout} of positive sizes, without the batch axis",
                  repr(input_shape), hint)
        return tuple(None if s is None else int(s) for s in input_shape)

    def _accept(self, input_shape):
        """Check that inputs of `input_shape` fit this layer; build it if it is not built."""
        input_shape = self._check_input_shape(input_shape)
        if not self.built:
            self.build(input_shape)
        elif input_shape[-1] != self.input_shape[-1]:
            features = plural(self.input_shape[-1], "feature")
            fail("input_shape", f"{features} on the last axis (layer "
                  f"'{self.name}' was built for {shape_str(self.input_shape)})",
                  shape_str(input_shape))
        return input_shape

    def _check_x(self, x, ndim, layout):
        """Validate the input of forward; build the layer on its first call."""
        x = check_array("x", x, ndim=ndim, layout=layout, like=self.input_shape)
        if self.built and x.shape[-1] != self.input_shape[-1]:
            fail("x", f"{plural(self.input_shape[-1], 'feature')} on the last axis (layer "
                  f"'{self.name}' was built for input shape {shape_str(self.input_shape)})",
                  f"shape {x.shape}")
        if not self.built:
            self.build(x.shape[1:])
        weights = next(iter(self.params.values()), None)
        if weights is not None and x.dtype != weights.dtype:
            x = x.astype(weights.dtype)   # as Keras: the input takes the weights' float type
        return x

    def check_inputs(self, name, x):
        """Check the values of a whole input array `x` (named `name` in messages) once, as
        Sequential.fit does before its first step; x passed check_array already. Here nothing
        more: a layer whose inputs have a range (Embedding's ids) checks it."""
        return x

    def _require_built(self, what):
        if not self.built:
            fail(self.name, f"a built layer before {what} (give it input_shape=..., or call "
                  "it on data first)", "a layer that is not built yet")

    def _require_cache(self):
        if self._cache is None:
            fail("backward", f"a forward() call on layer '{self.name}' first", "none")
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
        restore = snapshot([self])
        try:
            self._set_weights(weights)
        except Exception:
            restore()   # a refused call changes nothing, not even the built flag
            raise

    def _set_weights(self, weights):
        if not self.built and weights:
            kernel = check_array("weights[0] (kernel)", weights[0], ndim=2, layout="(D, H)",
                                 nonempty=True)
            self.build(self._shape_from_features(kernel.shape[0]))
        names = [f"{self._keras_names[k]} {p.shape}" for k, p in self.params.items()]
        if len(weights) != len(self.params):
            fail("weights", f"{len(self.params)} arrays for layer '{self.name}' "
                  f"[{', '.join(names)}]", plural(len(weights), "array"))
        checked = []
        for i, (k, p) in enumerate(self.params.items()):
            label = f"weights[{i}] ({self._keras_names[k]} of layer '{self.name}')"
            w = check_array(label, weights[i])
            if w.shape != p.shape:
                fail(label, f"shape {p.shape}", f"shape {w.shape}",
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

    def _kept_arrays(self):
        """The dict of arrays kept from call to call for fit's training step, whose outputs
        live for one step (made on first use): new large arrays at every batch cost page
        faults (25,000 per `fit` of benchmarks/bench_fit.py's char workload)."""
        return self.__dict__.setdefault("_work", {})

    def _kept(self, name, shape, dtype):
        """One array of `_kept_arrays()`, made again only when the shape or dtype changes."""
        return workspace(self._kept_arrays(), name, shape, dtype)

    def __deepcopy__(self, memo):
        """A copy without the arrays the fast paths keep between batches (`_work`): they hold
        lists of views, which a deep copy would turn into independent arrays."""
        new = type(self).__new__(type(self))
        memo[id(self)] = new
        for key, value in self.__dict__.items():
            setattr(new, key, {} if key == "_work" else copy.deepcopy(value, memo))
        return new

    def __repr__(self):
        return f"<{type(self).__name__} name='{self.name}', units={self.units}, built={self.built}>"
