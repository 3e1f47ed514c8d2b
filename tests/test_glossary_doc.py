"""docs/glossary.md is generated from rnn_helpers.glossary and must agree with it."""

from rnn_helpers import glossary
from tests.conftest import ROOT, load_script


def test_docs_glossary_is_generated_from_the_package():
    doc = ROOT / "docs" / "glossary.md"
    assert doc.exists(), "docs/glossary.md missing: run python scripts/build_glossary_doc.py"
    assert doc.read_text(encoding="utf-8") == load_script("build_glossary_doc").render(), (
        "docs/glossary.md is out of date: run python scripts/build_glossary_doc.py")


def test_every_term_is_in_the_doc_once_seed_terms_first():
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    terms_part = text.split("## Notation")[0]          # the notation table follows the terms
    rows = [line for line in terms_part.splitlines()
            if line.startswith("| ") and not line.startswith("| English")]
    assert [row.split(" | ")[0][2:] for row in rows] == glossary.terms()
