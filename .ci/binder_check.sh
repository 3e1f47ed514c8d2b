#!/usr/bin/env bash
# Simulate Binder: build a fresh venv from binder/ alone, the way repo2docker does, and execute
# every notebook in it.
#
#     .ci/binder_check.sh          # `make test-binder`: notebooks (nbval) + unit tests
#     .ci/binder_check.sh --pure   # notebooks only, in the binder env with nothing added
#
# What repo2docker does for this repository (Python buildpack, binder/ folder present):
#   1. an environment with the Python that binder/runtime.txt names (here: a venv of that
#      version; repo2docker's own also holds JupyterLab, which our requirements install anyway);
#   2. from the repository root, with the whole repository copied in (binder/requirements.txt
#      has a local reference, `-r ../requirements.txt`, which installs `-e .[lab]`):
#          pip install --no-cache-dir -r "binder/requirements.txt"
#   3. binder/postBuild, if the file exists (run with bash, the env's bin/ first on PATH).
# This script runs exactly those pip commands. The root requirements.txt, requirements-dev.txt
# and pyproject.toml play no part except through binder/requirements.txt.
#
# Then, by default (the CI leg, so that the notebooks run once and serve as the Python-version
# leg too): the `test` extra of pyproject.toml (pytest, nbval, setuptools for the wheel test...)
# is added with the binder environment's own versions as constraints
# (`pip install -c frozen.txt ...`), the script checks that no package of the env changed,
# and runs the unit tests and every notebook through nbval. With --pure, nothing is added: every
# notebook is executed with scripts/run_notebooks.py on a temporary copy.
# LEG_PHASE=build only builds the environment, LEG_PHASE=test only tests an existing one (CI
# builds while `make test` runs, then tests); the default, all, does both.
pure=0
case ${1:-} in
    --pure) pure=1 ;;
    "") ;;
    *) echo "usage: binder_check.sh [--pure]" >&2; exit 2 ;;
esac

LEG_NAME=binder
source "$(dirname "${BASH_SOURCE[0]}")/_leg_lib.sh"

venv=$LEGS_DIR/binder
runtime=$(tr -d '[:space:]' < binder/runtime.txt)
if ! [[ $runtime =~ ^python-(3\.[0-9]+)$ ]]; then
    echo "binder/runtime.txt: expected python-3.X, got '$runtime'" >&2
    exit 1
fi
version=${BASH_REMATCH[1]}
LEG_NAME="binder (Python $version)"
echo "== leg $LEG_NAME: venv from binder/ alone in ${venv#"$REPO_ROOT"/}"

_leg_step=interpreter
python=$(python_for_version "$version")

build() {
    fresh_venv "$python" "$venv"
    # repo2docker's step, word for word, from the repository root:
    "$venv/bin/pip" install --no-cache-dir -q -r "binder/requirements.txt"
    if [[ -f binder/postBuild ]]; then
        PATH="$venv/bin:$PATH" bash binder/postBuild
    fi
    show_versions "$venv"
    "$venv/bin/jupyter" lab --version | sed 's/^/   jupyter lab /'
    "$venv/bin/python" -c "import rnn_helpers, sys; print('   rnn_helpers', rnn_helpers.__version__, 'from', 'the repository' if rnn_helpers.__file__.startswith(sys.argv[1]) else rnn_helpers.__file__)" "$REPO_ROOT"
}

frozen=$venv/binder-freeze.txt
freeze() {  # the binder env as installed, editable lines left out (constraints cannot hold them)
    "$venv/bin/pip" freeze --exclude-editable | grep -v '^#' | sort
}

test_extra() {  # the `test` extra's requirements, as the installed package's metadata lists them
    "$venv/bin/python" - <<'EOF'
import importlib.metadata as md
import re

for line in md.requires("rnn-helpers") or []:
    spec, _, marker = line.partition(";")
    if re.search(r"""extra\s*==\s*["']test["']""", marker):
        print(spec.strip())
EOF
}

add_test_tools() {
    freeze > "$frozen"
    local tools
    mapfile -t tools < <(test_extra)
    [[ ${#tools[@]} -gt 0 ]] || { echo "no test extra in rnn-helpers' metadata" >&2; return 1; }
    "$venv/bin/pip" install -q -c "$frozen" "${tools[@]}"
    # Every package of the binder env is still there at the same version.
    local changed
    changed=$(comm -23 "$frozen" <(freeze))
    if [[ -n $changed ]]; then
        echo "adding the test extra (${tools[*]}) changed the binder environment:" >&2
        echo "$changed" >&2
        return 1
    fi
    echo "   added $(comm -13 "$frozen" <(freeze) | tr '\n' ' '); nothing else changed"
}

run_pure() {
    shopt -s nullglob
    local nbs=(notebooks/*.ipynb)
    shopt -u nullglob
    if [[ ${#nbs[@]} -eq 0 ]]; then
        echo "   no notebooks in notebooks/ yet: nothing to execute"
        return 0
    fi
    local tmp rc=0
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/rnn-binder-nb.XXXXXX")
    cp -r notebooks "$tmp/notebooks"
    "$venv/bin/python" scripts/run_notebooks.py --timeout "$CELL_TIMEOUT" "$tmp"/notebooks/*.ipynb \
        || rc=$?
    rm -rf "$tmp"
    return "$rc"
}

phase=${LEG_PHASE:-all}
if [[ $phase == build || $phase == all ]]; then
    leg_step build build
    if [[ $pure -eq 0 ]]; then leg_step test-tools add_test_tools; fi
fi
if [[ $phase == test || $phase == all ]]; then
    _leg_step=build
    [[ -x $venv/bin/python ]] || { echo "no binder env in $venv: build it first" >&2; exit 1; }
    if [[ $pure -eq 1 ]]; then
        leg_check notebooks run_pure
    else
        leg_check nbval run_nbval "$venv"
        leg_check unit run_unit "$venv"
    fi
fi
leg_done
