"""Carrying the state across windows: stateful training of a character model (notebook 06).

A text of L characters is cut into B streams, one per row of the batch; window j of every
stream follows window j - 1 of the same stream. With `carry=True` the last state h_T of
window j - 1 is the first state h_0 of window j, as Keras' `stateful=True` does; the
gradient still stops at the window's first step (truncated BPTT over T steps). With
`carry=False` every window starts from h_0 = 0, as notebook 06's `fit` does.

    stream (row b):  |window 1|window 2|window 3| ...     h carried along the arrows →

The loop below is the whole of it: each layer's own forward and backward, the recurrent layer
given `initial_state`, the optimizer's update.
"""

import numpy as np

from .._validate import check_positive_int, fail
from ..core import optim
from ..layers.recurrent import LSTM, Recurrent


def stream_windows(ids, batch_size, T):
    """Cut ids (L,) into `batch_size` consecutive streams and windows of T steps.

        stream b = ids[b * S : (b + 1) * S + 1]   (S = (L - 1) // batch_size)
        X[j, b] = stream b's characters j·T .. j·T + T - 1;  Y[j, b] = the next ones

    -> X, Y int arrays (n_windows, batch_size, T): X[j + 1, b] continues X[j, b].
    """
    ids = np.asarray(ids)
    if ids.ndim != 1:
        fail("ids", "a 1-D array of character ids (L,)", f"shape {ids.shape}")
    B, T = check_positive_int("batch_size", batch_size), check_positive_int("T", T)
    S = (len(ids) - 1) // B
    n = S // T
    if n < 1:
        fail("ids", f"at least batch_size · T + 1 = {B * T + 1} ids", f"{len(ids)} ids")
    streams = np.stack([ids[b * S:b * S + n * T + 1] for b in range(B)])   # (B, n·T + 1)
    X = streams[:, :-1].reshape(B, n, T).transpose(1, 0, 2)
    Y = streams[:, 1:].reshape(B, n, T).transpose(1, 0, 2)
    return X, Y


def _recurrent(model):
    layers = getattr(model, "layers", None) or []
    found = [i for i, layer in enumerate(layers) if isinstance(layer, Recurrent)]
    if not found:
        fail("model", "a Sequential model with a recurrent layer", type(model).__name__)
    layer = layers[found[0]]
    if isinstance(layer, LSTM) or not layer.return_sequences:
        fail("model", "a SimpleRNN or GRU layer with return_sequences=True (one state, h_t)",
              repr(layer))
    return found[0]


def _window(model, x, y, h0, training):
    """Forward one window; -> (loss, probabilities, last state h_T)."""
    r = _recurrent(model)
    out = x
    for i, layer in enumerate(model.layers):
        out = layer.forward(out, initial_state=h0, training=training) if i == r else \
            layer.forward(out, training=training)
        if i == r:
            h_last = out[:, -1].copy()          # h_T of this window: h_0 of the next one
    p = np.take_along_axis(out, y[..., None], axis=-1)[..., 0]
    return float(-np.mean(np.log(np.maximum(p, 1e-12)))), out, h_last


def fit_stateful(model, ids, T=50, batch_size=32, epochs=1, learning_rate=0.01, carry=True,
                 optimizer=None):
    """Train `model` (Embedding -> SimpleRNN/GRU(return_sequences=True) -> Dense(V, softmax))
    on consecutive windows of ids, carrying h across windows when `carry`.

    Each epoch walks the windows in order (they must stay in order for the state to mean
    anything) and resets the state to zeros at its start. Returns the mean loss per epoch.
    """
    epochs = check_positive_int("epochs", epochs)
    X, Y = stream_windows(ids, batch_size, T)
    if not model.built:
        model.build((T,))
    opt = optimizer or optim.Adam(learning_rate=learning_rate)
    losses = []
    for _ in range(epochs):
        h, total = None, 0.0
        for x, y in zip(X, Y, strict=True):
            loss, probs, h_last = _window(model, x, y, h, training=True)
            # softmax + cross-entropy: dL/dp = -1/p at the right character, / (B·T)
            dp = np.zeros_like(probs)
            np.put_along_axis(dp, y[..., None], -1.0 / np.maximum(
                np.take_along_axis(probs, y[..., None], axis=-1), 1e-12) / y.size, axis=-1)
            model.backward(dp)
            opt.update(model.params, model.grads)
            h = h_last if carry else None        # the carried state; its gradient stops here
            total += loss
        losses.append(total / len(X))
    return losses


def stateful_loss(model, ids, T=50, batch_size=32, carry=True):
    """Mean cross-entropy (nats per character) of `model` on consecutive windows of ids,
    with the state carried across windows (`carry`) or reset to zeros at each window.
    exp of it is the perplexity."""
    X, Y = stream_windows(ids, batch_size, T)
    h, total = None, 0.0
    for x, y in zip(X, Y, strict=True):
        loss, _, h_last = _window(model, x, y, h, training=False)
        total += loss
        h = h_last if carry else None
    return total / len(X)


__all__ = ["fit_stateful", "stateful_loss", "stream_windows"]
