"""The live slideshow shows every cell it should: no cell says slide_type "-".

jupyterlab-slideshow (the `lab` extra; "Start Deck" in JupyterLab) hides cells whose metadata is
`"slideshow": {"slide_type": "-"}`; "" (what JupyterLab's own menu writes) or no slide type means
"continue the current slide" for it and for nbconvert's static slides alike.
`python scripts/slide_types.py notebooks/*.ipynb` rewrites them.
"""

import json

import pytest

from tests.conftest import NOTEBOOKS, load_script

slide_types = load_script("slide_types")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_cell_has_slide_type_dash(path):
    cells = slide_types.dash_cells(json.loads(path.read_text(encoding="utf-8")))
    assert not cells, (
        f'{path.name}: {len(cells)} cell(s) (indexes {cells[:8]}{"..." if len(cells) > 8 else ""})'
        ' have slide_type "-", which the live slideshow (jupyterlab-slideshow) hides: run '
        f"python scripts/slide_types.py notebooks/{path.name}")


def test_the_rewrite_changes_only_the_slide_types():
    nb = {"cells": [
        {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "slide"}},
         "source": ['a "slide_type": "-" in the text stays\n']},
        {"cell_type": "code", "metadata": {"slideshow": {"slide_type": "-"}}, "source": [],
         "outputs": [], "execution_count": None},
        {"cell_type": "markdown", "metadata": {}, "source": []},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    new_text, count = slide_types.rewrite_text(text)
    new = json.loads(new_text)
    assert count == 1 and slide_types.dash_cells(new) == []
    assert new["cells"][1]["metadata"]["slideshow"]["slide_type"] == ""
    assert new["cells"][0] == nb["cells"][0] and new["cells"][2] == nb["cells"][2]
    assert slide_types.rewrite_text(new_text) == (new_text, 0)
