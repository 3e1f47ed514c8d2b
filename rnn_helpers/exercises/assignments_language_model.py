"""A3's checkers for Parts 4-6 (the loss, batches that continue each other, the training loop
with a carried state), the character model they train and its perplexity (Part 7);
assignments_language.py, which the notebook imports, re-exports them.

    model = CharRNN(V, units=128, cell="GRU")     Embedding -> GRU (or SimpleRNN) -> Dense(V)
    logits, h_T = model.forward(X, h0)            X (B, T) ids, logits (B, T, V)
    model.backward(dlogits); model.params; model.grads
    logits_t, h = model.step(ids_t, h)            one character at a time, for sampling
    perplexity(model, ids)                        exp(mean -log p(next)), the state carried
"""

import numpy as np

from ..core.activations import softmax
from ..layers.dense import Dense
from ..layers.embedding import Embedding
from ..layers.recurrent import GRU, SimpleRNN
from .assignments_common import (
    STUB_HINT,
    AnswerError,
    as_grads,
    compare_grads,
    describe_error,
    quietly,
    run_cases,
)
from .checking import checker, say

CELLS = {"GRU": GRU, "SimpleRNN": SimpleRNN}


class CharRNN:
    """Embedding(V, embed) -> GRU or SimpleRNN(units), every step -> Dense(V): the logits of the
    next character. The recurrent layer returns its last state, so a caller can carry it."""

    def __init__(self, V, units=128, cell="GRU", embed=16, seed=0):
        if cell not in CELLS:
            raise ValueError(f"cell: expected one of {sorted(CELLS)}, got {cell!r}")
        self.V, self.cell = V, cell
        self.embedding = Embedding(V, embed, seed=seed)
        self.rnn = CELLS[cell](units, return_sequences=True, return_state=True, seed=seed + 1)
        self.dense = Dense(V, seed=seed + 2)

    def forward(self, X, h0=None):
        """X (B, T) ids, h0 (B, H) or None (zeros) -> logits (B, T, V), h_T (B, H)."""
        h, h_T = self.rnn.forward(self.embedding.forward(np.asarray(X)), initial_state=h0)
        return self.dense.forward(h), h_T

    def backward(self, dlogits):
        """dlogits = dL/dlogits (B, T, V) -> fills grads (the gradient stops at h0)."""
        dh = self.dense.backward(dlogits)
        self.embedding.backward(self.rnn.backward([dh, None]))

    def _named(self, what):
        layers = {"embedding": self.embedding, "rnn": self.rnn, "dense": self.dense}
        return {f"{n}/{k}": v for n, layer in layers.items()
                for k, v in getattr(layer, what).items()}

    @property
    def params(self):
        return self._named("params")

    @property
    def grads(self):
        return self._named("grads")

    def step(self, ids_t, h=None):
        """ids_t (B,) one id per sequence -> logits (B, V) of the next one, the new state."""
        logits, h = self.forward(np.asarray(ids_t).reshape(-1, 1), h)
        return logits[:, 0], h


def perplexity(model, ids, T=200):
    """exp(mean -log p(ids[t] | ids[:t])) over ids[1:], read in windows of T characters with the
    state carried from window to window (so each prediction sees the whole text before it)."""
    ids = np.asarray(ids)
    h, nll, count = None, 0.0, 0
    for s in range(0, len(ids) - 1, T):
        Y = ids[s + 1:s + T + 1]
        logits, h = model.forward(ids[s:s + len(Y)][None], h)
        z = logits[0] - logits[0].max(axis=-1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
        nll -= float(log_p[np.arange(len(Y)), Y].sum())
        count += len(Y)
    return float(np.exp(nll / count))


# --- Part 6: the training loop, watched by a spy ---------------------------------------------

class _Spy:
    """A model and an optimizer that record how a training loop uses them."""

    def __init__(self, V=5, H=3, big=100.0, seed=0):
        self.rng = np.random.default_rng(seed)
        self.V, self.H, self.big = V, H, big
        self.forwards, self.backwards, self.updates = [], [], []
        self.params = {"W": np.zeros((2, 2)), "b": np.zeros(2)}

    def forward(self, X, h0=None):
        B, T = np.shape(X)
        logits = self.rng.normal(size=(B, T, self.V))
        h_T = self.rng.normal(size=(B, self.H))
        self.forwards.append({"h0": h0, "logits": logits, "h_T": h_T})
        return logits, h_T

    def backward(self, dlogits):
        self.backwards.append(np.array(dlogits, dtype=float))

    @property
    def grads(self):
        return {"W": np.full((2, 2), self.big), "b": np.full(2, self.big)}

    def update(self, params, grads):
        self.updates.append(float(np.sqrt(sum(np.sum(np.asarray(g) ** 2)
                                              for g in grads.values()))))


def _reference_dlogits(logits, Y):
    p = softmax(logits, axis=-1)
    p[np.arange(Y.shape[0])[:, None], np.arange(Y.shape[1]), Y] -= 1
    return p / Y.size


@checker
def check_training_loop(fn, loss_fn=None, epochs=2, max_norm=1.0):
    """Part 6: fn(model, batches, epochs, optimizer, max_norm) -> losses, watched by a spy:
    the state starts at None each epoch and is carried batch to batch, backward gets the
    loss's dlogits (the reference's, or those of `loss_fn`, the learner's Part 4, so that a
    slip there is not counted twice), and the optimizer gets gradients clipped to max_norm,
    once per batch."""
    spy = _Spy()
    rng = np.random.default_rng(1)
    batches = [(rng.integers(0, 5, (2, 4)), rng.integers(0, 5, (2, 4))) for _ in range(3)]
    try:
        losses = fn(spy, batches, epochs, spy, max_norm)
    except NotImplementedError:
        return say(False, f"train_char_model still raises NotImplementedError: {STUB_HINT}")
    except Exception as error:  # noqa: BLE001 (the learner's code, in words)
        return say(False, f"train_char_model raised {describe_error(error)} on a small test "
                          "model (forward, backward, params, grads, as CharRNN has them).")
    n = epochs * len(batches)
    if len(spy.forwards) != n or len(spy.backwards) != n:
        return say(False, f"{epochs} epochs of {len(batches)} batches should make {n} forward "
                          f"and {n} backward calls; there were {len(spy.forwards)} and "
                          f"{len(spy.backwards)}.")
    for i, call in enumerate(spy.forwards):
        first = i % len(batches) == 0
        if first and call["h0"] is not None:
            return say(False, "each epoch should start from h0 = None (zeros): the last state of "
                              "a pass does not continue into the text's first window.")
        if not first and (call["h0"] is None or not np.array_equal(
                np.asarray(call["h0"]), spy.forwards[i - 1]["h_T"])):
            return say(False, "the state is not carried: pass the h_T that model.forward "
                              "returned for one batch as the h0 of the next batch (row b of a "
                              "batch continues row b of the one before).")
    for call, d, (_, Y) in zip(spy.forwards, spy.backwards,
                               batches * epochs, strict=True):
        wanted = [_reference_dlogits(call["logits"], Y)]
        if loss_fn is not None:
            try:
                wanted.append(np.asarray(loss_fn(call["logits"].copy(), Y)[1], dtype=float))
            except Exception:  # noqa: BLE001 (their Part 4 cannot run: the reference decides)
                pass
        if not any(d.shape == w.shape and np.allclose(d, w) for w in wanted):
            return say(False, "model.backward did not get dlogits, the gradient of the mean "
                              "cross-entropy of the batch (softmax_cross_entropy's second "
                              "result, for that batch's logits and Y).")
    if len(spy.updates) != n:
        return say(False, f"optimizer.update should run once per batch ({n} times), it ran "
                          f"{len(spy.updates)} times.")
    if max(spy.updates) > max_norm * (1 + 1e-6):
        return say(False, f"the optimizer got gradients of norm {max(spy.updates):.3g} with "
                          f"max_norm = {max_norm}: clip model.grads with "
                          "rh.optim.clip_by_global_norm before the update.")
    if not isinstance(losses, list) or len(losses) != n:
        return say(False, f"return the list of the {n} batch losses.")
    return say(True, "the loop starts each epoch from zeros, carries the state from batch to "
                     "batch, backpropagates dlogits and clips before every update.")


# --- Part 4: the loss ------------------------------------------------------------------------

def _softmax_ce(logits, Y, axis=-1, shift=True, mean=True, sign=1):
    z = logits - logits.max(axis=axis, keepdims=True) if shift else logits
    with np.errstate(all="ignore"):
        p = np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True)
    B, T = Y.shape
    picked = p[np.arange(B)[:, None], np.arange(T), Y]
    with np.errstate(all="ignore"):
        loss = -np.log(picked).mean() if mean else -np.log(picked).sum()
    d = p.copy()
    d[np.arange(B)[:, None], np.arange(T), Y] -= 1
    return {"loss": np.array(loss), "dlogits": sign * d / (Y.size if mean else 1)}


_CE_MISTAKES = [
    ("the softmax is over the wrong axis: the next character's probabilities are over the V "
     "characters, the LAST axis (axis=-1), not over the time steps.", {"axis": 1}),
    ("the softmax is over the wrong axis: the next character's probabilities are over the V "
     "characters, the LAST axis (axis=-1), not over the batch.", {"axis": 0}),
    ("the loss is a sum: the course's losses are means over the B * T predictions, and so is "
     "dlogits (divide by B * T).", {"mean": False}),
    ("dlogits has the wrong sign: it is softmax(logits) - one_hot(Y), divided by B * T.",
     {"sign": -1}),
    ("the loss overflows for large logits (nan or inf): subtract the largest logit of each "
     "row before np.exp; the softmax does not change.", {"shift": False}),
]


@checker
def check_softmax_cross_entropy(fn):
    """Part 4: fn(logits (B, T, V), Y (B, T)) -> (loss, dlogits), the mean cross-entropy."""
    rng = np.random.default_rng(28)
    cases = [(rng.normal(0, 2, (B, T, V)), rng.integers(0, V, (B, T)))
             for B, T, V in ((2, 3, 5), (1, 4, 3), (3, 2, 6))]
    cases.append((cases[0][0] + 750, cases[0][1]))   # large logits: exp overflows without a shift
    try:
        results = run_cases(fn, cases, "softmax_cross_entropy")
        if not all(isinstance(r, tuple) and len(r) == 2 for r in results):
            raise AnswerError("softmax_cross_entropy should return the pair (loss, dlogits).")
        got = [as_grads({"loss": r[0], "dlogits": r[1]}, ("loss", "dlogits"),
                        "softmax_cross_entropy") for r in results]
    except AnswerError as stop:
        return say(False, str(stop))
    want = [_softmax_ce(*c) for c in cases]
    mistakes = [(d, [_softmax_ce(*c, **kw) for c in cases]) for d, kw in _CE_MISTAKES]
    if all(np.isfinite(g["loss"]).all() for g in got[:3]) and not (
            np.isfinite(got[3]["loss"]).all() and np.isfinite(got[3]["dlogits"]).all()):
        return say(False, _CE_MISTAKES[-1][0])
    ok, message = compare_grads(got, want, ("loss", "dlogits"), mistakes,
                                "softmax_cross_entropy")
    return say(ok, message or "the loss and dlogits agree with the reference on 4 hidden cases, "
                              "large logits included.")


# --- Part 5: batches that continue each other ------------------------------------------------

def reference_batches(ids, B, T, rows_continue=True, shift=1):
    ids = np.asarray(ids)
    if not rows_continue:   # consecutive windows side by side in a batch
        n = (len(ids) - shift) // T
        X = np.stack([ids[i * T:i * T + T] for i in range(n)])
        Y = np.stack([ids[i * T + shift:i * T + T + shift] for i in range(n)])
        return [(X[k:k + B], Y[k:k + B]) for k in range(0, n - B + 1, B)]
    S = (len(ids) - 1) // B
    streams = np.stack([ids[b * S:b * S + S + 1] for b in range(B)])
    return [(streams[:, k * T:k * T + T], streams[:, k * T + shift:k * T + T + shift])
            for k in range((S + 1 - shift) // T)]


def _stacked(batches, name):
    if not isinstance(batches, (list, tuple)) or not batches:
        raise AnswerError(f"{name} should return a list of (X, Y) pairs.")
    try:
        return {"X": np.stack([np.asarray(x, dtype=float) for x, _ in batches]),
                "Y": np.stack([np.asarray(y, dtype=float) for _, y in batches])}
    except (TypeError, ValueError):
        raise AnswerError(f"{name} should return a list of (X, Y) pairs of arrays of one shape "
                          "(B, T).") from None


@checker
def check_stream_batches(fn):
    """Part 5: fn(ids, B, T) -> [(X, Y), ...], row b of each batch continuing row b of the one
    before, Y = X shifted by one character."""
    cases = [(np.arange(41) % 17, 2, 5), (np.arange(100) % 13, 4, 6), (np.arange(30), 3, 3)]
    try:
        got = [_stacked(r, "stream_batches") for r in run_cases(fn, cases, "stream_batches")]
    except AnswerError as stop:
        return say(False, str(stop))
    want = [_stacked(reference_batches(*c), "") for c in cases]
    wrong = [("row b of the next batch does not continue row b of this one: the windows of "
              "one batch follow each other in the text, so carrying the state would join "
              "unrelated text. Cut the text into B streams first, then walk all B at once.",
              [_stacked(reference_batches(*c, rows_continue=False), "") for c in cases]),
             ("Y is not X shifted by one character: Y[b, t] is the character after X[b, t].",
              [_stacked(reference_batches(*c, shift=0), "") for c in cases]),
             ("Y is shifted by two characters: Y[b, t] is the NEXT character, one step on.",
              [_stacked(reference_batches(*c, shift=2), "") for c in cases])]
    ok, message = compare_grads(got, want, ("X", "Y"), wrong, "stream_batches")
    return say(ok, message or "the batches agree with the reference on 3 hidden cases: B "
                              "streams, walked T characters at a time.")


def ready_to_train(softmax_cross_entropy, stream_batches, train_char_model, ids=None):
    """True when Parts 4-6 pass (and the text is encoded); else a line saying why the training
    waits."""
    if ids is None:
        return say(False, "the training waits for the encoded text (Part 1's encode).")
    if (quietly(check_softmax_cross_entropy, softmax_cross_entropy)
            and quietly(check_stream_batches, stream_batches)
            and quietly(check_training_loop, train_char_model, softmax_cross_entropy)):
        return True
    return say(False, "the training waits until softmax_cross_entropy, stream_batches and "
                      "train_char_model (Parts 4-6) pass their checks: with a wrong loss or "
                      "wrong batches it would only waste your time.")
