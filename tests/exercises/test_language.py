"""Tests for rnn_helpers.exercises.language (notebook 06): the perplexity-per-word checker and the
choose-a-temperature checker pass right answers, name the usual mistakes and never raise."""

import numpy as np
import pytest

import rnn_helpers as rh
from rnn_helpers.exercises import language as ex
from tests.conftest import stub, verdict


def word_perplexity(char_loss, text):
    return np.exp(char_loss * len(text) / len(text.split()))


def test_perplexity_checker_passes_the_right_answer(capsys):
    ok, out = verdict(capsys, ex.check_perplexity, word_perplexity)
    assert ok is True and out.startswith("Correct")

    def by_powers(char_loss, text):          # the same thing, written as a power
        return np.exp(char_loss) ** (len(text) / len(text.split()))

    assert verdict(capsys, ex.check_perplexity, by_powers)[0] is True


@pytest.mark.parametrize("wrong, words", [
    (lambda loss, text: np.exp(loss), "perplexity per character"),
    (lambda loss, text: np.exp(loss) * len(text) / len(text.split()), "to the power"),
    (lambda loss, text: np.exp(loss * len(text.split()) / len(text)), "upside down"),
    (lambda loss, text: 2.0 ** (loss * len(text) / len(text.split())), "in bits"),
    (lambda loss, text: np.exp(loss * len(text.replace(" ", "")) / len(text.split())),
     "spaces included"),
    (lambda loss, text: np.exp(loss * len("".join(text.split())) / len(text.split())),
     "line breaks included"),
    (lambda loss, text: np.exp(loss * len(text) / len(text.split(" "))), "text.split()"),
    (lambda loss, text: np.exp(loss * len(text)), "whole text"),
])
def test_perplexity_checker_names_the_mistake(capsys, wrong, words):
    ok, out = verdict(capsys, ex.check_perplexity, wrong)
    assert ok is False and out.startswith("Not yet") and words in out, out


def test_stubs_print_not_yet_and_never_raise(capsys):
    assert verdict(capsys, ex.check_perplexity, stub)[0] is False
    for answer in (..., None, "0.5", True, -1.0, float("nan"), [0.5]):
        ok, out = verdict(capsys, ex.check_temperature, answer)
        assert ok is False and out.startswith("Not yet") and "Traceback" not in out


def test_temperature_checker_needs_the_model(capsys):
    ok, out = verdict(capsys, ex.check_temperature, 0.5)
    assert ok is False and "check_temperature(tau, model, vocab)" in out


def test_real_word_and_repeat_shares():
    assert ex.real_word_share("Anne walked xqzv") == pytest.approx(2 / 3)
    assert ex.real_word_share("  ,, ") == 0.0
    assert ex.repeat_share("abcdefghijklmnop") == 0.0
    loop = "the man and " * 20
    assert ex.repeat_share(loop) > 0.9
    assert ex.repeat_share("short") == 0.0


def _scores(real, repeats):
    return lambda *args, **kwargs: {"real words": real, "repeats": repeats}


@pytest.mark.parametrize("real, repeats, ok, words", [
    (0.85, 0.20, False, "loops"),
    (0.50, 0.00, False, "too few real words"),
    (0.78, 0.02, True, "no loops"),
])
def test_temperature_verdicts(capsys, monkeypatch, char_model, char_vocab, real, repeats, ok,
                              words):
    monkeypatch.setattr(ex, "sample_scores", _scores(real, repeats))
    got, out = verdict(capsys, lambda tau: ex.check_temperature(tau, char_model, char_vocab), 0.5)
    assert got is ok and words in out, out


def test_temperature_checker_writes_new_samples(capsys, monkeypatch, char_model, char_vocab):
    seen = {}

    def spy(model, vocab, temperature, seeds=(0, 1, 2), n_chars=400, prompt="Anne "):
        seen.update(temperature=temperature, seeds=seeds)
        return {"real words": 0.9, "repeats": 0.0}

    monkeypatch.setattr(ex, "sample_scores", spy)
    verdict(capsys, lambda tau: ex.check_temperature(tau, char_model, char_vocab), np.float32(0.5))
    assert seen["temperature"] == 0.5 and set(seen["seeds"]).isdisjoint({0, 1, 2})


def test_sample_scores_and_checker_on_a_real_model(capsys, char_model, char_vocab):
    """An untrained model, which writes few real words at any tau: one "Not yet" line each."""
    cold = ex.sample_scores(char_model, char_vocab, 0.0, n_chars=120)
    assert cold == ex.sample_scores(char_model, char_vocab, 0.0, seeds=(7,), n_chars=120)  # argmax
    hot = ex.sample_scores(char_model, char_vocab, 1.0, n_chars=120)
    assert set(hot) == {"real words", "repeats"}
    assert all(0 <= v <= 1 for v in (*cold.values(), *hot.values()))
    for tau in (0.0, 1.0, 3):
        ok, out = verdict(capsys, lambda t: ex.check_temperature(t, char_model, char_vocab), tau)
        assert ok is False and out.startswith("Not yet")
    assert rh.exercises.language.check_temperature is ex.check_temperature
