#!/usr/bin/env bash
# The extra CI legs of .ci/run (after `make test`), sized for a 2-core machine and < 30 min:
#
#     .ci/ci_legs.sh prepare   # start the network-bound work in the background, at once:
#                              #   the binder env, the Python 3.10 + ipywidgets 7.7 venv, the
#                              #   Colab venv, Chromium (apt-get, only if missing), the npm
#                              #   packages of the slides. Returns immediately.
#     .ci/ci_legs.sh run       # wait for it, then run the legs, two at a time (one core each):
#                              #   binder (Python of binder/runtime.txt, 3.13): nbval + unit
#                              #   py310-widgets77 (Python 3.10, ipywidgets 7.7 as on Colab)
#                              #   colab (the wheel, --no-deps, in Colab's versions): nbval
#     .ci/ci_legs.sh cleanup   # stop whatever `prepare` started that is still running
#
# The browser test and the slides check run after this, as `make test-slides test-browser`.
# Each leg ends with one timing line; its whole log is build/legs/NAME.log, printed when it
# ends. Any failure is an exit code != 0: nothing is skipped quietly.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
LEGS_DIR=${LEGS_DIR:-$PWD/build/legs}
export LEGS_DIR
mkdir -p "$LEGS_DIR"
PIDS=$LEGS_DIR/prepare.pids
WIDGETS77=${WIDGETS77:-ipywidgets~=7.7.0}

# job NAME CMD...: CMD in its own process group, output to $LEGS_DIR/NAME.log, exit code to
# $LEGS_DIR/NAME.rc when it ends (`run` is another process: it cannot `wait` for these).
job() {
    local name=$1
    shift
    rm -f "$LEGS_DIR/$name.rc"
    setsid bash -c '"$@"; echo $? >"$0"' "$LEGS_DIR/$name.rc" "$@" \
        >"$LEGS_DIR/$name.log" 2>&1 </dev/null &
    echo "$name $!" >>"$PIDS"
}

install_chromium() {
    if command -v chromium >/dev/null 2>&1 || [[ -x ${CHROMIUM:-/usr/bin/chromium} ]]; then
        echo "chromium already installed: $(chromium --version 2>/dev/null || true)"
        return 0
    fi
    if [[ $(id -u) -ne 0 ]]; then
        echo "chromium is missing and this is not root: apt-get install -y chromium" >&2
        return 1
    fi
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
    chromium --version
}

prepare() {
    : >"$PIDS"
    LEG_PHASE=build job build-binder .ci/binder_check.sh
    LEG_PHASE=build job build-py310-widgets77 .ci/python_leg.sh py310-widgets77 3.10 "$WIDGETS77"
    LEG_PHASE=build job build-colab .ci/colab_leg.sh
    job chromium bash -c "$(declare -f install_chromium); install_chromium"
    job slides-vendor python3 scripts/export_slides.py --fetch-only
    echo "started in the background: $(cut -d' ' -f1 "$PIDS" | tr '\n' ' ')(logs in ${LEGS_DIR#"$PWD"/}/)"
}

# wait_jobs: wait for every prepared job; print the log of each; fail if any failed.
wait_jobs() {
    [[ -s $PIDS ]] || { echo "nothing prepared: run .ci/ci_legs.sh prepare first" >&2; return 1; }
    local failed=() name pid rc
    while read -r name pid; do
        while kill -0 "$pid" 2>/dev/null; do sleep 2; done
        rc=$(cat "$LEGS_DIR/$name.rc" 2>/dev/null || echo "none (killed?)")
        echo "---- $name, exit $rc (log: ${LEGS_DIR#"$PWD"/}/$name.log)"
        grep -v "^WARNING: Location 'file:" "$LEGS_DIR/$name.log" | tail -n 6
        [[ $rc == 0 ]] || failed+=("$name")
    done <"$PIDS"
    : >"$PIDS"
    if [[ ${#failed[@]} -gt 0 ]]; then
        echo "preparation failed: ${failed[*]}" >&2
        return 1
    fi
}

# The legs `run` runs, in this order, and the command of each.
LEGS=(binder py310-widgets77 colab)
leg_command() {
    case $1 in
        binder) .ci/binder_check.sh ;;
        py310-widgets77) .ci/python_leg.sh py310-widgets77 3.10 "$WIDGETS77" ;;
        colab) .ci/colab_leg.sh ;;
        *) echo "unknown leg $1" >&2; return 2 ;;
    esac
}

run() {
    local start=$SECONDS
    wait_jobs
    echo "preparation done ($((SECONDS - start)) s of waiting)"
    # Two legs at once, one core each (each sets one BLAS thread); the next one starts as soon
    # as one ends.
    local slots=${LEGS_AT_ONCE:-2}
    local queue=("${LEGS[@]}") running=() still name pid rc
    declare -A pid_of=() rc_of=()
    while [[ ${#queue[@]} -gt 0 || ${#running[@]} -gt 0 ]]; do
        while [[ ${#queue[@]} -gt 0 && ${#running[@]} -lt $slots ]]; do
            name=${queue[0]}
            queue=("${queue[@]:1}")
            LEG_PHASE="test" leg_command "$name" >"$LEGS_DIR/$name.log" 2>&1 &
            pid_of[$name]=$!
            running+=("$name")
            echo "leg $name started at $((SECONDS - start)) s"
        done
        sleep 2
        still=()
        for name in "${running[@]}"; do
            pid=${pid_of[$name]}
            if kill -0 "$pid" 2>/dev/null; then
                still+=("$name")
            else
                rc=0
                wait "$pid" || rc=$?
                rc_of[$name]=$rc
                echo "leg $name ended at $((SECONDS - start)) s, exit $rc"
            fi
        done
        running=(${still[@]+"${still[@]}"})
    done
    local summary="" any_failed=0
    for name in "${LEGS[@]}"; do
        echo
        echo "---- leg $name (log: ${LEGS_DIR#"$PWD"/}/$name.log)"
        grep -v "^WARNING: Location 'file:" "$LEGS_DIR/$name.log"
        summary+="$name exit ${rc_of[$name]}, "
        [[ ${rc_of[$name]} -eq 0 ]] || any_failed=1
    done
    echo
    echo "== legs: $summary$((SECONDS - start)) s in all"
    [[ $any_failed -eq 0 ]]
}

cleanup() {
    [[ -f $PIDS ]] || return 0
    local name pid
    while read -r name pid; do
        if kill -0 "$pid" 2>/dev/null; then
            echo "stopping $name ($pid)"
            kill -TERM -- "-$pid" 2>/dev/null || true
        fi
    done <"$PIDS"
    : >"$PIDS"
}

case ${1:-} in
    prepare) prepare ;;
    run) run ;;
    cleanup) cleanup ;;
    *) echo "usage: ci_legs.sh prepare|run|cleanup" >&2; exit 2 ;;
esac
