"""Tests for rnn_helpers.exercises.review: the right answer passes, usual mistakes are named."""

import pytest

from rnn_helpers.analysis import evidence
from rnn_helpers.exercises import review as ex
from tests.conftest import stub, verdict


@pytest.mark.parametrize("answer, ok, words", [
    (lambda D, H: 4 * (D * H + H * H + H), True, "Correct"),
    (lambda D, H: evidence.param_count("LSTM", D, H), True, "Correct"),
    (stub, False, "NotImplementedError"),
    (lambda D, H: ..., False, "`...`"),
    (lambda D, H: None, False, "return"),
    (lambda D, H: 4 * (D * H + H * H), False, "biases are missing"),
    (lambda D, H: 4 * (D * H + H), False, "recurrent weights U are missing"),
    (lambda D, H: D * H + H * H + H, False, "simple RNN's count"),
    (lambda D, H: 3 * (D * H + H * H + H), False, "three blocks"),
    (lambda D, H: 3 * (D * H + H * H) + 6 * H, False, "Keras' GRU"),
    (lambda D, H: 4 * (2 * D * H + H), False, "(H, 4H)"),
    (lambda D, H: 5 * (D * H + H * H + H), False, "not the expected"),
    (lambda D: 4, False, "raised TypeError"),
])
def test_check_lstm_params(capsys, answer, ok, words):
    got, out = verdict(capsys, ex.check_lstm_params, answer)
    assert got is ok and words in out, out


def _stack(V, E, H1, H2, O):
    return {"embedding": V * E, "lstm": 4 * (E * H1 + H1 * H1 + H1),
            "gru": 3 * (H1 * H2 + H2 * H2) + 2 * 3 * H2, "dense": H2 * O + O}


def _with(**wrong):
    """_stack with some layers' counts replaced by a function of the sizes."""
    return lambda *sizes: {**_stack(*sizes), **{k: f(*sizes) for k, f in wrong.items()}}


def test_stack_formula_is_what_the_built_model_counts():
    for sizes in ex.STACK_CASES + ((40, 8, 32, 16, 40),):
        model = ex.stack_model(*sizes)
        assert [layer.count_params() for layer in model.layers] == list(_stack(*sizes).values())
        assert model.count_params() == sum(_stack(*sizes).values())


def test_stack_model_leaves_the_course_generator_alone():
    from rnn_helpers.core import utils
    utils.set_random_seed(3)
    before = utils.get_rng().bit_generator.state
    ex.stack_model(5, 4, 3, 2, 1)
    assert utils.get_rng().bit_generator.state == before


def test_stack_mistakes_differ_from_the_right_count_on_every_case():
    for sizes in ex.STACK_CASES:
        right = _stack(*sizes)
        for layer, wrongs in ex._mistakes(*sizes).items():
            values = [value for value, _ in wrongs]
            assert right[layer] not in values and len(set(values)) == len(values), (sizes, layer)


@pytest.mark.parametrize("answer, ok, words", [
    (_stack, True, "Correct"),
    (_with(gru=lambda V, E, H1, H2, O: 3 * (H1 * H2 + H2 * H2 + H2)), False, "reset_after=True"),
    (_with(gru=lambda V, E, H1, H2, O: 4 * (H1 * H2 + H2 * H2 + H2)), False, "4 blocks counted"),
    (_with(gru=lambda V, E, H1, H2, O: 3 * (E * H2 + H2 * H2) + 6 * H2), False, "LSTM's H1 states"),
    (_with(lstm=lambda V, E, H1, H2, O: 3 * (E * H1 + H1 * H1 + H1)), False, "3 blocks counted"),
    (_with(lstm=lambda V, E, H1, H2, O: 4 * (E * H1 + H1 * H1)), False, "LSTM's bias is missing"),
    (_with(lstm=lambda V, E, H1, H2, O: 4 * (H1 * H1 + H1)), False, "input weights W (E, 4H1)"),
    (_with(lstm=lambda V, E, H1, H2, O: 4 * (V * H1 + H1 * H1 + H1)), False, "not one-hot"),
    (_with(embedding=lambda V, E, H1, H2, O: V * E + E), False, "Embedding has no bias"),
    (_with(dense=lambda V, E, H1, H2, O: H2 * O), False, "Dense bias is missing"),
    (_with(dense=lambda V, E, H1, H2, O: H1 * O + O), False, "not the LSTM's H1"),
    (_with(dense=lambda V, E, H1, H2, O: H2 * O + O + 1), False, "the dense count is off"),
    (lambda *s: {k: ... for k in ex.LAYERS}, False, "still `...` or None: embedding"),
    (lambda *s: [1, 2, 3, 4], False, "return a dict"),
    (stub, False, "NotImplementedError"),
    (lambda V, E: 4, False, "raised TypeError"),
    (480, False, "expected a function"),
])
def test_check_stack_params(capsys, answer, ok, words):
    got, out = verdict(capsys, ex.check_stack_params, answer)
    assert got is ok and words in out, out
