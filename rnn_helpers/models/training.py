"""Training a `Sequential`: the fit loop and the NaN guard (History, callbacks: callbacks.py).

    history = model.fit(X, y, epochs=20, batch_size=32, validation_split=0.2)

One training step is the whole lesson in four lines (see `_train_step`):

    y_pred = model.forward(x_batch)                    # every layer's forward, in order
    loss, dy_pred = loss_fn(y_batch, y_pred)           # the loss and ∂loss/∂y_pred
    model.backward(dy_pred)                            # every layer's backward, in reverse
    optimizer.update(model.params, model.grads)        # the weights move, in place

Keras' conventions kept: `validation_split` holds out the LAST fraction of the data, before
shuffling; an epoch's loss and metrics are the means over its samples; callbacks get
`(epoch, logs)` with epoch counted from 0. Shuffling draws from the package generator
(`rh.utils.set_random_seed`).

If a batch's output, loss or gradient turns NaN or inf, or an update makes a weight non-finite,
`fit` stops, puts back the weights of the last good step, prints one message and records it in
`history.stopped`; it raises nothing.
"""

import math
import sys
import time

import numpy as np
from tqdm.auto import tqdm

from .._validate import check_positive_int, fail, trusted
from ..core import losses, utils
from ..core._loss_kernels import fast_softmax_crossentropy
from ..layers.dense import Dense
from .callbacks import CallbacksMixin, History, format_logs


def check_verbose(verbose):
    """0, 1, 2 or "auto" (= 1) as an int; the message lists them."""
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


def _finite(a):
    """Whether every entry of `a` is finite: a finite sum says so in one pass (NaN and inf
    propagate); only if it is not (or overflows: fit ignores the warning) are entries read."""
    return math.isfinite(np.add.reduce(a, axis=None)) or bool(np.isfinite(a).all())


def _bad(a):
    """None if every entry of `a` is finite, else "NaN" or "inf" (for the NaN guard)."""
    if isinstance(a, float):
        return None if math.isfinite(a) else "NaN" if math.isnan(a) else "inf"
    a = np.asarray(a)
    return None if np.isfinite(a).all() else "NaN" if np.any(np.isnan(a)) else "inf"


def _fused_softmax_loss(model, y):
    """Whether `fit` computes the output's softmax and the loss together from the logits:
    None (no: the layers and the loss as compiled), else whether the labels are sparse.

    Yes for a Dense(softmax) output with categorical or sparse categorical cross-entropy (as
    compiled by name, from_logits=False) and labels that the loss would accept (otherwise the
    unfused loss runs, and its check names the problem).
    """
    last = model.layers[-1]
    name, keywords = losses.name_of(model._loss_fn)
    if keywords or not (isinstance(last, Dense) and last.activation == "softmax"):
        return None
    if name == "sparse_categorical_crossentropy":
        ok = y.size and np.all(y == np.round(y)) and 0 <= y.min() and y.max() < last.units
        return True if ok else None
    if name == "categorical_crossentropy":
        return False if y.size and 0 <= y.min() and y.max() <= 1 else None
    return None


class TrainingMixin(CallbacksMixin):
    """`fit` and what it needs; Sequential inherits it (the stack itself is in sequential.py)."""

    def _train_step(self, x, y):
        """One step on one batch; returns (loss, [metrics]) or, on NaN/inf, the culprit.

        With a Dense(softmax) output and a cross-entropy loss (`self._fused` is not None), the
        last layer stops at its logits z and the loss starts from them: the softmax and the
        cross-entropy in one, dz = (softmax(z) - y) / N, as Keras and PyTorch do.
        """
        fused, last = getattr(self, "_fused", None), self.layers[-1]
        out = x
        for layer in self.layers:
            if fused is not None and layer is last:
                out = layer.forward_logits(out)
            else:
                out = layer.forward(out, training=True)
            if not _finite(out):
                return f"the output of layer '{layer.name}' became {_bad(out)}"
        if fused is None:
            loss, dy = self._loss(y, out)
        else:   # out: the logits z -> the probabilities, for the metrics (if any)
            loss, dy, out = fast_softmax_crossentropy(y, out, sparse=fused, keep_probs=bool(
                self._metrics), work=self.__dict__.setdefault("_fused_work", {}))   # (kept: dz)
        if _bad(loss):
            return f"the loss became {_bad(loss)}"
        for layer in reversed(self.layers):
            if fused is not None and layer is last:
                dy = layer.backward_logits(dy)
            else:
                dy = layer.backward(dy)
            for k, g in layer.grads.items():
                if not _finite(g):
                    return f"the gradient of '{layer.name}/{k}' became {_bad(g)}"
        params = self.params
        self._last_good = getattr(self, "_last_good", None) or {
            k: np.empty_like(p) for k, p in params.items()}
        for k, p in params.items():   # the restore point, in buffers kept for the whole fit
            np.copyto(self._last_good[k], p)
        self.optimizer.update(params, self.grads)
        for k, p in params.items():
            if not _finite(p):
                return f"the update made the weights '{k}' {_bad(p)}"
        return loss, self._metric_values(y, out)

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

        All or nothing: x, y and the validation data are checked in full before the first
        step (shapes, finite values, labels and ids in range), and if anything still fails
        later (a callback, a custom loss) the weights, the optimizer's state, the built flag
        and the package's random generator are put back as they were before the call. An
        interrupt (Ctrl-C) is not a failure: it keeps the weights trained so far.

        Reproducible: the same seed (rh.utils.set_random_seed, or seed= on every layer) and the
        same calls give the same weights, losses and metrics, bit for bit, in this process, in
        another one, and with 1 or 2 BLAS threads (tests/models/test_reproducibility.py; only
        History.grad_norm was seen to differ, in its last bit, where OpenBLAS splits a large
        product over 2 threads). Another machine or BLAS may round a product differently, by
        about 1e-16 relative; started 1 ulp apart, the seed's 640 steps (SimpleRNN or LSTM,
        Adam or SGD at their usual rates) end about 1e-15 apart (weights, relative), losses
        2e-16 apart, but a chaotic run (Adam at learning_rate=0.1 on random labels) ends far
        apart (weights 60 %, loss 0.04, accuracy 0.6 %).
        """
        restore = self._snapshot()
        try:
            return self._fit(x, y, batch_size, epochs, verbose, callbacks, validation_split,
                             validation_data, shuffle, initial_epoch)
        except Exception:
            restore()
            raise

    def _fit(self, x, y, batch_size, epochs, verbose, callbacks, validation_split,
             validation_data, shuffle, initial_epoch):
        self._require_compiled("fit()")
        batch_size = check_positive_int("batch_size", 32 if batch_size is None else batch_size)
        epochs = _check_count("epochs", epochs)
        initial_epoch = _check_count("initial_epoch", initial_epoch)
        verbose = check_verbose(verbose)
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
        self._fused = _fused_softmax_loss(self, y)
        by_batch = epochs - initial_epoch == 1
        bar = None
        started = time.perf_counter()
        if verbose == 1 and epochs > initial_epoch:
            bar = tqdm(total=steps if by_batch else epochs - initial_epoch,
                       unit="batch" if by_batch else "epoch", file=sys.stdout,
                       desc=f"Epoch {epochs}/{epochs}" if by_batch else "Training")
            _one_line(bar)
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
                        bar.set_postfix_str(format_logs(logs), refresh=False)
                        bar.update(1)
                    if verbose == 2:
                        print(f"Epoch {epoch + 1}/{epochs} - {format_logs(logs)}")
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
                  f" - {format_logs(last)}")
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
            with trusted():   # checked before the first step; the NaN guard checks the rest
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
                bar.set_postfix_str(format_logs(dict(zip(self.metrics_names, sums / min(
                    n, (step + 1) * batch_size), strict=True))), refresh=False)
                bar.update(1)
        return dict(zip(self.metrics_names, (sums / n).tolist(), strict=True))


def _one_line(bar):
    """Keep tqdm's notebook bar on one line: the bar shrinks, the text does not wrap."""
    container = getattr(bar, "container", None)
    if container is not None and len(container.children) == 3:
        _, progress, text = container.children
        progress.layout.flex, progress.layout.min_width = "1 1 auto", "3em"
        text.layout.flex = "0 0 auto"
