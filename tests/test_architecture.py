"""The package's layers, read from its source with `ast` (nothing of it is imported but by the
last two tests, which check the `rh.` table).

Every module has a level; an import may point down or across, never up:

    0  _validate
    1  core, datasets        numpy, the standard library and _validate only (and their own part)
    2  layers
    3  models
    4  analysis
    5  plots, exercises, claims, display, glossary, quiz
    6  widgets

Every import counts, relative or absolute, at the top of a file or inside a function. The
package `__init__` files only re-export: they are exempt from the rules (their imports still
count in the search for cycles). Besides: no module reaches for another module's private names
(`_validate` and `widgets/_render` are private modules with public names), and no module is
over 300 lines (quiz.py and glossary.py are data tables).

Each failure names the file and the line: `rnn_helpers/plots/gates.py:9: ...`.
"""

import ast
import importlib
import itertools
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "rnn_helpers"
SOURCE = ROOT / PACKAGE

# The first name after `rnn_helpers.` -> the level of every module under it.
LEVELS = {
    "_validate": 0,
    "core": 1, "datasets": 1,
    "layers": 2,
    "models": 3,
    "analysis": 4,
    "plots": 5, "exercises": 5, "claims": 5, "display": 5, "glossary": 5, "quiz": 5,
    "widgets": 6,
}
# Parts that are the maths and the data: numpy and the standard library only.
NUMPY_ONLY = {"core", "datasets"}
ALLOWED_EXTERNAL = {"numpy"}
# Private modules (a name starting with "_") whose public names the package may import.
SHARED_PRIVATE_MODULES = {f"{PACKAGE}._validate", f"{PACKAGE}.widgets._render"} | {
    # The speed-tuned kernels beside the readable core: private modules (students open the
    # readable functions), public names, called by the layers.
    f"{PACKAGE}.core.{path.stem}" for path in (ROOT / PACKAGE / "core").glob("_*_kernels.py")}
# Data tables, not code: exempt from the length limit.
MAX_LINES = 300
DATA_TABLES = {f"{PACKAGE}.quiz", f"{PACKAGE}.glossary"}
STDLIB = set(sys.stdlib_module_names)


@dataclass
class Import:
    line: int
    target: str            # the module imported from: "numpy", "rnn_helpers.core.rnn", ...
    names: tuple = ()      # what `from target import ...` takes (empty for `import target`)
    text: str = ""         # the statement, for the message


@dataclass
class Module:
    name: str              # "rnn_helpers.core.rnn"; a package is named by its folder
    path: Path
    is_package: bool
    lines: int
    source: str = field(repr=False)
    tree: ast.Module = field(repr=False)
    imports: list = field(default_factory=list)

    @property
    def where(self):
        return self.path.relative_to(ROOT).as_posix()

    @property
    def part(self):
        parts = self.name.split(".")
        return parts[1] if len(parts) > 1 else None


def _module_name(path):
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _read_modules():
    modules = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        module = Module(_module_name(path), path, path.name == "__init__.py",
                        len(text.splitlines()), text, ast.parse(text, filename=str(path)))
        modules[module.name] = module
    for module in modules.values():
        module.imports = list(_imports(module, modules))
    return modules


def _resolve_relative(module, level, name):
    """The absolute module that `from <level dots><name> import ...` reads in `module`."""
    base = module.name.split(".")
    if not module.is_package:
        base = base[:-1]                        # a module's package
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _imports(module, modules):
    """Every import of `module`, wherever it stands; `from pkg import sub` is an import of the
    module pkg.sub when sub is one."""
    for node in ast.walk(module.tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        text = " ".join(ast.get_source_segment(module.source, node).split())
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(node.lineno, alias.name, (), text)
        elif isinstance(node, ast.ImportFrom):
            target = (_resolve_relative(module, node.level, node.module) if node.level
                      else node.module)
            plain = []
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                if submodule in modules:
                    yield Import(node.lineno, submodule, (), text)
                else:
                    plain.append(alias.name)
            if plain or not node.names:
                yield Import(node.lineno, target, tuple(plain), text)


MODULES = _read_modules()
RULED = [m for m in MODULES.values() if not m.is_package]   # the __init__ files only re-export


def _internal(name):
    return name == PACKAGE or name.startswith(PACKAGE + ".")


def _part(name):
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


def _level(name):
    return LEVELS.get(_part(name))


def _report(problems, what):
    return f"{len(problems)} {what}:\n  " + "\n  ".join(problems)


# --- (a) levels, what core and datasets import, cycles ----------------------------------------

def test_every_module_has_a_level():
    missing = [f"{m.where}:1: {m.name} is in no part of LEVELS (add its part to LEVELS in "
               f"tests/test_architecture.py, and to the table in rnn_helpers/__init__.py)"
               for m in MODULES.values() if m.name != PACKAGE and _level(m.name) is None]
    assert not missing, _report(missing, "modules without a level")


def test_imports_point_down_never_up():
    upward = []
    for module in RULED:
        mine = _level(module.name)
        for imp in module.imports:
            if not _internal(imp.target) or mine is None:
                continue
            theirs = _level(imp.target)
            if imp.target == PACKAGE or theirs is None or theirs > mine:
                upward.append(
                    f"{module.where}:{imp.line}: {module.part} (level {mine}) imports "
                    f"{imp.target} (level {theirs}, above it): {imp.text}")
    assert not upward, _report(upward, "upward imports")


def test_core_and_datasets_import_only_numpy_the_standard_library_and_validate():
    found = []
    for module in RULED:
        if module.part not in NUMPY_ONLY:
            continue
        for imp in module.imports:
            top = imp.target.split(".")[0]
            if _internal(imp.target):
                ok = imp.target == f"{PACKAGE}._validate" or _part(imp.target) == module.part
            else:
                ok = top in STDLIB or top in ALLOWED_EXTERNAL
            if not ok:
                found.append(f"{module.where}:{imp.line}: {module.part}/ imports {imp.target}: "
                             f"{imp.text}")
    assert not found, _report(found, "imports beyond numpy, the standard library and "
                                     "_validate in core/ or datasets/")


def _cycles(graph):
    """One cycle (a list of modules, first repeated last) per strongly connected component."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                found.append(_path_in(graph, component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _path_in(graph, component):
    """A shortest cycle through the first module of `component` (breadth-first)."""
    start = min(component)
    previous, todo = {start: None}, [start]
    while todo:
        v = todo.pop(0)
        for w in sorted(graph.get(v, ())):
            if w == start:                      # back at the start: v, its parents, ... start
                path = [v]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if w in component and w not in previous:
                previous[w] = v
                todo.append(w)
    return sorted(component)


def test_no_import_cycles():
    graph, lines = {}, {}
    for module in MODULES.values():
        for imp in module.imports:
            if _internal(imp.target) and imp.target in MODULES and imp.target != module.name:
                graph.setdefault(module.name, set()).add(imp.target)
                lines.setdefault((module.name, imp.target), f"{module.where}:{imp.line}")
    cycles = [" -> ".join(c) + "  (" + ", ".join(lines[pair] for pair in itertools.pairwise(c))
              + ")" for c in _cycles(graph)]
    assert not cycles, _report(cycles, "import cycles")


# --- (b) private names ------------------------------------------------------------------------

def _private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_module(name):
    """True if `name` is a private module, or lies in one, other than the shared ones."""
    parts = name.split(".")
    prefixes = {".".join(parts[:i]) for i in range(2, len(parts) + 1)}
    return any(_private(p.rsplit(".", 1)[-1]) and p not in SHARED_PRIVATE_MODULES
               for p in prefixes)


def _module_aliases(module):
    """Local names bound to modules of the package by `module`'s imports."""
    aliases = {}
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom):
            target = (_resolve_relative(module, node.level, node.module) if node.level
                      else node.module)
            for alias in node.names:
                if f"{target}.{alias.name}" in MODULES:
                    aliases[alias.asname or alias.name] = f"{target}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name in MODULES:
                    aliases[alias.asname] = alias.name
    return aliases


def test_no_module_uses_another_modules_private_names():
    found = []
    for module in RULED:
        for imp in module.imports:
            if not _internal(imp.target) or imp.target == module.name:
                continue
            if _private_module(imp.target):
                found.append(f"{module.where}:{imp.line}: imports the private module "
                             f"{imp.target}: {imp.text}")
            for name in imp.names:
                if _private(name):
                    found.append(f"{module.where}:{imp.line}: imports the private name {name} "
                                 f"from {imp.target}: {imp.text}")
        aliases = _module_aliases(module)
        for node in ast.walk(module.tree):
            if (isinstance(node, ast.Attribute) and _private(node.attr)
                    and isinstance(node.value, ast.Name) and node.value.id in aliases
                    and aliases[node.value.id] != module.name):
                found.append(f"{module.where}:{node.lineno}: uses the private name "
                             f"{aliases[node.value.id]}.{node.attr}")
    assert not found, _report(found, "uses of other modules' private names")


# --- (c) length -------------------------------------------------------------------------------

def test_no_module_is_over_300_lines():
    long = [f"{m.where}:{MAX_LINES + 1}: {m.lines} lines (at most {MAX_LINES}): split it"
            for m in MODULES.values() if m.lines > MAX_LINES and m.name not in DATA_TABLES]
    assert not long, _report(long, f"modules over {MAX_LINES} lines")


# --- (d) the rh. table ------------------------------------------------------------------------

def _table_lines():
    """name -> line of its entry in rnn_helpers/__init__.py's tables."""
    tree = ast.parse((SOURCE / "__init__.py").read_text(encoding="utf-8"))
    lines = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    lines.setdefault(key.value, key.lineno)
    return lines


def test_every_entry_of_the_rh_table_resolves():
    rh = importlib.import_module(PACKAGE)
    where = _table_lines()
    problems = []
    for name, target in sorted(rh._MODULES.items()):
        line = f"{PACKAGE}/__init__.py:{where.get(name, 1)}"
        try:
            module = importlib.import_module(f"{PACKAGE}.{target}")
        except Exception as error:  # every failure is reported, with its type
            problems.append(f"{line}: rh.{name} -> {target}: {type(error).__name__}: {error}")
            continue
        if getattr(rh, name) is not module:
            problems.append(f"{line}: rh.{name} is not {PACKAGE}.{target}")
    for name, target in sorted(rh._FUNCTIONS.items()):
        line = f"{PACKAGE}/__init__.py:{where.get(name, 1)}"
        module = importlib.import_module(f"{PACKAGE}.{target}")
        if not callable(getattr(module, name, None)) or getattr(rh, name) is not getattr(
                module, name):
            problems.append(f"{line}: rh.{name} is not the function {PACKAGE}.{target}.{name}")
    assert not problems, _report(problems, "entries of the rh. table that do not resolve")


def test_every_name_in_all_works():
    rh = importlib.import_module(PACKAGE)
    where = _table_lines()
    problems = []
    for name in rh.__all__:
        try:
            getattr(rh, name)
        except Exception as error:
            problems.append(f"{PACKAGE}/__init__.py:{where.get(name, 1)}: rh.{name}: "
                            f"{type(error).__name__}: {error}")
    assert not problems, _report(problems, "names of rh.__all__ that do not work")
    assert set(rh.__all__) == set(rh._MODULES) | set(rh._FUNCTIONS)
    assert set(rh.__all__) <= set(dir(rh))
    with pytest.raises(AttributeError):
        rh.no_such_name  # noqa: B018
