"""Every name of the package that a notebook mentions exists: `rh.<a>.<b>...` chains and
`from rnn_helpers... import ...` / `import rnn_helpers...`, in code cells and in Markdown cells
(the prose must not name what is gone either).

A chain is read up to its first call or bracket (`rh.plots.training.history(h).axes` is checked
as far as `rh.plots.training.history`) and resolved one attribute at a time, as the kernel
would. The names are resolved in a new Python process (MPLBACKEND=Agg), each notebook in a
fresh copy of the package and in the order of its cells, as in a fresh kernel: a name that
works only because another notebook imported something first is reported.
"""

import json
import os
import re
import subprocess
import sys

from tests.conftest import NOTEBOOKS, ROOT, cell_sources

CHAIN = re.compile(r"(?<![\w.])rh((?:\.[A-Za-z_]\w*)+)")
FROM_IMPORT = re.compile(r"(?<![\w.])from\s+(rnn_helpers(?:\.\w+)*)\s+import\s+"
                         r"(\([^)]*\)|[^\n`;#]+)")
IMPORT = re.compile(r"(?<![\w.])import\s+(rnn_helpers(?:\.\w+)*)")
IMPORTED_NAME = re.compile(r"\s*([A-Za-z_]\w*)(?:\s+as\s+\w+)?\s*$")

# Run in the new process: reads the references (JSON) on stdin, prints the failures (JSON).
RESOLVER = r"""
import importlib, json, sys

def fresh_package():
    for name in [n for n in sys.modules if n == "rnn_helpers" or n.startswith("rnn_helpers.")]:
        del sys.modules[name]
    return importlib.import_module("rnn_helpers")

def problem(error):
    return f"{type(error).__name__}: {error}"

def resolve(rh, ref):
    if ref["kind"] == "chain":
        obj, parts = rh, ref["parts"]
        for part in parts:
            try:
                obj = getattr(obj, part)
            except Exception as error:   # the message names the module and the attribute
                return problem(error)
        return None
    try:
        module = importlib.import_module(ref["module"])
    except Exception as error:
        return problem(error)
    for name in ref["names"]:
        if not hasattr(module, name):
            try:   # `from package import submodule` imports the submodule
                importlib.import_module(f"{ref['module']}.{name}")
            except ImportError:
                return f"{ref['module']} has no name {name!r}"
    return None

failures, current, rh = [], None, None
for ref in json.load(sys.stdin):
    if ref["notebook"] != current:
        current, rh = ref["notebook"], fresh_package()
    why = resolve(rh, ref)
    if why:
        failures.append(dict(ref, why=why))
print(json.dumps(failures))
"""


def references(notebook_name, cells):
    """The package names mentioned in `cells` ([(index, cell_type, source)]), in order."""
    found = []
    for index, cell_type, source in cells:
        where = {"notebook": notebook_name, "cell": index, "cell_type": cell_type}
        spans = []
        for match in CHAIN.finditer(source):
            spans.append((match.start(), {**where, "kind": "chain", "text": match.group(0),
                                          "parts": match.group(1)[1:].split(".")}))
        for match in FROM_IMPORT.finditer(source):
            names = []
            for item in match.group(2).strip("()").split(","):
                name = IMPORTED_NAME.match(item.replace("\n", " "))
                if not name:
                    break                          # prose after the last imported name
                names.append(name.group(1))
            spans.append((match.start(), {**where, "kind": "from", "text": match.group(0),
                                          "module": match.group(1), "names": names}))
        for match in IMPORT.finditer(source):
            spans.append((match.start(), {**where, "kind": "import", "text": match.group(0),
                                          "module": match.group(1), "names": []}))
        found.extend(ref for _, ref in sorted(spans, key=lambda span: span[0]))
    return found


def unresolved(refs):
    """The references that do not resolve, each with `why`."""
    env = dict(os.environ, MPLBACKEND="Agg")
    run = subprocess.run([sys.executable, "-c", RESOLVER], input=json.dumps(refs),
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _describe(failure):
    text = " ".join(failure["text"].split())
    return (f"notebooks/{failure['notebook']} cell {failure['cell']} ({failure['cell_type']}): "
            f"{text} -> {failure['why']}")


def test_every_package_name_in_the_notebooks_resolves():
    refs = []
    for path in NOTEBOOKS:
        refs.extend(references(path.name, cell_sources(path)))
    assert refs, "no rh.<name> or `from rnn_helpers import` found in notebooks/"
    failures = unresolved(refs)
    assert not failures, (f"{len(failures)} names in the notebooks that the package does not "
                          f"have:\n  " + "\n  ".join(_describe(f) for f in failures))


def test_the_reader_finds_chains_and_imports_and_stops_at_calls():
    cells = [(0, "markdown", "Call `rh.plots.training.history(h).axes` or rh.datasets.*; see "
                             "`from rnn_helpers.layers import SimpleRNN, Dense` and more."),
             (1, "code", "import rnn_helpers as rh\nx = rh.rnn.rnn_forward(a)[0]\n"
                         "from rnn_helpers.models import (\n    Sequential,\n    History,\n)\n"
                         "from rnn_helpers.models import Sequential  # noqa: I001\n"
                         "self.rh.nothing, arch.rh_not = 1, 2")]
    refs = references("x.ipynb", cells)
    assert [(r["cell"], r["kind"], r.get("parts") or r.get("names") or r["module"])
            for r in refs] == [
        (0, "chain", ["plots", "training", "history"]),
        (0, "chain", ["datasets"]),
        (0, "from", ["SimpleRNN", "Dense"]),
        (1, "import", "rnn_helpers"),
        (1, "chain", ["rnn", "rnn_forward"]),
        (1, "from", ["Sequential", "History"]),
        (1, "from", ["Sequential"]),
    ]


def test_a_lost_name_is_reported_and_a_fresh_kernel_is_used():
    cells = [(0, "code", "rh.rnn.rnn_forward\nrh.rnn.no_such_function\nrh.layers_extra.MinGRU\n"
                         "from rnn_helpers.layers import SimpleRNN, NoSuchLayer\n"
                         "import rnn_helpers.exercises_gated"),
             (1, "code", "rh.core.rnn")]           # works only once `rh.rnn` was used
    failures = unresolved(references("a.ipynb", cells[:1]) + references("b.ipynb", cells[1:]))
    assert [(f["notebook"], f["text"]) for f in failures] == [
        ("a.ipynb", "rh.rnn.no_such_function"), ("a.ipynb", "rh.layers_extra.MinGRU"),
        ("a.ipynb", "from rnn_helpers.layers import SimpleRNN, NoSuchLayer"),
        ("a.ipynb", "import rnn_helpers.exercises_gated"), ("b.ipynb", "rh.core.rnn")]
    assert "NoSuchLayer" in failures[2]["why"]
