# Shared by .ci/python_leg.sh, .ci/binder_check.sh and .ci/colab_leg.sh (sourced, not run).
#
# A "leg" is one extra CI configuration: a fresh venv somewhere under $LEGS_DIR, then the unit
# tests and every notebook (nbval) run in it. Each step is timed; the leg ends with one line
#     == leg NAME: ok in N s (venv N s, unit N s, nbval N s)
# or  == leg NAME: FAILED in step STEP after N s
# and a non-zero exit. Nothing is skipped quietly: a missing interpreter is a failure.

set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"

LEGS_DIR=${LEGS_DIR:-$REPO_ROOT/build/legs}
CELL_TIMEOUT=${CELL_TIMEOUT:-120}
export PIP_PROGRESS_BAR=off PIP_DISABLE_PIP_VERSION_CHECK=1
# Two legs may run side by side on a 2-core machine: one BLAS thread each keeps them from
# fighting over the cores. (Printed results are rounded, so they do not depend on this.)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
export MKL_NUM_THREADS=${MKL_NUM_THREADS:-1}
# Kernels must draw inline figures: no backend from the caller's shell.
unset MPLBACKEND
export PYDEVD_DISABLE_FILE_VALIDATION=1

LEG_NAME=${LEG_NAME:-leg}
_leg_start=$SECONDS
_leg_step=setup
_leg_times=()

_leg_on_exit() {
    local rc=$?
    if [[ $rc -ne 0 ]]; then
        echo "== leg $LEG_NAME: FAILED in step $_leg_step after $((SECONDS - _leg_start)) s (exit $rc)" >&2
    fi
}
trap _leg_on_exit EXIT

_leg_failed=()

# leg_step NAME CMD...: run CMD, time it, remember "NAME N s". A failure ends the leg.
leg_step() {
    _leg_step=$1
    shift
    echo "-- [$LEG_NAME] $_leg_step: $*"
    local start=$SECONDS
    "$@"
    _leg_times+=("$_leg_step $((SECONDS - start)) s")
}

# leg_check NAME CMD...: the same for a test step, except that the leg goes on to its other
# test steps after a failure (so one run reports them all); leg_done then fails.
leg_check() {
    _leg_step=$1
    shift
    echo "-- [$LEG_NAME] $_leg_step: $*"
    local start=$SECONDS rc=0
    "$@" || rc=$?
    if [[ $rc -eq 0 ]]; then
        _leg_times+=("$_leg_step $((SECONDS - start)) s")
    else
        _leg_times+=("$_leg_step $((SECONDS - start)) s FAILED")
        _leg_failed+=("$_leg_step")
    fi
}

leg_done() {
    local IFS=,
    if [[ ${#_leg_failed[@]} -gt 0 ]]; then
        _leg_step=${_leg_failed[*]}
        echo "== leg $LEG_NAME: FAILED ($((SECONDS - _leg_start)) s: ${_leg_times[*]})" >&2
        exit 1
    fi
    echo "== leg $LEG_NAME: ok in $((SECONDS - _leg_start)) s (${_leg_times[*]})"
}

# python_for_version X.Y -> path, or fail loudly.
python_for_version() {
    "$REPO_ROOT/.ci/find_python.sh" "$1"
}

# fresh_venv PYTHON DIR: a new, empty venv (whatever was there is removed).
fresh_venv() {
    rm -rf "$2"
    mkdir -p "$(dirname "$2")"
    "$1" -m venv "$2"
}

# show_versions VENV: the versions that matter for this course, on one line.
show_versions() {
    "$1/bin/python" - <<'EOF'
import importlib.metadata as md
import platform
names = ["numpy", "matplotlib", "ipywidgets", "ipykernel", "jupyterlab", "nbval", "pytest"]
found = []
for name in names:
    try:
        found.append(f"{name} {md.version(name)}")
    except md.PackageNotFoundError:
        pass
print(f"   Python {platform.python_version()}; " + ", ".join(found))
EOF
}

# run_unit VENV: the unit tests (tests/, without the browser test), as `make unit` runs them.
run_unit() {
    MPLBACKEND=Agg "$1/bin/python" -m pytest tests -q -p no:cacheprovider
}

# run_nbval VENV: every notebook through nbval, on a temporary copy of notebooks/ so that two
# legs running at once never write into the same folder (or into the work tree).
run_nbval() {
    local venv=$1
    shopt -s nullglob
    local nbs=("$REPO_ROOT"/notebooks/*.ipynb)
    shopt -u nullglob
    if [[ ${#nbs[@]} -eq 0 ]]; then
        echo "   no notebooks in notebooks/ yet: nothing to execute"
        return 0
    fi
    local tmp
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/rnn-leg-nb.XXXXXX")
    cp -r "$REPO_ROOT/notebooks" "$tmp/notebooks"
    echo "   ${#nbs[@]} notebook(s)"
    local rc=0
    (cd "$tmp" && "$venv/bin/python" -m pytest -q -p no:cacheprovider --nbval-lax \
        --nbval-current-env --nbval-cell-timeout="$CELL_TIMEOUT" notebooks/*.ipynb) || rc=$?
    rm -rf "$tmp"
    return "$rc"
}
