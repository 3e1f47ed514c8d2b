"""Tests for rnn_helpers.core.activations: values, derivatives from outputs, stability, get()."""

import math
import warnings

import numpy as np
import pytest

from rnn_helpers.core import activations as A

ELEMENTWISE = ["tanh", "sigmoid", "relu", "linear"]


def test_known_values():
    x = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(A.sigmoid(x), [1 / (1 + math.exp(2)), 0.5, 1 / (1 + math.exp(-3))])
    np.testing.assert_allclose(A.tanh(x), [math.tanh(-2), 0.0, math.tanh(3)])
    np.testing.assert_array_equal(A.relu(x), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(A.linear(x), x)
    # softmax([0, ln 2, ln 3]) = [1, 2, 3] / 6
    np.testing.assert_allclose(A.softmax(np.log([1.0, 2.0, 3.0])), [1 / 6, 2 / 6, 3 / 6])


def test_derivatives_from_outputs():
    y = np.array([-0.5, 0.0, 0.25, 0.9])
    np.testing.assert_allclose(A.dtanh(y), 1 - y**2)
    np.testing.assert_allclose(A.dsigmoid(y), y * (1 - y))
    np.testing.assert_array_equal(A.drelu(np.array([0.0, 0.0, 2.0])), [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(A.dlinear(y), np.ones(4))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_numerical(name):
    """df(f(a)) against (f(a + eps) - f(a - eps)) / (2 eps), entry by entry, in float64."""
    act = A.get(name)
    a = np.random.default_rng(0).normal(scale=2.0, size=200)
    a = a[np.abs(a) > 1e-3]  # away from relu's kink at 0
    eps = 1e-6
    numeric = (act.f(a + eps) - act.f(a - eps)) / (2 * eps)
    analytic = act.df(act.f(a))
    err = np.linalg.norm(analytic - numeric) / (np.linalg.norm(analytic) + np.linalg.norm(numeric))
    assert err < 1e-7


def test_sigmoid_stable_at_large_inputs():
    x = np.array([-1e4, -800.0, -50.0, 0.0, 50.0, 800.0, 1e4])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        y = A.sigmoid(x)
    assert np.all(np.isfinite(y))
    assert y[0] == 0.0 and y[-1] == 1.0 and y[3] == 0.5
    assert np.all(np.diff(y) >= 0)
    # far from 0 the small side is exp(x) to full relative precision, not 0 or 1 - 1
    np.testing.assert_allclose(A.sigmoid(np.array([-50.0])), [math.exp(-50)], rtol=1e-12)


def test_sigmoid_keeps_float32():
    x = np.array([-1e4, 0.0, 1e4], dtype=np.float32)
    assert A.sigmoid(x).dtype == np.float32


def test_softmax_stable_and_normalised():
    x = np.array([[1e4, 0.0, -1e4], [-1e4, -1e4, -1e4], [1e4, 1e4, 0.0]])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        p = A.softmax(x)
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p.sum(axis=-1), 1.0)
    np.testing.assert_allclose(p, [[1, 0, 0], [1 / 3, 1 / 3, 1 / 3], [0.5, 0.5, 0]])


def test_softmax_axis_and_shift_invariance():
    x = np.random.default_rng(1).normal(size=(2, 3, 4))
    np.testing.assert_allclose(A.softmax(x, axis=1).sum(axis=1), 1.0)
    np.testing.assert_allclose(A.softmax(x + 100.0), A.softmax(x))


def test_get():
    assert A.get("tanh").f is A.tanh and A.get("tanh").df is A.dtanh
    assert A.get(None).name == "linear"
    act = A.get("relu")
    assert A.get(act) is act
    for name in ELEMENTWISE:
        assert A.get(name).name == name


def test_get_unknown_names_the_argument_and_value():
    with pytest.raises(ValueError, match=r"activation: expected one of .*'tanh'.*got 'softmaxx'"):
        A.get("softmaxx")
