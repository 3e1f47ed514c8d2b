"""Input checks shared by every public function, so every message has one form.

    x: expected a 3-D array (B, T, D), got shape (5, 1)

The message names the argument, what was expected and what came; a hint may follow.
"""

import contextlib
import math

import numpy as np


def fail(name, expected, got, hint=None):
    message = f"{name}: expected {expected}, got {got}"
    if hint:
        message += f". {hint}"
    raise ValueError(message)


def check_array(
    name, x, ndim=None, shape=None, finite=True, dtype=None, layout=None, nonempty=False,
    like=None,
):
    """Return `x` as a float array after checking it; raise ValueError naming `name` if not.

    ndim   : int or tuple of ints, the allowed numbers of axes.
    shape  : tuple with ints or None (None = any size on that axis).
    finite : refuse NaN and inf.
    dtype  : the float dtype to convert to; None keeps float32/float64, makes others float64.
    layout : words for the expected axes, e.g. "(B, T, D)", used in the message.
    nonempty : refuse an array with no entries.
    like   : the expected shape without the batch axis, e.g. (5, 1), when it is known: a
             missing axis is then named exactly (the batch axis, or the feature axis).
    """
    if _fits_already(x, ndim, shape, finite, dtype, nonempty):
        return x  # the common case inside training loops, checked in a few microseconds
    if isinstance(x, (str, bytes)) or x is None:
        fail(name, "a numeric array", f"{type(x).__name__} {x!r}"[:80])
    arr = as_numeric(name, x)
    if np.iscomplexobj(arr):
        fail(name, "a real-valued array", f"dtype {arr.dtype}")
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
                hint = missing_axis_hint(name, arr.shape, like)
            fail(name, f"a {want} array{where}", f"shape {arr.shape}", hint)
    if shape is not None:
        if arr.ndim != len(shape) or any(
            s is not None and s != a for s, a in zip(shape, arr.shape, strict=False)
        ):
            sizes = ["any" if s is None else str(s) for s in shape]
            want = "(" + ", ".join(sizes) + ("," if len(sizes) == 1 else "") + ")"
            fail(name, f"shape {want}{where}", f"shape {arr.shape}")
    if nonempty and arr.size == 0:
        fail(name, f"a non-empty array{where}", f"shape {arr.shape}")
    if finite and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        fail(name, "finite values", f"{bad} NaN or inf entries",
              "Check the data, or lower the learning rate if it came from training")
    return arr


def as_numeric(name, x):
    """np.asarray(x), refusing what is not a rectangular array of numbers (ragged nested lists,
    strings, dicts, None entries) with a message naming `name`."""
    try:
        arr = np.asarray(x)
    except ValueError:   # numpy's "inhomogeneous shape": rows of different lengths
        fail(name, "an array whose rows all have one length (pad the shorter sequences)",
             _ragged(x))
    except TypeError:
        fail(name, "a numeric array", type(x).__name__)
    if arr.dtype == object:
        fail(name, "a numeric array",
             type(x).__name__ if arr.ndim == 0 else "entries that are not all numbers")
    if not (np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)):
        fail(name, "a numeric array", f"dtype {arr.dtype}")
    return arr


def _ragged(x):
    """Words for the first level of a nested list where the lengths differ."""
    rows = [x]
    for _ in range(32):
        sized = [r for r in rows if hasattr(r, "__len__") and not isinstance(r, (str, bytes))]
        if len(sized) != len(rows):
            return "numbers mixed with sequences at one level"
        lengths = sorted({len(r) for r in sized})
        if len(lengths) > 1:
            shown = ", ".join(map(str, lengths[:4])) + (", ..." if len(lengths) > 4 else "")
            return f"sequences of different lengths ({shown})"
        rows = [e for r in sized for e in r]
    return "a nested list numpy cannot make an array of"


def missing_axis_hint(name, got, like=None):
    """Which axis an array of shape `got` lacks, as a hint that works when followed.

    like: the expected shape without the batch axis (None = unknown sizes, or not known at
    all): with it the hint is exact; without it both readings are offered.
    """
    ref = name if name.isidentifier() else "x"

    def fits(shape, want):
        return len(shape) == len(want) and all(w is None or w == s
                                               for s, w in zip(shape, want, strict=True))

    batch = f"{ref}[None] adds the batch axis: shape {(1, *got)}"
    feature = f"{ref}[..., None] adds the feature axis: shape {(*got, 1)}"
    if like is None:
        return f"Did you forget the batch axis? {batch}. Or, for one feature per step, {feature}"
    like = tuple(like)
    if not like:
        return None
    if fits(got[1:], like[:-1]) and like[-1] in (1, None):
        return f"Missing feature axis? {feature}"
    if fits(got, like):
        return f"Did you forget the batch axis? {batch}"
    return None


_trusted = False  # True inside `trusted()`


@contextlib.contextmanager
def trusted():
    """Inside, check_array does not scan float arrays for NaN and inf again (it still checks
    their shapes): for `fit`'s steps, whose data were checked in full before the first one and
    whose NaN guard checks every output, gradient and weight itself."""
    global _trusted
    previous, _trusted = _trusted, True
    try:
        yield
    finally:
        _trusted = previous


def is_trusted():
    """True inside `trusted()`: callers may skip what they would check again."""
    return _trusted


def _fits_already(x, ndim, shape, finite, dtype, nonempty):
    """True when `x` is already a float ndarray that passes every check (a cheap test only:
    False sends it through the full checks, which then find and name the problem)."""
    if type(x) is not np.ndarray or x.dtype not in (np.float32, np.float64) or (
            dtype is not None and x.dtype != dtype):
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
    return not finite or _trusted or bool(np.isfinite(x.sum()))


def check_state(name, s, B, H, dtype):
    """A recurrent state of shape (B, H) (h0, c0, h_prev, ...) as a float array; None = zeros."""
    if s is None:
        return np.zeros((B, H), dtype=dtype)
    s = check_array(name, s, ndim=2, layout="(B, H)")
    if s.shape != (B, H):
        fail(name, f"shape ({B}, {H}) = (batch, hidden units)", f"shape {s.shape}")
    return s


def check_same(name_a, a, name_b, b, axis_a, axis_b, what):
    """Check that axis `axis_a` of `a` has the same size as axis `axis_b` of `b`."""
    if a.shape[axis_a] != b.shape[axis_b]:
        fail(name_b, f"{what} {a.shape[axis_a]} (from {name_a} of shape {a.shape})",
              f"{b.shape[axis_b]} (shape {b.shape})")


def check_choice(name, value, choices):
    """Check that `value` is one of `choices` (strings); the message lists them."""
    scalar = value is None or isinstance(value, (str, bool, int, float))
    if not scalar or value not in choices:   # an array or a list is never one of them
        listed = ", ".join(repr(c) for c in choices)
        fail(name, f"one of {listed}", repr(value))
    return value


def check_seed(seed):
    """A seed for numpy's generator: an int >= 0 (bools refused)."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        fail("seed", "a non-negative integer", repr(seed))
    return int(seed)


def check_flag(name, value):
    """True or False (numpy's bool too); anything else is a TypeError naming `name`."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}: expected True or False, got {value!r}")
    return bool(value)


def check_number(name, value, low=None, high=None, low_open=False, high_open=False):
    """A real, finite number within the bounds, as a float; the message names `name`."""
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_))
    if ok:
        value = float(value)
        ok = math.isfinite(value)
        if ok and low is not None:
            ok = value > low if low_open else value >= low
        if ok and high is not None:
            ok = value < high if high_open else value <= high
    if not ok:
        lo = "" if low is None else f"{'>' if low_open else '>='} {low:g}"
        hi = "" if high is None else f"{'<' if high_open else '<='} {high:g}"
        fail(name, "a finite number" + (f" {lo}" if lo else "") + (f" and {hi}" if hi else ""),
             repr(value))
    return value


def check_positive_int(name, value):
    """Check that `value` is an int >= 1 (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        fail(name, "a positive integer", repr(value))
    return int(value)
