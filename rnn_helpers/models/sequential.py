"""`Sequential`, the Keras-like model: a stack of layers with compile / fit / evaluate / predict.

    from rnn_helpers.models import Sequential             # as tensorflow.keras.models

    model = Sequential([SimpleRNN(10, input_shape=(5, 1)), Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(X, y, epochs=20, batch_size=32, validation_split=0.2)
    y_pred = model.predict(X)

One training step is the whole lesson in four lines (see `_train_step`):

    y_pred = model.forward(x_batch)                    # every layer's forward, in order
    loss, dy_pred = loss_fn(y_batch, y_pred)           # the loss and ∂loss/∂y_pred
    model.backward(dy_pred)                            # every layer's backward, in reverse
    optimizer.update(model.params, model.grads)        # the weights move, in place

Keras' conventions kept: "accuracy" means binary accuracy at 0.5 for binary_crossentropy,
categorical (argmax) accuracy for categorical_crossentropy, sparse accuracy for
sparse_categorical_crossentropy; `validation_split` holds out the LAST fraction of the data,
before shuffling; an epoch's loss and metrics are the means over its samples; callbacks get
`(epoch, logs)` with epoch counted from 0. Shuffling draws from the package generator
(`rh.utils.set_random_seed`).

If a batch's output, loss or gradient turns NaN or inf, or an update makes a weight non-finite,
`fit` stops, puts back the weights of the last good step, prints one message and records it in
`history.stopped`; it raises nothing.
"""

import functools
import math
import os
import sys
import time

import numpy as np
from tqdm.auto import tqdm

from .._validate import check_array, check_positive_int, fail
from ..core import losses, optim, utils
from ..layers.base import Layer, auto_name, plural, shape_str


class StopTraining(Exception):  # noqa: N818 (a signal, not an error)
    """Raise it in a callback to end `fit` after this epoch; its message goes to history.stopped."""


class History:
    """What `fit` returns, as Keras' History.

    history : {"loss": [...], "accuracy": [...], "val_loss": [...], ...}, one value per epoch
    epoch   : the epoch indices (from 0)
    params  : {"verbose", "epochs", "steps"} (steps = batches per epoch)
    stopped : None, or why training ended early (NaN guard or a callback)

    Not in Keras, for looking at training step by step (one value per batch):
    batch_loss : the training loss of every batch
    grad_norm  : the global norm of the gradients of every batch, before any clipping
    """

    def __init__(self, model=None):
        self.model = model
        self.history = {}
        self.epoch = []
        self.params = {}
        self.stopped = None
        self.batch_loss = []
        self.grad_norm = []

    def __repr__(self):
        return f"<History epochs={len(self.epoch)} keys={list(self.history)}>"


# --- metrics: each f(y_true, y_pred) -> the mean over the batch --------------------------------
def binary_accuracy(y_true, y_pred, threshold=0.5):
    """Fraction of outputs on the right side of `threshold`: mean((y_pred > 0.5) == y_true)."""
    return float(np.mean((y_pred > threshold) == (y_true > 0.5)))


def categorical_accuracy(y_true, y_pred):
    """Fraction where argmax(y_pred) equals argmax of the one-hot y_true."""
    return float(np.mean(np.argmax(y_pred, -1) == np.argmax(y_true, -1)))


def sparse_categorical_accuracy(y_true, y_pred):
    """Fraction where argmax(y_pred) equals the integer label y_true."""
    labels = y_true.reshape(y_pred.shape[:-1])
    return float(np.mean(np.argmax(y_pred, -1) == labels))


def mean_absolute_error(y_true, y_pred):
    """mean(|y_pred - y_true|)."""
    return float(np.mean(np.abs(y_pred - y_true.reshape(y_pred.shape))))


def _mse_metric(y_true, y_pred):
    return float(np.mean((y_pred - y_true.reshape(y_pred.shape)) ** 2))


METRICS = {
    "binary_accuracy": binary_accuracy,
    "categorical_accuracy": categorical_accuracy,
    "sparse_categorical_accuracy": sparse_categorical_accuracy,
    "mae": mean_absolute_error,
    "mean_absolute_error": mean_absolute_error,
    "mse": _mse_metric,
    "mean_squared_error": _mse_metric,
}
_ACCURACY_FOR_LOSS = {
    "binary_crossentropy": binary_accuracy,
    "categorical_crossentropy": categorical_accuracy,
    "sparse_categorical_crossentropy": sparse_categorical_accuracy,
}


def _loss_name(fn):
    """The name of a loss function from `losses` (also through functools.partial), else None."""
    keywords = {}
    while isinstance(fn, functools.partial):
        keywords = {**fn.keywords, **keywords}
        fn = fn.func
    for name, f in losses.LOSSES.items():
        if f is fn:
            return ("mean_squared_error" if name == "mse" else name), keywords
    return None, keywords


def _check_verbose(verbose):
    if verbose == "auto":
        return 1
    if isinstance(verbose, bool) or verbose not in (0, 1, 2):
        fail("verbose", "0 (silent), 1 (progress bar), 2 (one line per epoch) or 'auto'",
              repr(verbose))
    return int(verbose)


def _check_count(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        fail(name, "an integer >= 0", repr(value))
    return int(value)


def _bad(a):
    """None if every entry of `a` is finite, else "NaN" or "inf" (for the NaN guard)."""
    a = np.asarray(a)
    if np.all(np.isfinite(a)):
        return None
    return "NaN" if np.any(np.isnan(a)) else "inf"


def _format_logs(logs):
    return " - ".join(f"{k}: {v:.4f}" for k, v in logs.items())


class Sequential:
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
            for layer in layers:
                self.add(layer)

    # --- structure ------------------------------------------------------------------------
    def add(self, layer):
        """Append a layer; it is built at once if the model's input shape is known."""
        if not isinstance(layer, Layer):
            raise TypeError(f"layer: expected a layer such as Dense(1), got "
                            f"{type(layer).__name__}")
        if getattr(layer, "return_state", False):
            fail("layer", "a layer with one output (return_state=False) in a Sequential model",
                  f"'{layer.name}' with return_state=True")
        if any(other.name == layer.name for other in self.layers):
            fail("layer", "a layer name not yet used in this model", repr(layer.name))
        input_shape = self._input_shape
        if not self.layers and layer.built:
            input_shape = layer.input_shape
        if input_shape is not None:
            self._walk(input_shape, self.layers + [layer])
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
        self._walk(input_shape, self.layers)
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
        if not self.built:
            x = check_array("x", x)
            if x.ndim < 2:
                fail("x", "an array with a batch axis first", f"shape {x.shape}")
            self.build(x.shape[1:])
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

    def save_weights(self, path):
        """Write every weight to a `.npz` file (plain arrays: no pickle needed to load it)."""
        self._require_built("save_weights()")
        path = self._check_path(path)
        arrays = {"__layers__": np.array([type(layer).__name__ for layer in self.layers]),
                  "__input_shape__": np.array([-1 if s is None else s
                                               for s in self._input_shape])}
        for i, layer in enumerate(self.layers):
            for k, p in layer.params.items():
                arrays[f"layer_{i}.{layer._keras_names[k]}"] = p
        np.savez(path, **arrays)

    def load_weights(self, path):
        """Read weights written by save_weights; the architecture must match (checked first)."""
        path = self._check_path(path)
        with np.load(path, allow_pickle=False) as data:
            types = [str(t) for t in data["__layers__"]] if "__layers__" in data else None
            mine = [type(layer).__name__ for layer in self.layers]
            if types != mine:
                fail("path", f"weights for this model's layers {mine}",
                      f"a file with layers {types} ({os.path.basename(path)!r})")
            if not self.built:
                self.build(tuple(None if s < 0 else int(s) for s in data["__input_shape__"]))
            checked = []
            for i, layer in enumerate(self.layers):
                for k, p in layer.params.items():
                    key = f"layer_{i}.{layer._keras_names[k]}"
                    what = (f"{layer._keras_names[k]} of shape {p.shape} for layer {i} "
                            f"({layer.name})")
                    if key not in data:
                        fail("path", what, f"no such array in {os.path.basename(path)!r}")
                    if data[key].shape != p.shape:
                        fail("path", what, f"shape {data[key].shape} in "
                              f"{os.path.basename(path)!r}", "Was it saved from another model?")
                    checked.append((p, data[key]))
        for p, w in checked:
            p[...] = w

    @staticmethod
    def _check_path(path):
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path: expected a file name, got {type(path).__name__}")
        path = os.fspath(path)
        if not path.endswith(".npz"):
            fail("path", "a file name ending in '.npz'", repr(path))
        return path

    def summary(self, print_fn=None):
        """Print a table of the layers, their output shapes and parameter counts (Keras')."""
        self._require_built("summary()")
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
        if loss is None:
            fail("loss", f"a loss name ({', '.join(losses.LOSSES)}) or function", "None")
        self._loss_fn = losses.get(loss)
        self.optimizer = optim.get(optimizer)
        self.loss = loss
        name, keywords = _loss_name(self._loss_fn)
        if metrics is None:
            metrics = []
        if isinstance(metrics, str) or not isinstance(metrics, (list, tuple)):
            raise TypeError(f"metrics: expected a list such as ['accuracy'], got {metrics!r}")
        self._metrics = {}
        for m in metrics:
            if callable(m):
                self._metrics[m.__name__] = m
            elif m in ("accuracy", "acc"):
                if name not in _ACCURACY_FOR_LOSS:
                    fail("metrics", "'accuracy' only with a classification loss (binary_"
                          "crossentropy, categorical_crossentropy or sparse_categorical_"
                          "crossentropy)", f"loss {loss!r}",
                          "For a regression loss use metrics=['mae']")
                fn = _ACCURACY_FOR_LOSS[name]
                if fn is binary_accuracy and keywords.get("from_logits"):
                    fn = functools.partial(binary_accuracy, threshold=0.0)  # logit 0 = p 0.5
                self._metrics[m] = fn
            elif isinstance(m, str) and m in METRICS:
                self._metrics[m] = METRICS[m]
            else:
                fail("metrics", f"names from 'accuracy', {', '.join(map(repr, METRICS))}",
                      repr(m))
        self.compiled = True
        self.stop_training = False

    @property
    def metrics_names(self):
        """["loss", then each compiled metric], the order evaluate() returns them in."""
        return ["loss", *getattr(self, "_metrics", {})]

    def _check_x(self, x, x_name="x"):
        """Validate model input against the input shape; build the model from it if needed."""
        if self.built:
            layout = "(B, " + ", ".join("T" if s is None else str(s)
                                        for s in self._input_shape) + ")"
            x = check_array(x_name, x, ndim=len(self._input_shape) + 1, layout=layout)
        else:
            x = check_array(x_name, x)
        if x.ndim < 2 or len(x) == 0:
            fail(x_name, "an array with at least one sample on its first (batch) axis",
                  f"shape {x.shape}")
        if not self.built:
            self.build(x.shape[1:])
        if x.shape[-1] != self._input_shape[-1]:
            features = plural(self._input_shape[-1], "feature")
            fail(x_name, f"{features} on the last axis (the model's "
                  f"input shape is {shape_str(self._input_shape)})", f"shape {x.shape}")
        return x

    def _check_xy(self, x, y, x_name="x", y_name="y"):
        """Validate x and y together; build the model from x; return both as arrays."""
        x = self._check_x(x, x_name)
        if y is None:
            fail(y_name, f"targets for the {len(x)} samples of {x_name}", "None")
        y = check_array(y_name, y)
        if y.ndim == 0 or len(y) != len(x):
            fail(y_name, f"{len(x)} samples, one per sample of {x_name} (shape {x.shape})",
                  f"shape {y.shape}")
        out = self._walk(x.shape[1:], self.layers)
        name, _ = _loss_name(self._loss_fn)
        if name == "sparse_categorical_crossentropy":   # integer labels: no class axis
            want, also = out[:-1], out[:-1] + (1,)
        else:
            want, also = out, out
        if name is not None and y.shape[1:] not in (want, also):
            if y.shape[1:] == want[:-1] and want[-1:] == (1,):
                return x, y.reshape(y.shape + (1,))    # (B,) for an output (B, 1), as Keras
            hint = None
            if name == "categorical_crossentropy" and y.shape[1:] in (out[:-1], out[:-1] + (1,)):
                hint = "Integer labels? Use loss='sparse_categorical_crossentropy'"
            fail(y_name, f"shape {shape_str(want)} to match the model's output "
                  f"{shape_str(out)} and the loss {name}", f"shape {y.shape}", hint)
        return x, y

    def _require_compiled(self, what):
        if not self.compiled:
            fail("model", f"compile(optimizer, loss) before {what}",
                  "a model that was never compiled")

    def _train_step(self, x, y):
        """One step on one batch; returns (loss, [metrics]) or, on NaN/inf, the culprit."""
        out = x
        for layer in self.layers:
            out = layer.forward(out, training=True)
            if _bad(out):
                return f"the output of layer '{layer.name}' became {_bad(out)}"
        loss, dy = self._loss_fn(y, out)
        if _bad(loss):
            return f"the loss became {_bad(loss)}"
        for layer in reversed(self.layers):
            dy = layer.backward(dy)
            for k, g in layer.grads.items():
                if _bad(g):
                    return f"the gradient of '{layer.name}/{k}' became {_bad(g)}"
        params = self.params
        self._last_good = {k: p.copy() for k, p in params.items()}
        self.optimizer.update(params, self.grads)
        for k, p in params.items():
            if _bad(p):
                return f"the update made the weights '{k}' {_bad(p)}"
        return loss, [fn(y, out) for fn in self._metrics.values()]

    def _restore_last_good(self):
        good = getattr(self, "_last_good", None)
        if good:
            for k, p in self.params.items():
                p[...] = good[k]

    def fit(self, x=None, y=None, batch_size=32, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, initial_epoch=0):
        """Train for `epochs` passes over (x, y) in batches; returns a History.

        validation_split: the LAST fraction of x and y (taken before shuffling) is held out
        and evaluated after every epoch ("val_loss", ...); validation_data=(x_val, y_val)
        instead gives the held-out set itself.
        callbacks: functions fn(epoch, logs) or objects with on_epoch_end(epoch, logs), called
        after every epoch. A callback ends training by returning True, raising StopTraining,
        or setting model.stop_training = True.
        verbose: 0 silent, 1 or "auto" a progress bar, 2 one line per epoch.
        """
        self._require_compiled("fit()")
        batch_size = check_positive_int("batch_size", 32 if batch_size is None else batch_size)
        epochs = _check_count("epochs", epochs)
        initial_epoch = _check_count("initial_epoch", initial_epoch)
        verbose = _check_verbose(verbose)
        if not isinstance(shuffle, (bool, np.bool_)):
            raise TypeError(f"shuffle: expected True or False, got {shuffle!r}")
        if isinstance(validation_split, bool) or not isinstance(
                validation_split, (int, float, np.floating, np.integer)) or not (
                0 <= validation_split < 1):
            fail("validation_split", "a fraction in [0, 1), such as 0.2", repr(validation_split))
        callbacks = self._check_callbacks(callbacks)
        x, y = self._check_xy(x, y)
        val = None
        if validation_data is not None:
            if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
                fail("validation_data", "a tuple (x_val, y_val)",
                      f"{type(validation_data).__name__}"
                      + (f" of length {len(validation_data)}"
                         if isinstance(validation_data, (tuple, list)) else ""))
            val = self._check_xy(*validation_data, "validation_data[0]", "validation_data[1]")
        elif validation_split > 0:
            split = int(math.floor(len(x) * (1 - validation_split)))
            if split == 0 or split == len(x):
                fail("validation_split", f"a fraction that leaves samples on both sides of "
                      f"{len(x)} samples", repr(validation_split))
            x, y, val = x[:split], y[:split], (x[split:], y[split:])

        n = len(x)
        steps = math.ceil(n / batch_size)
        history = History(self)
        history.params = {"verbose": verbose, "epochs": epochs, "steps": steps}
        self.history = history
        self.stop_training = False
        self._last_good = None
        by_batch = epochs - initial_epoch == 1
        bar = None
        started = time.perf_counter()
        if verbose == 1 and epochs > initial_epoch:
            bar = tqdm(total=steps if by_batch else epochs - initial_epoch,
                       unit="batch" if by_batch else "epoch", file=sys.stdout,
                       desc=f"Epoch {epochs}/{epochs}" if by_batch else "Training")
        for cb in callbacks:
            self._call(cb, "on_train_begin", {})
        try:
            with np.errstate(all="ignore"):  # overflow is caught below, as NaN/inf, not warned
                for epoch in range(initial_epoch, epochs):
                    for cb in callbacks:
                        self._call(cb, "on_epoch_begin", epoch, {})
                    logs = self._fit_epoch(x, y, batch_size, shuffle, epoch, epochs, bar,
                                           by_batch, history)
                    if logs is None:
                        break
                    if val is not None:
                        val_logs = self._evaluate_arrays(*val, batch_size)
                        logs.update({f"val_{k}": v for k, v in val_logs.items()})
                    for k, v in logs.items():
                        history.history.setdefault(k, []).append(v)
                    history.epoch.append(epoch)
                    if bar is not None and not by_batch:
                        bar.set_postfix_str(_format_logs(logs), refresh=False)
                        bar.update(1)
                    if verbose == 2:
                        print(f"Epoch {epoch + 1}/{epochs} - {_format_logs(logs)}")
                    if self._end_of_epoch(callbacks, epoch, dict(logs), history):
                        break
        finally:
            if bar is not None:
                bar.close()
        if bar is not None and history.epoch:
            # The bar is a widget in Jupyter: a reader of the saved notebook (GitHub) sees only
            # its first frame, so the end of training is also said in plain text.
            last = {k: v[-1] for k, v in history.history.items()}
            print(f"Trained {len(history.epoch)} epoch(s) in {time.perf_counter() - started:.1f} s"
                  f" - {_format_logs(last)}")
        if history.stopped and history.stopped.startswith("Training stopped"):
            print(history.stopped)
        for cb in callbacks:
            self._call(cb, "on_train_end", {})
        return history

    def _fit_epoch(self, x, y, batch_size, shuffle, epoch, epochs, bar, by_batch, history):
        """One pass over the data; returns the epoch's logs, or None if the NaN guard fired."""
        n = len(x)
        order = utils.get_rng().permutation(n) if shuffle else None
        steps = math.ceil(n / batch_size)
        sums = np.zeros(1 + len(self._metrics))
        for step in range(steps):
            if order is None:
                xb, yb = x[step * batch_size:(step + 1) * batch_size], \
                    y[step * batch_size:(step + 1) * batch_size]
            else:
                idx = order[step * batch_size:(step + 1) * batch_size]
                xb, yb = x[idx], y[idx]
            result = self._train_step(xb, yb)
            if isinstance(result, str):
                self._restore_last_good()
                opt = type(self.optimizer).__name__
                lr = self.optimizer.learning_rate
                history.stopped = (
                    f"Training stopped at epoch {epoch + 1}/{epochs}, batch {step + 1}/{steps}:"
                    f" {result}. The weights are back to those of the last good step. Try a lower "
                    f"learning rate (now {lr:g}) or clip the gradients: "
                    f"{opt}(learning_rate=..., clipnorm=1.0) or global_clipnorm=1.0.")
                return None
            loss, values = result
            history.batch_loss.append(loss)
            history.grad_norm.append(self.optimizer.grad_norm)
            sums += len(xb) * np.array([loss, *values])
            if bar is not None and by_batch:
                bar.set_postfix_str(_format_logs(dict(zip(self.metrics_names, sums / min(
                    n, (step + 1) * batch_size), strict=True))), refresh=False)
                bar.update(1)
        return dict(zip(self.metrics_names, (sums / n).tolist(), strict=True))

    @staticmethod
    def _check_callbacks(callbacks):
        if callbacks is None:
            return []
        if callable(callbacks) or hasattr(callbacks, "on_epoch_end"):
            callbacks = [callbacks]
        if not isinstance(callbacks, (list, tuple)):
            raise TypeError(f"callbacks: expected a list of functions fn(epoch, logs), got "
                            f"{type(callbacks).__name__}")
        for i, cb in enumerate(callbacks):
            if not (callable(cb) or hasattr(cb, "on_epoch_end")):
                raise TypeError(f"callbacks[{i}]: expected a function fn(epoch, logs) or an "
                                f"object with on_epoch_end(epoch, logs), got {type(cb).__name__}")
        return list(callbacks)

    def _call(self, cb, method, *args):
        """Call cb.method(*args) if the callback object has it (Keras' hook names)."""
        if hasattr(cb, method):
            if getattr(cb, "model", None) is None:
                try:
                    cb.model = self
                except AttributeError:
                    pass
            return getattr(cb, method)(*args)
        return None

    def _end_of_epoch(self, callbacks, epoch, logs, history):
        """Run the epoch-end callbacks; True if one of them asks to stop."""
        for cb in callbacks:
            try:
                if hasattr(cb, "on_epoch_end"):
                    result = self._call(cb, "on_epoch_end", epoch, logs)
                else:
                    result = cb(epoch, logs)
            except StopTraining as stop:
                history.stopped = str(stop) or f"stopped by a callback after epoch {epoch + 1}"
                return True
            if result is True or self.stop_training:
                history.stopped = f"stopped by a callback after epoch {epoch + 1}"
                return True
        return False

    # --- evaluation and prediction --------------------------------------------------------
    def _evaluate_arrays(self, x, y, batch_size):
        sums = np.zeros(1 + len(self._metrics))
        for i in range(0, len(x), batch_size):
            xb, yb = x[i:i + batch_size], y[i:i + batch_size]
            out = self.forward(xb)
            loss, _ = self._loss_fn(yb, out)
            sums += len(xb) * np.array([loss, *(fn(yb, out) for fn in self._metrics.values())])
        return dict(zip(self.metrics_names, (sums / len(x)).tolist(), strict=True))

    def evaluate(self, x=None, y=None, batch_size=32, verbose="auto", return_dict=False):
        """The loss (and metrics) on (x, y): a float, or [loss, metric, ...] when metrics were
        compiled (Keras' return), or a dict with return_dict=True."""
        self._require_compiled("evaluate()")
        self._require_built("evaluate()")
        batch_size = check_positive_int("batch_size", 32 if batch_size is None else batch_size)
        verbose = _check_verbose(verbose)
        x, y = self._check_xy(x, y)
        logs = self._evaluate_arrays(x, y, batch_size)
        if verbose:
            print(f"{math.ceil(len(x) / batch_size)} batches - {_format_logs(logs)}")
        if return_dict:
            return logs
        values = list(logs.values())
        return values[0] if len(values) == 1 else values

    def predict(self, x, batch_size=32, verbose=0):
        """The model's output for x, computed in batches of `batch_size`."""
        self._require_built("predict()")
        batch_size = check_positive_int("batch_size", 32 if batch_size is None else batch_size)
        verbose = _check_verbose(verbose)
        x = self._check_x(x)
        starts = range(0, len(x), batch_size)
        if verbose == 1:
            starts = tqdm(starts, unit="batch", file=sys.stdout, desc="Predict")
        return np.concatenate([self.forward(x[i:i + batch_size]) for i in starts])

    def __repr__(self):
        return f"<Sequential name='{self.name}', layers={[layer.name for layer in self.layers]}>"
