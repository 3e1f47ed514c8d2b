#!/usr/bin/env bash
# The Colab leg: the course installed the way Colab installs it, next to Colab's own packages.
#
#     .ci/colab_leg.sh         # `make test-colab`
#
# On Colab, a notebook's first code cell runs
#     %pip install -q --no-deps "rnn-helpers @ git+https://github.com/OWNER/REPO"
# pip builds a wheel of the repository and installs it, not editable, beside Colab's numpy,
# matplotlib and ipywidgets 7.7.1, which --no-deps leaves as they are. This leg does the same,
# offline:
#   build  a fresh venv on Python 3.12 (Colab's; python3 if there is no 3.12, said loudly) with
#          the versions of .ci/colab-versions.txt (Colab's `pip freeze`) and nbval, each checked;
#   test   the sdist, then the wheel from it (scripts/build_dist.py), the wheel installed with
#          pip --no-deps; from a folder outside the repository with PYTHONPATH unset,
#          rnn_helpers must import from the venv's site-packages (never from this work tree),
#          every module of it must import, check_environment() must accept Colab's versions;
#          then every notebook runs through nbval in a copy of notebooks/ outside the repository.
# LEG_PHASE=build only builds the venv, LEG_PHASE=test only tests an existing one (CI builds while
# `make test` runs, then tests); the default, all, does both. COLAB_PYTHON_VERSION=X.Y picks
# another Python. Ends with one timing line.
LEG_NAME=colab
source "$(dirname "${BASH_SOURCE[0]}")/_leg_lib.sh"

# Nothing may bring the work tree back onto sys.path: no PYTHONPATH, no user site-packages.
unset PYTHONPATH
export PYTHONNOUSERSITE=1

venv=$LEGS_DIR/colab
dist=$LEGS_DIR/colab-dist
versions=$REPO_ROOT/.ci/colab-versions.txt
want=${COLAB_PYTHON_VERSION:-3.12}

pin() {  # pin NAME -> the version .ci/colab-versions.txt pins NAME to
    sed -n "s/^$1==\([^[:space:]]*\).*/\1/Ip" "$versions"
}

_leg_step=interpreter
if ! python=$(python_for_version "$want" 2>/dev/null); then
    python=$(command -v python3)
    echo "NOTE: no Python $want here (Colab's): the Colab leg uses python3 instead" >&2
fi
py_version=$("$python" -c 'import platform; print(platform.python_version())')
LEG_NAME="colab (Python $py_version, numpy $(pin numpy), matplotlib $(pin matplotlib),"
LEG_NAME+=" ipywidgets $(pin ipywidgets))"
echo "== leg $LEG_NAME: wheel --no-deps in ${venv#"$REPO_ROOT"/} ($python)"

build() {
    fresh_venv "$python" "$venv"
    "$venv/bin/python" -m pip install -q -r "$versions" "nbval>=0.10"
    show_versions "$venv"
}

check_pins() {  # every package of .ci/colab-versions.txt is installed at its pinned version
    "$venv/bin/python" - "$versions" <<'EOF'
import importlib.metadata as md
import sys

wrong = []
for line in open(sys.argv[1]):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    name, _, want = line.partition("==")
    have = md.version(name)
    if have != want:
        wrong.append(f"{name}: pinned {want}, installed {have}")
if wrong:
    sys.exit("not Colab's versions: " + "; ".join(wrong))
print("   all Colab pins installed as pinned")
EOF
}

make_dist() {  # the sdist, then the wheel from it, with the venv's setuptools (Colab's 75.2)
    rm -rf "$dist"
    "$venv/bin/python" "$REPO_ROOT/scripts/build_dist.py" "$dist" | sed 's/^/   /'
}

install_wheel() {  # as Colab's cell does: not editable, nothing else touched
    local wheels=("$dist"/*.whl)
    "$venv/bin/python" -m pip install -q --no-deps --force-reinstall "${wheels[@]}"
}

# outside_repo CMD...: run CMD in a new temporary folder outside the repository.
outside_repo() {
    local tmp rc=0
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/rnn-colab.XXXXXX")
    case "$(cd "$tmp" && pwd -P)/" in
        "$(cd "$REPO_ROOT" && pwd -P)/"*)
            echo "TMPDIR=$TMPDIR is inside the repository: the leg must run outside it" >&2
            rm -rf "$tmp"
            return 1 ;;
    esac
    (cd "$tmp" && "$@") || rc=$?
    rm -rf "$tmp"
    return "$rc"
}

check_installed() {
    "$venv/bin/python" - "$REPO_ROOT" <<'EOF'
import importlib
import importlib.metadata as md
import json
import pkgutil
import sys
import sysconfig
from pathlib import Path

import rnn_helpers

repo = Path(sys.argv[1]).resolve()
site = Path(sysconfig.get_paths()["purelib"]).resolve()
where = Path(rnn_helpers.__file__).resolve()
assert site in where.parents, f"rnn_helpers imported from {where}, not from {site}"
# (The venv itself may live in the repository, under build/legs/: the source is rnn_helpers/.)
assert where.parent != repo / "rnn_helpers", f"rnn_helpers imported from the work tree: {where}"
direct = json.loads(md.distribution("rnn-helpers").read_text("direct_url.json") or "{}")
assert not direct.get("dir_info", {}).get("editable"), "rnn-helpers is installed editable"
print(f"   rnn_helpers {rnn_helpers.__version__} from {where.parent}")

names = [m.name for m in pkgutil.walk_packages(rnn_helpers.__path__, "rnn_helpers.")]
for name in names:
    module = importlib.import_module(name)
    assert site in Path(module.__file__).resolve().parents, (name, module.__file__)
print(f"   all {len(names)} modules import, each from site-packages")

from rnn_helpers import display

rows = display.check_environment()
bad = [row for row in rows if not row[3]]
assert not bad, f"check_environment() refuses Colab's versions: {bad}"
EOF
}

run_notebooks() {
    shopt -s nullglob
    local nbs=("$REPO_ROOT"/notebooks/*.ipynb)
    shopt -u nullglob
    if [[ ${#nbs[@]} -eq 0 ]]; then
        echo "   no notebooks in notebooks/ yet: nothing to execute"
        return 0
    fi
    cp -r "$REPO_ROOT/notebooks" notebooks
    echo "   ${#nbs[@]} notebook(s), in $PWD/notebooks"
    # jupyter_client 7.4 (Colab's) on Python 3.12 warns about utcnow() on every message.
    "$venv/bin/python" -m pytest -q -p no:cacheprovider --nbval-lax --nbval-current-env \
        --nbval-cell-timeout="$CELL_TIMEOUT" \
        -W "ignore::DeprecationWarning:jupyter_client.session" \
        -W "ignore::DeprecationWarning:jupyter_client.utils" notebooks/*.ipynb
}

phase=${LEG_PHASE:-all}
if [[ $phase == build || $phase == all ]]; then
    leg_step venv build
fi
if [[ $phase == test || $phase == all ]]; then
    _leg_step=venv
    [[ -x $venv/bin/python ]] || { echo "no venv in $venv: build it first" >&2; exit 1; }
    leg_step pins check_pins
    leg_step dist make_dist
    leg_step install install_wheel
    leg_check installed outside_repo check_installed
    leg_check nbval outside_repo run_notebooks
fi
leg_done
