"""One list of dependencies: pyproject.toml's. The requirements files only name its extras, and
the environment check of notebook 00 (rh.check_environment) reads it back from the metadata."""

import re
from pathlib import Path

import pytest

from rnn_helpers import display

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENT_FILES = ["requirements.txt", "requirements-dev.txt", "requirements-browser.txt",
                     "binder/requirements.txt"]


@pytest.mark.parametrize("name", REQUIREMENT_FILES)
def test_requirement_files_name_no_package_of_their_own(name):
    lines = [line.split("#", 1)[0].strip() for line in (ROOT / name).read_text().splitlines()]
    lines = [line for line in lines if line]
    assert lines, f"{name} is empty"
    own = [line for line in lines if not re.fullmatch(r"-e \.(\[[a-z,]+\])?|-r \S+", line)]
    assert not own, (f"{name} lists packages itself ({own}): add them to pyproject.toml "
                     "([project] dependencies or an extra) instead")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("numpy>=1.23", ("numpy", "1.23", None)),
        ('jupyterlab>=4.0; extra == "lab"', ("jupyterlab", "4.0", "lab")),
        ("jupyterlab-rise>=0.40 ; extra == 'lab'", ("jupyterlab-rise", "0.40", "lab")),
        ("ipywidgets~=7.7.0", ("ipywidgets", "7.7.0", None)),
        ("tqdm", ("tqdm", "0", None)),
        ('pkg[x,y] (>=1.2,<2); python_version < "3.11" and extra == "test"',
         ("pkg", "1.2", "test")),
    ],
)
def test_parse_requirement(line, expected):
    assert display._parse_requirement(line) == expected


def test_requirements_are_read_from_the_installed_metadata():
    assert display.REQUIREMENTS is not None, "rnn-helpers is not installed: pip install -e ."
    tomllib = pytest.importorskip("tomllib", reason="tomllib is Python 3.11+")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    expected = [display._parse_requirement(r)[:2] + (False,) for r in project["dependencies"]]
    for extra in display.OPTIONAL_EXTRAS:
        expected += [display._parse_requirement(r)[:2] + (True,)
                     for r in project["optional-dependencies"][extra]]
    assert display.REQUIREMENTS == expected, (
        "the installed metadata differs from pyproject.toml: reinstall (make venv)")
    minimum = re.search(r">=\s*(\d+)\.(\d+)", project["requires-python"]).groups()
    assert display.MIN_PYTHON == tuple(int(n) for n in minimum)
    assert ("jupyterlab", "4.0", True) in display.REQUIREMENTS  # optional: not needed on Colab


def test_check_environment_without_the_installed_package(monkeypatch, capsys):
    monkeypatch.setattr(display, "REQUIREMENTS", None)
    rows = display.check_environment()
    out = capsys.readouterr().out
    assert rows[1:] == [("rnn-helpers", "", None, False)]
    assert "NOT INSTALLED" in out and "pip install -e ." in out
    assert "1 problem(s) to fix" in out
