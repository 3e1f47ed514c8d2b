"""Notebook 00's map links every notebook of the course (issue 10: 03-10 were marked "coming",
without links, long after they were written)."""

import re

from tests.conftest import NOTEBOOKS, NOTEBOOKS_DIR, markdown_text


def test_the_map_links_every_notebook_and_marks_none_coming():
    text = markdown_text(NOTEBOOKS_DIR / "00_start_here.ipynb")
    table = text[text.index("## The map"):]
    table = table[:table.index("\n\n", table.index("| # |"))]
    linked = set(re.findall(r"\]\((\d\d_[a-z0-9_]+\.ipynb)\)", table))
    assert linked == {path.name for path in NOTEBOOKS}
    assert "coming" not in table
