"""Grade the assignments with nbgrader's own autograder, on submissions whose marks are known.

    python scripts/autograde_selftest.py            # `make autograde-selftest` (needs nbgrader:
                                                    #  pip install -e .[teach])
    python scripts/autograde_selftest.py --keep build/teach/selftest   # keep the course folders

For each assignment in assignments/source/, in a throwaway course directory with its own
gradebook database (so the three run side by side and nothing is written into the repository):

  1. nbgrader generate_assignment NAME --force       the students' version, which must equal the
                                                     committed assignments/release/NAME/ (else:
                                                     run `make assignments`)
  2. submissions in submitted/<student>/NAME/:
       solution   the release with every solution cell filled from the source: full marks
       blank      the release as a student receives it: 0 points, no crash, and a
                  "Not yet: ..." (or "Hidden test") message in every graded cell
       bug-N      the solution with one usual mistake (assignments/buggy_submissions.py): the
                  parts it breaks score 0 with the expected feedback, every other part full marks
  3. nbgrader autograde NAME --force, then nbgrader generate_feedback NAME --force
  4. the scores from the gradebook, the messages from the autograded notebooks and the
     feedback HTML, compared with what each submission must get.

Prints one table (assignment, submission, points, what failed and the feedback it got), writes
it to build/teach/selftest.md, and exits 1 if any expectation is not met.
"""

import argparse
import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "assignments"
REPORT = ROOT / "build" / "teach" / "selftest.md"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
COLAB_TAG = "colab-setup"
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


# --- notebooks as JSON (no nbgrader needed: tests/assignments uses these too) -----------------

def read_nb(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def source_of(cell):
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def grade_id(cell):
    return nbgrader_meta(cell).get("grade_id")


def is_solution(cell):
    return bool(nbgrader_meta(cell).get("solution"))


def is_test(cell):
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution") and cell["cell_type"] == "code"


def strip_markers(code):
    """A solution cell's code as a student would have written it: without the two markers."""
    return "\n".join(line for line in code.split("\n")
                     if line.strip() not in (BEGIN, END))


def load_bugs():
    spec = importlib.util.spec_from_file_location("buggy_submissions",
                                                  COURSE / "buggy_submissions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BUGGY


def assignments():
    return sorted(p.name for p in (COURSE / "source").iterdir() if p.is_dir())


def notebook_path(folder, name):
    paths = sorted((folder / name).glob("*.ipynb"))
    if len(paths) != 1:
        raise SystemExit(f"{folder / name}: expected one notebook, found {len(paths)}")
    return paths[0]


def solutions(source_nb, bug=None):
    """{grade_id: code} of every solution cell of the source, markers removed, with `bug`
    (a dict of buggy_submissions.BUGGY) applied to its cell."""
    codes = {grade_id(c): strip_markers(source_of(c)) for c in source_nb["cells"]
             if is_solution(c)}
    if bug is not None:
        cell = bug["cell"]
        if cell not in codes:
            raise SystemExit(f"bug {bug['name']!r}: no solution cell {cell!r}")
        count = codes[cell].count(bug["old"])
        if count != 1:
            raise SystemExit(f"bug {bug['name']!r}: {bug['old']!r} occurs {count} times in "
                             f"{cell} (expected exactly once): update buggy_submissions.py")
        codes[cell] = codes[cell].replace(bug["old"], bug["new"])
    return codes


def fill(release_nb, codes):
    """The release notebook with its solution cells replaced by `codes`: a submission."""
    nb = json.loads(json.dumps(release_nb))
    for cell in nb["cells"]:
        if is_solution(cell):
            cell["source"] = codes[grade_id(cell)]
    return nb


def expectations(release_nb, kind, bug=None):
    """{grade_id: (full marks?, words the feedback must contain or None)} for a submission."""
    want = {}
    for cell in release_nb["cells"]:
        if not is_test(cell):
            continue
        gid = grade_id(cell)
        if kind == "solution":
            want[gid] = (True, None)
        elif kind == "blank":
            want[gid] = (False, "Not yet:")
        else:
            if gid in bug["fails"]:
                want[gid] = (False, bug["fails"][gid])
            else:
                want[gid] = (True, bug.get("notes", {}).get(gid))
    return want


def cell_text(cell):
    """Everything a graded cell printed (stdout, results, errors), as plain text."""
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append(source_of({"source": out["text"]}))
        elif out["output_type"] == "error":
            parts.append(f"{out['ename']}: {out['evalue']}")
        else:
            data = out.get("data", {})
            parts.append(source_of({"source": data.get("text/plain", "")}))
    return "\n".join(parts)


def normalised(nb):
    """A notebook's JSON with what nbgrader may vary between runs removed (nothing, today,
    but the comparison should not depend on key order)."""
    return json.dumps(nb, sort_keys=True, indent=1)


# --- one assignment through nbgrader -----------------------------------------------------------

def nbgrader(args, cwd, log):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for name in THREAD_VARIABLES:   # one BLAS thread: the course's matrices are small, and on a
        env.setdefault(name, "1")   # shared machine several threads spin (10x slower training)
    start = time.perf_counter()
    proc = subprocess.run(["nbgrader", *args], cwd=cwd, env=env, capture_output=True, text=True)
    log.append(f"$ nbgrader {' '.join(args)}   ({time.perf_counter() - start:.0f} s, exit "
               f"{proc.returncode})\n{proc.stdout}{proc.stderr}")
    if proc.returncode != 0:
        raise RuntimeError(f"nbgrader {args[0]} failed (exit {proc.returncode}):\n"
                           + (proc.stdout + proc.stderr)[-3000:])


def generate(name, workdir, log):
    """nbgrader generate_assignment in a fresh course folder -> (course, released notebook path,
    problems). The folder's gradebook.db then knows the assignment and its graded cells."""
    course = workdir / name
    (course / "source").mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", course)
    shutil.copytree(COURSE / "source" / name, course / "source" / name)
    nbgrader(["generate_assignment", name, "--force", f"--db=sqlite:///{course / 'gradebook.db'}"],
             course, log)
    released = notebook_path(course / "release", name)
    committed = COURSE / "release" / name / released.name
    problems = []
    if not committed.exists() or normalised(read_nb(committed)) != normalised(read_nb(released)):
        problems.append(f"{name}: assignments/release/ is not what nbgrader generates from "
                        "source/: run `make assignments` and commit the result")
    return course, released, problems


def submissions_for(name, released, bugs):
    """{student: (notebook, kind, bug)}: the solution, the blank release, one per bug."""
    source_nb = read_nb(notebook_path(COURSE / "source", name))
    release_nb = read_nb(released)
    subs = {"solution": (fill(release_nb, solutions(source_nb)), "solution", None),
            "blank": (release_nb, "blank", None)}
    for i, bug in enumerate(bugs.get(name, []), start=1):
        subs[f"bug-{i}"] = (fill(release_nb, solutions(source_nb, bug)), "bug", bug)
    return subs


def grade_shard(name, course, released, shard, subs, log):
    """Autograde and give feedback on some of the submissions, in a copy of the generated course
    folder (its own database: shards run side by side). -> (rows, problems)"""
    # nbgrader (the teach extra) is imported here, so that the helpers above work without it
    # (tests/assignments uses them)
    from nbgrader.api import Gradebook

    folder = course.with_name(f"{course.name}-{shard}")
    shutil.copytree(course, folder)
    db = f"sqlite:///{folder / 'gradebook.db'}"
    release_nb = read_nb(released)
    for student, (nb, _, _) in subs.items():
        target = folder / "submitted" / student / name
        target.mkdir(parents=True)
        (target / released.name).write_text(json.dumps(nb, indent=1), encoding="utf-8")
    nbgrader(["autograde", name, "--force", f"--db={db}"], folder, log)
    nbgrader(["generate_feedback", name, "--force", f"--db={db}"], folder, log)

    rows, problems = [], []
    with Gradebook(db) as gb:
        for student, (_, kind, bug) in subs.items():
            graded = gb.find_submission_notebook(released.stem, name, student)
            scores = {g.name: (g.score, g.max_score) for g in graded.grades}
            auto = read_nb(folder / "autograded" / student / name / released.name)
            texts = {grade_id(c): cell_text(c) for c in auto["cells"] if is_test(c)}
            feedback_file = folder / "feedback" / student / name / f"{released.stem}.html"
            feedback = html.unescape(feedback_file.read_text(encoding="utf-8")) \
                if feedback_file.exists() else ""
            if not feedback:
                problems.append(f"{name}/{student}: no feedback file {feedback_file.name}")
            failed = []
            for gid, (full, words) in expectations(release_nb, kind, bug).items():
                score, top = scores.get(gid, (None, None))
                text = texts.get(gid, "")
                if score is None:
                    problems.append(f"{name}/{student}/{gid}: no score in the gradebook")
                    continue
                if full and score != top:
                    problems.append(f"{name}/{student}/{gid}: {score:g} of {top:g} points, "
                                    f"expected full marks. It said: {text.strip()[:300]!r}")
                if not full and score != 0:
                    problems.append(f"{name}/{student}/{gid}: {score:g} points, expected 0")
                if re.search(r"Traceback|Error:", text) and "Not yet" not in text:
                    problems.append(f"{name}/{student}/{gid}: an error in the graded cell: "
                                    f"{text.strip()[:300]!r}")
                if words and words not in text:
                    problems.append(f"{name}/{student}/{gid}: the feedback should contain "
                                    f"{words!r}; it said {text.strip()[:300]!r}")
                if words and words not in feedback:
                    problems.append(f"{name}/{student}/{gid}: {words!r} is missing from the "
                                    "feedback HTML")
                if score != top:
                    message = next((line for line in text.splitlines()
                                    if line.startswith("Not yet")), text.strip()[:160])
                    failed.append(f"{gid} ({score:g}/{top:g}): {message}")
            total = sum(s for s, _ in scores.values())
            top = sum(t for _, t in scores.values())
            if kind == "solution" and total != top:
                problems.append(f"{name}/solution: {total:g} of {top:g} points")
            if kind == "blank" and total != 0:
                problems.append(f"{name}/blank: {total:g} points, expected 0")
            if kind == "bug" and not 0 < total < top:
                problems.append(f"{name}/{student}: {total:g} of {top:g}: expected partial marks")
            label = {"solution": "solution", "blank": "blank (as released)"}.get(
                kind, f"{student}: {bug['name'] if bug else ''}")
            rows.append((name, student, label, total, top, failed))
    return rows, problems


def table(rows, seconds):
    lines = ["| assignment | submission | points | parts that lost points: the feedback |",
             "|---|---|---|---|"]
    for name, _, label, total, top, failed in rows:
        detail = "<br>".join(f.replace("|", "\\|") for f in failed) if failed else "—"
        lines.append(f"| {name} | {label} | {total:g} / {top:g} | {detail} |")
    lines.append("")
    lines.append("Wall-clock time of each step (run side by side): "
                 + ", ".join(f"{n} {s:.0f} s" for n, s in seconds.items()))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="assignments (default: every one in source/)")
    parser.add_argument("--keep", type=Path, help="keep the course folders here")
    parser.add_argument("--jobs", type=int, default=3, help="nbgrader runs at once")
    parser.add_argument("--per-shard", type=int, default=2,
                        help="submissions autograded by one nbgrader run")
    args = parser.parse_args(argv)
    names = args.names or assignments()
    bugs = load_bugs()
    workdir = Path(tempfile.mkdtemp(prefix="rnn-autograde-"))
    start = time.perf_counter()
    seconds, logs, problems, rows = {}, {name: [] for name in names}, [], []

    def timed(label, fn, *a):
        t = time.perf_counter()
        try:
            return fn(*a)
        finally:
            seconds[label] = time.perf_counter() - t

    try:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            generated = dict(zip(names, pool.map(
                lambda n: timed(f"{n} generate", generate, n, workdir, logs[n]), names),
                strict=True))
            shards = []
            for name in names:
                course, released, found = generated[name]
                problems += found
                subs = submissions_for(name, released, bugs)
                if sum(kind == "bug" for _, kind, _ in subs.values()) < 3:
                    problems.append(f"{name}: fewer than three buggy submissions")
                students = list(subs)
                for k in range(0, len(students), args.per_shard):
                    part = {s: subs[s] for s in students[k:k + args.per_shard]}
                    shards.append((name, course, released, k // args.per_shard + 1, part))
            shards.sort(key=lambda job: job[0], reverse=True)   # the longest (A3) first
            results = list(pool.map(
                lambda job: timed(f"{job[0]} shard {job[3]}", grade_shard, *job, logs[job[0]]),
                shards))
        order = {name: i for i, name in enumerate(names)}
        for found_rows, found in results:
            rows += found_rows
            problems += found
        students = {}
        for name in names:
            students[name] = list(submissions_for(name, generated[name][1], bugs))
        rows.sort(key=lambda r: (order[r[0]], students[r[0]].index(r[1])))
    finally:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        for name in names:
            (REPORT.parent / f"selftest-{name}.log").write_text("\n".join(logs[name]),
                                                               encoding="utf-8")
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(workdir, args.keep)
        shutil.rmtree(workdir, ignore_errors=True)
    text = table(rows, seconds)
    REPORT.write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"\nautograde self-test: {len(rows)} submissions of {len(names)} assignments in "
          f"{time.perf_counter() - start:.0f} s (nbgrader logs in build/teach/)")
    if problems:
        print(f"\n{len(problems)} problem(s):\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print("all expectations met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
