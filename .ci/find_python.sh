#!/usr/bin/env bash
# Print the path of a Python interpreter of version X.Y, or exit 1 saying what is missing.
#
#     .ci/find_python.sh 3.10
#
# Looks, in order, at: $PYTHON_X_Y (e.g. PYTHON_3_10=/opt/py310/bin/python), `pythonX.Y` on
# PATH (only if it really runs: a pyenv shim for a version that is not active does not),
# and pyenv's versions folder ($PYENV_ROOT or ~/.pyenv), newest patch release first.
set -euo pipefail

want=${1:?usage: find_python.sh X.Y}
if ! [[ $want =~ ^3\.[0-9]+$ ]]; then
    echo "find_python.sh: version: expected X.Y such as 3.10, got '$want'" >&2
    exit 2
fi

works() {  # works PATH -> true if PATH runs and is Python $want
    [[ -x $1 ]] && [[ $("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) == "$want" ]]
}

override_var="PYTHON_${want//./_}"
if [[ -n ${!override_var:-} ]]; then
    if works "${!override_var}"; then echo "${!override_var}"; exit 0; fi
    echo "find_python.sh: $override_var=${!override_var} is not a working Python $want" >&2
    exit 1
fi

if candidate=$(command -v "python$want" 2>/dev/null) && works "$candidate"; then
    echo "$candidate"
    exit 0
fi

root=${PYENV_ROOT:-$HOME/.pyenv}
for dir in $(ls -d "$root/versions/$want".* 2>/dev/null | sort -V -r); do
    if works "$dir/bin/python$want"; then echo "$dir/bin/python$want"; exit 0; fi
done

echo "find_python.sh: no Python $want found (looked at \$$override_var, python$want on PATH," \
     "$root/versions/$want.*); install it, or set $override_var=/path/to/python$want" >&2
exit 1
