"""The static slides (`make slides`, scripts/export_slides.py) load nothing from the network.

The first tests export a small notebook made here (no npm, no network: fast). The last one
checks the real slides/ folder that `make slides` wrote; it runs when RNN_REQUIRE_SLIDES=1 (as
`make test-slides`, and so CI, set it) and is skipped, saying so, otherwise.
"""

import os
import re

import nbformat
import pytest

from tests.conftest import NOTEBOOKS, ROOT, load_script

export_slides = load_script("export_slides")

# A 1x1 PNG, as a notebook stores a figure.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5"
       "ErkJggg==")


def _small_notebook(path):
    nb = nbformat.v4.new_notebook()
    cells = [
        nbformat.v4.new_markdown_cell("# A title\n\nTime: 5 minutes."),
        nbformat.v4.new_markdown_cell("The formula $h_t = \\tanh(x_t W + h_{t-1} U + b)$."),
        nbformat.v4.new_code_cell("fig", execution_count=1, outputs=[
            nbformat.v4.new_output("display_data", data={"image/png": PNG,
                                                         "text/plain": "<Figure>"})]),
        nbformat.v4.new_markdown_cell("[next](01_next.ipynb) and [a paper](https://doi.org/10.1/x)"),
    ]
    for cell, kind in zip(cells, ["slide", "subslide", "fragment", "-"], strict=True):
        cell.metadata["slideshow"] = {"slide_type": kind}
    nb.cells = cells
    nbformat.write(nb, path)
    return path


def test_a_small_deck_loads_only_local_files(tmp_path):
    notebook = _small_notebook(tmp_path / "00_small.ipynb")
    page = export_slides.export_notebook(notebook, tmp_path, sibling_names=["01_next.ipynb"])
    text = page.read_text(encoding="utf-8")

    assert page.name == "00_small.slides.html"
    assert export_slides.remote_references(text) == []
    loaded = export_slides.local_references(text)
    assert loaded, "the page should load reveal.js and friends"
    assert all(ref.startswith("vendor/") for ref in loaded), loaded
    for url in ("vendor/reveal.js/dist/reveal.js", "vendor/require.js",
                "vendor/mathjax/MathJax.js", "vendor/reveal.js/dist/theme/white.css"):
        assert url in text
    assert "mermaid" not in text
    assert text.count("<section") >= 3            # two slides, one of them with a subslide
    assert "data:image/png;base64," in text         # the figure is inside the page
    assert 'href="01_next.slides.html"' in text     # links between notebooks follow the slides
    assert 'href="https://doi.org/10.1/x"' in text  # plain links are kept


@pytest.mark.parametrize("snippet", [
    '<script src="https://unpkg.com/reveal.js@4.0.2/dist/reveal.js"></script>',
    '<link rel="stylesheet" href="//cdnjs.cloudflare.com/ajax/libs/x.css">',
    "<style>@import url(https://fonts.googleapis.com/css?family=Lato);</style>",
    "<style>@font-face { src: url('https://example.org/f.woff'); }</style>",
    "<script type=\"module\">import m from 'https://cdn.jsdelivr.net/npm/m.mjs';</script>",
    '<script>var s = "https://unpkg.com/@jupyter-widgets/html-manager";</script>',
])
def test_remote_loads_are_caught(snippet):
    assert export_slides.remote_references(snippet)


def test_links_and_data_urls_are_not_loads():
    text = ('<a href="https://doi.org/10.1162/neco.1997.9.8.1735">paper</a>'
            '<img src="data:image/png;base64,AAAA"><script src="vendor/require.js"></script>')
    assert export_slides.remote_references(text) == []


def test_check_page_follows_style_sheets(tmp_path):
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "theme.css").write_text(
        "/* @import url(https://ignored.example/comment.css); */\n"
        "@import url(https://fonts.googleapis.com/css?family=Lato);\n"
        "@font-face { src: url(fonts/missing.woff); }\n")
    page = tmp_path / "deck.slides.html"
    page.write_text('<link rel="stylesheet" href="vendor/theme.css">'
                    '<script src="vendor/absent.js"></script>')
    problems = " | ".join(export_slides.check_page(page))
    assert "fonts.googleapis.com" in problems
    assert "fonts/missing.woff, which is missing" in problems
    assert "vendor/absent.js, which is missing" in problems
    assert "ignored.example" not in problems


def test_make_slides_output_works_offline():
    slides = ROOT / "slides"
    notebooks = NOTEBOOKS
    if os.environ.get("RNN_REQUIRE_SLIDES") != "1":
        # A slides/ folder left from an earlier `make slides` may be stale: check it only when
        # asked to, right after building it.
        pytest.skip("checks the output of `make slides`: run `make test-slides`")
    if not (slides / "index.html").exists():
        pytest.fail("slides/ was not built: run `make slides` first")
    index = (slides / "index.html").read_text(encoding="utf-8")
    assert notebooks, "no notebooks to compare the slides with"
    for notebook in notebooks:
        page = slides / f"{notebook.stem}.slides.html"
        assert page.exists(), f"{page.name} missing: run `make slides`"
        assert f'href="{page.name}"' in index
        assert export_slides.check_page(page) == [], page.name
        sections = len(re.findall(r"<section\b", page.read_text(encoding="utf-8")))
        assert sections >= 2, f"{page.name}: {sections} <section>: no slide metadata?"
    assert export_slides.remote_references(index) == []
