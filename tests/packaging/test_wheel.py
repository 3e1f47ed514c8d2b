"""The wheel and the sdist hold every file of rnn_helpers/ and nothing from outside it.

Colab installs the course from a wheel (the notebooks' first cell: pip install --no-deps from
git), not from this folder: a module or a data file that the wheel leaves out works here and
fails there. The sdist is built from a clean copy of the work tree, the wheel from the unpacked
sdist (scripts/build_dist.py: offline, with this venv's setuptools).

This folder has no __init__.py on purpose: as a regular package named `packaging`, it would
shadow the `packaging` library (which setuptools and pip import) whenever tests/ is on sys.path.
"""

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "rnn_helpers"
# Never in a wheel or an sdist: the rest of the repository.
NOT_SHIPPED = ("tests/", "scripts/", "notebooks/", "binder/", "benchmarks/", "docs/", ".ci/")


def package_files():
    """Every file under rnn_helpers/ (relative, posix), less caches and hidden files."""
    found = set()
    for path in (ROOT / PACKAGE).rglob("*"):
        rel = path.relative_to(ROOT)
        if (not path.is_file() or path.suffix in {".pyc", ".pyo"}
                or any(part == "__pycache__" or part.startswith(".") for part in rel.parts)):
            continue
        found.add(rel.as_posix())
    return found


def _missing_message(kind, missing):
    return (f"{len(missing)} file(s) of {PACKAGE}/ missing from the {kind}: "
            + ", ".join(sorted(missing))
            + "\n(see [tool.setuptools.packages.find] and package-data in pyproject.toml)")


@pytest.fixture(scope="module")
def dists(tmp_path_factory):
    try:
        import setuptools
    except ImportError:
        pytest.fail("setuptools is not installed: pip install -e '.[test]' (it builds the wheel)")
    major_minor = tuple(int(p) for p in setuptools.__version__.split(".")[:2])
    assert major_minor >= (70, 1), (
        f"setuptools {setuptools.__version__} cannot build a wheel on its own: "
        "pip install -e '.[test]' (setuptools>=70.1)")
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_dist.py"), str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        wheel_names = {n for n in zf.namelist() if not n.endswith("/")}
    with tarfile.open(sdist) as tf:
        members = [m.name for m in tf.getmembers() if m.isfile()]
    top = members[0].split("/")[0]  # rnn_helpers-0.1.0
    sdist_names = {m[len(top) + 1:] for m in members}
    return {"wheel": wheel_names, "sdist": sdist_names}


def test_the_package_has_files_to_check():
    files = package_files()
    assert f"{PACKAGE}/__init__.py" in files
    assert any(not f.endswith(".py") for f in files), "no data file found under rnn_helpers/"


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_every_file_of_the_package_is_shipped(dists, kind):
    missing = package_files() - dists[kind]
    assert not missing, _missing_message(kind, missing)


def test_the_wheel_holds_only_the_package_and_its_metadata(dists):
    outside = sorted(n for n in dists["wheel"]
                     if not n.startswith(f"{PACKAGE}/")
                     and not (n.startswith(f"{PACKAGE}-") and ".dist-info/" in n))
    assert not outside, f"files outside {PACKAGE}/ in the wheel: {', '.join(outside)}"
    # A file the source tree no longer has (a stale build/ folder) must not ship either.
    stale = {n for n in dists["wheel"] if n.startswith(f"{PACKAGE}/")} - package_files()
    assert not stale, f"files in the wheel that {PACKAGE}/ does not have: {sorted(stale)}"


def test_the_sdist_holds_the_build_files_and_no_repository_folders(dists):
    names = dists["sdist"]
    assert {"pyproject.toml", "README.md", "LICENSE", "PKG-INFO"} <= names
    shipped = sorted(n for n in names if n.startswith(NOT_SHIPPED))
    assert not shipped, f"repository files in the sdist: {', '.join(shipped)}"
