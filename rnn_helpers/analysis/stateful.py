"""Carrying the state across windows: stateful training of a character model (notebook 06).

A text of L characters is cut into B streams, one per row of the batch; window j of every
stream follows window j - 1 of the same stream. With `carry=True` the last state of window
j - 1 is the first state of window j, as Keras' `stateful=True` does: h_T for a SimpleRNN or a
GRU, the pair (h_T, c_T) for an LSTM. The gradient still stops at the window's first step
(truncated BPTT over T steps). With `carry=False` every window starts from zeros, as notebook
06's `fit` does.

    stream (row b):  |window 1|window 2|window 3| ...     state carried along the arrows →

The loop below is the whole of it: each layer's own forward and backward, the recurrent layer
given `initial_state`, the optimizer's update.
"""

import time

import numpy as np

from .._validate import check_flag, check_positive_int, fail
from ..core import optim
from ..layers.recurrent import Recurrent


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
    if not layers[found[0]].return_sequences:
        fail("model", "a recurrent layer with return_sequences=True (a loss at every step)",
              repr(layers[found[0]]))
    return found[0]


def _forward_from(layer, x, states, training):
    """layer.forward from `states` (None: zeros) -> (h (B, T, H), final states [h_T] or
    [h_T, c_T]): Keras' return_state, switched on for this call only."""
    kept, layer.return_state = layer.return_state, True
    try:
        out, *final = layer.forward(x, initial_state=states, training=training)
    finally:
        layer.return_state = kept
    return out, [s.copy() for s in final]


def _window(model, x, y, states, training):
    """Forward one window from `states`; -> (loss at every step (B, T), probabilities,
    final states)."""
    r = _recurrent(model)
    out = x
    for i, layer in enumerate(model.layers):
        if i == r:
            out, final = _forward_from(layer, out, states, training)
        else:
            out = layer.forward(out, training=training)
    p = np.take_along_axis(out, y[..., None], axis=-1)[..., 0]
    return -np.log(np.maximum(p, 1e-12)), out, final


def fit_stateful(model, ids, T=50, batch_size=32, epochs=1, learning_rate=0.01, carry=True,
                 optimizer=None):
    """Train `model` (Embedding -> SimpleRNN/LSTM/GRU(return_sequences=True) -> Dense(V,
    softmax)) on consecutive windows of ids, carrying the state across windows when `carry`.

    Each epoch walks the windows in order (they must stay in order for the state to mean
    anything) and resets the state to zeros at its start. Returns the mean loss per epoch.
    """
    epochs = check_positive_int("epochs", epochs)
    carry = check_flag("carry", carry)
    X, Y = stream_windows(ids, batch_size, T)
    _recurrent(model)
    if not model.built:
        model.build((T,))
    opt = optimizer or optim.Adam(learning_rate=learning_rate)
    losses = []
    for _ in range(epochs):
        states, total = None, 0.0
        for x, y in zip(X, Y, strict=True):
            losses_t, probs, final = _window(model, x, y, states, training=True)
            # softmax + cross-entropy: dL/dp = -1/p at the right character, / (B·T)
            dp = np.zeros_like(probs)
            np.put_along_axis(dp, y[..., None], -1.0 / np.maximum(
                np.take_along_axis(probs, y[..., None], axis=-1), 1e-12) / y.size, axis=-1)
            model.backward(dp)
            opt.update(model.params, model.grads)
            states = final if carry else None   # the carried state; its gradient stops here
            total += float(losses_t.mean())
        losses.append(total / len(X))
    return losses


def loss_by_position(model, ids, T=50, batch_size=32, carry=True):
    """The mean cross-entropy (nats) at each position t = 0 .. T - 1 of the windows of ids,
    read in order with the state carried across windows (`carry`) or reset to zeros at each
    window -> (T,). From zeros, position t has read t + 1 characters (k_0 .. k_t)."""
    carry = check_flag("carry", carry)
    X, Y = stream_windows(ids, batch_size, T)
    if not carry:        # independent windows: read them all at once, a few hundred per call
        X, Y = X.reshape(-1, 1, X.shape[-1]), Y.reshape(-1, 1, Y.shape[-1])
        total = sum(_window(model, X[i:i + 256, 0], Y[i:i + 256, 0], None, False)[0].sum(axis=0)
                    for i in range(0, len(X), 256))
        return total / len(X)
    states, total = None, np.zeros(X.shape[-1])
    for x, y in zip(X, Y, strict=True):
        losses_t, _, states = _window(model, x, y, states, training=False)
        total += losses_t.mean(axis=0)
    return total / len(X)


def stateful_loss(model, ids, T=50, batch_size=32, carry=True):
    """Mean cross-entropy (nats per character) of `model` on consecutive windows of ids,
    with the state carried across windows (`carry`) or reset to zeros at each window.
    exp of it is the perplexity."""
    return float(loss_by_position(model, ids, T, batch_size, carry).mean())


READINGS = ("carried", "from zeros")


def held_out_perplexity(model, ids, T=50):
    """The perplexity of `model` on the text ids read once, in order, in windows of T:
    {"carried": the state carried from window to window (every character sees the whole text
    before it), "from zeros": every window starts from zeros (at most T - 1 characters of
    context, as `evaluate` on make_windows' windows)}."""
    return {"carried": float(np.exp(stateful_loss(model, ids, T, batch_size=1, carry=True))),
            "from zeros": float(np.exp(stateful_loss(model, ids, T, batch_size=1, carry=False)))}


def train_and_read(model, train_ids, valid_ids, T=50, epochs=15, carry=True, batch_size=32,
                   learning_rate=0.02, clipnorm=5.0):
    """One run of notebook 06's comparisons: `fit_stateful` with Adam(learning_rate,
    clipnorm), then `held_out_perplexity` on valid_ids.
    -> {"carried": .., "from zeros": .., "seconds": training time, "parameters": count}."""
    start = time.perf_counter()
    fit_stateful(model, train_ids, T=T, batch_size=batch_size, epochs=epochs, carry=carry,
                 optimizer=optim.Adam(learning_rate=learning_rate, clipnorm=clipnorm))
    seconds = time.perf_counter() - start
    return {**held_out_perplexity(model, valid_ids, T), "seconds": seconds,
            "parameters": model.count_params()}


def summary(runs):
    """{training: {reading: {"mean", "min", "max"}}} over the runs (seeds) of each training;
    runs = {training: [train_and_read(...) for each seed]}."""
    if (not isinstance(runs, dict) or not runs or not all(
            isinstance(v, list) and v and all(isinstance(r, dict) and set(READINGS) <= set(r)
                                              for r in v) for v in runs.values())):
        fail("runs", "{training: [train_and_read(...) for each seed]}", repr(runs)[:80])
    return {name: {k: {"mean": float(np.mean([r[k] for r in rs])),
                       "min": float(np.min([r[k] for r in rs])),
                       "max": float(np.max([r[k] for r in rs]))} for k in READINGS}
            for name, rs in runs.items()}


def table(runs, baselines=None):
    """A Markdown table: one row per training (mean and min … max over its seeds) and one per
    baseline {name: {"carried": .., "from zeros": ..}}, one column per reading."""
    rows = summary(runs)
    n = {len(rs) for rs in runs.values()}
    head = ("| model, training | read in order, state carried | read from zeros at every "
            "window |\n|---|---|---|\n")
    body = "".join(f"| {name} ({'/'.join(map(str, sorted(n)))} seeds) | " + " | ".join(
        f"{r[k]['mean']:.2f} ({r[k]['min']:.2f} … {r[k]['max']:.2f})" for k in READINGS)
        + " |\n" for name, r in rows.items())
    for name, values in (baselines or {}).items():
        body += f"| {name} | " + " | ".join(f"{values[k]:.2f}" for k in READINGS) + " |\n"
    return head + body


__all__ = ["READINGS", "fit_stateful", "held_out_perplexity", "loss_by_position",
           "stateful_loss", "stream_windows", "summary", "table", "train_and_read"]
