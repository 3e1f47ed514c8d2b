"""Build the course package's sdist, then its wheel from that sdist, as a release would.

    python scripts/build_dist.py OUTDIR      # prints the two paths, one a line

Offline: it calls setuptools' PEP 517 hooks with the running Python (whose setuptools must be
70.1 or newer: the `test` extra of pyproject.toml says so), never pip or the network. It builds
from a clean copy of the work tree (git's tracked and untracked-but-not-ignored files, or the
whole tree less caches where git is missing), so a stale build/ folder or *.egg-info left by an
editable install cannot add or hide a file. Building the wheel from the unpacked sdist proves
the sdist complete, the way `python -m build` does.

Used by tests/packaging/test_wheel.py and by the Colab CI leg (.ci/colab_leg.sh).
"""

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Never copied (the fallback when git is missing): caches, environments, build outputs.
SKIP = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".ruff_cache",
        ".ipynb_checkpoints", "node_modules", "slides", "artifacts"}


def _source_files(root):
    """The work tree's files, relative to root: what a fresh clone plus local changes holds."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others",
             "--exclude-standard"],
            check=True, capture_output=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        return [p.relative_to(root) for p in root.rglob("*")
                if p.is_file() and not SKIP.intersection(p.relative_to(root).parts)
                and not any(part.endswith(".egg-info") for part in p.parts)]
    # --cached also lists files deleted in the work tree but not yet in the index.
    return [Path(name) for name in listed.split("\0") if name and (root / name).is_file()]


def copy_tree(root, dest):
    for rel in _source_files(root):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, target)


def _hook(hook, source, outdir):
    """Run one setuptools PEP 517 hook in a fresh interpreter inside `source`; its file name."""
    code = ("import sys\nfrom setuptools import build_meta\n"
            f"print(build_meta.{hook}(sys.argv[1]))\n")
    done = subprocess.run([sys.executable, "-c", code, str(outdir)], cwd=source,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"build_dist: {hook} failed in {source} (exit {done.returncode})")
    return outdir / done.stdout.strip().splitlines()[-1]


def build(outdir, root=ROOT):
    """Build root's sdist into outdir, then the wheel from it; returns (sdist, wheel) paths."""
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rnn-build-dist-") as tmp:
        tmp = Path(tmp)
        source = tmp / "source"
        copy_tree(Path(root), source)
        sdist = _hook("build_sdist", source, outdir)
        unpacked = tmp / "unpacked"
        with tarfile.open(sdist) as archive:
            if hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+
                archive.extractall(unpacked, filter="data")
            else:
                archive.extractall(unpacked)
        (top,) = unpacked.iterdir()
        wheel = _hook("build_wheel", top, outdir)
    return sdist, wheel


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", help="where to write the .tar.gz and the .whl")
    args = parser.parse_args(argv)
    for path in build(args.outdir):
        print(path)


if __name__ == "__main__":
    main()
