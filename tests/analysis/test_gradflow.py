"""Gradient-flow tools, checked against finite differences in float64; the clipping path."""

import numpy as np
import pytest

from rnn_helpers import datasets
from rnn_helpers.analysis import gradflow
from rnn_helpers.core import losses, optim, rnn
from rnn_helpers.core.gradcheck import numerical_gradient, relative_error
from rnn_helpers.layers import Dense, SimpleRNN
from rnn_helpers.models import Sequential
from tests.conftest import assert_gradients, raises_with

ACTS = ["tanh", "relu", "linear", "sigmoid"]


def _sequence(activation, B=2, T=6, D=3, H=4, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((B, T, D))
    W = rng.standard_normal((D, H)) * 0.7
    # sigmoid' <= 1/4: a larger U keeps its products far from rounding noise
    U = rng.standard_normal((H, H)) * (2.0 if activation == "sigmoid" else 0.6)
    b = rng.standard_normal(H) * 0.3
    h, cache = rnn.rnn_forward(x, None, W, U, b, activation)
    return x, W, U, b, h, cache


@pytest.mark.parametrize("activation", ACTS)
def test_jacobian_products_equal_finite_differences(activation):
    x, W, U, b, h, _ = _sequence(activation, B=1)
    T, H = h.shape[1], h.shape[2]
    P = gradflow.jacobian_products(U, h[0], activation)
    assert P.shape == (T + 1, H, H)
    np.testing.assert_array_equal(P[T], np.eye(H))
    h_all = np.concatenate([np.zeros((1, H)), h[0]])      # h_0 .. h_T
    for t in range(T):
        # h_T as a function of h_t: run the rest of the sequence from h_t
        h_t = h_all[t][None].copy()
        columns = []
        for j in range(H):       # column j of the Jacobian: ∂h_T / ∂h_t[j]
            def f(j=j, t=t, h_t=h_t):
                return float(rnn.rnn_forward(x[:, t:], h_t, W, U, b, activation)[0][0, -1, j])
            columns.append(numerical_gradient(f, h_t)[0])
        numeric = np.array(columns)          # numeric[i, j] = ∂h_T[i] / ∂h_t[j]
        assert relative_error(P[t], numeric) < 1e-7, (activation, t)


@pytest.mark.parametrize("activation", ACTS)
def test_hidden_state_gradients_equal_finite_differences(activation):
    x, W, U, b, h, cache = _sequence(activation)
    rng = np.random.default_rng(1)
    dh = rng.standard_normal(h.shape)
    total = gradflow.hidden_state_gradients(dh, cache)
    B, T, H = h.shape
    for t in range(T):
        h_t = h[:, t].copy()

        def loss(t=t, h_t=h_t):    # L = Σ_s <dh_s, h_s>, with h_t moved and the rest re-run
            rest = rnn.rnn_forward(x[:, t + 1:], h_t, W, U, b, activation)[0]
            return float(np.sum(dh[:, :t] * h[:, :t]) + np.sum(dh[:, t] * h_t)
                         + np.sum(dh[:, t + 1:] * rest))
        assert relative_error(total[:, t], numerical_gradient(loss, h_t)) < 1e-7, (activation, t)
    norms = gradflow.hidden_gradient_norms(dh, cache)
    np.testing.assert_allclose(norms, np.linalg.norm(total.reshape(B, T, H).transpose(1, 0, 2)
                                                     .reshape(T, -1), axis=1))


def test_hidden_state_gradients_agree_with_rnn_backward_and_the_jacobians():
    x, W, U, b, h, cache = _sequence("tanh", B=3)
    dh = np.zeros_like(h)
    dh[:, -1] = np.random.default_rng(2).standard_normal(dh[:, -1].shape)
    total = gradflow.hidden_state_gradients(dh, cache)
    # one more step back gives rnn_backward's dh0
    dh0 = (total[:, 0] * (1 - h[:, 0] ** 2)) @ U.T
    np.testing.assert_allclose(dh0, rnn.rnn_backward(dh, cache)["dh0"], rtol=1e-12, atol=1e-14)
    # with a loss on h_T only, ∂L/∂h_t = ∂L/∂h_T @ ∂h_T/∂h_t, sample by sample
    for i in range(3):
        P = gradflow.jacobian_products(U, h[i], "tanh")
        np.testing.assert_allclose(total[i], np.stack([dh[i, -1] @ P[t] for t in range(1, 7)]),
                                   rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("activation", ["tanh", "relu", "linear", "sigmoid"])
@pytest.mark.parametrize("kind", ["orthogonal", "gaussian"])
def test_norms_respect_the_bound(activation, kind):
    flow = gradflow.jacobian_flow(radius=1.3, T=40, activation=activation, kind=kind, seed=5)
    assert flow["norms"].shape == (41,) and flow["t"][0] == 0 and flow["t"][-1] == 40
    assert np.all(flow["norms"] <= flow["bound"] * (1 + 1e-9))
    assert flow["norms"][-1] == pytest.approx(1.0)


def test_linear_orthogonal_case_is_exactly_radius_to_the_power():
    for radius in (0.5, 1.0, 1.5):
        flow = gradflow.jacobian_flow(radius=radius, T=20, activation="linear")
        np.testing.assert_allclose(flow["norms"], radius ** (20 - np.arange(21)), rtol=1e-9)


def test_tanh_vanishes_below_one_and_linear_explodes_above():
    small = gradflow.jacobian_flow(radius=0.8, T=60, activation="tanh")["norms"]
    assert small[0] < 1e-5
    big = gradflow.jacobian_flow(radius=1.4, T=60, activation="linear")["norms"]
    assert big[0] > 1e8


@pytest.mark.parametrize("kind", ["orthogonal", "gaussian"])
def test_recurrent_matrix_has_the_chosen_spectral_radius(kind):
    U = gradflow.recurrent_matrix(12, 0.9, seed=3, kind=kind)
    assert U.shape == (12, 12)
    assert gradflow.spectral_radius(U) == pytest.approx(0.9, rel=1e-10)
    np.testing.assert_array_equal(U, gradflow.recurrent_matrix(12, 0.9, seed=3, kind=kind))
    sigma = gradflow.largest_singular_value(U)
    if kind == "orthogonal":
        assert sigma == pytest.approx(0.9, rel=1e-10)
    else:   # a non-normal matrix stretches more than its eigenvalues say
        assert sigma > 0.9 * 1.05


@pytest.mark.parametrize("call, words", [
    (lambda: gradflow.recurrent_matrix(4, -1.0), "radius: expected a finite number >= 0"),
    (lambda: gradflow.recurrent_matrix(4, 1.0, kind="unitary"), "kind: expected one of"),
    (lambda: gradflow.spectral_radius(np.zeros((2, 3))), "U: expected a square matrix"),
    (lambda: gradflow.jacobian_products(np.eye(3), np.zeros((5, 4))), "U: expected shape"),
    (lambda: gradflow.jacobian_products(np.eye(3), np.zeros((1, 5, 3))), "h: expected a 2-D"),
    (lambda: gradflow.jacobian_flow(activation="softplus"), "activation: expected one of"),
    (lambda: gradflow.jacobian_flow(T=0), "T: expected a positive integer"),
])
def test_bad_input_messages(call, words):
    raises_with(call, words)


# --- the clipping path: a training step with clipnorm moves by the clipped true gradient ---

def _rnn_problem(seed=0):
    """A small loss L(W, U, b) = mean of (v · h_T - target)**2 over the batch, in float64."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((4, 5, 2))
    params = {"W": rng.standard_normal((2, 3)), "U": rng.standard_normal((3, 3)),
              "b": rng.standard_normal(3)}
    v, target = rng.standard_normal(3), rng.standard_normal(4)

    def loss():
        h, _ = rnn.rnn_forward(x, None, params["W"], params["U"], params["b"])
        return float(np.mean((h[:, -1] @ v - target) ** 2))

    def grads():
        h, cache = rnn.rnn_forward(x, None, params["W"], params["U"], params["b"])
        dh = np.zeros_like(h)
        dh[:, -1] = (2 * (h[:, -1] @ v - target) / len(x))[:, None] * v
        g = rnn.rnn_backward(dh, cache)
        return {"W": g["dW"], "U": g["dU"], "b": g["db"]}

    return params, loss, grads


def _true_gradient(params, loss):
    return {k: numerical_gradient(loss, p) for k, p in params.items()}


@pytest.mark.parametrize("clip", [{"clipnorm": 0.05}, {"global_clipnorm": 0.05}, {}])
def test_sgd_step_with_clipping_moves_by_the_clipped_true_gradient(clip):
    params, loss, grads = _rnn_problem()
    analytic = grads()
    assert_gradients(loss, params, analytic, tol=1e-7)
    true = _true_gradient(params, loss)
    norms = {k: np.linalg.norm(g) for k, g in true.items()}
    if clip:   # the clip must be active for the test to mean something
        assert min(norms.values()) > 0.05
    if "clipnorm" in clip:
        expected = {k: g * 0.05 / max(norms[k], 0.05) for k, g in true.items()}
    elif "global_clipnorm" in clip:
        total = np.sqrt(sum(n**2 for n in norms.values()))
        expected = {k: g * 0.05 / total for k, g in true.items()}
    else:
        expected = true
    before = {k: p.copy() for k, p in params.items()}
    optim.SGD(learning_rate=0.1, **clip).update(params, analytic)
    for k in params:
        step = (before[k] - params[k]) / 0.1
        assert relative_error(step, expected[k]) < 1e-7, k


def test_fit_step_with_clipnorm_moves_by_the_clipped_true_gradient():
    rng = np.random.default_rng(7)
    x, y = rng.random((6, 4, 1)), rng.integers(0, 2, (6, 1))
    model = Sequential([SimpleRNN(3, input_shape=(4, 1), seed=0),
                        Dense(1, activation="sigmoid", seed=1)])
    model.compile(optimizer=optim.SGD(learning_rate=0.5, clipnorm=0.01),
                  loss="binary_crossentropy")
    params = model.params

    def loss():
        return losses.binary_crossentropy(y, model.forward(x))[0]

    true = {k: numerical_gradient(loss, p) for k, p in params.items()}
    assert min(np.linalg.norm(g) for g in true.values()) > 0.01   # every clip is active
    before = {k: p.copy() for k, p in params.items()}
    model.fit(x, y, epochs=1, batch_size=6, shuffle=False, verbose=0)
    for k, p in params.items():
        expected = true[k] * 0.01 / np.linalg.norm(true[k])
        assert relative_error((before[k] - p) / 0.5, expected) < 1e-7, k


def test_exploding_run_is_stopped_and_clipnorm_tames_it(capsys):
    """Notebook 04's run, smaller: SGD(0.3) on recall_first(T=30) blows up; clipnorm=0.5 not."""
    X, y = datasets.recall_first(n=128, T=30, seed=0)
    results = {}
    for clip in (None, 0.5):
        model = Sequential([SimpleRNN(16, input_shape=(30, 1), seed=0), Dense(1, seed=1)])
        model.compile(optimizer=optim.SGD(learning_rate=0.3, clipnorm=clip), loss="mse")
        norms = gradflow.record_gradient_norms(model.optimizer)
        history = model.fit(X, y, epochs=60, batch_size=32, verbose=0, shuffle=False)
        assert all(np.all(np.isfinite(p)) for p in model.params.values())
        results[clip] = history, norms
    history, norms = results[None]
    message = history.stopped
    assert message is not None and "epoch" in message and "batch" in message
    assert "learning rate" in message and "clipnorm" in message
    assert message in capsys.readouterr().out
    assert max(norms) > 1e6 * norms[0]          # the gradient exploded
    history, norms = results[0.5]
    assert history.stopped is None and len(norms) == 60 * 4
    assert history.history["loss"][-1] < 1 / 12   # better than always answering 0.5


def test_record_gradient_norms_notes_each_update():
    params, loss, grads = _rnn_problem()
    opt = optim.Adam(clipnorm=0.1)
    norms = gradflow.record_gradient_norms(opt)
    g = grads()
    opt.update(params, g)
    opt.update(params, grads())
    assert len(norms) == 2
    assert norms[0] == pytest.approx(np.sqrt(sum(np.sum(v**2) for v in g.values())))
    with pytest.raises(TypeError, match="optimizer: expected an optimizer"):
        gradflow.record_gradient_norms("adam")


@pytest.mark.parametrize("stacked", [False, True])
def test_model_hidden_gradients_equal_finite_differences(stacked):
    rng = np.random.default_rng(8)
    x, y = rng.random((3, 4, 2)), rng.integers(0, 2, (3, 1))
    first = [SimpleRNN(3, input_shape=(4, 2), return_sequences=True, seed=2)] if stacked else []
    rnn_layer = SimpleRNN(3, seed=0, **({} if stacked else {"input_shape": (4, 2)}))
    dense = Dense(1, activation="sigmoid", seed=1)
    model = Sequential([*first, rnn_layer, dense])
    model.compile(optimizer="sgd", loss="binary_crossentropy")
    index = len(first)
    total = gradflow.model_hidden_gradients(model, x, y, layer=index)
    inputs = first[0].forward(x) if stacked else x
    p = rnn_layer.params
    h, _ = rnn.rnn_forward(inputs, None, p["W"], p["U"], p["b"])
    for t in range(4):
        h_t = h[:, t].copy()

        def loss(t=t, h_t=h_t):
            last = rnn.rnn_forward(inputs[:, t + 1:], h_t, p["W"], p["U"], p["b"])[0][:, -1] \
                if t < 3 else h_t
            return losses.binary_crossentropy(y, dense.forward(last))[0]
        assert relative_error(total[:, t], numerical_gradient(loss, h_t)) < 1e-7, t
    with pytest.raises(ValueError, match="layer: expected the index of a SimpleRNN layer"):
        gradflow.model_hidden_gradients(model, x, y, layer=index + 1)
