"""Numerical gradients by centred differences, to check the backward passes against.

    ∂f/∂x_i ≈ (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)

The error of this estimate is of order eps**2 (the even terms of the Taylor series cancel), so
with eps = 1e-6 in float64 a correct backward agrees to about 1e-9 or better, and a wrong
one is off by far more than 1e-7. Run checks in float64: in float32 the rounding of f alone
is larger than the differences being measured.

    f = lambda: float(np.sum(rnn_forward(x, h0, W, U, b)[0] * dh))
    errors = check_gradients(f, {"x": x, "W": W}, grads)    # grads from rnn_backward
    print(format_report(errors))
"""

import math

import numpy as np

from .._validate import check_array, fail


def _call(f):
    value = f()
    try:
        value = float(value)
    except (TypeError, ValueError):
        fail("f", "a function returning a float", f"{type(value).__name__} {value!r}"[:80])
    if not math.isfinite(value):
        fail("f", "a finite value", repr(value), "Is the point itself valid?")
    return value


def numerical_gradient(f, x, eps=1e-6):
    """Centred-difference gradient of the scalar f() with respect to the array x.

        grad[i] = (f() with x[i] + eps  -  f() with x[i] - eps) / (2 eps)

    f takes no arguments and reads x, which is changed in place, one entry at a time, and
    restored (also if f raises). x must be a float64 numpy array. Returns an array like x.
    """
    if not callable(f):
        raise TypeError(f"f: expected a function of no arguments, got {type(f).__name__}")
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        what = f"dtype {x.dtype}" if isinstance(x, np.ndarray) else type(x).__name__
        fail("x", "a float64 numpy array (it is perturbed in place)", what,
              "Gradient checks need float64: x.astype(np.float64)")
    if not (isinstance(eps, (int, float)) and not isinstance(eps, bool) and 0 < eps < 1):
        fail("eps", "a step in (0, 1), such as 1e-6", repr(eps))
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        try:
            x[i] = old + eps
            f_plus = _call(f)
            x[i] = old - eps
            f_minus = _call(f)
        finally:
            x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """||a - b|| / max(||a|| + ||b||, 1e-300), with ||.|| the Euclidean norm of all entries.

    Norms of the whole array, not entry by entry: an entry whose true gradient is ~0 (a dead
    ReLU, a saturated tanh) would make |a_i - b_i| / (|a_i| + |b_i|) a ratio of two rounding
    errors, close to 1 for a correct gradient. The norm weighs each entry by its size. 0 when
    both are zero; 1 when one is zero and the other is not.
    """
    a = check_array("a", a, finite=False).astype(np.float64)
    b = check_array("b", b, finite=False).astype(np.float64)
    if a.shape != b.shape:
        fail("b", f"the shape of a {a.shape}", f"shape {b.shape}")
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300))


def check_gradients(f, arrays, analytic, eps=1e-6):
    """Compare analytic gradients with numerical ones, for every named array.

    f        : function of no arguments returning the loss (a float), reading `arrays`
    arrays   : {name: float64 array}, each perturbed in place and restored
    analytic : {name or "d" + name: ∂f/∂array}, e.g. the dict a backward returns
    Returns {name: relative error} in the order of `arrays`.
    """
    if not isinstance(arrays, dict) or not isinstance(analytic, dict):
        bad = "arrays" if not isinstance(arrays, dict) else "analytic"
        got = arrays if bad == "arrays" else analytic
        raise TypeError(f"{bad}: expected a dict of arrays, got {type(got).__name__}")
    errors = {}
    for name, x in arrays.items():
        key = name if name in analytic else "d" + name
        if key not in analytic:
            fail("analytic", f"a gradient under {name!r} or {'d' + name!r}",
                  f"keys {sorted(analytic)}")
        if np.shape(analytic[key]) != np.shape(x):
            fail(f"analytic[{key!r}]", f"shape {np.shape(x)}, like arrays[{name!r}]",
                  f"shape {np.shape(analytic[key])}")
        errors[name] = relative_error(analytic[key], numerical_gradient(f, x, eps))
    return errors


def _power(x):
    """1e-7 as '1e-7' (not '1e-07'), other numbers as '%g'."""
    p = round(math.log10(x))
    return f"1e{p}" if math.isclose(x, 10.0**p) else f"{x:g}"


def _bucket(error, floor):
    """'< 1e-9' style label: the next power of ten above `error`, never below `floor`."""
    if not math.isfinite(error):
        return str(error)
    power = math.floor(math.log10(error)) + 1 if error > 0 else -400
    return f"< 1e{max(power, round(math.log10(floor)))}"


def format_report(errors, tol=1e-7, floor=1e-8):
    """Text report of `check_gradients`: one line per name, then a verdict.

        W  rel. error < 1e-8  ok
        U  rel. error < 1e-2  FAILED
        FAILED: U above the tolerance 1e-7

    Errors are shown as the next power of ten above them, not as raw numbers, and everything
    below `floor` as "< 1e-8": a correct float64 check lands anywhere from 1e-11 to 2e-9
    depending on the data and the machine's rounding, so a finer scale would make the text
    change between machines, and a notebook's printed output is compared by nbval.
    """
    if not isinstance(errors, dict) or not errors:
        fail("errors", "a non-empty dict {name: relative error}", repr(errors)[:80])
    for name, value in (("tol", tol), ("floor", floor)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            fail(name, "a positive number such as 1e-7", repr(value))
    width = max(len(str(name)) for name in errors)
    labels = {name: _bucket(float(e), floor) for name, e in errors.items()}
    label_width = max(len(s) for s in labels.values())
    failed = [name for name, e in errors.items() if not float(e) < tol]
    lines = [f"{name!s:<{width}}  rel. error {labels[name]:<{label_width}}  "
             f"{'FAILED' if name in failed else 'ok'}" for name in errors]
    if failed:
        lines.append(f"FAILED: {', '.join(map(str, failed))} above the tolerance {_power(tol)}")
    else:
        n = len(errors)
        lines.append(f"{'all ' + str(n) + ' gradients agree' if n > 1 else 'the gradient agrees'}"
                     f" within {_power(tol)}")
    return "\n".join(lines)
