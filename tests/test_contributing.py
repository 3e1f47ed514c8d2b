"""CONTRIBUTING.md's module table lists every module of rnn_helpers/, and nothing else.

A row is `| `path` | what it holds |`, the path relative to rnn_helpers/: a module
(`core/rnn.py`), a package by its folder (`core/`, for its `__init__.py`), or another folder of
the package (`datasets/data/`). A cell may name several modules: `core/lstm.py`, `core/gru.py`.
"""

import re

from tests.conftest import ROOT

PACKAGE = ROOT / "rnn_helpers"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
HEADING = "## Modules"


def _table():
    """{path: line} of the first cell of every row of the module table."""
    lines = CONTRIBUTING.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(HEADING)), None)
    assert start is not None, f"CONTRIBUTING.md has no '{HEADING}' section"
    listed = {}
    for number, line in enumerate(lines[start + 1:], start + 2):
        if line.startswith("## "):
            break
        if not line.startswith("|") or set(line) <= set("|- "):
            continue
        first = line.split("|")[1]
        for path in re.findall(r"`([^`]+)`", first):
            listed.setdefault(path, number)
    assert listed, f"CONTRIBUTING.md's '{HEADING}' section has no table"
    return listed


def _modules():
    """Every module of the package, as the table names it."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        rel = path.relative_to(PACKAGE).as_posix()
        if path.name == "__init__.py" and path.parent != PACKAGE:
            rel = rel[: -len("__init__.py")]          # core/__init__.py -> core/
        found.add(rel)
    return found


def test_every_module_is_in_the_table():
    listed = _table()
    missing = sorted(_modules() - set(listed))
    assert not missing, (
        f"modules missing from CONTRIBUTING.md's module table ('{HEADING}'): "
        + ", ".join(missing) + ": add a row `| `path` | what it holds |` for each")


def test_the_table_lists_only_what_exists():
    stale = [f"CONTRIBUTING.md:{line}: `{path}`" for path, line in sorted(_table().items())
             if not (PACKAGE / path).exists()]
    assert not stale, ("CONTRIBUTING.md's module table lists what rnn_helpers/ does not have:\n  "
                       + "\n  ".join(stale))
