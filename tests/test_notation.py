"""The notation table (rnn_helpers.glossary.NOTATION): one symbol, one meaning; notebook 00 and
docs/glossary.md show it from the package, and a "|" inside a cell stays a "|" in Markdown."""

import re

import pytest

from rnn_helpers import glossary
from tests.conftest import NOTEBOOKS_DIR, ROOT, markdown_text, read_notebook

REQUIRED = ("xₜ", "hₜ", "h₀", "oₜ", "W", "U", "b", "W′", "b′", "y", "ŷ", "L", "T", "B", "D",
            "H", "O", "cₜ", "iₜ", "fₜ", "c̃ₜ", "rₜ", "zₜ", "h̃ₜ", "σ", "tanh", "⊙", "ρ(U)", "τ",
            glossary.LSTM_OUTPUT_GATE, glossary.GRU_RECURRENT_BIAS, glossary.LOGIT)
RAW_TEX = re.compile(r"(?<![A-Za-z_])[A-Za-z\u03b1-\u03c9]_(\{|[A-Za-z0-9])")


def _cells(line):
    """The cells of one Markdown table row, splitting at "|" but not at an escaped "\\|"."""
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_every_symbol_once_with_one_meaning():
    symbols = glossary.symbols()
    assert len(symbols) == len(set(symbols)), "a symbol is listed twice"
    for symbol in REQUIRED:
        assert symbol in symbols, symbol
    for symbol, meaning, shape, code, notebook in glossary.NOTATION:
        assert symbol and meaning and shape and code
        assert notebook in glossary.NOTEBOOKS


def test_the_three_renamed_symbols_are_not_reused():
    """oₜ is the seed's output only, b′ the output layer's bias only, zₜ the GRU's update gate."""
    taken = {"oₜ", "b′", "zₜ"}
    for symbol in (glossary.LSTM_OUTPUT_GATE, glossary.GRU_RECURRENT_BIAS, glossary.LOGIT):
        assert symbol not in taken
    meanings = {row[0]: row[1] for row in glossary.NOTATION}
    assert "output of the seed's formula" in meanings["oₜ"]
    assert "output layer" in meanings["b′"] and "update gate" in meanings["zₜ"]


def test_no_raw_tex_in_the_glossary_and_the_notation():
    """hₜ₋₁, not h_{t-1}: the tables are read as Markdown, HTML and plain text (code in `...`
    may keep its underscores)."""
    texts = [cell for row in glossary.GLOSSARY + glossary.NOTATION for cell in row]
    found = [t for t in texts if RAW_TEX.search(re.sub(r"`[^`]*`", "", t))]
    assert not found, found


@pytest.mark.parametrize("table", [glossary.markdown_table, glossary.notation_table])
def test_a_bar_inside_a_cell_is_escaped_and_reads_back(table):
    text = table()
    lines = text.splitlines()
    width = len(_cells(lines[0]))
    rows = glossary.GLOSSARY if table is glossary.markdown_table else glossary.NOTATION
    for line, row in zip(lines[2:], rows, strict=True):
        assert _cells(line) == [str(c) for c in row]        # every "|" kept, none lost
        assert len(_cells(line)) == width
    assert "/ln/u/" not in text


def test_the_time_constant_keeps_its_bars():
    assert "−1/ln\\|u\\|" in glossary.markdown_table()
    assert "−1/ln\\|u\\|" in glossary.notation_table()
    doc = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert "−1/ln\\|u\\|" in doc and "ln/u/" not in doc


def test_show_notation_renders_the_table_as_markdown():
    shown = glossary.show_notation()
    assert shown._repr_markdown_() == glossary.notation_table()


def _rendered_markdown_outputs(notebook):
    found = []
    for cell in read_notebook(notebook)["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data:
                md = data["text/markdown"]
                found.append(md if isinstance(md, str) else "".join(md))
    return found


def test_notebook_00_shows_the_packages_notation_table():
    path = NOTEBOOKS_DIR / "00_start_here.ipynb"
    sources = [("".join(c["source"]) if isinstance(c["source"], list) else c["source"])
               for c in read_notebook(path)["cells"]]
    assert any("rh.glossary.show_notation()" in s for s in sources)
    assert glossary.notation_table() in _rendered_markdown_outputs(path), (
        "notebook 00's notation table is not the package's: re-run notebook 00")


@pytest.mark.parametrize("notebook,latex,symbol", [
    ("05_lstm_gru.ipynb", r"\omega_t", glossary.LSTM_OUTPUT_GATE),
    ("05_lstm_gru.ipynb", r"b^U", glossary.GRU_RECURRENT_BIAS),
    ("03_training_bptt.ipynb", r"\ell_t", glossary.LOGIT),
    ("10_review.ipynb", r"\omega_t", glossary.LSTM_OUTPUT_GATE),
    ("10_review.ipynb", r"b^U", glossary.GRU_RECURRENT_BIAS),
])
def test_the_notebooks_write_the_tables_symbols(notebook, latex, symbol):
    """The symbols the notation table gives the LSTM's output gate, the GRU's recurrent bias and
    the logit are the ones the notebooks that teach them write (in LaTeX)."""
    assert latex in markdown_text(NOTEBOOKS_DIR / notebook), (notebook, latex, symbol)


def test_review_writes_no_output_gate_as_o_t_and_no_gru_bias_as_b_prime():
    text = markdown_text(NOTEBOOKS_DIR / "10_review.ipynb")
    assert "h_t &= o_t" not in text and "b'_z" not in text and "b'_h" not in text
