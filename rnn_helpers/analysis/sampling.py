"""Writing with a character model: temperature, sampling, and step-by-step generation.

    p = apply_temperature(p, 0.5)                      # sharper (< 1) or flatter (> 1)
    text = generate(model, vocab, "Anne ", 200, temperature=0.8, seed=0)

Generation keeps the hidden state between characters: each new character costs one RNN step,

    h_t = tanh(x_t @ W + h_{t-1} @ U + b),   p_t = softmax(h_t @ W_y + b_y)

so n characters cost O(n) steps. Calling the model on the whole text so far for every new
character would recompute every earlier step each time: O(n**2).
"""

import numpy as np

from .._validate import check_array, check_positive_int, check_seed, fail
from ..core import activations
from ..layers.dense import Dense
from ..layers.embedding import Embedding
from ..layers.recurrent import Recurrent, SimpleRNN


def _check_temperature(temperature):
    ok = isinstance(temperature, (int, float, np.integer, np.floating)) and not isinstance(
        temperature, (bool, np.bool_)) and np.isfinite(temperature) and temperature >= 0
    if not ok:
        fail("temperature", "a number >= 0 (0 = always the most likely character)",
             repr(temperature))
    return float(temperature)


def apply_temperature(p, temperature):
    """Reshape a distribution with a temperature τ, over the last axis.

        q_v = p_v ** (1/τ) / sum_u p_u ** (1/τ)   =   softmax(log(p) / τ)

    τ = 1 leaves p as it is; τ < 1 sharpens it (τ -> 0: all mass on the most likely
    character); τ > 1 flattens it (τ -> inf: uniform). τ = 0 gives the one-hot argmax, and a τ
    so small that p ** (1/τ) underflows (1e-310) gives the argmax too, as the limit says.
    p (..., V) probabilities -> q (..., V).
    """
    temperature = _check_temperature(temperature)
    p = check_array("p", p, ndim=(1, 2), layout="(V,) or (B, V)", nonempty=True)
    if p.min() < 0 or not np.allclose(p.sum(axis=-1), 1.0, atol=1e-6):
        fail("p", "probabilities >= 0 summing to 1 over the last axis",
              f"sums from {p.sum(axis=-1).min():.4g} to {p.sum(axis=-1).max():.4g}")
    return _temper(p, temperature)


def _temper(p, temperature):
    """apply_temperature without the checks (the generation loop calls it every step)."""
    if temperature == 0:
        q = np.zeros_like(p)
        np.put_along_axis(q, np.argmax(p, axis=-1)[..., None], 1.0, axis=-1)
        return q
    with np.errstate(divide="ignore", over="ignore"):
        log_p = np.log(p)                     # -inf where p = 0: those stay at 0
        z = (log_p - log_p.max(axis=-1, keepdims=True)) / temperature   # max 0: tiny τ, no NaN
    return activations.softmax(z, axis=-1)


def sample_index(p, rng):
    """Draw one index per row of p (B, V) (or one from p (V,)) with probability p.

        index = the first v with cumsum(p)[v] > u,   u ~ U[0, 1)

    rng : a numpy Generator (np.random.default_rng(seed)), so draws can be repeated.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng: expected a numpy Generator (np.random.default_rng(seed)), "
                        f"got {type(rng).__name__}")
    p = check_array("p", p, ndim=(1, 2), layout="(V,) or (B, V)", nonempty=True)
    if p.min() < 0:
        fail("p", "probabilities >= 0", f"a minimum of {p.min():.4g}")
    if np.any(p.sum(axis=-1) <= 0):
        fail("p", "probabilities with a positive sum (in every row)",
             f"{int(np.sum(p.sum(axis=-1) <= 0))} row(s) of zeros only")
    return _draw(p, rng)


def _draw(p, rng):
    """sample_index without the checks."""
    p2 = p[None] if p.ndim == 1 else p
    cdf = np.cumsum(p2, axis=-1)
    u = rng.random((len(p2), 1)) * cdf[:, -1:]         # scaled: rounding never runs off the end
    idx = np.minimum((cdf <= u).sum(axis=-1), p2.shape[-1] - 1)
    return int(idx[0]) if p.ndim == 1 else idx


def _layers(model):
    """The model's layers as (input kind, recurrent layers, output Dense); checks the stack."""
    layers = getattr(model, "layers", None)
    if not isinstance(layers, list) or not layers:
        raise TypeError(f"model: expected a Sequential model of layers, got "
                        f"{type(model).__name__}")
    if not all(getattr(layer, "built", False) for layer in layers):
        fail("model", "a built model (train it, or call model.build(...))", "no weights yet")
    embedding = isinstance(layers[0], Embedding)
    middle, out = layers[int(embedding):-1], layers[-1]
    if not (isinstance(out, Dense) and out.activation == "softmax" and middle
            and all(isinstance(layer, Recurrent) and layer.return_sequences
                    for layer in middle)):
        names = [type(layer).__name__ for layer in layers]
        fail("model", "[Embedding,] recurrent layer(s) with return_sequences=True, then "
              "Dense(V, activation='softmax')", f"layers {names}")
    return embedding, middle, out


def start_state(model, batch=1):
    """Zero states for every recurrent layer of the model: a list of lists of (B, H) arrays."""
    _, recurrent, _ = _layers(model)
    batch = check_positive_int("batch", batch)
    return [[np.zeros((batch, layer.units)) for _ in layer._state_names] for layer in recurrent]


def step(model, ids_t, states):
    """One time step of a character model: the next-character probabilities and new states.

        x_t = E[id_t] (with an Embedding) or one_hot(id_t)
        h_t = tanh(x_t @ W + h_{t-1} @ U + b)          (each recurrent layer in turn)
        p_t = softmax(h_t @ W_y + b_y)

    ids_t (B,) ints, states from `start_state` or the last step -> (p_t (B, V), new states).
    """
    embedding, recurrent, _ = _layers(model)
    V = model.layers[0].input_dim if embedding else recurrent[0].input_shape[-1]
    ids_t = check_array("ids_t", ids_t, ndim=(0, 1), layout="(B,)").reshape(-1)
    whole = ids_t.size and np.all(ids_t == np.round(ids_t))
    if not (whole and 0 <= ids_t.min() <= ids_t.max() < V):
        fail("ids_t", f"integer ids in [0, {V}), one per sequence", f"{ids_t.tolist()}"[:80])
    want = [[(len(ids_t), layer.units)] * len(layer._state_names) for layer in recurrent]
    if not isinstance(states, (list, tuple)) or [[np.shape(a) for a in s] if isinstance(
            s, (list, tuple)) else None for s in states] != want:
        fail("states", f"start_state(model, {len(ids_t)}) or the states the last step returned",
             type(states).__name__)
    return _step(model, ids_t.astype(np.int64), states)


def _step(model, ids_t, states):
    """step without the checks (the generation loops call it once per character)."""
    embedding, recurrent, out = _layers(model)
    if embedding:
        x_t = model.layers[0].params["E"][ids_t]
    else:
        x_t = np.zeros((len(ids_t), recurrent[0].input_shape[-1]))
        x_t[np.arange(len(ids_t)), ids_t] = 1.0
    new_states = []
    for layer, state in zip(recurrent, states, strict=True):
        if isinstance(layer, SimpleRNN):     # the step of rnn.rnn_step_forward, unchecked
            W, U, b = layer.params["W"], layer.params["U"], layer._bias()
            h_t = activations.get(layer.activation).f(x_t @ W + state[0] @ U + b)
            new = [h_t]
        else:   # other cells (LSTM, GRU, ...): their sequence forward on one step, from the states
            _, new, _ = layer._run_forward(x_t[:, None, :], list(state))
        new_states.append(new)
        x_t = new[0]
    z = x_t @ out.params["W"] + (out.params["b"] if out.use_bias else 0.0)
    return activations.softmax(z, axis=-1), new_states


def _check_prompt(vocab, prompt, model=None, seed=0):
    if not all(hasattr(vocab, a) for a in ("encode", "decode", "chars", "__len__")):
        raise TypeError(f"vocab: expected a text.Vocabulary, got {type(vocab).__name__}")
    if (V := _layers(model)[2].units if model is not None else len(vocab)) != len(vocab):
        fail("vocab", f"the model's {V} characters (its output size)", f"{len(vocab)} of them")
    check_seed(seed)
    if not isinstance(prompt, str) or not prompt:
        fail("prompt", "a non-empty string to start from", repr(prompt))
    if unknown := sorted(set(prompt) - set(vocab.chars)):
        fail("prompt", "characters of the vocabulary only",
             f"{len(unknown)} unknown character(s) such as {unknown[0]!r}")
    return vocab.encode(prompt)


def next_char_probs(model, vocab, prompt, temperature=1.0):
    """The model's distribution of the character after `prompt`, at a temperature: (V,)."""
    temperature = _check_temperature(temperature)
    ids = _check_prompt(vocab, prompt, model)
    states = start_state(model)
    for i in ids:
        p, states = _step(model, np.array([i]), states)
    return apply_temperature(p[0], temperature)


def generate(model, vocab, prompt, n_chars, temperature=1.0, seed=0):
    """Continue `prompt` with `n_chars` characters drawn from the model, one step at a time.

        read the prompt:   states = step(model, id, states) for each prompt character
        then repeat:       p = apply_temperature(p, τ);  id ~ p;  p, states = step(id, states)

    The states carry the past, so each character costs one step (O(n_chars) in all).
    Returns the generated text (without the prompt). Same seed, same text.
    """
    n_chars = check_positive_int("n_chars", n_chars)
    temperature = _check_temperature(temperature)
    ids = _check_prompt(vocab, prompt, model, seed)
    rng = np.random.default_rng(seed)
    states = start_state(model)
    for i in ids:                                    # read the prompt: build up h
        p, states = _step(model, np.array([i]), states)
    out = []
    for _ in range(n_chars):
        i = _draw(_temper(p[0], temperature), rng)
        out.append(i)
        p, states = _step(model, np.array([i]), states)    # one step per new character
    return vocab.decode(out)


def generate_many(model, vocab, prompt, n_chars, temperatures, seed=0):
    """`generate` for several temperatures at once, as one batch (one row per temperature).

    Row i draws with its own np.random.default_rng(seed), so each text equals
    generate(model, vocab, prompt, n_chars, temperatures[i], seed); the RNN steps are shared
    by the batch, so this costs about as much as one call. Returns a list of strings.
    """
    n_chars = check_positive_int("n_chars", n_chars)
    if not isinstance(temperatures, (list, tuple, np.ndarray)) or np.ndim(temperatures[:0]) > 1:
        fail("temperatures", "a list of temperatures, such as [0.5, 1.0]",
             f"{type(temperatures).__name__} {temperatures!r}"[:80])
    taus = [_check_temperature(t) for t in temperatures]
    if not taus:
        fail("temperatures", "at least one temperature", "none")
    ids = _check_prompt(vocab, prompt, model, seed)
    B = len(taus)
    rngs = [np.random.default_rng(seed) for _ in taus]
    states = start_state(model, B)
    for i in ids:
        p, states = _step(model, np.full(B, i), states)
    out = np.empty((B, n_chars), dtype=np.int64)
    for k in range(n_chars):
        out[:, k] = [_draw(_temper(p[b], taus[b]), rngs[b]) for b in range(B)]
        p, states = _step(model, out[:, k], states)
    return [vocab.decode(row) for row in out]


def generate_quadratic(model, vocab, prompt, n_chars, temperature=1.0, seed=0):
    """The slow way, for comparison: run the whole sequence again for every new character.

    Each new character calls model.forward on all t characters so far: 1 + 2 + ... + n steps,
    O(n**2). It draws the same characters as `generate` (same seed), only slower.
    """
    n_chars = check_positive_int("n_chars", n_chars)
    temperature = _check_temperature(temperature)
    ids = list(_check_prompt(vocab, prompt, model, seed))
    rng = np.random.default_rng(seed)
    embedding, _, _ = _layers(model)
    V = len(vocab)
    for _ in range(n_chars):
        seq = np.array(ids)[None]
        x = seq if embedding else np.eye(V)[seq]
        p = model.forward(x)[0, -1]                 # every step recomputed
        ids.append(_draw(_temper(p, temperature), rng))
    return vocab.decode(ids[len(prompt):])


def temperature_demo(model, vocab, prompt, temperature, n_chars=120, seed=0):
    """What the temperature slider shows: a sample and the next-character distribution.

    Returns {"temperature", "text" (the continuation of `prompt`), "probs" (V,) (the next
    character's distribution at this temperature), "entropy" (of probs, in nats)}.
    Same seed for every temperature, so only τ changes between two answers.
    """
    temperature = _check_temperature(temperature)
    probs = next_char_probs(model, vocab, prompt, temperature)
    text = generate(model, vocab, prompt, n_chars, temperature=temperature, seed=seed)
    return demo_result(temperature, text, probs)


def demo_result(temperature, text, probs):
    """The dict `temperature_demo` returns, from its parts; adds the entropy of probs (nats)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        entropy = float(-np.sum(np.where(probs > 0, probs * np.log(probs), 0.0)))
    return {"temperature": temperature, "text": text, "probs": probs, "entropy": entropy}


class SampleCallback:
    """A `fit` callback that writes a sample after chosen epochs, to watch the model learn.

        cb = SampleCallback(vocab, "Anne ", at_epochs=(1, 3, 12))
        model.fit(X, Y, epochs=12, callbacks=[cb])
        cb.samples          # {"after 1 epoch": "...", "after 3 epochs": "...", ...}

    Every sample uses the same prompt, temperature and seed, so only the weights differ.
    """

    def __init__(self, vocab, prompt, at_epochs, n_chars=150, temperature=0.8, seed=0):
        self.vocab, self.prompt = vocab, prompt
        self.at_epochs = {check_positive_int("at_epochs", e) for e in at_epochs}
        self.n_chars = check_positive_int("n_chars", n_chars)
        self.temperature = _check_temperature(temperature)
        self.seed = seed
        self.samples = {}
        self.model = None   # set by fit

    def on_epoch_end(self, epoch, logs=None):
        done = epoch + 1                                 # fit counts epochs from 0
        if done in self.at_epochs:
            label = f"after {done} epoch{'s' if done > 1 else ''}"
            self.samples[label] = generate(self.model, self.vocab, self.prompt, self.n_chars,
                                           self.temperature, self.seed)
