"""The contract every public call is held to, and the tally of what the property tests saw.

    kind = attempt("Sequential.fit", lambda: model.fit(x, y), state=lambda: model_state(model),
                   names=FIT_ARGS, check=lambda history: ...)

A call either returns a correct result (`check` passes), or raises ValueError / TypeError
whose message begins with the name of one of its arguments ("x: expected ..."); after a failure
`state()` is exactly what it was before the call; and no warning escapes. The outcome of every
call is counted in RECORD (printed at the end of the run by conftest.py), as the issue asks:

    correct result   the call succeeded and its result passed the check
    clear error      ValueError / TypeError naming an argument, nothing changed
    obscure error    any other exception, or a message that names no argument
    state changed    a failed call left the model, the optimizer or a file changed
    wrong result     the call succeeded with a result that fails the check
"""

import copy
import warnings
from collections import Counter, defaultdict

import numpy as np

from rnn_helpers.core import utils
from rnn_helpers.layers import base

KINDS = ("correct result", "clear error", "obscure error", "state changed", "wrong result")
BAD_KINDS = ("obscure error", "state changed", "wrong result")
RECORD = defaultdict(Counter)   # api -> Counter({kind: count})


def names_argument(message, names):
    """True if `message` starts with one of `names` ("x: ...", "weights[2] (kernel ...): ...")."""
    head = message.split(":", 1)[0] if ":" in message else ""
    return any(head == n or head.startswith((n + "[", n + " ", n + "(")) for n in names)


def equal(a, b):
    """Deep equality of snapshots: arrays bit for bit (NaN equal to NaN), containers by item."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and a.tobytes() == b.tobytes())
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def layer_state(layer):
    """What a failed call must not change in a layer: built flag, shapes, names, weights."""
    return {"built": layer.built, "input_shape": layer.input_shape, "name": layer.name,
            "params": {k: p.copy() for k, p in layer.params.items()},
            "inner": [layer_state(v) for v in vars(layer).values() if isinstance(v, base.Layer)]}


def model_state(model):
    """Layers, built flag, input shape, compile settings, optimizer state, the package RNG."""
    opt = model.optimizer
    return {"layers": [layer_state(layer) for layer in model.layers],
            "names": [layer.name for layer in model.layers], "built": model.built,
            "input_shape": model._input_shape, "compiled": model.compiled,
            "loss": getattr(model, "_loss_fn", None), "metrics": list(getattr(
                model, "_metrics", {})), "history": id(getattr(model, "history", None)),
            "optimizer": None if opt is None else (id(opt), opt.iterations, copy.deepcopy(
                opt.state)),
            "rng": utils.get_rng().bit_generator.state, "name_counts": dict(base._name_counts)}


def attempt(api, call, state, names, check=None, errors=(ValueError, TypeError)):
    """Run call() under the contract; count its outcome; fail the test on a bad one.
    Returns (kind, result or exception)."""
    before = state()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = call()
        except Exception as error:   # noqa: BLE001 (classified below)
            result = error
            if not equal(before, state()):
                kind = "state changed"
            elif isinstance(error, errors) and names_argument(str(error), names):
                kind = "clear error"
            else:
                kind = "obscure error"
        else:
            try:
                if check is not None:
                    check(result)
                kind = "correct result"
            except AssertionError as wrong:
                kind, result = "wrong result", wrong
    RECORD[api][kind] += 1
    assert not caught, f"{api}: a warning escaped: {caught[0].category.__name__}: " \
                       f"{caught[0].message}"
    assert kind not in BAD_KINDS, f"{api}: {kind}: {type(result).__name__}: {result}"
    return kind, result


def summary_lines():
    """The tally as lines of a table: one per API, then the totals."""
    total = Counter()
    lines = [f"{'API':<34}" + "".join(f"{k:>16}" for k in KINDS)]
    for api in sorted(RECORD):
        total.update(RECORD[api])
        lines.append(f"{api:<34}" + "".join(f"{RECORD[api][k]:>16}" for k in KINDS))
    lines.append(f"{'all (' + str(sum(total.values())) + ' inputs)':<34}"
                 + "".join(f"{total[k]:>16}" for k in KINDS))
    return lines
