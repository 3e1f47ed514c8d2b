"""What `fit` returns and what it calls: History, StopTraining and the callbacks' hooks.

    history = model.fit(X, y, epochs=20, callbacks=[fn])    # fn(epoch, logs) after each epoch
    history.history["loss"]                                 # one value per epoch

Callbacks are Keras': functions fn(epoch, logs) or objects with on_epoch_end(epoch, logs)
(and, if they like, on_train_begin, on_epoch_begin, on_train_end); epochs count from 0. A
callback ends training by returning True, raising StopTraining, or setting
model.stop_training = True.
"""


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


def format_logs(logs):
    """{"loss": 0.69, "accuracy": 0.5} -> "loss: 0.6900 - accuracy: 0.5000"."""
    return " - ".join(f"{k}: {v:.4f}" for k, v in logs.items())


class CallbacksMixin:
    """The callbacks' hooks as `fit` calls them; TrainingMixin inherits them."""

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
