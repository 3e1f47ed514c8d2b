"""Checks for the exercises of notebook 04 (vanishing and exploding gradients): the Jacobian
product (check_jacobian); predict what clipping each array and clipping the whole gradient do to
two arrays (check_clip_prediction). check_clip_by_norm is the earlier one-line exercise (its
source is shown in the notebook), kept for teachers."""

import numpy as np

from .checking import check_function, checker, say


def _jacobian(U, h, t, transpose=True, derivative=True, reverse=False, shift=0):
    """∂h_T/∂h_t = J_T @ ... @ J_(t+1), J_k = diag(1 - h_k**2) @ U.T (or a named mistake);
    equal to gradflow.jacobian_products(U, h)[t] (tests/test_widgets_03_04.py checks it)."""
    T, H = h.shape
    P = np.eye(H)
    ks = range(t + 1 + shift, T + 1)
    for k in (ks if reverse else reversed(ks)):
        J = (U.T if transpose else U)
        if derivative:
            J = (1 - h[k - 1] ** 2)[:, None] * J
        P = P @ J
    return P


def check_jacobian(fn):
    """Notebook 04: fn(U, h, t) -> ∂h_T/∂h_t for a tanh RNN along the states h (T, H), where
    h[k - 1] is h_k; t in 0 .. T - 1."""
    rng = np.random.default_rng(5)
    cases = []
    for T, H, t in ((6, 3, 2), (4, 2, 0), (8, 4, 5), (5, 3, 4)):
        U = rng.normal(0, 0.8, (H, H))
        h = np.tanh(rng.normal(0, 0.8, (T, H)))
        cases.append((U, h, t))
    return check_function(fn, cases, _jacobian, name="jacobian", arg_names=("U", "h", "t"),
                          mistakes=[
        ("U is used untransposed: with row vectors h_k depends on h_(k-1) through "
         "h_(k-1) @ U, so ∂h_k/∂h_(k-1) = diag(1 - h_k**2) @ U.T.",
         lambda U, h, t: _jacobian(U, h, t, transpose=False)),
        ("tanh' is missing: each factor is diag(1 - h_k**2) @ U.T, not U.T alone.",
         lambda U, h, t: _jacobian(U, h, t, derivative=False)),
        ("the factors are multiplied in the reverse order: ∂h_T/∂h_t = J_T @ J_(T-1) @ ... "
         "@ J_(t+1), the latest step on the left.",
         lambda U, h, t: _jacobian(U, h, t, reverse=True)),
        ("one factor too many: the product runs over k = t+1 .. T, not from k = t.",
         lambda U, h, t: _jacobian(U, h, t, shift=-1) if t > 0 else _jacobian(U, h, t)),
        ("one factor too few: the product runs over k = t+1 .. T (J_(t+1) is included).",
         lambda U, h, t: _jacobian(U, h, t, shift=1)),
    ])


def _clip(g, max_norm):
    return g * (max_norm / max(float(np.linalg.norm(g)), max_norm))


def check_clip_by_norm(fn):
    """Notebook 04: fn(g, max_norm) -> g rescaled to norm max_norm when ||g|| > max_norm."""
    rng = np.random.default_rng(6)
    cases = [(rng.normal(0, 5, (4, 3)), 1.0), (rng.normal(0, 0.1, (5,)), 1.0),
             (rng.normal(0, 50, (3, 3)), 2.5)]
    return check_function(fn, cases, _clip, name="clip_by_norm", arg_names=("g", "max_norm"),
                          mistakes=[
        ("a small gradient was scaled up too: clipping only ever shrinks, so when "
         "||g|| <= max_norm, g comes back unchanged.",
         lambda g, m: g * m / np.linalg.norm(g)),
        ("each entry was clipped on its own (np.clip): that changes the gradient's direction. "
         "Scale the whole array by max_norm / ||g|| instead.",
         lambda g, m: np.clip(g, -m, m)),
        ("g was divided by its norm but not multiplied by max_norm.",
         lambda g, m: g / max(np.linalg.norm(g), m)),
    ])


# --- exercise 2: predict what the two clippings do ---------------------------------------------
# One update's gradient of two weight arrays: dU of norm 5 (it came back through time), dW_y of
# norm 0.5 (the Dense layer's), clipped with max_norm 1.
CLIP_GRADS = {"U": np.array([[3.0, 0.0], [0.0, -4.0]]), "W_y": np.array([[0.3], [0.4]])}
CLIP_MAX_NORM = 1.0
_CHOICES = ("per array", "global", "both", "neither")


def clip_norms():
    """The answer, computed: {"per array": {name: norm after}, "global": {...}, "keeps the
    direction": the clipping that keeps the whole gradient's direction}."""
    per_array = {k: min(float(np.linalg.norm(g)), CLIP_MAX_NORM) for k, g in CLIP_GRADS.items()}
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in CLIP_GRADS.values())))
    scale = min(1.0, CLIP_MAX_NORM / total)
    whole = {k: float(np.linalg.norm(g)) * scale for k, g in CLIP_GRADS.items()}
    return {"per array": per_array, "global": whole, "keeps the direction": "global"}


def _norms(value, name):
    if not isinstance(value, dict) or set(value) != set(CLIP_GRADS):
        return None, f"{name} should be a dict {{'U': norm, 'W_y': norm}}"
    if any(v is Ellipsis for v in value.values()):
        return None, f"{name} still has a `...`: write the two norms"
    try:
        return {k: float(v) for k, v in value.items()}, None
    except (TypeError, ValueError):
        return None, f"{name} should hold two numbers, the norms after clipping"


def _close(a, b):
    return all(abs(a[k] - b[k]) <= 0.01 for k in CLIP_GRADS)


@checker
def check_clip_prediction(per_array, global_norm, keeps_direction):
    """Notebook 04: the learner's predicted norms of dU and dW_y after clipping each array
    (Keras' clipnorm) and after clipping their joint norm (global_clipnorm), both with max_norm
    1, and which of the two keeps the direction of the whole gradient."""
    want = clip_norms()
    norms = {k: float(np.linalg.norm(g)) for k, g in CLIP_GRADS.items()}
    total = float(np.sqrt(sum(v ** 2 for v in norms.values())))
    got, problem = _norms(per_array, "per_array")
    if problem:
        return say(False, problem + ".")
    if not _close(got, want["per array"]):
        if abs(got["W_y"] - CLIP_MAX_NORM) <= 0.01:
            return say(False, "per_array: dW_y was scaled UP to the threshold. Clipping only "
                              f"shrinks: an array whose norm ({norms['W_y']:g}) is at most "
                              "max_norm comes back unchanged.")
        if _close(got, want["global"]):
            return say(False, "per_array holds the global clipping's norms: clipnorm looks at "
                              "each array on its own, so dU goes down to 1 and dW_y is left.")
        return say(False, f"per_array: each array is compared with max_norm on its own: ||dU|| "
                          f"= {norms['U']:g}, ||dW_y|| = {norms['W_y']:g}; which of them is "
                          "above 1, and what is it rescaled to?")
    got, problem = _norms(global_norm, "global_norm")
    if problem:
        return say(False, problem + ".")
    if not _close(got, want["global"]):
        if _close(got, want["per array"]):
            return say(False, "global_norm holds the per-array norms: global_clipnorm measures "
                              "the two arrays together, sqrt(||dU||² + ||dW_y||²), and scales "
                              "BOTH by the same factor.")
        summed = {k: v * CLIP_MAX_NORM / sum(norms.values()) for k, v in norms.items()}
        if _close(got, summed):
            return say(False, "global_norm: the joint norm is sqrt(||dU||² + ||dW_y||²), the "
                              "norm of all entries together, not the sum of the two norms.")
        return say(False, "global_norm: the joint norm of the two arrays is sqrt(||dU||² + "
                          "||dW_y||²); when it is above max_norm, both arrays are multiplied "
                          "by max_norm / (joint norm).")
    answer = str(keeps_direction).strip().lower().replace("-", " ").replace("_", " ")
    if keeps_direction is Ellipsis or answer not in _CHOICES:
        return say(False, "both sets of norms are right; now keeps_direction: one of "
                          + ", ".join(repr(c) for c in _CHOICES) + ".")
    if answer != want["keeps the direction"]:
        return say(False, f"not '{answer}': per-array clipping divides dU by {norms['U']:g} "
                          "and leaves dW_y, so the ratio between them changes from "
                          f"{norms['U'] / norms['W_y']:g} : 1 to "
                          f"{CLIP_MAX_NORM / norms['W_y']:g} : 1 and the whole gradient turns; "
                          "the global clipping multiplies both by one factor.")
    return say(True, f"clipping each array gives ||dU|| = 1 and leaves ||dW_y|| = "
                     f"{norms['W_y']:g}; the global clipping divides both by the joint norm "
                     f"{total:.3f}: ||dU|| = {want['global']['U']:.3f}, ||dW_y|| = "
                     f"{want['global']['W_y']:.4f}, the direction kept.")
