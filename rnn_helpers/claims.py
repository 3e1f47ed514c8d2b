"""Numbers in prose come from the computation; comparisons are asserted where they are computed.

    rh.claims.say("The RNN reaches {acc:.1%} on held-out data, the last-value rule {base:.1%}.",
                  acc=acc, base=base)
    rh.claims.check("the RNN beats the last-value rule", acc - base, ">", 0.05)

`say` shows a sentence (Markdown) whose numbers are the values given, so re-running a notebook
can never leave its text behind. `check` asserts a comparison the text makes ("beats", "at
chance", "explodes") with a margin; when it stops being true, the cell fails (and so does CI).

Every margin was chosen by running the claim over several seeds and BLAS thread counts:
`scripts/check_claims.py` executes the notebooks with `RNN_SEED` = 0, 1, ... (read by
`seed()` below) and 1 or 2 threads, collects what `check` saw (through `RNN_CLAIMS_LOG`) and
writes the table in `docs/claims.md`.
"""

import json
import math
import os
import re

from ._validate import check_choice, fail

RELATIONS = (">", ">=", "<", "<=", "within")


class ClaimError(AssertionError):
    """A claim the text makes that the computation no longer supports."""


def seed(offset=0):
    """The run's base seed plus `offset`: 0 unless the environment sets RNN_SEED (as
    scripts/check_claims.py does to rerun a notebook with other data and initial weights)."""
    base = os.environ.get("RNN_SEED", "0")
    if not base.isdigit():
        fail("RNN_SEED", "a non-negative integer", repr(base))
    return int(base) + int(offset)


def _holds(value, relation, bound):
    if relation == ">":
        return value > bound
    if relation == ">=":
        return value >= bound
    if relation == "<":
        return value < bound
    if relation == "<=":
        return value <= bound
    return abs(value) <= bound  # within


def _number(name, value):
    try:
        value = float(value)
    except (TypeError, ValueError):
        fail(name, "a real number", repr(value)[:60])
    if math.isnan(value):
        fail(name, "a number, not NaN", "nan")
    return value


def check(name, value, relation, bound):
    """Assert `value relation bound` (relation: ">", ">=", "<", "<=", or "within": |value| <=
    bound) and record it; raise ClaimError naming the claim when it does not hold.

    Returns the value, so a cell can print it.
    """
    if not isinstance(name, str) or not name:
        fail("name", "a non-empty string", repr(name))
    check_choice("relation", relation, RELATIONS)
    value = _number("value", value)
    bound = _number("bound", bound)
    ok = bool(_holds(value, relation, bound))
    _record(name, value, relation, bound, ok)
    if not ok:
        shown = f"|{value:.4g}|" if relation == "within" else f"{value:.4g}"
        raise ClaimError(f"The claim '{name}' no longer holds: {shown} is not "
                         f"{'<=' if relation == 'within' else relation} {bound:.4g}. "
                         "The text above says it does: look at what changed.")
    return value


def _record(name, value, relation, bound, ok):
    path = os.environ.get("RNN_CLAIMS_LOG")
    if not path:
        return
    row = {"notebook": os.environ.get("RNN_NOTEBOOK", ""), "seed": seed(),
           "threads": os.environ.get("OMP_NUM_THREADS", ""), "name": name, "value": value,
           "relation": relation, "bound": bound, "ok": ok}
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(row) + "\n")


class Said:
    """A sentence with its numbers filled in: Markdown in a notebook, plain text elsewhere."""

    def __init__(self, text):
        self.text = text

    def _repr_markdown_(self):
        return self.text

    def __repr__(self):
        return self.text

    __str__ = __repr__


_NEGATIVE_ZERO = re.compile(r"(?<![\w.])-(0(?:\.0+)?)(?![\d.])")


def _clean(value):
    """-0.0 prints as 0.0: a rounded negative zero is still zero."""
    if isinstance(value, float) and value == 0.0:
        return 0.0
    return value


def say(template, **values):
    """The sentence `template` (Markdown, str.format fields) with `values` filled in.

    Leave it as a cell's last expression (or `display(...)` it) to show it.
    """
    if not isinstance(template, str):
        fail("template", "a string with {name} fields", type(template).__name__)
    try:
        text = template.format(**{k: _clean(v) for k, v in values.items()})
        text = _NEGATIVE_ZERO.sub(r"\1", text)  # "-0.00" after rounding is "0.00"
    except KeyError as e:
        fail("values", f"a value for every field of the template, e.g. {e.args[0]}=...",
             f"only {sorted(values)}")
    return Said(text)
