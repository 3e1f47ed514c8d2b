"""How gradients travel back through time: the tools of notebook 04.

With row vectors, one step is h_k = f(a_k), a_k = x_k @ W + h_{k-1} @ U + b. Its Jacobian,
the matrix of ∂h_k[i] / ∂h_{k-1}[j], is

    ∂h_k/∂h_{k-1} = diag(f'(a_k)) @ U.T

so going back from step T to step t multiplies T - t of them:

    ∂h_T/∂h_t = diag(f'(a_T)) @ U.T @ diag(f'(a_{T-1})) @ U.T @ ... @ diag(f'(a_{t+1})) @ U.T

and a gradient row g_T = ∂L/∂h_T arrives at h_t as g_T @ ∂h_T/∂h_t. In norms (the 2-norm,
the largest singular value σ_max):

    ||∂h_T/∂h_t|| <= (γ · σ_max(U)) ** (T - t),     γ = max |f'| (1 for tanh, ReLU, linear)

(Pascanu, Mikolov and Bengio, "On the difficulty of training recurrent neural networks",
ICML 2013). If γ σ_max(U) < 1 the gradient from far back must shrink at least geometrically
(vanishing); γ σ_max(U) > 1 is necessary, not sufficient, for it to grow (exploding). The
spectral radius ρ(U) = max |eigenvalue| <= σ_max(U) sets the long-run rate of the linear case:
||(U.T)**k|| ** (1/k) -> ρ(U), so there ρ(U) < 1 vanishes and ρ(U) > 1 explodes.
"""

import numpy as np

from .._validate import check_array, check_choice, check_positive_int, fail
from ..core import activations, rnn

MAX_DERIVATIVE = {"tanh": 1.0, "relu": 1.0, "linear": 1.0, "sigmoid": 0.25}
"""γ = max |f'(a)| for each activation: the factor in the bound (γ σ_max(U)) ** (T - t)."""


def hidden_state_gradients(dh, cache):
    """∂L/∂h_t for every step t: the total gradient reaching each hidden state in BPTT.

        dh_total_T = dh[:, T]
        dh_total_t = dh[:, t] + (dh_total_{t+1} * f'(a_{t+1})) @ U.T     for t = T-1 .. 1

    the same two paths as in `rnn.rnn_backward` (from above, and through h_{t+1}).
    dh (B, T, H) upstream gradient, cache from `rnn.rnn_forward` -> (B, T, H)
    """
    h, U, df = cache["h"], cache["U"], cache["activation"].df
    dh = check_array("dh", dh, shape=h.shape, layout="(B, T, H), like the forward's h")
    total = np.empty_like(dh)
    dh_next = np.zeros_like(dh[:, 0])
    for t in reversed(range(h.shape[1])):
        total[:, t] = dh[:, t] + dh_next                 # the two paths into h_t
        dh_next = (total[:, t] * df(h[:, t])) @ U.T      # carried back to h_{t-1}
    return total


def hidden_gradient_norms(dh, cache):
    """||∂L/∂h_t|| for t = 1 .. T (Euclidean norm over the batch and the H units) -> (T,)."""
    total = hidden_state_gradients(dh, cache)
    return np.sqrt(np.sum(total**2, axis=(0, 2)))


def model_hidden_gradients(model, x, y, layer=0):
    """∂L/∂h_t at every step of one SimpleRNN layer of a compiled Sequential model -> (B, T, H).

    L is the model's loss on the batch (x, y). The layers after `layer` give the gradient on
    its output (on every h_t with return_sequences=True, else on h_T only); from there
    `hidden_state_gradients` adds the path back through h_{t+1}, as BPTT does. Only the
    gradients are computed; no weight changes.
    """
    from ..layers.recurrent import SimpleRNN

    inputs, target, dh = gradient_on_layer_output(model, x, y, layer, (SimpleRNN,))
    _, cache = rnn.rnn_forward(inputs, None, target.params["W"], target.params["U"],
                               target._bias(), target.activation)
    return hidden_state_gradients(dh, cache)


def gradient_on_layer_output(model, x, y, layer, kinds):
    """Run a compiled Sequential model on (x, y) and return what BPTT in layer `layer` starts
    from: (its input (B, T, D), the layer, dh (B, T, H) = ∂L/∂ of each of its h_t from the layers
    above; zeros except at h_T when the layer returns only its last state).

    `kinds`: the recurrent layer classes allowed at index `layer`. No weight changes.
    """
    from ..core import losses

    layers = getattr(model, "layers", None)
    if not isinstance(layers, list) or not getattr(model, "compiled", False):
        fail("model", "a compiled Sequential model", type(model).__name__)
    if isinstance(layer, bool) or not isinstance(layer, int) or not 0 <= layer < len(layers) \
            or not isinstance(layers[layer], kinds):
        options = [i for i, lay in enumerate(layers) if isinstance(lay, kinds)]
        names = [k.__name__ for k in kinds]
        names = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        fail("layer", f"the index of a {names} layer of the model (one of {options})",
              repr(layer))
    target = layers[layer]
    inputs = check_array("x", x, ndim=3, layout="(B, T, D)")
    for lay in layers[:layer]:
        inputs = lay.forward(inputs)
    out = target.forward(inputs)
    for lay in layers[layer + 1:]:
        out = lay.forward(out)
    _, dy = losses.get(model.loss)(y, out)
    for lay in reversed(layers[layer + 1:]):
        dy = lay.backward(dy)
    if target.return_sequences:
        return inputs, target, dy
    dh = np.zeros(inputs.shape[:2] + (target.units,))
    dh[:, -1] = dy
    return inputs, target, dh


def jacobian_products(U, h, activation="tanh"):
    """∂h_T/∂h_t for t = 0 .. T along one trajectory h_1 .. h_T.

        J_k       = diag(f'(a_k)) @ U.T          (∂h_k/∂h_{k-1}; f' read from h_k = f(a_k))
        P_T       = I
        P_{t}     = P_{t+1} @ J_{t+1}            (so P_t = J_T @ J_{T-1} @ ... @ J_{t+1})

    U (H, H), h (T, H) the states of one sequence (e.g. rnn_forward's h[0]) -> (T + 1, H, H),
    where entry t is ∂h_T/∂h_t (entry 0 is ∂h_T/∂h_0, entry T the identity).
    """
    act = activations.get(activation)
    h = check_array("h", h, ndim=2, layout="(T, H), the states of one sequence")
    T, H = h.shape
    U = check_array("U", U, shape=(H, H), layout="(H, H) with H = h.shape[1]")
    P = np.empty((T + 1, H, H), dtype=np.result_type(U, h))
    P[T] = np.eye(H)
    for k in range(T, 0, -1):                            # k = T .. 1, h[k - 1] is h_k
        J_k = act.df(h[k - 1])[:, None] * U.T            # diag(f'(a_k)) @ U.T
        P[k - 1] = P[k] @ J_k
    return P


def jacobian_norms(U, h, activation="tanh"):
    """||∂h_T/∂h_t|| (the 2-norm: largest singular value) for t = 0 .. T -> (T + 1,)."""
    P = jacobian_products(U, h, activation)
    return np.linalg.svd(P, compute_uv=False)[:, 0]


def spectral_radius(U):
    """ρ(U) = max |eigenvalue of U|: the long-run growth rate of h @ U @ U @ ..."""
    U = check_array("U", U, ndim=2, layout="(H, H)")
    if U.shape[0] != U.shape[1]:
        fail("U", "a square matrix (H, H)", f"shape {U.shape}")
    return float(np.max(np.abs(np.linalg.eigvals(U))))


def largest_singular_value(U):
    """σ_max(U) = ||U||_2 = max ||v @ U|| over unit rows v: the most one step can stretch."""
    U = check_array("U", U, ndim=2, layout="(H, H)")
    return float(np.linalg.svd(U, compute_uv=False)[0])


def recurrent_matrix(H, radius, seed=0, kind="orthogonal"):
    """A recurrent matrix U (H, H) with spectral radius ρ(U) = radius, drawn with a seed.

    kind="orthogonal": U = radius · Q, Q a random orthogonal matrix; then every singular value
        and every |eigenvalue| equals radius, so σ_max(U) = ρ(U) and the bound is tight.
    kind="gaussian": U = radius · G / ρ(G), G with N(0, 1/H) entries; here σ_max(U) > ρ(U)
        (a non-normal matrix can stretch some vectors for a while before ρ takes over).
    """
    H = check_positive_int("H", H)
    ok = isinstance(radius, (int, float, np.integer, np.floating)) and not isinstance(
        radius, bool)
    if not ok or not np.isfinite(radius) or radius < 0:
        fail("radius", "a finite number >= 0", repr(radius))
    check_choice("kind", kind, ("orthogonal", "gaussian"))
    rng = np.random.default_rng(seed)
    G = rng.standard_normal((H, H))
    if kind == "orthogonal":
        Q, R = np.linalg.qr(G)
        return float(radius) * Q * np.sign(np.diag(R))
    G = G / np.sqrt(H)
    return float(radius) * G / spectral_radius(G)


def jacobian_flow(radius=1.0, T=30, activation="tanh", H=16, seed=0, kind="orthogonal"):
    """The numbers behind notebook 04's widget: ||∂h_T/∂h_t|| along one random trajectory.

    U = recurrent_matrix(H, radius, seed, kind); W (1, H) ~ N(0, 1), b = 0; inputs
    x_t ~ N(0, 1); h = rnn_forward(x, 0, W, U, b, activation); then `jacobian_norms`.
    Returns a dict: "t" (0 .. T), "norms" (T + 1,), "bound" = (γ σ_max(U)) ** (T - t),
    "radius" ρ(U), "sigma_max" σ_max(U), "activation", "T".
    """
    T = check_positive_int("T", T)
    check_choice("activation", activation, tuple(MAX_DERIVATIVE))
    rng = np.random.default_rng(seed + 1)
    U = recurrent_matrix(H, radius, seed, kind)
    W = rng.standard_normal((1, H))
    x = rng.standard_normal((1, T, 1))
    h, _ = rnn.rnn_forward(x, None, W, U, np.zeros(H), activation)
    t = np.arange(T + 1)
    sigma = largest_singular_value(U)
    return {
        "t": t,
        "norms": jacobian_norms(U, h[0], activation),
        "bound": (MAX_DERIVATIVE[activation] * sigma) ** (T - t).astype(float),
        "radius": spectral_radius(U),
        "sigma_max": sigma,
        "activation": activation,
        "T": T,
    }


def record_gradient_norms(optimizer):
    """Make `optimizer` note the size of every gradient it is given; returns that list.

        norms = record_gradient_norms(model.optimizer)    # after compile, before fit
        model.fit(...)                                     # norms[i]: the gradient of batch i

    Each entry is the global norm sqrt(Σ_k ||g_k||**2) over all weights, measured before any
    clipping (the optimizer's `grad_norm`), so a clipped run still shows how large the true
    gradients were. The optimizer works exactly as before.
    """
    if not callable(getattr(optimizer, "update", None)):
        raise TypeError(f"optimizer: expected an optimizer from rnn_helpers.optim, got "
                        f"{type(optimizer).__name__}")
    norms = []
    update = optimizer.update

    def update_and_record(params, grads):
        update(params, grads)
        norms.append(float(optimizer.grad_norm))

    optimizer.update = update_and_record
    return norms


def _safe_norm(g):
    """Euclidean norm of all entries, without overflow for huge finite values."""
    g = np.asarray(g, dtype=float)
    scale = float(np.max(np.abs(g))) if g.size else 0.0
    return 0.0 if scale == 0.0 else scale * float(np.sqrt(np.sum(np.square(g / scale))))


def record_weight_gradient_norms(model):
    """Make a compiled model note the size of each weight array's gradient at every update.

        norms = record_weight_gradient_norms(model)   # after compile, before fit
        model.fit(...)
        norms["simple_rnn/U"][i]                        # ||∂L/∂U|| at update i, before clipping

    Returns {name: list}, one list per weight array, under the model's own names (those of
    `model.params`: "layer name/U", "layer name/W", ...). A norm of exactly 0 means no gradient
    reached that array (e.g. every tanh unit saturated, tanh' = 1 - h**2 = 0). The optimizer
    works exactly as before; `record_gradient_norms` gives the norm of all of them together.
    """
    optimizer = getattr(model, "optimizer", None)
    if not getattr(model, "compiled", False) or not callable(getattr(optimizer, "update", None)):
        fail("model", "a compiled Sequential model (call compile first)", type(model).__name__)
    norms = {}
    update = optimizer.update

    def update_and_record(params, grads):
        for name, g in grads.items():
            norms.setdefault(name, []).append(_safe_norm(g))
        update(params, grads)

    optimizer.update = update_and_record
    return norms
