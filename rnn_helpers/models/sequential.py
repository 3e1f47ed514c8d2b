"""`Sequential`, the Keras-like model: a stack of layers with compile / fit / evaluate / predict.

    from rnn_helpers.models import Sequential             # as tensorflow.keras.models

    model = Sequential([SimpleRNN(10, input_shape=(5, 1)), Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(X, y, epochs=20, batch_size=32, validation_split=0.2)
    y_pred = model.predict(X)

This file is the stack: add, build, forward/backward, weights, summary, compile, evaluate,
predict. Sequential inherits `fit` (with the NaN guard) from training.py (History and the
callbacks' hooks: callbacks.py), save_weights / load_weights from saving.py, and from checks.py
the checks of x and y and the snapshot that undo a failed call.

Keras' conventions kept: "accuracy" means binary accuracy at 0.5 for binary_crossentropy,
categorical (argmax) accuracy for categorical_crossentropy, sparse accuracy for
sparse_categorical_crossentropy.

A call that fails changes nothing: add, build, compile, set_weights, fit and load_weights
check everything first or, where a failure can only show halfway, put the model (weights,
built flags, optimizer state, the package's random generator) back as it was.
"""

import math
import sys

import numpy as np
from tqdm.auto import tqdm

from .._validate import check_array, check_positive_int, fail
from ..core import losses, optim
from ..core import metrics as keras_metrics
from ..layers.base import Layer, auto_name, plural, shape_str, snapshot
from .callbacks import format_logs
from .checks import ChecksMixin
from .saving import SavingMixin
from .training import TrainingMixin, check_verbose


class Sequential(TrainingMixin, SavingMixin, ChecksMixin):
    """A plain stack of layers, each feeding the next, as keras.models.Sequential.

    Sequential(layers=None, name=None); .add(layer). The model is built (its weights exist)
    as soon as the input shape is known: from the first layer's `input_shape`, from
    `build(input_shape)` (without the batch axis), or from the first data it sees.
    """

    def __init__(self, layers=None, name=None):
        if name is not None and not isinstance(name, str):
            raise TypeError(f"name: expected a string, got {type(name).__name__}")
        self.name = name or auto_name(type(self))
        self.layers = []
        self._input_shape = None
        self.optimizer = self.loss = None
        self.compiled = False
        self.stop_training = False
        if layers is not None:
            if not isinstance(layers, (list, tuple)):
                raise TypeError(f"layers: expected a list of layers, got {type(layers).__name__}")
            restore = snapshot([layer for layer in layers if isinstance(layer, Layer)])
            try:
                for layer in layers:
                    self.add(layer)
            except Exception:
                restore()   # the layers given are as they were (add builds them)
                raise

    # --- structure ------------------------------------------------------------------------
    def add(self, layer):
        """Append a layer; it is built at once if the model's input shape is known."""
        if not isinstance(layer, Layer):
            raise TypeError(f"layer: expected a layer such as Dense(1), got "
                            f"{type(layer).__name__}")
        if getattr(layer, "return_state", False):
            fail("layer", "a layer with one output (return_state=False) in a Sequential model",
                  f"'{layer.name}' with return_state=True")
        if getattr(layer, "merge_mode", "concat") is None:
            fail("layer", "a layer with one output in a Sequential model: Bidirectional with "
                 "merge_mode 'concat', 'sum', 'ave' or 'mul'", f"'{layer.name}' with "
                 "merge_mode=None (two outputs)")
        if any(other.name == layer.name for other in self.layers):
            fail("layer", "a layer name not yet used in this model", repr(layer.name))
        input_shape = self._input_shape
        if not self.layers and layer.built:
            input_shape = layer.input_shape
        if input_shape is not None:
            self._atomic(lambda: self._walk(input_shape, self.layers + [layer]), layer)
        self.layers.append(layer)
        self._input_shape = input_shape

    def _walk(self, input_shape, layers):
        """Pass the shape through `layers`, building each; return the output shape."""
        shape = input_shape
        for layer in layers:
            shape = layer.compute_output_shape(layer._accept(shape))
        return shape

    def build(self, input_shape):
        """Create every layer's weights for inputs of `input_shape` (without the batch axis)."""
        if not self.layers:
            fail("layers", "at least one layer before build()", "an empty model")
        self._atomic(lambda: self._walk(input_shape, self.layers))
        self._input_shape = self.layers[0]._check_input_shape(input_shape)

    @property
    def built(self):
        return bool(self.layers) and self._input_shape is not None and all(
            layer.built for layer in self.layers)

    def _require_built(self, what):
        if not self.built:
            fail("model", f"a built model before {what}: give the first layer input_shape=..."
                  ", call model.build(input_shape), or call the model on data",
                  "a model that has no input shape yet")

    @property
    def input_shape(self):
        """The input shape with the batch axis as None, as Keras shows it: (None, 5, 1)."""
        self._require_built("input_shape")
        return (None, *self._input_shape)

    @property
    def output_shape(self):
        self._require_built("output_shape")
        return (None, *self._walk(self._input_shape, self.layers))

    # --- forward and backward -------------------------------------------------------------
    def forward(self, x, training=False):
        """Every layer's forward, in order; builds the model on its first call."""
        if not self.layers:
            fail("model", "at least one layer", "an empty model")
        if not self.built:   # built from x: a failed call leaves it unbuilt
            return self._atomic(lambda: self._forward(self._check_x(x), training))
        return self._forward(x, training)

    def _forward(self, x, training):
        for layer in self.layers:
            x = layer.forward(x, training=training)
        return x

    __call__ = forward

    def backward(self, dy):
        """Every layer's backward, in reverse order: dy = ∂L/∂output -> dx = ∂L/∂input.
        Fills each layer's `grads` (and so `model.grads`)."""
        for layer in reversed(self.layers):
            dy = layer.backward(dy)
        return dy

    @property
    def params(self):
        """{"layer_name/W": array, ...}: every weight, under a name unique in the model."""
        return {f"{layer.name}/{k}": p for layer in self.layers for k, p in layer.params.items()}

    @property
    def grads(self):
        """{"layer_name/W": ∂L/∂W, ...}, as filled by the last backward."""
        return {f"{layer.name}/{k}": g for layer in self.layers for k, g in layer.grads.items()}

    # --- weights --------------------------------------------------------------------------
    def count_params(self):
        self._require_built("count_params()")
        return sum(layer.count_params() for layer in self.layers)

    def get_weights(self):
        """Every layer's get_weights(), concatenated in order (Keras' order)."""
        self._require_built("get_weights()")
        return [w for layer in self.layers for w in layer.get_weights()]

    def set_weights(self, weights):
        """Set all weights from one list in the order of get_weights(); all checked first."""
        self._require_built("set_weights()")
        if not isinstance(weights, (list, tuple)):
            raise TypeError(f"weights: expected a list of arrays, got {type(weights).__name__}")
        counts = [len(layer.params) for layer in self.layers]
        if len(weights) != sum(counts):
            per_layer = ", ".join(f"{c} for {layer.name}" for c, layer in
                                  zip(counts, self.layers, strict=True))
            fail("weights", f"{sum(counts)} arrays ({per_layer})", plural(len(weights), "array"))
        i, checked = 0, []
        for layer in self.layers:
            for j, (k, p) in enumerate(layer.params.items()):
                label = f"weights[{i + j}] ({layer._keras_names[k]} of layer '{layer.name}')"
                w = check_array(label, weights[i + j])
                if w.shape != p.shape:
                    fail(label, f"shape {p.shape}", f"shape {w.shape}")
                checked.append((p, w))
            i += len(layer.params)
        for p, w in checked:
            p[...] = w

    def summary(self, print_fn=None):
        """Print a table of the layers, their output shapes and parameter counts (Keras')."""
        self._require_built("summary()")
        if print_fn is not None and not callable(print_fn):
            raise TypeError(f"print_fn: expected a function such as print, got "
                            f"{type(print_fn).__name__}")
        print_fn = print_fn or print
        rows, shape = [], self._input_shape
        for layer in self.layers:
            shape = layer.compute_output_shape(shape)
            rows.append((f"{layer.name} ({type(layer).__name__})", shape_str(shape),
                         f"{layer.count_params():,}"))
        w1 = max(29, *(len(r[0]) + 3 for r in rows))   # Keras' columns: 29, 26, 10 wide
        w2 = max(26, *(len(r[1]) + 2 for r in rows))
        width = w1 + w2 + 10
        lines = [f'Model: "{self.name}"', "_" * width,
                 f" {'Layer (type)':<{w1 - 1}}{'Output Shape':<{w2}}Param #", "=" * width]
        for a, b, c in rows:
            lines += [f" {a:<{w1 - 1}}{b:<{w2}}{c}", ""]
        lines.append("=" * width)
        total = self.count_params()
        lines += [f"Total params: {total:,}", f"Trainable params: {total:,}",
                  "Non-trainable params: 0", "_" * width]
        print_fn("\n".join(lines))

    # --- training -------------------------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, metrics=None):
        """Choose the optimizer, the loss and the metrics, by Keras' names or as objects.

        optimizer: "adam", "sgd", "rmsprop" or an optimizer from rnn_helpers.optim.
        loss: "binary_crossentropy", "categorical_crossentropy",
              "sparse_categorical_crossentropy", "mse" / "mean_squared_error", or a function
              f(y_true, y_pred) -> (loss, dy_pred).
        metrics: a list of "accuracy" (the accuracy that fits the loss), "binary_accuracy",
              "categorical_accuracy", "sparse_categorical_accuracy", "mae", "mse".
        """
        if loss is None or not (isinstance(loss, str) or callable(loss)):
            fail("loss", f"a loss name ({', '.join(losses.LOSSES)}) or a function f(y_true, "
                 "y_pred) -> (loss, dy_pred)", repr(loss))
        loss_fn, optimizer = losses.get(loss), optim.get(optimizer)
        chosen = keras_metrics.get(metrics, loss)   # all checked before anything changes
        self._loss_fn, self.optimizer, self.loss, self._metrics = loss_fn, optimizer, loss, chosen
        self.compiled = True
        self.stop_training = False

    @property
    def metrics_names(self):
        """["loss", then each compiled metric], the order evaluate() returns them in."""
        return ["loss", *getattr(self, "_metrics", {})]

    def _require_compiled(self, what):
        if not self.compiled:
            fail("model", f"compile(optimizer, loss) before {what}",
                  "a model that was never compiled")

    # --- evaluation and prediction --------------------------------------------------------
    @np.errstate(all="ignore")   # data too large for floats gives inf or NaN, not warnings
    def _evaluate_arrays(self, x, y, batch_size):
        sums = np.zeros(1 + len(self._metrics))
        for i in range(0, len(x), batch_size):
            xb, yb = x[i:i + batch_size], y[i:i + batch_size]
            out = self.forward(xb)
            loss, _ = self._loss(yb, out)
            sums += len(xb) * np.array([loss, *self._metric_values(yb, out)])
        return dict(zip(self.metrics_names, (sums / len(x)).tolist(), strict=True))

    def evaluate(self, x=None, y=None, batch_size=32, verbose="auto", return_dict=False):
        """The loss (and metrics) on (x, y): a float, or [loss, metric, ...] when metrics were
        compiled (Keras' return), or a dict with return_dict=True."""
        self._require_compiled("evaluate()")
        self._require_built("evaluate()")
        batch_size = check_positive_int("batch_size", 32 if batch_size is None else batch_size)
        verbose = check_verbose(verbose)
        x, y = self._check_xy(x, y)
        logs = self._evaluate_arrays(x, y, batch_size)
        if verbose:
            print(f"{math.ceil(len(x) / batch_size)} batches - {format_logs(logs)}")
        if return_dict:
            return logs
        values = list(logs.values())
        return values[0] if len(values) == 1 else values

    def predict(self, x, batch_size=32, verbose=0):
        """The model's output for x, computed in batches of `batch_size`."""
        self._require_built("predict()")
        batch_size = check_positive_int("batch_size", 32 if batch_size is None else batch_size)
        verbose = check_verbose(verbose)
        x = self._check_x(x)
        starts = range(0, len(x), batch_size)
        if verbose == 1:
            starts = tqdm(starts, unit="batch", file=sys.stdout, desc="Predict")
        with np.errstate(all="ignore"):   # as in _evaluate_arrays
            return np.concatenate([self.forward(x[i:i + batch_size]) for i in starts])

    def __repr__(self):
        return f"<Sequential name='{self.name}', layers={[layer.name for layer in self.layers]}>"
