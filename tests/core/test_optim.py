"""Tests for rnn_helpers.core.optim: hand-computed steps, Keras' numbers, clipping, bad input."""

import math

import numpy as np
import pytest

from rnn_helpers.core import optim
from rnn_helpers.core.gradcheck import relative_error
from tests.conftest import assert_gradients


def scalar_steps(opt, grads, w0=1.0):
    """Apply opt to one scalar weight for the gradients in turn; return the weights after each."""
    w = np.array([w0])
    out = []
    for g in grads:
        opt.update({"w": w}, {"w": np.array([g])})
        out.append(float(w[0]))
    return out


# --- one step by hand -----------------------------------------------------------------------

def test_sgd_step_by_hand():
    # w = w - lr * g = 1 - 0.1 * 0.5 = 0.95
    assert scalar_steps(optim.SGD(learning_rate=0.1), [0.5]) == [pytest.approx(0.95)]


def test_sgd_momentum_by_hand():
    # lr 0.1, momentum 0.9, g = 0.5 then -0.2:
    # v1 = -0.1 * 0.5 = -0.05;                 w1 = 1 - 0.05 = 0.95
    # v2 = 0.9 * -0.05 - 0.1 * -0.2 = -0.025;  w2 = 0.95 - 0.025 = 0.925
    w = scalar_steps(optim.SGD(0.1, momentum=0.9), [0.5, -0.2])
    np.testing.assert_allclose(w, [0.95, 0.925], rtol=1e-14)
    # Nesterov: w += momentum * v - lr * g
    # w1 = 1 + 0.9 * -0.05 - 0.05 = 0.905;  w2 = 0.905 + 0.9 * -0.025 + 0.02 = 0.9025
    w = scalar_steps(optim.SGD(0.1, momentum=0.9, nesterov=True), [0.5, -0.2])
    np.testing.assert_allclose(w, [0.905, 0.9025], rtol=1e-14)


def test_adam_first_step_is_lr_times_sign():
    # Bias correction from the first step: m1 = 0.1 g, v1 = 0.001 g**2,
    # alpha1 = lr sqrt(0.001) / 0.1, so w1 - w0 = -lr * g / (|g| + 1e-7 / sqrt(0.001)).
    g = np.array([3.0, -0.02, 1e-3, -50.0])
    w = np.zeros(4)
    opt = optim.Adam(learning_rate=0.01)
    opt.update({"w": w}, {"w": g})
    # |g| = 1e-3 is within 0.3 % of a full step: epsilon only matters for |g| near 3e-6
    np.testing.assert_allclose(w, -0.01 * np.sign(g), rtol=5e-3)
    np.testing.assert_allclose(w, -0.01 * g / (np.abs(g) + 1e-7 / math.sqrt(0.001)), rtol=1e-12)
    assert opt.iterations == 1


def test_adam_two_steps_by_hand():
    # lr 0.1, beta_1 0.9, beta_2 0.999, epsilon 1e-7; g = 0.5 then -0.2; w0 = 1.
    # step 1: m = 0.05, v = 0.00025, alpha = 0.1 * sqrt(0.001) / 0.1 = 0.0316227766
    #         w1 = 1 - 0.0316227766 * 0.05 / (0.0158113883 + 1e-7) = 0.90000063245
    # step 2: m = 0.05 + (-0.2 - 0.05) * 0.1 = 0.025
    #         v = 0.00025 + (0.04 - 0.00025) * 0.001 = 0.00028975, sqrt(v) = 0.0170220445
    #         alpha = 0.1 * sqrt(1 - 0.999**2) / (1 - 0.9**2) = 0.0235316725
    #         w2 = w1 - 0.0235316725 * 0.025 / (0.0170220445 + 1e-7) = 0.86544025
    w = scalar_steps(optim.Adam(learning_rate=0.1), [0.5, -0.2])
    np.testing.assert_allclose(w, [0.90000063245, 0.86544025069], rtol=1e-10)


def test_adam_equals_the_paper_with_rescaled_epsilon():
    # Keras' form equals Kingma and Ba's m_hat / (sqrt(v_hat) + eps_t), eps_t = eps / sqrt(1 - b2^t)
    rng = np.random.default_rng(0)
    grads = rng.normal(size=(5, 3))
    w = np.zeros(3)
    opt = optim.Adam(learning_rate=0.05, beta_1=0.8, beta_2=0.99, epsilon=1e-3)
    w_ref, m, v = np.zeros(3), np.zeros(3), np.zeros(3)
    for t, g in enumerate(grads, start=1):
        opt.update({"w": w}, {"w": g})
        m = 0.8 * m + 0.2 * g
        v = 0.99 * v + 0.01 * g * g
        m_hat, v_hat = m / (1 - 0.8**t), v / (1 - 0.99**t)
        w_ref -= 0.05 * m_hat / (np.sqrt(v_hat) + 1e-3 / math.sqrt(1 - 0.99**t))
    np.testing.assert_allclose(w, w_ref, rtol=1e-12)


def test_rmsprop_keras_documented_value():
    # Keras' example: var = 10, loss = var**2 / 2 (gradient = var), lr 0.1 -> 9.683772
    w = np.array([10.0])
    optim.RMSprop(learning_rate=0.1).update({"var": w}, {"var": w.copy()})
    assert w[0] == pytest.approx(9.683772, abs=1e-6)


def test_update_is_in_place_and_keyed():
    W, b = np.ones((2, 3)), np.zeros(3)
    params = {"W": W, "b": b}
    opt = optim.Adam()
    for _ in range(3):
        opt.update(params, {"W": np.ones((2, 3)), "b": -np.ones(3)})
    assert params["W"] is W and params["b"] is b          # the same arrays, changed
    assert np.all(W < 1) and np.all(b > 0)
    assert opt.iterations == 3 and set(opt.state) == {"W", "b"}
    assert opt.state["W"]["m"].shape == (2, 3)
    f32 = np.ones(2, dtype=np.float32)
    optim.SGD().update({"w": f32}, {"w": np.ones(2)})
    assert f32.dtype == np.float32 and f32[0] == np.float32(0.99)


def test_learning_rate_can_change_between_steps():
    opt = optim.SGD(learning_rate=0.1)
    w = np.array([1.0])
    opt.update({"w": w}, {"w": np.array([1.0])})
    opt.learning_rate = 0.5
    opt.update({"w": w}, {"w": np.array([1.0])})
    assert w[0] == pytest.approx(0.4)


def test_get():
    adam = optim.get("adam")
    assert isinstance(adam, optim.Adam)
    assert (adam.learning_rate, adam.beta_1, adam.beta_2, adam.epsilon) == (0.001, 0.9, 0.999,
                                                                           1e-7)
    assert isinstance(optim.get("SGD"), optim.SGD) and optim.get("sgd").learning_rate == 0.01
    assert isinstance(optim.get("rmsprop"), optim.RMSprop)
    assert optim.get(adam) is adam


# --- clipping -------------------------------------------------------------------------------

def test_clip_by_global_norm():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[0.0, 4.0]])}   # joint norm 5
    clipped, total = optim.clip_by_global_norm(grads, 1.0)
    assert total == pytest.approx(5.0)
    np.testing.assert_allclose(clipped["a"], [0.6, 0.0])
    np.testing.assert_allclose(clipped["b"], [[0.0, 0.8]])
    assert grads["a"][0] == 3.0                                         # inputs unchanged
    same, total = optim.clip_by_global_norm(grads, 10.0)                # below: unchanged
    assert total == pytest.approx(5.0) and np.array_equal(same["b"], grads["b"])


def test_clip_huge_gradients_without_overflow():
    grads = {"a": np.full(4, 1e200), "b": np.array([-1e200])}
    clipped, total = optim.clip_by_global_norm(grads, 1.0)
    assert total == pytest.approx(math.sqrt(5) * 1e200)
    assert math.sqrt(sum(np.sum(g**2) for g in clipped.values())) == pytest.approx(1.0)


def _steps_after_clipping(**clip):
    """With SGD(lr=1), the change in each weight is minus the clipped gradient."""
    params = {"W": np.zeros((2, 2)), "b": np.zeros(2)}
    grads = {"W": np.array([[3.0, 0.0], [0.0, 4.0]]), "b": np.array([0.3, -0.4])}
    opt = optim.SGD(learning_rate=1.0, **clip)
    opt.update(params, grads)
    return {k: -p for k, p in params.items()}, grads, opt


def test_clipnorm_clips_each_array_separately():
    moved, grads, opt = _steps_after_clipping(clipnorm=1.0)
    assert np.linalg.norm(moved["W"]) == pytest.approx(1.0)           # was 5: clipped to 1
    np.testing.assert_allclose(moved["W"], grads["W"] / 5.0)           # direction kept
    np.testing.assert_allclose(moved["b"], grads["b"])                 # was 0.5: untouched
    assert opt.grad_norm == pytest.approx(math.sqrt(25.25))


def test_global_clipnorm_clips_all_arrays_together():
    moved, grads, _ = _steps_after_clipping(global_clipnorm=1.0)
    total = math.sqrt(25 + 0.25)
    joint = math.sqrt(sum(np.sum(g**2) for g in moved.values()))
    assert joint == pytest.approx(1.0)
    for k in grads:                                                    # same factor for all
        np.testing.assert_allclose(moved[k], grads[k] / total)


def test_clipped_gradient_keeps_the_true_direction():
    """Gradient check through clipping: the clipped step is the numerical gradient, rescaled."""
    rng = np.random.default_rng(1)
    W, b = rng.normal(size=(3, 2)), rng.normal(size=2)
    x = rng.normal(size=(4, 3))

    def loss():
        return float(np.sum(np.tanh(x @ W + b) ** 2))

    a = np.tanh(x @ W + b)
    da = 2 * a * (1 - a**2)
    grads = {"W": x.T @ da, "b": da.sum(axis=0)}
    clipped, total = optim.clip_by_global_norm(grads, 0.1)
    assert total > 0.1
    rescaled = {k: g * total / 0.1 for k, g in clipped.items()}
    assert_gradients(loss, {"W": W, "b": b}, rescaled, tol=1e-7)
    one = optim.clip_by_norm(grads["W"], 0.1)
    unit = grads["W"] / np.linalg.norm(grads["W"])
    assert relative_error(one / np.linalg.norm(one), unit) < 1e-15


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("call, match", [
    (lambda: optim.SGD(learning_rate=-0.1), r"learning_rate: expected a finite number >= 0.* -0.1"),
    (lambda: optim.Adam(learning_rate=float("nan")), r"learning_rate: expected a finite .*nan"),
    (lambda: optim.Adam(learning_rate="fast"), r"learning_rate: expected a finite .*'fast'"),
    (lambda: optim.Adam(beta_1=1.0), r"beta_1: expected a finite number >= 0 and < 1, got 1.0"),
    (lambda: optim.Adam(beta_2=-0.1), r"beta_2: expected a finite number >= 0 and < 1, got -0.1"),
    (lambda: optim.Adam(epsilon=0), r"epsilon: expected a finite number > 0, got 0"),
    (lambda: optim.SGD(momentum=1.5), r"momentum: expected a finite number >= 0 and <= 1, got 1.5"),
    (lambda: optim.RMSprop(rho=1), r"rho: expected a finite number >= 0 and < 1, got 1"),
    (lambda: optim.SGD(clipnorm=0.0), r"clipnorm: expected a finite number > 0, got 0.0"),
    (lambda: optim.Adam(clipnorm=1.0, global_clipnorm=1.0),
     r"global_clipnorm: expected None when clipnorm is set .*got 1.0"),
    (lambda: optim.clip_by_global_norm({"W": np.ones(2)}, -1),
     r"max_norm: expected a finite number > 0, got -1"),
    (lambda: optim.clip_by_global_norm({"W": np.array([np.inf])}, 1.0),
     r"grads\['W'\]: expected finite values, got 1 NaN or inf"),
    (lambda: optim.get("adamw"),
     r"optimizer: expected one of 'adam', 'sgd', 'rmsprop', got 'adamw'"),
    (lambda: optim.get(None), r"optimizer: expected one of 'adam', 'sgd', 'rmsprop', got None"),
    (lambda: optim.SGD().update({"W": np.ones(2), "b": np.ones(1)}, {"W": np.ones(2)}),
     r"grads: expected the keys of params \['W', 'b'\], got keys \['W'\] \(missing \['b'\]"),
    (lambda: optim.SGD().update({"W": np.ones((2, 3))}, {"W": np.ones((3, 2))}),
     r"grads\['W'\]: expected shape \(2, 3\).*got shape \(3, 2\)"),
    (lambda: optim.Adam().update({"W": np.ones(2)}, {"W": np.array([1.0, np.nan])}),
     r"grads\['W'\]: expected finite values, got 1 NaN or inf.*learning rate"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_learning_rate_set_later_is_checked():
    opt = optim.Adam()
    with pytest.raises(ValueError, match=r"learning_rate: expected a finite number >= 0, got inf"):
        opt.learning_rate = float("inf")
    assert opt.learning_rate == 0.001


def test_state_belongs_to_one_set_of_parameters():
    opt = optim.Adam()
    opt.update({"W": np.ones(2)}, {"W": np.ones(2)})
    with pytest.raises(ValueError, match=r"params: expected the keys of the first update \['W'\], "
                                         r"got keys \['U'\]"):
        opt.update({"U": np.ones(2)}, {"U": np.ones(2)})
    with pytest.raises(ValueError, match=r"params\['W'\]: expected shape \(2,\) as at the first "
                                         r"update, got shape \(3,\)"):
        opt.update({"W": np.ones(3)}, {"W": np.ones(3)})
    opt.reset()
    opt.update({"U": np.ones(2)}, {"U": np.ones(2)})
    assert opt.iterations == 1


def test_nothing_changes_when_a_gradient_is_bad():
    W, b = np.ones(2), np.ones(2)
    with pytest.raises(ValueError, match=r"grads\['b'\]"):
        optim.SGD().update({"W": W, "b": b}, {"W": np.ones(2), "b": np.array([np.nan, 0])})
    assert np.all(W == 1.0)


def test_params_must_be_float_arrays():
    with pytest.raises(TypeError, match=r"params\['W'\]: expected a float numpy array .*got list"):
        optim.SGD().update({"W": [1.0, 2.0]}, {"W": np.ones(2)})
    with pytest.raises(TypeError, match=r"params\['W'\]: expected a float numpy array .*int64"):
        optim.SGD().update({"W": np.ones(2, dtype=np.int64)}, {"W": np.ones(2)})
    with pytest.raises(TypeError, match=r"nesterov: expected True or False, got 'yes'"):
        optim.SGD(nesterov="yes")
