"""What every committed notebook promises its three audiences (lecture hall, self-study, reader
on GitHub): a first cell that says what it teaches and how long it takes, the Colab cell, slide
metadata, clean outputs from one top-to-bottom run, figures saved as PNG, a widget and an
exercise. Covers every notebooks/*.ipynb, including the ones written later.
"""

import json
import re

import nbformat
import pytest

from tests.conftest import NOTEBOOKS, ROOT, load_script

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
SLIDE_TYPES = {"slide", "subslide", "fragment", "", "skip", "notes"}
TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "text/latex", "application/json")
ABSOLUTE_PATH = re.compile(r"(?<![\w.~-])(/root|/work|/tmp|/home|/Users|/private/var)(?=[/\s'\"]|$)"
                           r"|[A-Za-z]:\\\\?Users")
TIME_ESTIMATE = re.compile(r"\b\d+\s*(?:[–-]\s*\d+\s*)?(?:min\b|mins\b|minutes?\b|hours?\b|h\b)"
                           r"|\d+\s*分钟", re.I)
CHECKER_CALL = re.compile(r"\brh\.exercises\.\w+\.check_\w+\(")  # rh.exercises.<topic>.check_...(


colab_cell = load_script("colab_cell")


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def notebook(request):
    return nbformat.read(request.param, as_version=4)


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def _outputs(nb):
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                yield index, output


def _text_of(output):
    """All the text an output shows, whatever its type."""
    if output.output_type == "stream":
        return output.get("text", "")
    if output.output_type == "error":
        return "\n".join(output.get("traceback", []))
    data = output.get("data", {})
    parts = []
    for mime in TEXT_MIMES:
        value = data.get(mime)
        if value is not None:
            parts.append(value if isinstance(value, str) else json.dumps(value))
    return "\n".join(parts)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks in notebooks/"


def test_valid_nbformat_4_with_python3_kernel(notebook):
    nbformat.validate(notebook)
    assert notebook.nbformat == 4
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"


def test_first_cell_has_a_title_and_a_time_estimate(notebook):
    first = notebook.cells[0]
    assert first.cell_type == "markdown", "the first cell must be Markdown"
    assert re.match(r"#\s+\S", first.source), "the first cell must start with a '# title'"
    assert TIME_ESTIMATE.search(first.source), (
        "the first cell must say how long the notebook takes (e.g. 'Time: 30 minutes')")


def test_colab_cell_is_the_first_code_cell(notebook):
    assert colab_cell.has_current_cell(notebook), (
        "the first code cell must be the current Colab cell: run "
        "`python scripts/colab_cell.py`, then `make notebooks`")


def test_every_cell_has_slide_metadata(notebook):
    missing = [i for i, c in enumerate(notebook.cells)
               if c.metadata.get("slideshow", {}).get("slide_type") not in SLIDE_TYPES]
    assert not missing, f"cells without metadata.slideshow.slide_type: {missing}"
    assert notebook.cells[0].metadata.slideshow.slide_type == "slide", "a title slide first"
    for i, cell in enumerate(notebook.cells):
        kind = cell.metadata.slideshow.slide_type
        if cell.cell_type == "markdown" and "<details" in cell.source:
            assert kind != "skip", f"cell {i}: a solution must not be skipped in the slides"
        heading = re.match(r"#{1,4}\s+(.*)", cell.source)
        if cell.cell_type == "markdown" and heading and "exercise" in heading.group(1).lower():
            assert kind == "slide", f"cell {i}: an exercise starts its own slide"


def test_executed_top_to_bottom_in_one_run(notebook):
    counts = [c.execution_count for c in _code_cells(notebook) if c.source.strip()]
    assert counts == list(range(1, len(counts) + 1)), (
        f"execution counts {counts}: re-run it top to bottom (`make notebooks`)")
    for _, output in _outputs(notebook):
        if output.output_type == "execute_result":
            assert output.execution_count is not None


def test_no_error_traceback_or_warning_in_outputs(notebook):
    for index, output in _outputs(notebook):
        assert output.output_type != "error", f"cell {index}: an error output"
        text = _text_of(output)
        assert "Traceback (most recent call last)" not in text, f"cell {index}: a traceback"
        if output.output_type == "stream" and output.name == "stderr":
            assert not re.search(r"warning|traceback", text, re.I), (
                f"cell {index}: stderr says {text.strip()[:200]!r}")
        assert not re.search(r"\w+Warning:", text), f"cell {index}: a warning: {text[:200]!r}"


def test_no_absolute_paths_in_outputs(notebook):
    for index, output in _outputs(notebook):
        found = ABSOLUTE_PATH.search(_text_of(output))
        assert not found, f"cell {index}: an absolute path in the output: {found.group(0)!r}"


def test_every_figure_is_saved_as_png(notebook):
    for index, output in _outputs(notebook):
        plain = output.get("data", {}).get("text/plain", "")
        if re.match(r"<(Figure size|matplotlib\.figure\.Figure)", plain):
            assert "image/png" in output.data, f"cell {index}: a figure without its PNG"


def _draws_a_figure(model_id, state):
    """True if the widget (or any widget inside it) holds a PNG: a figure drawn in an Output."""
    todo, seen = [model_id], set()
    while todo:
        model = state.get(todo.pop(), {})
        text = json.dumps(model.get("state", {}))
        if '"image/png"' in text:
            return True
        for child in re.findall(r"IPY_MODEL_([0-9a-f]+)", text):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return False


def test_has_a_widget_with_saved_state_and_a_static_figure_before_it(notebook):
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    widget_cells = [i for i, o in _outputs(notebook) if WIDGET_VIEW in o.get("data", {})]
    assert widget_cells, "no widget displayed (an interactive figure is part of every notebook)"
    previous = -1
    for index, output in _outputs(notebook):
        view = output.get("data", {}).get(WIDGET_VIEW)
        if view is None:
            continue
        assert view["model_id"] in state, (
            f"cell {index}: widget state not saved (GitHub and the slides show nothing)")
        if _draws_a_figure(view["model_id"], state):
            before = [o for i, o in _outputs(notebook)
                      if previous < i < index and "image/png" in o.get("data", {})]
            assert before, (f"cell {index}: put a static figure of the widget's default state "
                            "before it (GitHub does not run widgets)")
        previous = index


def test_has_an_exercise_checked_by_the_package(notebook):
    calls = [c for c in _code_cells(notebook) if CHECKER_CALL.search(c.source)]
    assert calls, "no exercise checked by rh.exercises.<topic>.check_...(...)"


def test_readme_links_every_notebook_on_binder_and_colab():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    expected = colab_cell.update_readme(readme, colab_cell.readme_table(NOTEBOOKS),
                                        colab_cell.readme_badges(), colab_cell.readme_cite())
    assert readme == expected, (
        "README.md's launch links are out of date: run `python scripts/colab_cell.py --readme`")
    for path in NOTEBOOKS:
        binder, colab = colab_cell.launch_urls(path.name)
        assert binder in readme and colab in readme
