"""Input checks shared by every public function, so every message has one form.

    x: expected a 3-D array (B, T, D), got shape (5, 1)

The message names the argument, what was expected and what came; a hint may follow.
"""

import numpy as np


def _fail(name, expected, got, hint=None):
    message = f"{name}: expected {expected}, got {got}"
    if hint:
        message += f". {hint}"
    raise ValueError(message)


def check_array(
    name, x, ndim=None, shape=None, finite=True, dtype=None, layout=None, nonempty=False
):
    """Return `x` as a float array after checking it; raise ValueError naming `name` if not.

    ndim   : int or tuple of ints, the allowed numbers of axes.
    shape  : tuple with ints or None (None = any size on that axis).
    finite : refuse NaN and inf.
    dtype  : the float dtype to convert to; None keeps float32/float64, makes others float64.
    layout : words for the expected axes, e.g. "(B, T, D)", used in the message.
    nonempty : refuse an array with no entries.
    """
    if _fits_already(x, ndim, shape, finite, dtype, nonempty):
        return x  # the common case inside training loops, checked in a few microseconds
    if isinstance(x, (str, bytes)) or x is None:
        _fail(name, "a numeric array", f"{type(x).__name__} {x!r}"[:80])
    arr = np.asarray(x)
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        _fail(name, "a numeric array", f"dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        _fail(name, "a real-valued array", f"dtype {arr.dtype}")
    if dtype is not None:
        arr = arr.astype(dtype, copy=False)
    elif arr.dtype not in (np.float32, np.float64):
        arr = arr.astype(np.float64)
    where = f" {layout}" if layout else ""
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{n}-D" for n in allowed)
            hint = None
            if arr.ndim + 1 in allowed and (layout or "").startswith("(B"):
                hint = "Did you forget the batch axis? x[None] adds one"
            _fail(name, f"a {want} array{where}", f"shape {arr.shape}", hint)
    if shape is not None:
        if arr.ndim != len(shape) or any(
            s is not None and s != a for s, a in zip(shape, arr.shape, strict=False)
        ):
            sizes = ["any" if s is None else str(s) for s in shape]
            want = "(" + ", ".join(sizes) + ("," if len(sizes) == 1 else "") + ")"
            _fail(name, f"shape {want}{where}", f"shape {arr.shape}")
    if nonempty and arr.size == 0:
        _fail(name, f"a non-empty array{where}", f"shape {arr.shape}")
    if finite and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        _fail(name, "finite values", f"{bad} NaN or inf entries",
              "Check the data, or lower the learning rate if it came from training")
    return arr


def _fits_already(x, ndim, shape, finite, dtype, nonempty):
    """True when `x` is already a float ndarray that passes every check (a cheap test only:
    False sends it through the full checks, which then find and name the problem)."""
    if type(x) is not np.ndarray or dtype is not None or x.dtype not in (np.float32, np.float64):
        return False
    if ndim is not None and x.ndim not in ((ndim,) if isinstance(ndim, int) else ndim):
        return False
    if shape is not None:
        if x.ndim != len(shape):
            return False
        if any(s is not None and s != a for s, a in zip(shape, x.shape, strict=True)):
            return False
    if nonempty and x.size == 0:
        return False
    # A sum of finite numbers can still overflow to inf: then the full check decides.
    return not finite or bool(np.isfinite(x.sum()))


def check_state(name, s, B, H, dtype):
    """A recurrent state of shape (B, H) (h0, c0, h_prev, ...) as a float array; None = zeros."""
    if s is None:
        return np.zeros((B, H), dtype=dtype)
    s = check_array(name, s, ndim=2, layout="(B, H)")
    if s.shape != (B, H):
        _fail(name, f"shape ({B}, {H}) = (batch, hidden units)", f"shape {s.shape}")
    return s


def check_same(name_a, a, name_b, b, axis_a, axis_b, what):
    """Check that axis `axis_a` of `a` has the same size as axis `axis_b` of `b`."""
    if a.shape[axis_a] != b.shape[axis_b]:
        _fail(name_b, f"{what} {a.shape[axis_a]} (from {name_a} of shape {a.shape})",
              f"{b.shape[axis_b]} (shape {b.shape})")


def check_choice(name, value, choices):
    """Check that `value` is one of `choices` (strings); the message lists them."""
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        _fail(name, f"one of {listed}", repr(value))
    return value


def check_positive_int(name, value):
    """Check that `value` is an int >= 1 (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        _fail(name, "a positive integer", repr(value))
    return int(value)
