"""A3's checkers for Part 8, sampling with a temperature: temperature_probs and generate;
assignments_language.py, which the notebook imports, re-exports them.
"""

import numpy as np

from ..core.activations import softmax
from .assignments_common import AnswerError, run_cases
from .checking import check_function, checker, say

# --- Part 8a: temperature --------------------------------------------------------------------

def check_temperature_probs(fn):
    """Part 8: fn(logits (V,) or (B, V), temperature) -> softmax(logits / temperature)."""
    rng = np.random.default_rng(29)
    cases = [(rng.normal(0, 2, 6), 1.0), (rng.normal(0, 2, 5), 0.5),
             (rng.normal(0, 2, (3, 4)), 2.0), (rng.normal(0, 30, 7), 0.3)]
    return check_function(fn, cases, lambda z, tau: softmax(z / tau, axis=-1),
                          name="temperature_probs", arg_names=("logits", "temperature"),
                          mistakes=[
        ("the logits are multiplied by the temperature: divide them, softmax(logits / τ), so "
         "that τ < 1 sharpens the distribution.", lambda z, tau: softmax(z * tau, axis=-1)),
        ("the softmax is over the wrong axis: for a batch of logits (B, V), each row is one "
         "distribution over the V characters (axis=-1).",
         lambda z, tau: softmax(z / tau, axis=0)),
        ("the temperature is not applied: softmax(logits / temperature).",
         lambda z, tau: softmax(z, axis=-1)),
    ])


# --- Part 8: sampling ------------------------------------------------------------------------

class _TinyModel:
    """A deterministic stand-in for CharRNN.step: the logits depend on the id and the state."""

    def __init__(self, V=6, H=4, seed=3):
        rng = np.random.default_rng(seed)
        self.E, self.A = rng.normal(size=(V, H)), rng.normal(0, 0.8, (H, H))
        self.Wy = rng.normal(0, 2.0, (H, V))

    def step(self, ids_t, h=None):
        ids_t = np.asarray(ids_t).reshape(-1)
        h = np.zeros((len(ids_t), self.A.shape[0])) if h is None else h
        h = np.tanh(self.E[ids_t] + h @ self.A)
        return h @ self.Wy, h


def reference_generate(model, chars, prompt, n_chars, temperature=1.0, seed=0,
                       probs=None, carry=True, feed_prompt=True, with_prompt=False):
    """The right generate (or, with the keywords, a usual mistake)."""
    probs = probs or (lambda z, tau: softmax(z / tau, axis=-1))
    rng = np.random.default_rng(seed)
    index = {c: i for i, c in enumerate(chars)}
    h, logits = None, None
    for c in (prompt if feed_prompt else prompt[-1:]):
        logits, h = model.step([index[c]], h)
    out = []
    for _ in range(n_chars):
        i = int(rng.choice(len(chars), p=probs(logits[0], temperature)))
        out.append(chars[i])
        logits, h = model.step([i], h if carry else None)
    return (prompt if with_prompt else "") + "".join(out)


_GENERATE_MISTAKES = [
    ("the state is not carried: each new character starts from h = None. Pass the h that "
     "model.step returned to the next call.", {"carry": False}),
    ("only the last character of the prompt is read: feed the whole prompt, one character at "
     "a time, carrying the state, before you sample.", {"feed_prompt": False}),
    ("the prompt is included in what generate returns: return only the n_chars new "
     "characters.", {"with_prompt": True}),
]


@checker
def check_generate(fn, probs_fn=None):
    """Part 8: fn(model, chars, prompt, n_chars, temperature, seed) -> the n_chars new
    characters, drawn with rng = np.random.default_rng(seed), rng.choice(V, p=p)."""
    model, chars = _TinyModel(), list("abcdef")
    cases = [(model, chars, "abc", 12, 1.0, 0), (model, chars, "fade", 20, 0.5, 1),
             (model, chars, "e", 15, 2.0, 2)]
    try:
        got = run_cases(fn, cases, "generate")
    except AnswerError as stop:
        return say(False, str(stop))
    if not all(isinstance(g, str) for g in got):
        return say(False, "generate should return a string (\"\".join of the characters).")
    want = [reference_generate(*c) for c in cases]
    if got == want:
        return say(True, "generate draws the same characters as the reference on 3 hidden "
                         "cases (same seed, same model).")
    for description, kw in _GENERATE_MISTAKES:
        if got == [reference_generate(*c, **kw) for c in cases]:
            return say(False, description)
    if probs_fn is not None:
        try:
            theirs = [reference_generate(*c, probs=probs_fn) for c in cases]
        except Exception:  # noqa: BLE001 (their temperature_probs cannot run: fall through)
            theirs = None
        if got == theirs:
            return say(True, "the sampling loop is right: it agrees with the reference loop "
                             "run with your temperature_probs (Part 8a; fix it there).")
    if [len(g) for g in got] != [len(w) for w in want]:
        return say(False, f"generate returned {len(got[0])} characters for n_chars = "
                          f"{cases[0][3]}: return exactly n_chars new ones.")
    return say(False, "the characters differ from the reference: draw each one with "
                      "rng.choice(len(chars), p=temperature_probs(logits[0], temperature)), "
                      "one rng = np.random.default_rng(seed) for the whole text.")
