"""Tests for rnn_helpers.quiz: every question answers right and wrong as it should, its numbers
agree with the package, its links point at real headings, and the score adds up."""

import math
import re

import numpy as np
import pytest

from rnn_helpers import quiz
from rnn_helpers.analysis import evidence
from rnn_helpers.core import linear_rnn
from rnn_helpers.datasets import text
from rnn_helpers.layers import Dense, SimpleRNN
from rnn_helpers.models import Sequential
from tests.conftest import NOTEBOOKS_DIR as NOTEBOOKS
from tests.conftest import cell_sources, read_notebook

CHOICE = [q for q in quiz.QUESTIONS if q.kind == "choice"]
NUMERIC = [q for q in quiz.QUESTIONS if q.kind == "numeric"]


def _headings(path):
    found = set()
    for _, _, source in cell_sources(path, "markdown"):
        for line in source.splitlines():
            if re.match(r"#{1,6}\s", line):
                found.add(quiz.heading_anchor(line))
    return found


def test_the_quiz_covers_notebooks_01_to_09_with_both_kinds():
    assert len(quiz.QUESTIONS) >= 12
    assert len({q.id for q in quiz.QUESTIONS}) == len(quiz.QUESTIONS)
    assert {q.notebook for q in quiz.QUESTIONS} == {f"{n:02d}" for n in range(1, 10)}
    assert len(NUMERIC) >= 4 and len(CHOICE) >= 8
    assert quiz.ids() == [q.id for q in quiz.QUESTIONS]
    assert [quiz.number(i) for i in quiz.ids()] == list(range(1, len(quiz.QUESTIONS) + 1))


@pytest.mark.parametrize("q", CHOICE, ids=[q.id for q in CHOICE])
def test_choice_question_only_its_answer_is_right_and_every_option_says_why(q):
    assert len(q.options) == 4 and q.answer in q.letters
    for letter, (option, why) in zip(q.letters, q.options, strict=True):
        assert option.strip() and len(why) > 20
        correct, explanation = quiz.check_answer(q.id, letter)
        assert correct is (letter == q.answer)
        assert why in explanation
        assert explanation.startswith("Right" if correct else "Not quite")
    assert quiz.check_answer(q.id, q.answer.upper())[0]
    assert quiz.check_answer(q.id, f" {q.answer}) ")[0]


@pytest.mark.parametrize("q", NUMERIC, ids=[q.id for q in NUMERIC])
def test_numeric_question_right_value_and_named_mistakes(q):
    correct, explanation = quiz.check_answer(q.id, q.answer)
    assert correct and q.why in explanation
    assert quiz.check_answer(q.id, str(q.answer))[0]
    assert q.mistakes and q.hint
    for wrong, why in q.mistakes:
        assert abs(wrong - q.answer) > max(q.tolerance, 1e-9)
        assert quiz.check_answer(q.id, wrong) == (False, f"Not quite: {why}")
    correct, explanation = quiz.check_answer(q.id, q.answer + 1000)
    assert not correct and q.hint in explanation


def test_numeric_answers_are_read_kindly():
    assert quiz.check_answer("params_simple_rnn", " 120 ")[0]
    assert quiz.check_answer("params_simple_rnn", np.int64(120))[0]
    assert quiz.check_answer("params_simple_rnn", 120.0)[0]
    assert quiz.check_answer("seed_model_params", "3_41")[0]
    assert quiz.check_answer("gradient_after_20_steps", "0.12")[0]
    assert quiz.check_answer("gradient_after_20_steps", 0.1216)[0]
    assert not quiz.check_answer("gradient_after_20_steps", 0.13)[0]
    assert quiz.check_answer("params_simple_rnn", "twelve") == (
        False, "Expected a number, got 'twelve'.")
    assert not quiz.check_answer("params_simple_rnn", True)[0]
    assert not quiz.check_answer("params_simple_rnn", float("nan"))[0]


@pytest.mark.parametrize("blank", [None, ..., "", "   "])
def test_no_answer_yet(blank):
    assert quiz.check_answer("hidden_activation", blank) == (
        False, "No answer yet: pick one of a, b, c, d.")
    assert quiz.check_answer("params_simple_rnn", blank) == (False, "No answer yet: type a number.")


def test_an_option_that_does_not_exist():
    correct, explanation = quiz.check_answer("hidden_activation", "e")
    assert not correct
    assert explanation == "'e' is not one of the options a, b, c, d: answer with a letter."
    assert not quiz.check_answer("hidden_activation", 2)[0]


def test_unknown_question_id():
    with pytest.raises(ValueError, match=r"question_id: expected one of 'hidden_activation', .*"
                                         r"got 'nope'"):
        quiz.check_answer("nope", "a")
    with pytest.raises(ValueError, match="question_id"):
        quiz.get_question(3)


def test_the_numbers_agree_with_the_package():
    first = Sequential([SimpleRNN(10, input_shape=(5, 1))])
    assert quiz.get_question("params_simple_rnn").answer == first.count_params() == 120
    assert evidence.param_count("SimpleRNN", 1, 10) == 120
    seed_model = Sequential([SimpleRNN(10, return_sequences=True, input_shape=(5, 1)),
                             SimpleRNN(10), Dense(1, activation="sigmoid")])
    assert quiz.get_question("seed_model_params").answer == seed_model.count_params() == 341
    assert quiz.get_question("gru_params").answer == evidence.param_count("GRU", 1, 10)
    assert quiz.get_question("scan_rounds").answer == linear_rnn.scan_depth(1000)
    assert math.isclose(quiz.get_question("perplexity").answer, text.perplexity(np.log(8)))
    assert math.isclose(evidence.gradient_ratio(20, activation="linear", radius=0.9, H=8),
                        quiz.get_question("gradient_after_20_steps").answer, rel_tol=1e-9)


def test_ids_by_notebook():
    assert quiz.ids("01") == ["hidden_activation", "shape_U", "params_simple_rnn"]
    assert quiz.ids(["9"]) == ["bidirectional_when", "scan_rounds", "why_scan"]
    assert quiz.ids(("06", "07")) == ["perplexity", "gpt_architecture", "random_walk_forecast"]


def test_score_adds_up_and_names_what_to_revisit():
    answers = {"hidden_activation": "b", "shape_U": "a", "params_simple_rnn": 120,
               "perplexity": ...}
    chosen = ["hidden_activation", "shape_U", "params_simple_rnn", "perplexity", "why_scan"]
    s = quiz.score(answers, chosen)
    assert (s["total"], s["answered"], s["correct"]) == (5, 3, 2)
    assert s["right"] == ["hidden_activation", "params_simple_rnn"]
    assert s["wrong"] == ["shape_U"]
    assert s["unanswered"] == ["perplexity", "why_scan"]
    assert s["revisit"] == ["01"]
    assert quiz.score_summary(answers, chosen) == (
        "2 of 5 right (1 wrong, 2 not answered yet). Worth another look: notebook 01.")
    every = {q.id: q.answer for q in quiz.QUESTIONS}
    assert quiz.score(every)["correct"] == len(quiz.QUESTIONS)
    assert quiz.score_summary(every).endswith("right. All right: well done.")
    n = len(quiz.QUESTIONS)
    assert quiz.score_summary({}) == f"0 of {n} right ({n} not answered yet)."


def test_score_bad_input():
    with pytest.raises(TypeError, match="answers: expected a dict"):
        quiz.score([("shape_U", "b")])
    with pytest.raises(ValueError, match="question_id: .* got 'shape_u'"):
        quiz.score({"shape_u": "b"})


def test_heading_anchor():
    assert quiz.heading_anchor("## 2. The bound, and the spectral radius") == (
        "2.-The-bound,-and-the-spectral-radius")
    assert quiz.heading_anchor("## 4. The seed's program, in `rnn_helpers`") == (
        "4.-The-seed's-program,-in-rnn_helpers")


@pytest.mark.parametrize("q", quiz.QUESTIONS, ids=[q.id for q in quiz.QUESTIONS])
def test_every_link_points_at_a_real_heading(q):
    target, _, anchor = quiz.link(q.id).partition("#")
    assert target == quiz.NOTEBOOK_FILES[q.notebook]
    path = NOTEBOOKS / target
    assert path.exists(), f"question {q.id} links to {target}, which does not exist"
    if q.section:
        assert anchor in _headings(path), f"no heading {q.section!r} in {target}"


def test_markdown_list_hides_every_answer():
    md = quiz.as_markdown()
    assert md.count("<details><summary>Answer</summary>") == len(quiz.QUESTIONS)
    for q in quiz.QUESTIONS:
        head, _, rest = md.partition(f"**{quiz.number(q.id)}.** ")
        answer_block = rest.split("<details>", 1)[1].split("</details>", 1)[0]
        assert quiz.answer_text(q.id) in answer_block
    assert quiz.answer_text("hidden_activation").startswith("b) tanh. ")
    assert quiz.answer_text("gradient_after_20_steps").startswith("0.12. ")
    assert quiz.answer_text("perplexity").startswith("8. ")
    assert "~" not in md       # GitHub would read ~text~ as strikethrough


def _review_notebook():
    return read_notebook(NOTEBOOKS / "10_review.ipynb")


def test_review_notebook_shows_the_current_questions():
    sources = [source for _, _, source in cell_sources(_review_notebook(), "markdown")]
    assert any(quiz.as_markdown() in s for s in sources), (
        "the static list of questions in notebook 10 is out of date: rebuild it from "
        "rh.quiz.as_markdown()")


LINK = re.compile(r"\]\((\d\d_\w+\.ipynb)(?:#((?:[^()\s]|\([^()\s]*\))+))?\)")


def test_review_notebook_links_point_at_real_headings():
    links = set()
    for _, _, source in cell_sources(_review_notebook(), "markdown"):
        links.update(LINK.findall(source))
    assert len(links) >= 10
    for target, anchor in sorted(links):
        path = NOTEBOOKS / target
        assert path.exists(), f"a link to {target}, which does not exist"
        if anchor:
            assert anchor in _headings(path), f"{target} has no heading with anchor #{anchor}"
