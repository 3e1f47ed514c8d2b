"""Notebook 10's quiz widgets: pick an option (or type a number), press "Check", read whether it
is right and why. The checking is `rnn_helpers.quiz.check_answer`; these builders only wire it
to buttons. Uses ToggleButtons, Text, Button, HTML and VBox/HBox: ipywidgets 7.7 and 8.

    box = quiz_widget(["hidden_activation", "params_simple_rnn"])
    q = box.questions["params_simple_rnn"]
    q.controls["answer"].value = "120"
    q.controls["check"].click()
    box.last       # {"id": "params_simple_rnn", "correct": True, "explanation": "Right: ..."}
"""

import html
import re

import ipywidgets as widgets

from .. import quiz
from ._render import QUIZ_FALLBACK_TEXT, finish

_COLOURS = {True: "#1a7f37", False: "#b35900"}


def _inline(text):
    """Plain question text as HTML: escaped, `code` in <code>, *words* in italics."""
    text = html.escape(text, quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    return re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", r"<i>\1</i>", text)


def question_html(question_id):
    """The question's number, text and options as HTML."""
    q = quiz.get_question(question_id)
    parts = [f"<b>{quiz.number(question_id)}.</b> {_inline(q.prompt)} "
             f"<span style='color:#666'>(notebook {q.notebook})</span>"]
    if q.options:
        items = "".join(f"<li><b>{letter})</b> {_inline(text)}</li>"
                        for letter, (text, _) in zip(q.letters, q.options, strict=True))
        parts.append(f"<ul style='list-style:none; padding-left:1em; margin:4px 0'>{items}</ul>")
    return "<div style='line-height:1.4'>" + "".join(parts) + "</div>"


def feedback_html(correct, explanation):
    """The verdict as coloured HTML: a tick or a cross, then the explanation."""
    if correct is None:
        return ""
    mark = "✔" if correct else "✘"
    return (f"<div style='color:{_COLOURS[bool(correct)]}; line-height:1.4'><b>{mark}</b> "
            f"{_inline(explanation)}</div>")


def question_widget(question_id, on_check=None):
    """One question: its text, the answer control, a "Check" button and the feedback.

    Multiple choice: ToggleButtons a, b, c, d (none selected at first). Numeric: a Text box.
    The returned VBox keeps `.question`, `.controls` ({"answer", "check"}), `.feedback` (the
    HTML widget) and `.result` ((correct, explanation) of the last check, None before).
    `on_check(question_id, correct, explanation)` is called after every check.
    """
    q = quiz.get_question(question_id)
    # One row for both kinds: the label, the answer control, then Check right beside it.
    if q.options:
        answer = widgets.ToggleButtons(options=list(q.letters), value=None,
                                       style={"button_width": "3em"})
    else:
        answer = widgets.Text(value="", placeholder="a number",
                              layout=widgets.Layout(width="12em"))
    check = widgets.Button(description="Check", button_style="info",
                           layout=widgets.Layout(width="90px"))
    feedback = widgets.HTML(value="")
    row = widgets.HBox([widgets.Label("answer"), answer, check],
                       layout=widgets.Layout(align_items="center"))
    box = widgets.VBox([widgets.HTML(question_html(question_id)), row, feedback],
                       layout=widgets.Layout(margin="0 0 14px 0"))
    box.question, box.feedback, box.result = q, feedback, None
    box.controls = {"answer": answer, "check": check}

    def run_check(_button=None):
        correct, explanation = quiz.check_answer(question_id, answer.value)
        box.result = (correct, explanation)
        feedback.value = feedback_html(correct, explanation)
        if on_check is not None:
            on_check(question_id, correct, explanation)

    def clear(change):
        feedback.value = ""            # a new answer: the old verdict no longer applies

    check.on_click(run_check)
    answer.observe(clear, names="value")
    box.check = run_check
    return finish(box, QUIZ_FALLBACK_TEXT)


def quiz_widget(question_ids=None, title=None):
    """A block of questions with a running score under them.

    question_ids: the questions, in order (default: the whole quiz, `quiz.ids()`).
    The returned VBox keeps `.questions` ({id: question box}), `.score` (the HTML line),
    `.result` (the `quiz.score` dict of the answers checked so far) and `.last` ({"id",
    "correct", "explanation"} of the last check, None before any).
    """
    chosen = quiz.ids() if question_ids is None else [quiz.get_question(i).id
                                                      for i in question_ids]
    checked = {}
    score_line = widgets.HTML()

    def update_score():
        box.result = quiz.score(checked, chosen)
        score_line.value = f"<b>Score:</b> {html.escape(quiz.score_summary(checked, chosen))}"

    def on_check(question_id, correct, explanation):
        checked[question_id] = box.questions[question_id].controls["answer"].value
        box.last = {"id": question_id, "correct": correct, "explanation": explanation}
        update_score()

    questions = {qid: question_widget(qid, on_check) for qid in chosen}
    header = [widgets.HTML(f"<h4 style='margin:4px 0'>{html.escape(title)}</h4>")] if title else []
    box = widgets.VBox(header + list(questions.values()) + [score_line])
    box.questions, box.score, box.last = questions, score_line, None
    update_score()
    return finish(box, QUIZ_FALLBACK_TEXT)


__all__ = ["feedback_html", "question_html", "question_widget", "quiz_widget"]
