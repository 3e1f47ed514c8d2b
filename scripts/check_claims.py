"""Run the notebooks' claims over several seeds and BLAS thread counts; write docs/claims.md.

    python scripts/check_claims.py [--seeds 5] [--threads 1 2] [notebooks/*.ipynb]

Every comparison a notebook's text makes is asserted in the cell that computes it, with
`rh.claims.check(name, value, relation, bound)`. A margin is honest only if it holds for other
data, other initial weights and another machine. This script executes each notebook (in memory:
nothing on disk changes) once per seed (`RNN_SEED` = 0, 1, ..., read by `rh.claims.seed()`) and
per thread count (`OMP_NUM_THREADS` and friends = 1 or 2), collects every value the claims saw,
and writes a table: each claim, its notebook and code cell, its bound, the range of the value
over all runs, the smallest slack (how far from failing it came) and how many runs it held.

Two notebooks run at a time (the machine has 2 cores). Exits 1 if any claim failed in any run
or any notebook raised something else.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run_notebooks import CurrentEnvKernelManager, SlicedPollClient  # noqa: E402

ROOT = HERE.parent
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def run(path, seed, threads, timeout):
    """Execute one notebook with RNN_SEED=seed and `threads` BLAS threads; return
    (claims seen, error text or None, seconds)."""
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl", delete=False) as log:
        log_path = log.name
    os.environ.update({"RNN_SEED": str(seed), "RNN_CLAIMS_LOG": log_path,
                       "RNN_NOTEBOOK": path.name, **{v: str(threads) for v in THREAD_VARS}})
    os.environ.pop("MPLBACKEND", None)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    client = SlicedPollClient(nb, timeout=timeout, kernel_manager_class=CurrentEnvKernelManager,
                               allow_errors=False, record_timing=False,
                               resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    error = None
    try:
        client.execute()
    except Exception as err:  # a failed claim, or anything else: recorded, the others go on
        error = f"{type(err).__name__}: {str(err).strip().splitlines()[-1][:300]}"
    seconds = time.perf_counter() - start
    rows = [json.loads(line) for line in Path(log_path).read_text().splitlines() if line]
    os.unlink(log_path)
    return rows, error, seconds


def code_cell_of(nb, name):
    """The number (1-based, as Jupyter counts executions) of the code cell naming the claim."""
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        if f'"{name}"' in cell.source or f"'{name}'" in cell.source:
            return number
    return None


def table(notebooks, rows, errors, runs_per_notebook):
    lines = [
        "# The course's claims, over seeds and BLAS threads",
        "",
        "<!-- Written by scripts/check_claims.py; do not edit by hand. -->",
        "",
        "Each row is one comparison a notebook's text makes, asserted in the cell that computes",
        "it (`rh.claims.check`). The notebooks were executed once per seed and thread count;",
        "*range* is the value over all those runs, *slack* how far the closest run stayed from",
        "the bound (value − bound, or bound − value).",
        "",
        f"Runs per notebook: {runs_per_notebook}.",
        "",
        "| notebook | cell | claim | holds when | range over runs | least slack | held |",
        "|---|---|---|---|---|---|---|",
    ]
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        mine = [r for r in rows if r["notebook"] == path.name]
        for name in dict.fromkeys(r["name"] for r in mine):
            seen = [r for r in mine if r["name"] == name]
            values = [r["value"] for r in seen]
            rel, bound = seen[0]["relation"], seen[0]["bound"]
            if rel == "within":
                slack = min(bound - abs(v) for v in values)
                holds = f"\\|value\\| ≤ {bound:.4g}"
            elif rel in (">", ">="):
                slack = min(v - bound for v in values)
                holds = f"value {rel} {bound:.4g}"
            else:
                slack = min(bound - v for v in values)
                holds = f"value {rel} {bound:.4g}"
            held = sum(r["ok"] for r in seen)
            cell = code_cell_of(nb, name)
            lines.append(f"| {path.stem} | {cell or '?'} | {name} | {holds} | "
                         f"{min(values):.4g} … {max(values):.4g} | {slack:.4g} | "
                         f"{held}/{len(seen)} |")
    if errors:
        lines += ["", "## Runs that stopped", ""]
        lines += [f"- {e}" for e in errors]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        default=sorted((ROOT / "notebooks").glob("*.ipynb")))
    parser.add_argument("--seeds", type=int, default=5, help="seeds 0 .. N-1 (default 5)")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at once")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "claims.md")
    args = parser.parse_args(argv)
    notebooks = [p.resolve() for p in args.notebooks]

    jobs = [(p, s, t) for p in notebooks for s in range(args.seeds) for t in args.threads]
    rows, errors = [], []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run, p, s, t, args.timeout): (p, s, t) for p, s, t in jobs}
        for future, (p, s, t) in futures.items():
            got, error, seconds = future.result()
            rows += got
            failed = sum(not r["ok"] for r in got)
            status = "ok" if error is None else "STOPPED"
            print(f"{p.name:<36} seed {s} threads {t}: {len(got):3d} claims, "
                  f"{failed} failed, {status}, {seconds:5.1f} s", flush=True)
            if error is not None:
                errors.append(f"{p.name}, seed {s}, {t} thread(s): {error}")
    runs = args.seeds * len(args.threads)
    args.out.write_text(table(notebooks, rows, errors, runs), encoding="utf-8")
    print(f"wrote {args.out}: {len(rows)} checks, {len(errors)} stopped runs")
    return 1 if errors or not all(r["ok"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
