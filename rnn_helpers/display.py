"""Helpers that notebooks use to show things: real source code, array shapes, the environment.

    rh.show_source(rh.rnn.rnn_step_forward)   # the highlighted code the course runs
    rh.show_shapes(x=x, h=h, W=W)             # name / shape / dtype, one row each
    rh.check_environment();                   # what is missing or too old, and the fix

Only the standard library is imported at the top, so `check_environment` can still report
a missing package: pygments and numpy are imported inside the functions that use them.
"""

import html
import importlib.metadata
import inspect
import platform
import re
import sys
import textwrap

# The course's own distribution: pyproject.toml's [project] dependencies are THE list of what the
# course needs, and check_environment reads it back from the installed package's metadata.
DISTRIBUTION = "rnn-helpers"
# Extras whose packages are optional rows: JupyterLab is needed only to run it yourself (not on
# Colab, not in another Jupyter). The other extras (test, browser) are for developers.
OPTIONAL_EXTRAS = ("lab",)


def _parse_requirement(text):
    """One Requires-Dist line -> (name, minimum version, extra or None).

    'numpy>=1.23' -> ('numpy', '1.23', None); 'jupyterlab>=4.0; extra == "lab"' ->
    ('jupyterlab', '4.0', 'lab'). The minimum is the >=, == or ~= version ('0' if none). Standard
    library only (no `packaging`): this must work before anything else is installed.
    """
    spec, _, marker = str(text).partition(";")
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
    if not match:
        raise ValueError(f"requirement: expected 'name>=version', got {text!r}")
    bound = re.search(r"(?:>=|==|~=)\s*([0-9][^,;\s)]*)", spec[match.end():])
    extra = re.search(r"""extra\s*==\s*["']([^"']+)["']""", marker)
    return match.group(1), bound.group(1) if bound else "0", extra.group(1) if extra else None


def _requirements_from_metadata(distribution=DISTRIBUTION):
    """[(name, minimum, optional), ...] of the installed course package, or None if it is not
    installed (then nothing says what the course needs). Other markers than `extra` are not
    evaluated: every requirement of the base list and of OPTIONAL_EXTRAS is checked."""
    try:
        lines = importlib.metadata.requires(distribution) or []
    except importlib.metadata.PackageNotFoundError:
        return None
    rows, seen = [], set()
    for line in lines:
        name, minimum, extra = _parse_requirement(line)
        if (extra is not None and extra not in OPTIONAL_EXTRAS) or name.lower() in seen:
            continue
        seen.add(name.lower())
        rows.append((name, minimum, extra is not None))
    return rows


def _min_python_from_metadata(distribution=DISTRIBUTION, default=(3, 10)):
    """Requires-Python '>=3.10' of the installed course package -> (3, 10); default if unknown."""
    try:
        spec = importlib.metadata.metadata(distribution).get("Requires-Python") or ""
    except importlib.metadata.PackageNotFoundError:
        return default
    match = re.search(r">=\s*(\d+)\.(\d+)", spec)
    return (int(match.group(1)), int(match.group(2))) if match else default


MIN_PYTHON = _min_python_from_metadata()

# (distribution name, minimum version, optional outside Jupyter), read from the metadata of the
# installed package (pyproject.toml); None when rnn-helpers is not installed as a package.
REQUIREMENTS = _requirements_from_metadata()


class Source:
    """The source code of a Python object, shown highlighted in a notebook, plain elsewhere.

    `_repr_html_` gives the code highlighted by pygments with inline styles (so the colours
    survive on GitHub and nbviewer); `repr()` and `str()` give the plain source text.
    """

    def __init__(self, code, title):
        self.code = code
        self.title = title

    def __repr__(self):
        return self.code

    __str__ = __repr__

    def _repr_pretty_(self, p, cycle):
        p.text(self.code)

    def _repr_html_(self):
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer

        body = highlight(self.code, PythonLexer(), HtmlFormatter(noclasses=True, style="default"))
        caption = (
            '<div style="font-family: monospace; font-size: 0.85em; color: #555;'
            f' margin-bottom: 2px;">{html.escape(self.title)}</div>'
        )
        return f"<div>{caption}{body}</div>"


def _title(obj):
    target = inspect.unwrap(obj) if callable(obj) else obj
    if inspect.ismethod(target):
        target = target.__func__
    module = getattr(target, "__module__", None) or ""
    name = getattr(target, "__qualname__", None) or getattr(target, "__name__", "")
    if inspect.ismodule(target):
        return target.__name__
    if not module or module == "__main__":
        return name
    return f"{module}.{name}"


def show_source(obj):
    """Show the source code of a function, class or method, highlighted.

    Returns a `Source` object: a notebook displays it as highlighted HTML (colours inline,
    so they render on GitHub too), a terminal prints the plain code.

    >>> show_source(rh.rnn.rnn_step_forward)        # doctest: +SKIP
    """
    target = inspect.unwrap(obj) if callable(obj) else obj
    if not (
        inspect.isfunction(target)
        or inspect.ismethod(target)
        or inspect.isclass(target)
        or inspect.ismodule(target)
    ):
        raise TypeError(
            "obj: expected a function, class, method or module written in Python, "
            f"got {type(obj).__name__} {_short_repr(obj)}"
        )
    try:
        code = inspect.getsource(obj)
    except (OSError, TypeError) as err:
        hint = ""
        if inspect.isclass(target) and target.__module__ == "__main__":
            hint = (". Before Python 3.13 a class defined in a notebook cell has no source "
                    "Python can find; show one of its methods instead")
        raise ValueError(
            "obj: expected an object whose source Python can read, "
            f"got {_short_repr(obj)} ({err}){hint}"
        ) from None
    return Source(textwrap.dedent(code), _title(obj))


def _short_repr(obj, limit=60):
    text = repr(obj)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def show_shapes(**arrays):
    """Print a small table: name, shape and dtype of each array given by keyword.

    >>> show_shapes(x=np.zeros((32, 5, 1)), W=np.zeros((1, 10)))
    name  shape        dtype
    ----  -----------  -------
    x     (32, 5, 1)   float64
    W     (1, 10)      float64
    """
    if not arrays:
        raise TypeError("show_shapes: expected at least one array by name, e.g. "
                        "show_shapes(x=x, W=W), got none")
    import numpy as np

    rows = [("name", "shape", "dtype")]
    for name, value in arrays.items():
        if not hasattr(value, "shape") or not hasattr(value, "dtype"):
            value = np.asarray(value)
        rows.append((name, str(tuple(value.shape)), str(value.dtype)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    rows.insert(1, tuple("-" * w for w in widths))
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _version_tuple(text):
    """'2.4.6' -> (2, 4, 6); '1.26.0rc1' -> (1, 26, 0); stops at the first non-number part."""
    parts = []
    for piece in str(text).split("."):
        digits = ""
        for ch in piece:
            if not ch.isdigit():
                break
            digits += ch
        if not digits:
            break
        parts.append(int(digits))
        if len(digits) < len(piece):
            break
    return tuple(parts)


def _at_least(found, required):
    a, b = _version_tuple(found), _version_tuple(required)
    n = max(len(a), len(b))
    return a + (0,) * (n - len(a)) >= b + (0,) * (n - len(b))


def check_environment(verbose=True):
    """Check Python and each course package against its minimum version.

    Returns a list of rows (name, required, found, ok); `found` is None when the package is
    not installed. With verbose=True (the default) it also prints a table and, for every
    problem, the command that fixes it. End the notebook line with `;` to show only the table.
    A missing optional package (JupyterLab, not needed on Colab or in another Jupyter) is ok.

    The packages and their minimum versions are pyproject.toml's, read from the installed
    package's metadata (REQUIREMENTS, MIN_PYTHON). When rnn_helpers is imported from a folder
    instead of installed, there is no such list: one row (rnn-helpers, "", None, False) says so.
    """
    rows = []
    notes = []
    fixes = []
    to_install = []

    required_py = ".".join(map(str, MIN_PYTHON))
    found_py = platform.python_version()
    ok_py = tuple(sys.version_info[:2]) >= tuple(MIN_PYTHON)
    rows.append(("Python", required_py, found_py, ok_py))
    notes.append("ok" if ok_py else "TOO OLD")
    if not ok_py:
        fixes.append(f"Python {found_py} is older than {required_py}: install Python "
                     f"{required_py} or newer (python.org), or run the course on Binder or Colab")

    if REQUIREMENTS is None:
        # Imported from a folder (a copied rnn_helpers/, a PYTHONPATH) instead of installed: the
        # package's metadata, where the list of what the course needs lives, is not there.
        rows.append((DISTRIBUTION, "", None, False))
        notes.append("NOT INSTALLED: the list of what the course needs cannot be read")
        fixes.append(f"the course's package ({DISTRIBUTION}) is imported from a folder, not "
                     "installed, so the packages it needs cannot be checked: from the "
                     "repository's folder, pip install -e . (on Colab: run the notebook's first "
                     "code cell)")
    for name, required, optional in REQUIREMENTS or []:
        try:
            found = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found = None
        if found is None and optional:
            ok, note = True, "not installed (optional: needed only to run JupyterLab yourself)"
        elif found is None:
            ok, note = False, "MISSING"
            fixes.append(f"{name} is not installed: pip install -U {name}")
            to_install.append(name)
        elif _at_least(found, required):
            ok, note = True, "ok"
        else:
            ok, note = False, "TOO OLD"
            fixes.append(f"{name} {found} is older than {required}: pip install -U {name}")
            to_install.append(name)
        rows.append((name, required, found, ok))
        notes.append(note)

    if verbose:
        table = [("package", "required", "found", "status")]
        for (name, required, found, _), note in zip(rows, notes, strict=True):
            table.append((name, f">= {required}" if required else "-", found or "-", note))
        widths = [max(len(row[i]) for row in table) for i in range(3)]
        for row in table:
            print("  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True))
                  + "  " + row[3])
        print()
        if fixes:
            print(f"{len(fixes)} problem(s) to fix:")
            for fix in fixes:
                print(f"  {fix}")
            if len(to_install) > 1:
                print(f"All at once: pip install -U {' '.join(to_install)}")
            print("In a notebook, run the command in a cell with % in front "
                  "(%pip install -U NAME), then restart the kernel.")
        else:
            print("Everything the course needs is installed.")
    return rows
