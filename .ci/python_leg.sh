#!/usr/bin/env bash
# One CI leg on another Python and/or other package versions: a fresh venv, the course and its
# test tools installed (pip's cache reused), then the unit tests and every notebook (nbval).
#
#     .ci/python_leg.sh NAME X.Y [PIP_SPEC ...]
#
#     .ci/python_leg.sh py310 3.10
#     .ci/python_leg.sh py313 3.13
#     .ci/python_leg.sh py310-widgets77 3.10 "ipywidgets~=7.7.0"   # Colab's ipywidgets
#
# The venv is $LEGS_DIR/NAME (default build/legs/NAME). Extra PIP_SPECs are installed in the
# same pip call as requirements-dev.txt, so the resolver must satisfy both (a pin that conflicts
# with the course's lower bounds fails here, loudly). Ends with one timing line.
# LEG_PHASE=build only builds the venv, LEG_PHASE=test only tests an existing one (CI builds
# while `make test` runs, then tests); the default, all, does both.
LEG_NAME=${1:?usage: python_leg.sh NAME X.Y [PIP_SPEC ...]}
version=${2:?usage: python_leg.sh NAME X.Y [PIP_SPEC ...]}
shift 2
pins=("$@")

source "$(dirname "${BASH_SOURCE[0]}")/_leg_lib.sh"

venv=$LEGS_DIR/$LEG_NAME
echo "== leg $LEG_NAME: Python $version${pins:+, ${pins[*]}} in ${venv#"$REPO_ROOT"/}"

_leg_step=interpreter
python=$(python_for_version "$version")

install() {
    fresh_venv "$python" "$venv"
    "$venv/bin/python" -m pip install -q -r requirements-dev.txt ${pins[@]+"${pins[@]}"}
    show_versions "$venv"
}

check_pins() {  # each pin really is what got installed
    "$venv/bin/python" - "${pins[@]}" <<'EOF'
import importlib.metadata as md
import sys

from packaging.requirements import Requirement

for spec in sys.argv[1:]:
    req = Requirement(spec)
    have = md.version(req.name)
    if not req.specifier.contains(have, prereleases=True):
        sys.exit(f"pin {spec}: expected {req.specifier}, installed {req.name} {have}")
    print(f"   pin {spec}: {req.name} {have}")
EOF
}

phase=${LEG_PHASE:-all}
if [[ $phase == build || $phase == all ]]; then
    leg_step venv install
fi
if [[ $phase == test || $phase == all ]]; then
    _leg_step=venv
    [[ -x $venv/bin/python ]] || { echo "no venv in $venv: build it first" >&2; exit 1; }
    if [[ ${#pins[@]} -gt 0 ]]; then leg_step pins check_pins; fi
    leg_check unit run_unit "$venv"
    leg_check nbval run_nbval "$venv"
fi
leg_done
