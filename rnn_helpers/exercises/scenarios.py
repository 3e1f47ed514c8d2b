"""Checks for the exercises of notebook 08 (sequences everywhere).

Each runs the learner's function on hidden cases with `exercises.check_function`, prints
"Correct: ..." or "Not yet: ..." in words, returns True or False and never raises.
"""

import numpy as np

from ..datasets.scenarios import DIRECTIONS, depth_labels, frame_profiles
from .checking import check_function, checker, say

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


# --- reading a confusion matrix -----------------------------------------------------------------

# A made-up held-out confusion matrix for the moving square (rows: true direction, columns:
# predicted, in the order of DIRECTIONS). The rows have different sizes, so the share of all
# videos and the mean of the per-class shares differ; its largest mistake (left called right,
# 18) is not its own mirror (right called left, 8).
COLLEAGUE_CM = np.array([[60, 8, 2, 2],
                         [18, 22, 1, 1],
                         [1, 2, 38, 5],
                         [0, 1, 13, 26]])


def colleague_table():
    """COLLEAGUE_CM as text, each row and column named by its class number and direction."""
    head = "true \\ predicted" + "".join(f"{f'{j} {d}':>9}" for j, d in enumerate(DIRECTIONS))
    rows = [f"{f'{i} {d}':<17}" + "".join(f"{n:>9}" for n in row)
            for i, (d, row) in enumerate(zip(DIRECTIONS, COLLEAGUE_CM, strict=True))]
    return "\n".join([head, *rows])


def _a_number(value, name):
    """value as a float, or a sentence saying what came instead (None when it is a number)."""
    if value is None or value is Ellipsis:
        return None, f"{name} is still `{'...' if value is Ellipsis else 'None'}`: replace it."
    if callable(value):
        return None, f"{name} is a function: give the number itself."
    if isinstance(value, (str, bytes)):
        return None, f"{name} is the text {value!r:.30}: give a number, such as 0.5."
    arr = np.asarray(value, dtype=float)
    if arr.size != 1:
        return None, f"{name} should be one number, got an array of shape {arr.shape}."
    return float(arr.reshape(())), None


def _a_pair(value):
    """(true, predicted) as two class numbers (names of DIRECTIONS accepted), or a sentence."""
    if value is None or value is Ellipsis or callable(value) or isinstance(value, (str, bytes)):
        shown = "a function" if callable(value) else f"{value!r:.40}"
        return None, ("mistaken should be a pair (true class, predicted class), such as (2, 3); "
                      f"got {shown}.")
    items = list(np.asarray(value, dtype=object).ravel())
    if len(items) != 2 or any(v is Ellipsis for v in items):
        return None, ("mistaken should be a pair (true class, predicted class), such as (2, 3); "
                      f"got {len(items)} value(s)" + (" with `...` in it." if Ellipsis in items
                                                       else "."))
    pair = []
    for v in items:
        if isinstance(v, str) and v in DIRECTIONS:
            pair.append(DIRECTIONS.index(v))
        elif isinstance(v, (int, float, np.number)) and not isinstance(v, bool) and v == int(v):
            pair.append(int(v))
        else:
            return None, f"each class in mistaken is a number 0-3 (or a direction), got {v!r:.30}."
    return tuple(pair), None


@checker
def check_confusion_reading(accuracy, mistaken):
    """accuracy: the share of COLLEAGUE_CM's videos classified right; mistaken: (true class,
    predicted class) of its most frequent mistake. Prints one line, returns True or False."""
    cm = COLLEAGUE_CM
    right = np.trace(cm) / cm.sum()
    acc, problem = _a_number(accuracy, "accuracy")
    if problem:
        return say(False, problem)
    per_class = np.mean(np.diag(cm) / cm.sum(axis=1))
    if abs(acc - right) > 0.002:
        for wrong, words in (
                (np.trace(cm), "a count, not a fraction: divide the diagonal's sum by the number "
                               "of videos, cm.sum()."),
                (100 * right, "a percentage: give the fraction (between 0 and 1)."),
                (per_class, "the mean of the per-class accuracies (each row's diagonal share): "
                            "the rows have different sizes, so it is not the share of all "
                            "videos. Divide the diagonal's sum by cm.sum()."),
                (1 - right, "the error rate, the share off the diagonal: the right answers are "
                            "ON the diagonal.")):
            if abs(acc - wrong) <= 0.002 * max(1.0, abs(wrong)):
                return say(False, f"accuracy {acc:.4g} is {words}")
        return say(False, f"accuracy {acc:.4g} is not it yet: which entries count the videos "
                          "classified right, and out of how many videos?")
    pair, problem = _a_pair(mistaken)
    if problem:
        return say(False, "accuracy is right; " + problem)
    off = cm - np.diag(np.diag(cm))
    best = np.unravel_index(off.argmax(), cm.shape)
    best = (int(best[0]), int(best[1]))
    if pair == best:
        return say(True, f"accuracy {right:.2f} (the diagonal, {np.trace(cm)}, over "
                         f"{cm.sum()} videos); the most frequent mistake is a square moving "
                         f"{DIRECTIONS[best[0]]} called '{DIRECTIONS[best[1]]}' "
                         f"({cm[best]} times).")
    if pair == best[::-1]:
        return say(False, "accuracy is right; mistaken has rows and columns swapped: the row is "
                          "the TRUE class, the column the PREDICTED one, so cm[i, j] counts "
                          "true i called j.")
    if pair == (best[0] + 1, best[1] + 1):
        return say(False, "accuracy is right; mistaken counts the classes from 1: numpy "
                          "numbers them from 0 (0 right, 1 left, 2 down, 3 up).")
    if pair[0] == pair[1]:
        return say(False, "accuracy is right; mistaken is on the diagonal, where the RIGHT "
                          "answers are: a mistake has true class != predicted class.")
    if all(0 <= c < len(DIRECTIONS) for c in pair):
        return say(False, f"accuracy is right; true {pair[0]} called {pair[1]} happens "
                          f"{cm[pair]} times: look for the largest count off the diagonal.")
    return say(False, f"accuracy is right; the classes are 0 to {len(DIRECTIONS) - 1}, "
                      f"got {pair}.")


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


__all__ = ["COLLEAGUE_CM", "check_confusion_matrix", "check_confusion_reading",
           "check_depth_labels", "check_frame_profiles", "colleague_table"]
