"""The glossary widget's card (notebook 00) shows code as code and escapes everything else."""

from rnn_helpers import glossary
from rnn_helpers.widgets import start


def test_code_spans_become_code_and_text_is_escaped():
    card = start.term_html(glossary.lookup("row-vector convention"))
    assert "<code>x_t @ W</code>" in card and "`" not in card
    card = start.term_html({"english": "a<b", "chinese": "中", "meaning": "x < y `z`",
                            "notebook": "01"})
    assert "a&lt;b" in card and "x &lt; y <code>z</code>" in card


def test_the_time_constant_card_keeps_its_bars():
    card = start.term_html(glossary.lookup("time constant"))
    assert "−1/ln|u|" in card
