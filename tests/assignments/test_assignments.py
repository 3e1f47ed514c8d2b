"""The assignments (assignments/source/, assignments/release/) graded without nbgrader: every
code cell run in one namespace as a kernel would, each graded cell's verdict (`ok`) and message
read back. The same expectations as `make autograde-selftest`, which grades with nbgrader:

- each source solution scores every part;
- each released blank notebook scores none, with a "Not yet" (or "Hidden test") line per part;
- each seeded buggy submission (assignments/buggy_submissions.py) fails exactly the parts it
  should, each with the feedback that names the mistake, and scores every other part.

Cells tagged "slow" (training, the lag experiment) and the checks that read their results are
left to the nbgrader self-test, so this file runs in seconds.
"""

import contextlib
import io
import json
import re

import nbformat
import pytest

from tests.conftest import ROOT, load_script

selftest = load_script("autograde_selftest")
colab_cell = load_script("colab_cell")

NAMES = selftest.assignments()
BUGS = selftest.load_bugs()
SLOW = "slow"
TEXT_MIMES = ("text/plain", "text/html", "text/markdown")
ABSOLUTE_PATH = re.compile(r"(?<![\w.~-])(/root|/work|/tmp|/home|/Users|/private/var)"
                           r"(?=[/\s'\"]|$)")
TIME_ESTIMATE = re.compile(r"\b\d+\s*(?:min\b|minutes?\b)", re.I)


def source_nb(name):
    return selftest.read_nb(selftest.notebook_path(ROOT / "assignments" / "source", name))


def release_nb(name):
    return selftest.read_nb(selftest.notebook_path(ROOT / "assignments" / "release", name))


def patched_source(name, bug):
    """The source notebook (hidden tests included) with one bug put into its solution."""
    nb = source_nb(name)
    codes = selftest.solutions(nb, bug)
    for cell in nb["cells"]:
        if selftest.is_solution(cell):
            cell["source"] = codes[selftest.grade_id(cell)]
    return nb


def run(nb):
    """Run every code cell (but the Colab cell and slow ones) in one namespace; an error ends
    its cell, not the run. -> {grade_id: (ok, what the cell printed)} of the graded cells."""
    namespace = {"__name__": "__main__"}
    results = {}
    for cell in nb["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] != "code" or SLOW in tags or selftest.COLAB_TAG in tags:
            continue
        namespace.pop("ok", None)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                exec(compile(selftest.source_of(cell), "<cell>", "exec"), namespace)  # noqa: S102
            except Exception as error:  # noqa: BLE001 (a cell's error, as Jupyter shows it)
                print(f"ERROR {type(error).__name__}: {error}")
        if selftest.is_test(cell):
            results[selftest.grade_id(cell)] = (namespace.get("ok"), out.getvalue())
    return results


def graded_cells(nb):
    return [c for c in nb["cells"] if selftest.is_test(c)]


@pytest.fixture(scope="module", params=NAMES)
def name(request):
    return request.param


def test_three_assignments_with_three_buggy_submissions_each():
    assert NAMES == ["A1_simple_rnn", "A2_lstm_gru", "A3_char_lm"]
    for name in NAMES:
        assert len(BUGS[name]) >= 3, name


def test_solution_scores_every_part(name):
    results = run(source_nb(name))
    assert results
    failed = {gid: text for gid, (ok, text) in results.items() if ok is not True}
    assert not failed, failed
    assert all(text.startswith("Correct: ") for _, text in results.values())


def test_blank_release_scores_nothing_and_says_why(name):
    results = run(release_nb(name))
    hidden = {selftest.grade_id(c) for c in graded_cells(source_nb(name))
              if "### BEGIN HIDDEN TESTS" in selftest.source_of(c)}
    for gid, (ok, text) in results.items():
        if gid in hidden:
            assert ok is None and "Hidden test" in text, (gid, text)
        else:
            assert ok is False and "Not yet: " in text, (gid, text)
        assert "Traceback" not in text and "ERROR" not in text, (gid, text)


@pytest.mark.parametrize("name, index", [(n, i) for n in NAMES for i in range(len(BUGS[n]))],
                         ids=[f"{n}-{b['name']}" for n in NAMES for b in BUGS[n]])
def test_buggy_submission_gets_the_feedback_that_names_its_mistake(name, index):
    bug = BUGS[name][index]
    results = run(patched_source(name, bug))
    for gid, (ok, text) in results.items():
        if gid in bug["fails"]:
            assert ok is False, (gid, text)
            assert bug["fails"][gid] in text, (gid, text)
        else:
            assert ok is True, (gid, text)
            if gid in bug.get("notes", {}):
                assert bug["notes"][gid] in text, (gid, text)
    ids = {selftest.grade_id(c) for c in graded_cells(source_nb(name))}
    assert set(bug["fails"]) | set(bug.get("notes", {})) <= ids
    assert set(bug["fails"]) != ids, "a buggy submission must keep some points"


def test_points_in_each_graded_cell_match_its_metadata(name):
    nb = source_nb(name)
    total = 0
    for cell in graded_cells(nb):
        points = selftest.nbgrader_meta(cell)["points"]
        match = re.search(r"checks\.points\(ok, (\d+)\)\s*$", selftest.source_of(cell))
        assert match and int(match.group(1)) == points, selftest.grade_id(cell)
        total += points
    assert total == 20
    table = nb["cells"][0]["source"]
    assert "**total** | **20**" in (table if isinstance(table, str) else "".join(table))


def test_release_is_the_source_without_solutions_and_hidden_tests(name):
    source, release = source_nb(name), release_nb(name)
    assert ([selftest.grade_id(c) for c in source["cells"]]
            == [selftest.grade_id(c) for c in release["cells"]])
    for cell in release["cells"]:
        text = selftest.source_of(cell)
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
        if selftest.is_solution(cell):
            assert "# TODO: replace this line and the next with your code" in text
            assert "raise NotImplementedError()" in text


def test_release_notebooks_keep_the_course_hygiene(name):
    path = selftest.notebook_path(ROOT / "assignments" / "release", name)
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    first = nb.cells[0]
    assert first.cell_type == "markdown" and re.match(r"#\s+A\d", first.source)
    assert TIME_ESTIMATE.search(first.source), "say how long the assignment takes"
    assert colab_cell.has_current_cell(nb), "the Colab cell first, as in the lessons"
    for cell in nb.cells:
        assert cell.metadata.get("slideshow", {}).get("slide_type") is not None
        for output in cell.get("outputs", []):
            assert output.output_type != "error"
            data = output.get("data", {})
            text = output.get("text", "") + "".join(
                v if isinstance(v, str) else json.dumps(v) for k, v in data.items()
                if k in TEXT_MIMES)
            assert not ABSOLUTE_PATH.search(text)
    imports = selftest.source_of(nb.cells[2])
    assert "import rnn_helpers as rh" in imports
    assert "from rnn_helpers.exercises import assignments_" in imports


def test_points_show_as_a_number_for_nbgrader_and_a_fraction_for_people():
    from rnn_helpers.exercises import assignments_common as common

    assert float(repr(common.points(True, 3))) == 3.0
    assert float(repr(common.points(False, 3))) == 0.0
    assert common.points(True, 3)._repr_markdown_() == "**3 / 3 points**"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert common.points(None, 2) is None
    assert "Hidden test (2 points)" in out.getvalue()


@pytest.mark.parametrize("answer", [None, 42, "text", [1, 2], lambda *a, **k: None,
                                    lambda *a, **k: {"dW": "x"}, lambda *a, **k: (1, 2, 3)])
def test_checkers_never_raise(answer):
    from rnn_helpers.exercises import assignments_gated, assignments_language, assignments_rnn

    checks = [assignments_rnn.check_rnn_step_forward, assignments_rnn.check_rnn_forward,
              assignments_rnn.check_rnn_step_backward, assignments_rnn.check_rnn_backward,
              assignments_rnn.check_gradient_check, assignments_gated.check_lstm_step_forward,
              assignments_gated.check_lstm_step_backward, assignments_gated.check_gru_step_forward,
              assignments_gated.check_clip_by_global_norm, assignments_gated.check_tbptt,
              assignments_gated.check_why_forget, assignments_gated.check_one_seed,
              assignments_language.check_count_ngrams, assignments_language.check_ngram_perplexity,
              assignments_language.check_softmax_cross_entropy,
              assignments_language.check_stream_batches, assignments_language.check_training_loop,
              assignments_language.check_temperature_probs, assignments_language.check_generate]
    for check in checks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert check(answer) is False, check.__name__
        assert out.getvalue().startswith("Not yet: "), (check.__name__, out.getvalue())


def test_grading_without_nbgrader_uses_the_teachers_cells_and_nbgraders_rule():
    grader = load_script("grade_notebook")
    name = "A1_simple_rnn"
    submission = release_nb(name)
    for cell in submission["cells"]:
        if selftest.grade_id(cell) == "rnn_step_forward":
            cell["source"] = "def rnn_step_forward(x_t, h_prev, W, U, b):\n    return 42\n"
        if selftest.is_test(cell):
            cell["source"] = "ok = True\nchecks.points(ok, 2)"        # a student's edit
    submission["cells"] = [c for c in submission["cells"]
                           if selftest.grade_id(c) != "gradient_check"]   # a deleted cell
    merged = grader.merged(name, submission)
    cells = {selftest.grade_id(c): selftest.source_of(c) for c in merged["cells"]}
    assert "return 42" in cells["rnn_step_forward"]
    assert "raise NotImplementedError()" in cells["gradient_check"]
    assert "### BEGIN HIDDEN TESTS" in cells["test_rnn_backward_hidden"]
    assert "check_rnn_step_forward" in cells["test_rnn_step_forward"]
    meta = {"nbgrader": {"grade": True, "points": 3, "solution": False}}

    def cell(*outputs):
        return {"cell_type": "code", "metadata": meta, "outputs": list(outputs)}

    result = {"output_type": "execute_result", "data": {"text/plain": "2"}}
    error = {"output_type": "error", "ename": "NameError", "evalue": "x", "traceback": []}
    stderr = {"output_type": "stream", "name": "stderr", "text": "warning"}
    assert grader.points_of(cell(result)) == (2.0, 3.0)
    assert grader.points_of(cell(error)) == (0.0, 3.0)
    assert grader.points_of(cell(stderr, result)) == (0.0, 3.0)
    assert grader.points_of(cell()) == (3.0, 3.0)


def test_assignments_are_ruff_clean():
    ruff = pytest.importorskip("ruff")
    import subprocess
    import sys

    del ruff
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "assignments",
                           "tests/assignments", "scripts/autograde_selftest.py",
                           "scripts/grade_notebook.py"], cwd=ROOT, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
