"""A2's checkers for Parts 4-6 (clipping by the global norm, truncated BPTT, the lag
experiment and what it says); assignments_gated.py, which the notebook imports, re-exports them.
"""

import numpy as np

from ..core import lstm
from .assignments_common import (
    AnswerError,
    as_grads,
    attempt,
    check_choice,
    compare_grads,
    run_cases,
)
from .checking import checker, say

LEARNED = 0.75
"""Part 6: a run "learned" its lag when its held-out accuracy is at least this (chance 50 %)."""


# --- Part 4: clipping by the global norm -----------------------------------------------------

def _clip(grads, max_norm, per_array=False, scale_up=False, no_sqrt=False, after=False,
          elementwise=False):
    total = sum(float(np.sum(g * g)) for g in grads.values())
    total = total if no_sqrt else np.sqrt(total)
    if elementwise:
        out = {k: np.clip(g, -max_norm, max_norm) for k, g in grads.items()}
    elif per_array:
        out = {k: g * min(1.0, max_norm / max(np.linalg.norm(g), 1e-300))
               for k, g in grads.items()}
    else:
        scale = max_norm / total if scale_up else min(1.0, max_norm / total)
        out = {k: g * scale for k, g in grads.items()}
    norm = np.sqrt(sum(float(np.sum(g * g)) for g in out.values())) if after else total
    return {**out, "total_norm": norm}


_CLIP_MISTAKES = [
    ("each array was clipped to max_norm on its own: that is clipnorm, and it changes the "
     "direction of the whole gradient. Scale every array by the same factor, "
     "min(1, max_norm / total_norm).", {"per_array": True}),
    ("a small gradient was scaled up: clipping only ever shrinks; when total_norm <= max_norm "
     "the gradients come back unchanged.", {"scale_up": True}),
    ("total_norm is the sum of squares: take its square root, sqrt(sum_k ||g_k||**2).",
     {"no_sqrt": True}),
    ("the norm returned is measured after clipping: return the norm before it (it tells how "
     "large the gradient was).", {"after": True}),
    ("each entry was clipped on its own (np.clip): that changes the gradient's direction.",
     {"elementwise": True}),
]


def _clip_cases(seed=24):
    rng = np.random.default_rng(seed)
    return [({"W": rng.normal(0, 5, (3, 4)), "U": rng.normal(0, 5, (4, 4)),
              "b": rng.normal(0, 5, 4)}, 1.0),
            ({"W": rng.normal(0, 0.01, (2, 3)), "b": rng.normal(0, 0.01, 3)}, 1.0),
            ({"a": rng.normal(0, 0.5, (5,)), "b": rng.normal(0, 40, (2, 2))}, 5.0)]


@checker
def check_clip_by_global_norm(fn):
    """Part 4: fn(grads, max_norm) -> (clipped dict, total_norm before clipping); the input
    arrays must be left unchanged."""
    cases = _clip_cases()
    try:
        results = run_cases(fn, cases, "clip_by_global_norm")
        got = []
        for (grads, _), r in zip(cases, results, strict=True):
            if not isinstance(r, tuple) or len(r) != 2:
                raise AnswerError("clip_by_global_norm should return the pair (clipped, "
                                  "total_norm).")
            got.append(as_grads({**r[0], "total_norm": r[1]} if isinstance(r[0], dict) else r[0],
                                (*grads, "total_norm"), "clip_by_global_norm"))
    except AnswerError as stop:
        return say(False, str(stop))
    for grads, max_norm in cases:   # run_cases passed copies; now the real arrays
        before = {k: g.copy() for k, g in grads.items()}
        fn(grads, max_norm)
        if not all(np.array_equal(before[k], grads[k]) for k in grads):
            return say(False, "the input arrays were changed in place: return new arrays "
                              "(g * scale); the caller may still need the originals.")
    want = [_clip(*c) for c in cases]
    for i, ((grads, _), g, w) in enumerate(zip(cases, got, want, strict=True)):
        wrong = [(d, [_clip(*cases[i], **kw)]) for d, kw in _CLIP_MISTAKES]
        ok, message = compare_grads([g], [w], (*grads, "total_norm"), wrong,
                                    "clip_by_global_norm")
        if not ok:
            return say(False, message)
    return say(True, f"clip_by_global_norm agrees with rh.optim.clip_by_global_norm on "
                     f"{len(cases)} hidden cases (large, small and mixed gradients).")


# --- Part 5: truncated BPTT ------------------------------------------------------------------

def reference_tbptt(x, dh, W, U, b, k, carry=True, carry_c=True, full=False, overlap=0,
                    drop_last=False):
    """Truncated BPTT over an LSTM: chunks of k steps, the state (h, c) carried forward from
    chunk to chunk, the gradient stopped at each chunk's start. -> {"dW", "dU", "db"}."""
    if full:
        _, _, cache = lstm.lstm_forward(x, None, None, W, U, b)
        g = lstm.lstm_backward(dh, cache)
        return {k_: g[k_] for k_ in ("dW", "dU", "db")}
    L = x.shape[1]
    out = {"dW": np.zeros_like(W), "dU": np.zeros_like(U), "db": np.zeros_like(b)}
    h = c = None
    for s in range(0, L - k + 1 if drop_last else L, k):
        part = slice(s, s + k + overlap)
        h_seq, c_seq, cache = lstm.lstm_forward(x[:, part], h, c, W, U, b)
        g = lstm.lstm_backward(dh[:, part], cache)
        for name in out:
            out[name] += g[name]
        h = h_seq[:, -1] if carry else None
        c = c_seq[:, -1] if carry and carry_c else None
    return out


_TBPTT_MISTAKES = [
    ("the state is not carried: every chunk starts from zeros. Truncation stops the GRADIENT at "
     "a chunk's start, not the state: pass the last h and c of a chunk as the next one's "
     "h0, c0.", {"carry": False}),
    ("c is not carried (only h is): an LSTM's state is the pair (h, c); pass both on.",
     {"carry_c": False}),
    ("these are the gradients of full BPTT over all L steps: truncated BPTT runs the backward "
     "within each chunk of k steps only, and adds up the chunks' weight gradients.",
     {"full": True}),
    ("an off-by-one: the chunks overlap by one step (x[:, s:s + k + 1]?), so the steps at their "
     "borders are counted twice.", {"overlap": 1}),
    ("the last, shorter chunk is missing (L is not a multiple of k here): range(0, L, k) "
     "visits it, x[:, s:s + k] is then shorter than k.", {"drop_last": True}),
]


def _tbptt_cases(seed=25):
    rng = np.random.default_rng(seed)
    cases = []
    for B, L, D, H, k in ((2, 11, 3, 4, 4), (3, 9, 2, 3, 3), (1, 7, 2, 2, 7), (2, 10, 1, 3, 1)):
        cases.append((rng.normal(size=(B, L, D)), rng.normal(size=(B, L, H)),
                      rng.normal(0, 0.5, (D, 4 * H)), rng.normal(0, 0.5, (H, 4 * H)),
                      rng.normal(0, 0.5, 4 * H), k))
    return cases


@checker
def check_tbptt(fn):
    """Part 5: fn(x, dh, W, U, b, k) -> {"dW", "dU", "db"}, truncated BPTT in chunks of k."""
    cases = _tbptt_cases()
    keys = ("dW", "dU", "db")
    try:
        got = [as_grads(r, keys, "tbptt_gradients")
               for r in run_cases(fn, cases, "tbptt_gradients")]
    except AnswerError as stop:
        return say(False, str(stop))
    want = [reference_tbptt(*c) for c in cases]
    mistakes = [(d, [reference_tbptt(*c, **kw) for c in cases]) for d, kw in _TBPTT_MISTAKES]
    ok, message = compare_grads(got, want, keys, mistakes, "tbptt_gradients")
    return say(ok, message or f"dW, dU and db agree with truncated BPTT on {len(cases)} hidden "
                              "cases (k = L, k = 1, and chunks that do not divide L).")


# --- Part 6: the experiment and what it says -------------------------------------------------

@checker
def check_lag_runs(runs, cells, lags):
    """Part 6: runs (a list of rh.experiments.train_one results) covers every cell and lag,
    and every cell learns the shortest lag."""
    if runs is None:
        return say(False, "there are no results yet (see the experiment cell's message).")
    if not isinstance(runs, list) or not all(isinstance(r, dict) for r in runs):
        return say(False, "run_lag_experiment should return a list of the dicts that "
                          "rh.experiments.train_one returns.")
    done = {(r.get("cell"), r.get("lag")) for r in runs}
    missing = [(c, lag) for c in cells for lag in lags if (c, lag) not in done]
    if missing:
        return say(False, f"no run for {', '.join(f'{c} at lag {lag}' for c, lag in missing)}.")
    short = {r["cell"]: r["accuracy"] for r in runs if r["lag"] == min(lags)}
    weak = [c for c in cells if short[c] < 0.9]
    if weak:
        return say(False, f"{', '.join(weak)} did not learn the shortest lag {min(lags)} (every "
                          "cell should): use train_one's default settings.")
    return say(True, f"{len(runs)} runs, every cell and lag; every cell learns lag {min(lags)}.")


def longest_learned(runs):
    """{cell: the longest lag whose run reached LEARNED held-out accuracy, or None}."""
    out = {}
    for r in runs:
        best = out.get(r["cell"])
        if r["accuracy"] >= LEARNED and (best is None or r["lag"] > best):
            out[r["cell"]] = r["lag"]
        out.setdefault(r["cell"], None)
    return out


@checker
def check_longest_learned(answer, runs):
    """Part 6: the learner's reading of their own table: {cell: longest learned lag or None}."""
    if runs is None:
        return say(False, "run the experiment first: this question reads its table.")
    if not isinstance(answer, dict):
        return say(False, f"longest_lag should be a dict {{cell: lag or None}}, got "
                          f"{type(answer).__name__}.")
    right = longest_learned(runs)
    for cell, lag in right.items():
        if cell not in answer:
            return say(False, f"longest_lag has no entry for {cell}.")
        if answer[cell] != lag:
            shown = "no lag" if lag is None else f"lag {lag}"
            return say(False, f"for {cell} your table says {shown} (the longest lag with "
                              f"held-out accuracy >= {LEARNED:.0%}), not {answer[cell]!r}.")
    return say(True, "longest_lag reads your table right: " + ", ".join(
        f"{c} {lag}" for c, lag in right.items()) + ".")


def check_why_forget(answer):
    """Part 6: why the simple RNN stops learning at long lags ("b")."""
    return check_choice(answer, "b", "why_forget", choices=("a", "b", "c", "d"), mistakes={
        "a": "a bigger simple RNN does not remember longer: what fails is the gradient's way "
             "back to step 1, a product of one Jacobian diag(1 - h_t**2) @ U.T per step "
             "(notebook 04), which more units do not change.",
        "c": "every cell sees the same data, in the same batches, for the same number of "
             "updates (train_one's settings).",
        "d": "the forward state can still carry x_1 (the failed runs' training accuracy climbs: "
             "they memorise); what fails is learning to keep it, because the gradient that "
             "would teach it vanishes on the way back.",
    })


def check_one_seed(answer):
    """Part 6: what one seed per cell and lag can tell ("b")."""
    return check_choice(answer, "b", "one_seed", choices=("a", "b", "c", "d"), mistakes={
        "a": "one run is one draw of data and initial weights: at a lag where runs of the same "
             "cell disagree (notebook 05's sweep), one seed cannot rank two cells.",
        "c": "fewer gates means fewer weights, not a shorter memory: in the course's sweep the "
             "GRU learned lag 40 with 2 of 5 seeds, and the LSTM missed it with 1 of 5.",
        "d": "gates do help: in the course's sweep 4 of 5 LSTM seeds learned lag 40, where no "
             "simple-RNN seed did.",
    })


def run_experiment(fn, cells, lags, seed):
    """The experiment cell: the learner's run_lag_experiment, guarded (None if not written)."""
    return attempt(fn, cells, lags, seed, name="run_lag_experiment")
