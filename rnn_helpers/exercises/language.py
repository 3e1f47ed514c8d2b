"""Checks for the exercises of notebook 06 (language).

Exercise 1 turns a loss per character into a perplexity per word (check_perplexity); exercise 2
chooses a temperature and justifies it with a run (sample_scores, check_temperature: the
checker writes new samples at the chosen temperature and measures them). Each checker prints
"Correct: ..." or "Not yet: ..." in words, returns True or False and never raises.
"""

import functools
import numbers
import re

import numpy as np

from ..analysis.sampling import generate
from ..datasets.text import load_text, split_text
from .checking import check_function, checker, say

# --- exercise 1: perplexity per word ------------------------------------------------------


def _word_perplexity(char_loss, text):
    return np.exp(char_loss * len(text) / len(text.split()))


_TEXTS = ("Anne was nineteen.\nShe said nothing.", "Sir Walter Elliot, of Kellynch Hall",
          "a  b   c", "one\ntwo\n\nthree\n", "Mr. Shepherd -- a civil, cautious lawyer")


def check_perplexity(fn):
    """Notebook 06: fn(char_loss, text) -> the perplexity per word of a model whose mean loss
    per character of `text` is char_loss nats: exp(char_loss · len(text) / len(text.split()))."""
    cases = [(loss, t) for loss, t in zip((1.6, 2.0, 0.9, 1.2, 2.3), _TEXTS, strict=True)]

    def per_char(loss, text):
        return np.exp(loss)

    def times_length(loss, text):
        return np.exp(loss) * len(text) / len(text.split())

    def inverted(loss, text):
        return np.exp(loss * len(text.split()) / len(text))

    def in_bits(loss, text):
        return 2.0 ** (loss * len(text) / len(text.split()))

    def no_spaces(loss, text):
        return np.exp(loss * len(text.replace(" ", "")) / len(text.split()))

    def no_white(loss, text):
        return np.exp(loss * len("".join(text.split())) / len(text.split()))

    def split_space(loss, text):
        return np.exp(loss * len(text) / len(text.split(" ")))

    def whole_text(loss, text):
        return np.exp(loss * len(text))

    return check_function(fn, cases, _word_perplexity, name="word_perplexity",
                          arg_names=("char_loss", "text"), mistakes=[
        ("this is exp(char_loss), the perplexity per character. A word costs the surprise of "
         "all its characters: first the total loss of the text, char_loss · len(text), then "
         "share it among the words.", per_char),
        ("this multiplies the perplexity by the characters per word. Losses (log-probabilities) "
         "add along the text, so perplexities multiply: exp(char_loss · characters per word), "
         "the per-character perplexity to the power of the characters per word.", times_length),
        ("the ratio is upside down: a word has several characters, so the loss per word is "
         "larger than per character, char_loss · len(text) / number of words.", inverted),
        ("this is 2 ** ...: right for a loss in bits, but char_loss is in nats (natural log), "
         "so use np.exp.", in_bits),
        ("this counts only the characters that are not spaces; the model predicted every "
         "character of the text, spaces included, and paid for each: use len(text).",
         no_spaces),
        ("this counts only the characters that are not white space; the model predicted every "
         "character, spaces and line breaks included, and paid for each: use len(text).",
         no_white),
        ("text.split(' ') counts the empty pieces between two spaces and misses the words "
         "separated by a line break: text.split() (no argument) gives the words.", split_space),
        ("this is exp of the loss of the whole text, one number for all the characters "
         "together: divide the total by the number of words.", whole_text),
    ])


# --- exercise 2: choose a temperature and justify it with a run ---------------------------

REAL_WORDS_AT_LEAST = 0.70   # share of the sample's words that are words of the training text
REPEATS_AT_MOST = 0.05       # share of its 10-character pieces that already occurred in it
_PIECE = 10
_CHECK_SEEDS = (101, 102, 103)  # hidden: new samples, not the ones the learner tuned on


@functools.lru_cache(maxsize=1)
def _training_words():
    training, _ = split_text(load_text(), valid_fraction=0.1)
    return frozenset(re.findall(r"[A-Za-z]+", training))


def real_word_share(sample):
    """The share of the words of `sample` (runs of letters) that occur in the training part
    of the shipped text; 0 for a sample without words."""
    words = re.findall(r"[A-Za-z]+", sample)
    known = _training_words()
    return float(np.mean([w in known for w in words])) if words else 0.0


def repeat_share(sample, n=_PIECE):
    """The share of the n-character pieces of `sample` that already occurred earlier in it:
    0 for text that never repeats itself, near 1 for a loop."""
    pieces = [sample[i:i + n] for i in range(len(sample) - n + 1)]
    return 1.0 - len(set(pieces)) / len(pieces) if pieces else 0.0


def sample_scores(model, vocab, temperature, seeds=(0, 1, 2), n_chars=400, prompt="Anne "):
    """Write one sample of n_chars after `prompt` per seed at `temperature`; -> {"real words":
    mean real_word_share, "repeats": mean repeat_share} over the samples."""
    samples = [generate(model, vocab, prompt, n_chars, temperature=temperature, seed=s)
               for s in seeds]
    return {"real words": float(np.mean([real_word_share(s) for s in samples])),
            "repeats": float(np.mean([repeat_share(s) for s in samples]))}


@checker
def check_temperature(tau, model=None, vocab=None):
    """Notebook 06: tau, a temperature at which `model` writes mostly real words (at least
    REAL_WORDS_AT_LEAST of them) without looping (at most REPEATS_AT_MOST of its
    10-character pieces repeated). The checker writes new samples (seeds the learner did not
    tune on) at tau and measures them."""
    if tau is Ellipsis or tau is None:
        return say(False, "tau is still `...`: run sample_scores for a few temperatures, then "
                          "set tau to the one you choose.")
    if isinstance(tau, (bool, np.bool_)) or not isinstance(tau, numbers.Real):
        return say(False, f"tau should be a number (a temperature such as 0.8), got "
                          f"{type(tau).__name__}.")
    if not np.isfinite(tau) or tau < 0:
        return say(False, f"a temperature is a number >= 0, got {tau!r}.")
    if model is None or vocab is None:
        return say(False, "the checker needs the model and its vocabulary to write samples: "
                          "check_temperature(tau, model, vocab).")
    scores = sample_scores(model, vocab, float(tau), seeds=_CHECK_SEEDS, n_chars=600)
    real, repeats = scores["real words"], scores["repeats"]
    told = (f"at τ = {float(tau):g}, new samples have {real:.0%} real words and "
            f"{repeats:.0%} repeated 10-character pieces")
    if repeats > REPEATS_AT_MOST:
        return say(False, f"{told}: the text loops (more than {REPEATS_AT_MOST:.0%} repeated). "
                          "τ is too low: the most likely words win again and again. Try a "
                          "higher τ.")
    if real < REAL_WORDS_AT_LEAST:
        return say(False, f"{told}: too few real words (fewer than {REAL_WORDS_AT_LEAST:.0%}). "
                          "τ is too high: unlikely, misspelling characters get drawn too "
                          "often. Try a lower τ.")
    return say(True, f"{told}: mostly real words, no loops. One sample is an anecdote; these "
                     "were new ones, so your choice holds beyond the samples you tuned on.")
