"""What makes a failed call on a `Sequential` change nothing; Sequential inherits it.

    _check_x, _check_xy   x and y checked in full against the model's input shape, its output
                          and its loss (shapes, finite values, labels and ids in range), so
                          that fit refuses a bad label in its last batch before its first step
    _loss, _metric_values the loss and metrics on a batch; a custom one's result (or error) is
                          checked, with a message saying what it must be
    _snapshot, _atomic    the model as it is now (layers, weights, built flags, optimizer state,
                          the package's random generator), put back if a call fails halfway
"""

import copy

import numpy as np

from .._validate import check_array, fail, missing_axis_hint
from ..core import losses
from ..layers.base import plural, shape_str, snapshot


class ChecksMixin:
    """The checks before anything changes, and the snapshot for what can only fail later."""

    def _snapshot(self, *extra):
        """restore(), putting this model back as it is now: its layers (and the `extra` ones:
        weights, built flags), its own attributes, its optimizer's state and the package's
        random generator."""
        restore_layers = snapshot([*self.layers, *extra])
        attrs, layers = dict(vars(self)), list(self.layers)
        opt = self.optimizer
        opt_state = copy.deepcopy(vars(opt)) if opt is not None else None

        def restore():
            restore_layers()
            vars(self).clear()
            vars(self).update(attrs)
            self.layers[:] = layers
            if opt is not None:
                vars(opt).clear()
                vars(opt).update(opt_state)

        return restore

    def _atomic(self, fn, *extra):
        """fn(), or, if it raises, the model (and the `extra` layers) as before the call."""
        restore = self._snapshot(*extra)
        try:
            return fn()
        except Exception:
            restore()
            raise

    def _check_x(self, x, x_name="x"):
        """Validate model input against the input shape (build the model from it if needed),
        and its values as the first layer reads them (an Embedding: ids in range)."""
        if not self.layers:
            fail("model", "at least one layer", "an empty model")
        first = self.layers[0]
        if self.built:
            layout = "(B, " + ", ".join("T" if s is None else str(s)
                                        for s in self._input_shape) + ")"
            x = check_array(x_name, x, ndim=len(self._input_shape) + 1, layout=layout,
                            like=self._input_shape)
        else:
            x = check_array(x_name, x)
            if not self._reads(x.shape[1:]):   # say so before the first layer blames another
                rank = next((n for n in (1, 2, 3, 4) if self._reads((1000,) * n)), 0) + 1
                like = (*x.shape[1:], 1) if self._reads((*x.shape[1:], 1)) else x.shape \
                    if self._reads(x.shape) else ()   # the missing axis: features, or batch
                fail(x_name, f"a {rank}-D array (batch axis first) for the first layer "
                     f"'{first.name}' ({type(first).__name__})", f"shape {x.shape}",
                     missing_axis_hint(x_name, x.shape, like))
        if x.ndim < 2 or len(x) == 0:
            fail(x_name, "an array with at least one sample on its first (batch) axis",
                  f"shape {x.shape}")
        if not self.built:
            self.build(x.shape[1:])
        if x.shape[-1] != self._input_shape[-1]:
            features = plural(self._input_shape[-1], "feature")
            fail(x_name, f"{features} on the last axis (the model's "
                  f"input shape is {shape_str(self._input_shape)})", f"shape {x.shape}")
        first.check_inputs(x_name, x)
        return x

    def _reads(self, shape):
        """True if the first layer accepts inputs of `shape` (without the batch axis)."""
        try:
            self.layers[0]._check_input_shape(shape)
        except ValueError:
            return False
        return bool(shape)

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
        name, _ = losses.name_of(self._loss_fn)
        if name == "sparse_categorical_crossentropy":   # integer labels: no class axis
            want, also = out[:-1], out[:-1] + (1,)
        else:
            want, also = out, out
        if name is not None and y.shape[1:] not in (want, also):
            if y.shape[1:] == want[:-1] and want[-1:] == (1,):
                y = y.reshape(y.shape + (1,))    # (B,) for an output (B, 1), as Keras
                return x, losses.check_targets(y_name, y, name, out[-1])
            hint = None
            if name == "categorical_crossentropy" and y.shape[1:] in (out[:-1], out[:-1] + (1,)):
                hint = "Integer labels? Use loss='sparse_categorical_crossentropy'"
            fail(y_name, f"shape {shape_str(want)} to match the model's output "
                  f"{shape_str(out)} and the loss {name}", f"shape {y.shape}", hint)
        return x, losses.check_targets(y_name, y, name, out[-1])

    def _loss(self, y, y_pred):
        """The compiled loss on one batch -> (loss, dy_pred), a custom loss's result checked."""
        result = _call_user("loss", self._loss_fn, y, y_pred)
        if not (isinstance(result, tuple) and len(result) == 2 and _is_number(result[0])
                and isinstance(result[1], np.ndarray) and result[1].shape == y_pred.shape):
            got = (f"a tuple of {len(result)}" if isinstance(result, tuple)
                   else type(result).__name__)
            raise TypeError(
                f"loss: expected a function f(y_true, y_pred) -> (loss, dy_pred), the mean loss "
                f"(a number) and its gradient ∂loss/∂y_pred (an array of y_pred's shape "
                f"{y_pred.shape}); {_name(self._loss_fn)} returned {got}. A Keras loss returns "
                "the number only: write its gradient too, or compile with a built-in loss such "
                "as 'mse'")
        return result

    def _metric_values(self, y, y_pred):
        """Each compiled metric on one batch, as floats; a custom metric's result checked."""
        values = []
        for fn in self._metrics.values():
            value = _call_user("metrics", fn, y, y_pred)
            if not _is_number(value):
                raise TypeError(f"metrics: expected functions f(y_true, y_pred) -> a number (the "
                                f"mean over the batch); {_name(fn)} returned "
                                f"{type(value).__name__}")
            values.append(float(value))
        return values


def _name(fn):
    return getattr(fn, "__name__", type(fn).__name__)


def _is_number(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)) or (isinstance(value, np.ndarray) and value.shape == ()
                                     and value.dtype.kind in "iuf")


def _call_user(argument, fn, y, y_pred):
    """fn(y, y_pred); an error in a function the learner gave (or in a metric that does not fit
    the data, such as 'mae' on sparse labels) is said to come from it, with the shapes."""
    try:
        return fn(y, y_pred)
    except Exception as error:
        if argument == "loss" and losses.name_of(fn)[0] is not None:
            raise   # a built-in loss names y_true or y_pred itself
        kind = type(error) if isinstance(error, (ValueError, TypeError)) else ValueError
        raise kind(f"{argument}: {_name(fn)}(y_true, y_pred) raised {type(error).__name__} on a "
                   f"batch with y_true {np.shape(y)} and y_pred {np.shape(y_pred)}: {error}"
                   ) from error
