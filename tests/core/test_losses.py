"""Tests for rnn_helpers.core.losses: Keras' numbers, gradients, masks, and bad input."""

import math

import numpy as np
import pytest

from rnn_helpers.core import losses as L
from rnn_helpers.core.activations import sigmoid, softmax
from rnn_helpers.core.gradcheck import check_gradients

TOL = 1e-7


def worst_error(loss_fn, y_true, y_pred, **kwargs):
    """Worst relative error of dy_pred against centred differences, in float64."""
    _, dy_pred = loss_fn(y_true, y_pred, **kwargs)
    errors = check_gradients(lambda: loss_fn(y_true, y_pred, **kwargs)[0],
                             {"y_pred": y_pred}, {"y_pred": dy_pred})
    return errors["y_pred"]


# --- the numbers in Keras' documentation examples -------------------------------------------

def test_keras_documented_values():
    assert L.binary_crossentropy([[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])[0] == pytest.approx(
        0.815, abs=5e-4)
    assert L.binary_crossentropy([0, 1, 0, 0], [-18.6, 0.51, 2.94, -12.8], from_logits=True)[
        0] == pytest.approx(0.865, abs=5e-4)
    p = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]
    assert L.categorical_crossentropy([[0, 1, 0], [0, 0, 1]], p)[0] == pytest.approx(
        1.177, abs=5e-4)
    assert L.sparse_categorical_crossentropy([1, 2], p)[0] == pytest.approx(1.177, abs=5e-4)
    assert L.mse([[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]])[0] == 0.5


def test_hand_values():
    # p = 0.5 for every sample: -log(0.5) = log 2, whatever the label
    loss, dp = L.binary_crossentropy([[1], [0]], [[0.5], [0.5]])
    assert loss == pytest.approx(math.log(2))
    # dp = (p - y) / (p (1 - p)) / N = (0.5 - y) / 0.25 / 2  ->  [-1, +1]
    np.testing.assert_allclose(dp, [[-1.0], [1.0]])
    # z = 0 is p = 0.5: the same loss from logits; dz = (0.5 - y) / 2
    loss, dz = L.binary_crossentropy([[1], [0]], [[0.0], [0.0]], from_logits=True)
    assert loss == pytest.approx(math.log(2))
    np.testing.assert_allclose(dz, [[-0.25], [0.25]])
    # uniform scores over V = 4 classes: -log(1/4)
    assert L.sparse_categorical_crossentropy([3], [[0.0] * 4], from_logits=True)[0] == (
        pytest.approx(math.log(4)))
    # mse: ((1 - 0)**2 + (3 - 1)**2) / 2 = 2.5, d = 2 (y_pred - y) / 2
    loss, d = L.mse([0.0, 1.0], [1.0, 3.0])
    assert loss == 2.5
    np.testing.assert_allclose(d, [1.0, 2.0])


def test_logits_and_probabilities_agree():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(6, 1))
    y = rng.integers(0, 2, size=(6, 1))
    loss_z, dz = L.binary_crossentropy(y, z, from_logits=True)
    loss_p, dp = L.binary_crossentropy(y, sigmoid(z))
    assert loss_z == pytest.approx(loss_p, rel=1e-9)
    p = sigmoid(z)
    np.testing.assert_allclose(dz, dp * p * (1 - p), rtol=1e-9)  # chain rule through sigmoid
    s = rng.normal(size=(4, 3, 5))
    labels = rng.integers(0, 5, size=(4, 3))
    a = L.sparse_categorical_crossentropy(labels, s, from_logits=True)[0]
    b = L.sparse_categorical_crossentropy(labels, softmax(s))[0]
    assert a == pytest.approx(b, rel=1e-9)


def test_logits_stable_at_large_scores():
    loss, dz = L.binary_crossentropy([1.0, 0.0], [1e4, -1e4], from_logits=True)
    assert loss == 0.0 and np.all(dz == 0.0)
    loss, dz = L.binary_crossentropy([0.0], [1e4], from_logits=True)
    assert loss == pytest.approx(1e4)
    loss, _ = L.sparse_categorical_crossentropy([0], [[-1e4, 1e4]], from_logits=True)
    assert loss == pytest.approx(2e4)


def test_clipping_as_keras():
    # p = 0 for a positive: -log(1e-7) = 16.118..., and no gradient through the clip
    loss, dp = L.binary_crossentropy([1.0, 1.0], [0.0, 0.5])
    assert loss == pytest.approx((-math.log(1e-7) + math.log(2)) / 2)
    assert dp[0] == 0.0 and dp[1] == pytest.approx(-1.0)
    loss, dp = L.sparse_categorical_crossentropy([0], [[0.0, 1.0]])
    assert loss == pytest.approx(-math.log(1e-7))
    assert np.all(np.isfinite(dp))


def test_sparse_equals_categorical_on_one_hot():
    rng = np.random.default_rng(1)
    p = softmax(rng.normal(size=(3, 4, 6)))
    labels = rng.integers(0, 6, size=(3, 4))
    one_hot = np.eye(6)[labels]
    for from_logits in (False, True):
        a, da = L.sparse_categorical_crossentropy(labels, p, from_logits=from_logits)
        b, db = L.categorical_crossentropy(one_hot, p, from_logits=from_logits)
        assert a == pytest.approx(b, rel=1e-12)
        np.testing.assert_allclose(da, db, rtol=1e-12)


def test_mask_is_the_mean_over_unmasked_steps():
    rng = np.random.default_rng(2)
    z = rng.normal(size=(2, 4, 3))
    labels = rng.integers(0, 3, size=(2, 4))
    mask = np.array([[1, 1, 1, 0], [1, 1, 0, 0]])
    loss, dz = L.sparse_categorical_crossentropy(labels, z, from_logits=True, mask=mask)
    kept = mask.astype(bool)
    expected, _ = L.sparse_categorical_crossentropy(labels[kept], z[kept], from_logits=True)
    assert loss == pytest.approx(expected, rel=1e-12)
    assert np.all(dz[~kept] == 0.0)
    # a full mask of ones is the unmasked loss
    full = L.sparse_categorical_crossentropy(labels, z, from_logits=True, mask=np.ones((2, 4)))
    assert full[0] == pytest.approx(L.sparse_categorical_crossentropy(labels, z, True)[0])


def test_shapes_dtypes_and_keras_label_shapes():
    y_pred = np.full((5, 1), 0.3, dtype=np.float32)
    loss, d = L.binary_crossentropy(np.zeros(5), y_pred)  # (B,) labels against (B, 1)
    assert d.shape == (5, 1) and d.dtype == np.float32 and isinstance(loss, float)
    assert L.mse(np.zeros((5, 1)), np.zeros(5))[1].shape == (5,)
    loss, d = L.sparse_categorical_crossentropy(np.array([[1], [0]]), np.full((2, 3), 1 / 3))
    assert d.shape == (2, 3) and loss == pytest.approx(math.log(3))


# --- gradients, float64, against centred differences ----------------------------------------

def _binary_cases():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, size=(4, 3)).astype(float)
    yield "bce probs", L.binary_crossentropy, y, rng.uniform(0.05, 0.95, size=(4, 3)), {}
    yield "bce soft labels", L.binary_crossentropy, rng.uniform(size=(5, 1)), \
        rng.uniform(0.05, 0.95, size=(5, 1)), {}
    yield "bce logits", L.binary_crossentropy, y, rng.normal(scale=3, size=(4, 3)), \
        {"from_logits": True}
    yield "mse", L.mse, rng.normal(size=(3, 2, 2)), rng.normal(size=(3, 2, 2)), {}


def _categorical_cases():
    rng = np.random.default_rng(4)
    for shape in [(4, 5), (3, 4, 5)]:
        labels = rng.integers(0, 5, size=shape[:-1])
        one_hot = np.eye(5)[labels]
        probs = rng.uniform(0.1, 1.0, size=shape)  # not normalised: Keras rescales
        logits = rng.normal(scale=2, size=shape)
        yield f"cce probs {shape}", L.categorical_crossentropy, one_hot, probs, {}
        yield f"cce logits {shape}", L.categorical_crossentropy, one_hot, logits, \
            {"from_logits": True}
        yield f"scce probs {shape}", L.sparse_categorical_crossentropy, labels, probs, {}
        yield f"scce logits {shape}", L.sparse_categorical_crossentropy, labels, logits, \
            {"from_logits": True}
    labels = rng.integers(0, 5, size=(3, 4))
    mask = np.array([[1, 1, 1, 1], [1, 1, 0, 0], [1, 0, 0, 0]])
    yield "scce logits mask", L.sparse_categorical_crossentropy, labels, \
        rng.normal(size=(3, 4, 5)), {"from_logits": True, "mask": mask}
    yield "scce probs mask", L.sparse_categorical_crossentropy, labels, \
        rng.uniform(0.1, 1.0, size=(3, 4, 5)), {"mask": mask}
    soft = softmax(rng.normal(size=(4, 5)))
    yield "cce soft labels", L.categorical_crossentropy, soft, rng.normal(size=(4, 5)), \
        {"from_logits": True}


GRAD_CASES = list(_binary_cases()) + list(_categorical_cases())


@pytest.mark.parametrize("case", GRAD_CASES, ids=[c[0] for c in GRAD_CASES])
def test_gradient(case):
    _, loss_fn, y_true, y_pred, kwargs = case
    assert worst_error(loss_fn, y_true, y_pred, **kwargs) < TOL


def test_gradient_of_clipped_probabilities():
    # Entries inside the clip zone [0, 1e-7] or [1 - 1e-7, 1] get a zero gradient, which is
    # the true derivative of the clipped loss: a step of 1e-8 stays inside the zone.
    y = np.array([[1.0], [0.0], [1.0]])
    p = np.array([[5e-8], [0.3], [1 - 5e-8]])
    _, dp = L.binary_crossentropy(y, p)
    assert dp[0, 0] == 0.0 and dp[2, 0] == 0.0 and dp[1, 0] != 0.0
    errors = check_gradients(lambda: L.binary_crossentropy(y, p)[0], {"p": p}, {"p": dp},
                             eps=1e-8)
    assert errors["p"] < TOL


# --- bad input: each message names the argument and what came -------------------------------

@pytest.mark.parametrize("call, match", [
    (lambda: L.binary_crossentropy(np.zeros((4, 1)), np.zeros((3, 1))),
     r"y_true: expected the shape of y_pred \(3, 1\), got shape \(4, 1\)"),
    (lambda: L.binary_crossentropy([2.0, 0.0], [0.5, 0.5]),
     r"y_true: expected values in \[0, 1\], got values from 0 to 2"),
    (lambda: L.binary_crossentropy([1.0, 0.0], [2.5, -1.0]),
     r"y_pred: expected values in \[0, 1\], got values from -1 to 2.5.*from_logits=True"),
    (lambda: L.binary_crossentropy([1.0], [np.nan]),
     r"y_pred: expected finite values, got 1 NaN or inf"),
    (lambda: L.binary_crossentropy(["a"], [0.5]), r"y_true: expected a numeric array, got"),
    (lambda: L.binary_crossentropy([1.0], np.zeros((0,))), r"y_pred: expected at least one"),
    (lambda: L.mse(np.zeros((2, 3)), np.zeros((3, 2))),
     r"y_true: expected the shape of y_pred \(3, 2\), got shape \(2, 3\)"),
    (lambda: L.categorical_crossentropy([1, 0], np.full((2, 3), 1 / 3)),
     r"y_true: expected one-hot labels .* got shape \(2,\).*sparse_categorical_crossentropy"),
    (lambda: L.categorical_crossentropy(np.zeros(3), np.zeros(3)),
     r"y_pred: expected a 2-D or 3-D array \(B, V\) or \(B, T, V\), got shape \(3,\)"),
    (lambda: L.categorical_crossentropy(np.eye(2), np.zeros((2, 2))),
     r"y_pred: expected probabilities with a positive sum .* got 2 rows summing to 0"),
    (lambda: L.sparse_categorical_crossentropy([0, 3], np.full((2, 3), 1 / 3)),
     r"y_true: expected class labels in \[0, 3\) .* got labels from 0 to 3"),
    (lambda: L.sparse_categorical_crossentropy([-1, 0], np.full((2, 3), 1 / 3)),
     r"y_true: expected class labels in \[0, 3\) .* got labels from -1 to 0"),
    (lambda: L.sparse_categorical_crossentropy([0.5, 1], np.full((2, 3), 1 / 3)),
     r"y_true: expected integer class labels, got non-integer values such as 0.5"),
    (lambda: L.sparse_categorical_crossentropy(np.eye(3)[[0, 1]], np.full((2, 3), 1 / 3)),
     r"y_true: expected integer labels of shape \(2,\).* got shape \(2, 3\).*categorical_cross"),
    (lambda: L.sparse_categorical_crossentropy(np.zeros((2, 4)), np.zeros((2, 4, 3)), True,
                                               mask=np.ones((2, 3))),
     r"mask: expected shape \(2, 4\).* got shape \(2, 3\)"),
    (lambda: L.sparse_categorical_crossentropy(np.zeros((2, 4)), np.zeros((2, 4, 3)), True,
                                               mask=np.zeros((2, 4))),
     r"mask: expected at least one non-zero entry, got a mask of zeros only"),
    (lambda: L.sparse_categorical_crossentropy(np.zeros(2), np.zeros((2, 3)), True,
                                               mask=[1, -1]),
     r"mask: expected weights >= 0 .* got a minimum of -1"),
    (lambda: L.get("binary_cross_entropy"),
     r"loss: expected one of 'binary_crossentropy', .* got 'binary_cross_entropy'"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_from_logits_must_be_a_bool():
    with pytest.raises(TypeError, match=r"from_logits: expected True or False, got 'yes'"):
        L.binary_crossentropy([1.0], [0.5], from_logits="yes")


def test_get():
    assert L.get("mse") is L.mean_squared_error is L.mse
    assert L.get("mean_squared_error") is L.mse
    assert L.get("sparse_categorical_crossentropy") is L.sparse_categorical_crossentropy
    assert L.get(L.binary_crossentropy) is L.binary_crossentropy
