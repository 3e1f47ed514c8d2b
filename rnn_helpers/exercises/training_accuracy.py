"""Checks for notebook 03's Exercise 2 (accuracy from logits, and the majority baseline); kept
apart from `training` (notebook 03's other exercises), which re-exports `check_accuracy`. Same
contract as every checker: hidden cases, "Correct: ..." or "Not yet: ..." naming the mistake,
True or False, never raises.
"""

import numpy as np

from .checking import check_function


def _flat(a):
    return np.ravel(np.asarray(a, dtype=float))


def _accuracy(y_true, logit):
    return float(np.mean((_flat(logit) > 0) == (_flat(y_true) > 0.5)))


def _majority(y_true):
    share = float(np.mean(_flat(y_true)))
    return max(share, 1 - share)


def _accuracy_cases(seed=4):
    """(y_true, logit): labels (n,) or (n, 1), logits (n, 1), some in (0, 0.5), none near 0,
    and classes in several proportions (1 the majority, 0 the majority, balanced)."""
    rng = np.random.default_rng(seed)
    cases = []
    for n, share, flat in ((10, 0.5, False), (7, 0.7, True), (200, 0.2, True), (50, 0.9, False)):
        y = (np.arange(n) < round(share * n)).astype(np.int64)[rng.permutation(n)]
        logit = np.where(y == 1, 0.8, -0.8) + rng.normal(0, 1.0, n)
        logit = np.where(np.abs(logit) < 0.05, 0.3, logit)[:, None]
        cases.append((y if flat else y[:, None], logit))
    return cases


_LOGIT_MISTAKES = [
    ("the threshold is 0.5, but ℓ is a logit, not a probability: σ(ℓ) > 0.5 exactly when "
     "ℓ > 0, so the class is (logit > 0). With 0.5, every ℓ in (0, 0.5] is called 0.",
     lambda y, l: float(np.mean((_flat(l) > 0.5) == (_flat(y) > 0.5)))),
    ("on labels of shape (n,) the comparison (logit > 0) == y_true broadcasts (n, 1) against "
     "(n,) into an (n, n) table: every prediction compared with every label. Flatten both "
     "first (np.ravel or .reshape(-1)).", lambda y, l: float(np.mean((l > 0) == y))),
    ("two mistakes: the threshold on a logit is 0, not 0.5 (σ(0) = 0.5), and labels of shape "
     "(n,) against logits (n, 1) broadcast into an (n, n) table: flatten both first.",
     lambda y, l: float(np.mean((l > 0.5) == y))),
    ("this is a count, not a fraction: take the mean, not the sum.",
     lambda y, l: float(np.sum((_flat(l) > 0) == (_flat(y) > 0.5)))),
    ("this is the fraction of wrong answers: accuracy counts the right ones.",
     lambda y, l: 1 - _accuracy(y, l)),
    ("this is the fraction of predicted 1s, not of right answers: compare the classes with "
     "y_true.", lambda y, l: float(np.mean(_flat(l) > 0))),
    ("rounding a logit does not give a class (round(2.3) is 2, round(-0.7) is -1): the class "
     "is 1 where ℓ > 0, else 0.", lambda y, l: float(np.mean(np.round(_flat(l)) == _flat(y)))),
]

_MAJORITY_MISTAKES = [
    ("0.5 is a coin's accuracy, and the majority rule's only on balanced labels: with 70 % "
     "ones, always answering 1 is right 70 % of the time.", lambda y: 0.5),
    ("this is the fraction of 1s: right only when 1 is the more common class. When 0s are the "
     "majority the rule answers 0, and is right on the fraction of 0s.",
     lambda y: float(np.mean(_flat(y)))),
    ("this is the minority's share: the rule answers the more common class, so it is right on "
     "the larger share.", lambda y: 1 - _majority(y)),
    ("this is the class the rule answers (0 or 1), not how often it is right.",
     lambda y: float(np.mean(_flat(y)) > 0.5)),
    ("this is a count, not a fraction: divide by the number of labels.",
     lambda y: max(float(np.sum(_flat(y))), float(np.sum(1 - _flat(y))))),
]


def check_accuracy(accuracy, majority_accuracy):
    """Notebook 03, Exercise 2: accuracy(y_true, logit) -> the fraction of samples whose class,
    read from the logit without a sigmoid (logit > 0), equals the label (labels (n,) or (n, 1),
    logits (n, 1)); majority_accuracy(y_true) -> the accuracy of always answering the more
    common class. Prints one verdict for each; True if both are right."""
    cases = _accuracy_cases()
    first = check_function(accuracy, cases, _accuracy, name="accuracy",
                           arg_names=("y_true", "logit"), mistakes=_LOGIT_MISTAKES)
    second = check_function(majority_accuracy, [(y,) for y, _ in cases], _majority,
                            name="majority_accuracy", arg_names=("y_true",),
                            mistakes=_MAJORITY_MISTAKES)
    return bool(first and second)
