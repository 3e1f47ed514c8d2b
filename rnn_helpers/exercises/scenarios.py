"""Checks for the exercises of notebook 08 (sequences everywhere).

Each runs the learner's function on hidden cases with `exercises.check_function`, prints
"Correct: ..." or "Not yet: ..." in words, returns True or False and never raises.
"""

import numpy as np

from ..datasets.scenarios import depth_labels, frame_profiles
from .checking import check_function

# --- per-frame features (image sequences) -------------------------------------------------------


def _frame_cases():
    """Frames (B, F, N, M) with B, F, N, M all different, so a wrong axis shows."""
    rng = np.random.default_rng(8)
    return [(rng.normal(size=shape),) for shape in ((2, 3, 4, 5), (1, 4, 6, 3), (3, 2, 5, 7))]


def _explained(fn):
    """fn, with numpy's error for halves that cannot be joined put in the exercise's words."""
    def run(frames):
        try:
            return fn(frames)
        except ValueError as error:
            if "concatenation axis" not in str(error):
                raise
            raise ValueError("the two parts do not join: a mean removes the axis it runs over, "
                             "so the row means are (B, F, N), the column means (B, F, M); join "
                             "them on the last axis (axis=-1)") from None
    return run


def check_frame_profiles(fn):
    """fn(frames) -> (B, F, N + M): each frame's row means, then its column means."""
    def columns_first(frames):
        return np.concatenate([frames.mean(axis=2), frames.mean(axis=3)], axis=-1)

    def sums(frames):
        return np.concatenate([frames.sum(axis=3), frames.sum(axis=2)], axis=-1)

    def maxima(frames):
        return np.concatenate([frames.max(axis=3), frames.max(axis=2)], axis=-1)

    return check_function(_explained(fn) if callable(fn) else fn, _frame_cases(),
                          frame_profiles, name="frame_profiles",
                          arg_names=("frames",), mistakes=[
        ("the column means come first: put the N row means (mean over axis 3, the columns) "
         "before the M column means (mean over axis 2).", columns_first),
        ("these are sums, not means: divide by the number of pixels averaged (or use "
         ".mean), so that the features do not grow with the size of the frame.", sums),
        ("these are the brightest pixels of each row and column: take the mean brightness "
         "(.mean), which uses every pixel and so averages the noise away.", maxima),
    ])


# --- the confusion matrix -----------------------------------------------------------------------

def _confusion(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    for t, p in zip(y_true, y_pred, strict=True):
        cm[t, p] += 1
    return cm


def _confusion_cases():
    rng = np.random.default_rng(9)
    cases = []
    for n, K in ((12, 3), (30, 4), (7, 5)):     # the last one misses a class on purpose
        y_true = rng.integers(0, K - 1 if K == 5 else K, size=n)
        y_pred = np.where(rng.random(n) < 0.6, y_true, rng.integers(0, K, size=n))
        cases.append((y_true, y_pred, K))
    return cases


def check_confusion_matrix(fn):
    """fn(y_true, y_pred, n_classes) -> (K, K) counts, cm[true class, predicted class]."""
    def transposed(y_true, y_pred, K):
        return _confusion(y_true, y_pred, K).T

    def normalised(y_true, y_pred, K):
        cm = _confusion(y_true, y_pred, K).astype(float)
        return cm / np.maximum(cm.sum(axis=1, keepdims=True), 1)

    def fractions(y_true, y_pred, K):
        return _confusion(y_true, y_pred, K) / len(y_true)

    return check_function(fn, _confusion_cases(), _confusion, name="confusion_matrix",
                          arg_names=("y_true", "y_pred", "n_classes"), mistakes=[
        ("rows and columns are swapped: row i is the TRUE class i, column j the PREDICTED "
         "class j, so cm[y_true[k], y_pred[k]] += 1.", transposed),
        ("these are fractions of each row: the confusion matrix holds counts (divide by the "
         "row sums only when you want per-class accuracy).", normalised),
        ("these are fractions of all samples: the confusion matrix holds counts.", fractions),
        ("the size comes from the labels seen, not from n_classes: a class missing from a "
         "small sample still needs its row and column. Make it (n_classes, n_classes).",
         lambda y_true, y_pred, K: _confusion(y_true, y_pred,
                                              int(max(y_true.max(), y_pred.max())) + 1)),
    ])


# --- nesting depth (structure) ------------------------------------------------------------------

_DEPTH_CASES = [("(a(a))",), ("()()",), ("a((a)a)a",), ("(((a)))",), ("a",), ("(()(()))",),
                ("((a)(a(a)))a",)]


def _after_reading(s):
    """The depth after each character: ")" one lower than its pair."""
    depth, out = 0, []
    for ch in s:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        out.append(depth)
    return np.array(out)


def _before_reading(s):
    depth, out = 0, []
    for ch in s:
        out.append(depth)
        depth += {"(": 1, ")": -1}.get(ch, 0)
    return np.array(out)


def _brackets_low(s):
    """Both brackets labelled on the wrong side of the depth change."""
    return np.minimum(_after_reading(s), _before_reading(s))


def check_depth_labels(fn):
    """fn(s) -> the nesting depth of every character of the bracket string s."""
    return check_function(fn, _DEPTH_CASES, lambda s: depth_labels(s), name="depth_labels",
                          arg_names=("s",), mistakes=[
        ("each ')' got the depth AFTER it closes (one too low): a ')' belongs to the same "
         "pair as its '(', so label it first, then decrease the depth.", _after_reading),
        ("each '(' got the depth BEFORE it opens (one too low): increase the depth first, "
         "then label the '('.", _before_reading),
        ("every bracket is one too low: '(' was labelled before going deeper and ')' after "
         "going back up. It is the other way round: a bracket gets the depth of the pair it "
         "opens or closes.", _brackets_low),
        ("every label is one too high: an 'a' outside all brackets has depth 0, an outermost "
         "pair depth 1.", lambda s: depth_labels(s) + 1),
        ("every label is one too low: an outermost pair has depth 1 (0 is for atoms outside "
         "every bracket).", lambda s: depth_labels(s) - 1),
    ])


__all__ = ["check_confusion_matrix", "check_depth_labels", "check_frame_profiles"]
