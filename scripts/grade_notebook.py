"""Grade students' copies of an assignment without nbgrader, with the teacher's own tests.

    python scripts/grade_notebook.py A1_simple_rnn alice.ipynb bob.ipynb [--csv grades.csv]

For each submission: the student's solution cells (found by the id nbgrader gave them,
metadata.nbgrader.grade_id, which the released copy carries) are put into the SOURCE notebook
(assignments/source/NAME/), so that the check cells are the teacher's whatever the student
changed, and the hidden tests run too. That notebook is executed with nbclient in this Python
(the course's .venv has it), and each graded cell's points are read the way nbgrader reads them
(an error: 0; a number shown as the cell's result: that many points). Prints every part's points
and message, and the total; --csv writes one row per submission.

A solution cell the student deleted or renamed counts as not done (the released stub runs
instead). Nothing is written next to the submissions.
"""

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))   # its sibling, also when imported

from autograde_selftest import (  # noqa: E402
    COURSE,
    cell_text,
    grade_id,
    is_solution,
    is_test,
    nbgrader_meta,
    notebook_path,
    read_nb,
    source_of,
)

STUB = "# TODO: replace this line and the next with your code\nraise NotImplementedError()"


def merged(name, submission):
    """The source notebook with the submission's solution cells in it, as nbformat JSON."""
    nb = read_nb(notebook_path(COURSE / "source", name))
    theirs = {grade_id(c): source_of(c) for c in submission["cells"] if is_solution(c)}
    for cell in nb["cells"]:
        if is_solution(cell):
            cell["source"] = theirs.get(grade_id(cell), STUB)
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return nb


def points_of(cell):
    """(points, out of) of an executed graded cell, as nbgrader's autograder counts them."""
    top = float(nbgrader_meta(cell)["points"])
    for out in cell.get("outputs", []):
        if out["output_type"] == "error" or (out["output_type"] == "stream"
                                             and out["name"] == "stderr"):
            return 0.0, top
        if out["output_type"] == "execute_result":
            try:
                return min(float(source_of({"source": out["data"]["text/plain"]})), top), top
            except (KeyError, ValueError):
                return top, top
    return top, top


def grade(name, path, timeout=900):
    """-> [(grade_id, points, out of, message)] for one submission."""
    import nbclient
    import nbformat

    nb = nbformat.reads(json.dumps(merged(name, read_nb(path))), as_version=4)
    with tempfile.TemporaryDirectory() as folder:
        client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                         allow_errors=True,
                                         resources={"metadata": {"path": folder}})
        client.execute()
    rows = []
    for cell in nb.cells:
        if is_test(cell):
            got, top = points_of(cell)
            text = cell_text(cell)
            message = next((line for line in text.splitlines()
                            if line.startswith(("Correct", "Not yet"))), text.strip()[:200])
            rows.append((grade_id(cell), got, top, message))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="the assignment, a folder of assignments/source/")
    parser.add_argument("submissions", nargs="+", type=Path, help="students' .ipynb files")
    parser.add_argument("--csv", type=Path, help="write one row per submission here")
    args = parser.parse_args(argv)
    if not (COURSE / "source" / args.name).is_dir():
        parser.error(f"no assignment {args.name!r} in assignments/source/")
    table = []
    for path in args.submissions:
        rows = grade(args.name, path)
        total, top = sum(r[1] for r in rows), sum(r[2] for r in rows)
        print(f"\n{path}: {total:g} / {top:g} points")
        for gid, got, out_of, message in rows:
            print(f"  {gid:<32} {got:g}/{out_of:g}  {message}")
        table.append((path, rows, total))
    if args.csv and table:
        with args.csv.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["submission", *(r[0] for r in table[0][1]), "total"])
            for path, rows, total in table:
                writer.writerow([str(path), *(f"{r[1]:g}" for r in rows), f"{total:g}"])
        print(f"\nwrote {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
