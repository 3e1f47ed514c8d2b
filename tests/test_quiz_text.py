"""The quiz's words (rnn_helpers.quiz): maths as plain Unicode, never raw TeX (h_{t-1}); no result
copied from another notebook; and the explanation of Q17's option d is right."""

import re

from rnn_helpers import quiz

RAW_TEX = re.compile(r"(?<![A-Za-z_])[A-Za-z\u03b1-\u03c9]_(\{|[A-Za-z0-9])")


def _texts(q):
    texts = [q.prompt, q.why, q.hint]
    texts += [part for option in q.options for part in option]
    texts += [why for _, why in q.mistakes]
    return [t for t in texts if t]


def test_no_raw_tex_outside_code():
    found = [(q.id, t) for q in quiz.QUESTIONS for t in _texts(q)
             if RAW_TEX.search(re.sub(r"`[^`]*`", "", t))]
    assert not found, found


def test_question_1_writes_the_formula_in_unicode():
    prompt = quiz.get_question("hidden_activation").prompt
    assert "hₜ = σ(W xₜ + U hₜ₋₁ + b)" in prompt and "{" not in prompt


def test_no_percentage_copied_from_a_notebooks_run():
    """A quiz may state a premise ("suppose ...") but quotes no notebook's measured result."""
    for qid in ("reversed_video", "random_walk_forecast"):
        q = quiz.get_question(qid)
        assert not re.search(r"\d+(\.\d+)? ?%", q.prompt), q.prompt
    assert "83" not in quiz.get_question("random_labels").prompt     # chance (50 %) is no result
    assert "skill" not in " ".join(_texts(quiz.get_question("random_walk_forecast")))


def test_depth_read_backwards_is_explained_right():
    """A balanced string's depth is as well a running count from the end; option d is wrong
    for another reason (the output needs one label per character whichever way it reads)."""
    q = quiz.get_question("depth_labelling")
    why_d = q.options[3][1]
    assert "from the end" in why_d and "one label per character" in why_d
    assert "loses where the count begins" not in why_d
    assert quiz.check_answer("depth_labelling", "d")[0] is False
    assert quiz.check_answer("depth_labelling", "b")[0] is True
