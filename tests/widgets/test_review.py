"""Tests for rnn_helpers.widgets.review, notebook 10's quiz widgets: set an answer, click
"Check", read the verdict (no browser)."""

import pytest

from rnn_helpers import quiz
from rnn_helpers.widgets import review as quiz_widgets


def test_choice_question_says_right_or_wrong_and_why():
    box = quiz_widgets.question_widget("hidden_activation")
    answer, check = box.controls["answer"], box.controls["check"]
    assert answer.value is None and box.result is None and box.feedback.value == ""
    assert list(answer.options) == ["a", "b", "c", "d"]
    check.click()
    assert box.result == (False, "No answer yet: pick one of a, b, c, d.")
    answer.value = "a"
    check.click()
    assert box.result == quiz.check_answer("hidden_activation", "a")
    assert "✘" in box.feedback.value and "Not quite" in box.feedback.value
    answer.value = "b"
    assert box.feedback.value == ""                  # a new answer clears the old verdict
    check.click()
    assert box.result[0] is True
    assert "✔" in box.feedback.value and "Right" in box.feedback.value


def test_numeric_question_reads_the_text_box():
    box = quiz_widgets.question_widget("params_simple_rnn")
    answer, check = box.controls["answer"], box.controls["check"]
    answer.value = "110"
    check.click()
    assert box.result == (False, "Not quite: The bias is missing: b adds one number per hidden "
                                 "unit, 10 more.")
    answer.value = "120"
    check.click()
    assert box.result[0] is True and "model.summary()" in box.feedback.value
    answer.value = "lots"
    check.click()
    assert box.result == (False, "Expected a number, got 'lots'.")


def test_quiz_widget_keeps_the_last_feedback_and_the_score():
    chosen = ["shape_U", "gradient_after_20_steps", "gpt_architecture"]
    box = quiz_widgets.quiz_widget(chosen, title="Part 1")
    assert list(box.questions) == chosen
    assert box.last is None
    assert box.result["total"] == 3 and box.result["answered"] == 0
    assert "0 of 3 right (3 not answered yet)." in box.score.value
    box.questions["shape_U"].controls["answer"].value = "b"
    box.questions["shape_U"].controls["check"].click()
    assert box.last == {"id": "shape_U", "correct": True,
                        "explanation": quiz.check_answer("shape_U", "b")[1]}
    q = box.questions["gradient_after_20_steps"]
    q.controls["answer"].value = "18"
    q.controls["check"].click()
    assert box.last["id"] == "gradient_after_20_steps" and box.last["correct"] is False
    assert "multiply" in box.last["explanation"]
    assert box.result["correct"] == 1 and box.result["wrong"] == ["gradient_after_20_steps"]
    assert "1 of 3 right (1 wrong, 1 not answered yet). Worth another look: notebook 04." in (
        box.score.value)
    q.controls["answer"].value = "0.12"
    q.controls["check"].click()
    assert box.result["correct"] == 2 and box.result["wrong"] == []


def test_whole_quiz_by_default():
    box = quiz_widgets.quiz_widget()
    assert list(box.questions) == quiz.ids()


def test_html_is_escaped_and_code_is_marked():
    html = quiz_widgets.question_html("return_sequences_shape")
    assert "<code>SimpleRNN(10, return_sequences=True)</code>" in html
    assert "(notebook 02)" in html and "<b>b)</b> (32, 5, 10)" in html
    assert quiz_widgets._inline("a < b and *this*") == "a &lt; b and <i>this</i>"
    assert quiz_widgets._inline("x * y * z") == "x * y * z"
    assert quiz_widgets.feedback_html(None, "") == ""


def test_unknown_question():
    with pytest.raises(ValueError, match="question_id"):
        quiz_widgets.quiz_widget(["nope"])
