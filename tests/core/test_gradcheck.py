"""Tests for rnn_helpers.core.gradcheck: on functions whose gradient is known, and bad input."""

import numpy as np
import pytest

from rnn_helpers.core.gradcheck import (
    check_gradients,
    format_report,
    numerical_gradient,
    relative_error,
)


def test_numerical_gradient_of_a_known_function():
    # f(x) = Σ x**3 + Σ sin(x)  ->  ∂f/∂x = 3 x**2 + cos(x)
    x = np.random.default_rng(0).normal(size=(3, 4))
    numeric = numerical_gradient(lambda: float(np.sum(x**3 + np.sin(x))), x)
    assert relative_error(numeric, 3 * x**2 + np.cos(x)) < 1e-9


def test_numerical_gradient_restores_x_exactly():
    x = np.random.default_rng(1).normal(size=(2, 3))
    before = x.copy()
    numerical_gradient(lambda: float(np.sum(x * x)), x)
    assert np.array_equal(x, before)          # bit for bit: the same value is written back

    def fails():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        numerical_gradient(fails, x)
    assert np.array_equal(x, before)


def test_numerical_gradient_of_a_scalar_array():
    x = np.array(2.0)
    assert numerical_gradient(lambda: float(x**2), x) == pytest.approx(4.0, rel=1e-9)


def test_relative_error():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error(np.zeros(2), [0.0, 1e-3]) == 1.0
    # ||(0, 0.1)|| / (||(1, 0)|| + ||(1, 0.1)||) = 0.1 / (1 + sqrt(1.01))
    assert relative_error([1.0, 0.0], [1.0, 0.1]) == pytest.approx(0.1 / (1 + np.sqrt(1.01)))


def test_relative_error_is_robust_to_entries_near_zero():
    # A saturated unit: the true gradient is 1e-13, the numerical one rounding noise -1e-13.
    # Entry by entry the error would be 1 (100 %); weighed by the norm it is negligible.
    a = np.array([0.8, -1.5, 1e-13])
    b = np.array([0.8, -1.5, -1e-13])
    assert relative_error(a, b) < 1e-13


def test_check_gradients_finds_right_and_wrong():
    rng = np.random.default_rng(2)
    W, b = rng.normal(size=(3, 2)), rng.normal(size=2)
    x = rng.normal(size=(4, 3))

    def loss():  # L = Σ tanh(x @ W + b)
        return float(np.sum(np.tanh(x @ W + b)))

    da = 1 - np.tanh(x @ W + b) ** 2
    good = {"dW": x.T @ da, "db": da.sum(axis=0)}
    errors = check_gradients(loss, {"W": W, "b": b}, good)
    assert list(errors) == ["W", "b"] and max(errors.values()) < 1e-9
    # the plain names work too, and a missing factor of 2 is caught
    bad = check_gradients(loss, {"W": W, "b": b}, {"W": good["dW"], "b": 2 * good["db"]})
    assert bad["W"] < 1e-9 and bad["b"] == pytest.approx(1 / 3, rel=1e-6)


def test_format_report_is_deterministic_text():
    report = format_report({"W": 3.2e-11, "U": 4.0e-8, "b": 0.0, "h0": 1.4e-9})
    assert report == (
        "W   rel. error < 1e-8  ok\n"
        "U   rel. error < 1e-7  ok\n"
        "b   rel. error < 1e-8  ok\n"
        "h0  rel. error < 1e-8  ok\n"
        "all 4 gradients agree within 1e-7"
    )
    assert format_report({"W": 3.2e-11}, floor=1e-12).startswith("W  rel. error < 1e-10  ok")
    report = format_report({"dh0": 2.1e-11, "W": 0.004})
    assert report == (
        "dh0  rel. error < 1e-8  ok\n"
        "W    rel. error < 1e-2  FAILED\n"
        "FAILED: W above the tolerance 1e-7"
    )
    assert format_report({"x": 1e-12}).endswith("the gradient agrees within 1e-7")
    assert "FAILED" in format_report({"x": float("nan")})


@pytest.mark.parametrize("call, match", [
    (lambda: numerical_gradient(lambda: 0.0, np.ones(2, dtype=np.float32)),
     r"x: expected a float64 numpy array .* got dtype float32.*astype\(np.float64\)"),
    (lambda: numerical_gradient(lambda: 0.0, [1.0, 2.0]),
     r"x: expected a float64 numpy array .* got list"),
    (lambda: numerical_gradient(lambda: 0.0, np.ones(2), eps=-1e-6),
     r"eps: expected a step in \(0, 1\), such as 1e-6, got -1e-06"),
    (lambda: numerical_gradient(lambda: np.ones(2), np.ones(2)),
     r"f: expected a function returning a float, got ndarray"),
    (lambda: numerical_gradient(lambda: float("nan"), np.ones(2)),
     r"f: expected a finite value, got nan"),
    (lambda: relative_error(np.ones(2), np.ones(3)),
     r"b: expected the shape of a \(2,\), got shape \(3,\)"),
    (lambda: check_gradients(lambda: 0.0, {"W": np.ones(2)}, {"dU": np.ones(2)}),
     r"analytic: expected a gradient under 'W' or 'dW', got keys \['dU'\]"),
    (lambda: check_gradients(lambda: 0.0, {"W": np.ones(2)}, {"dW": np.ones(3)}),
     r"analytic\['dW'\]: expected shape \(2,\), like arrays\['W'\], got shape \(3,\)"),
    (lambda: format_report({}), r"errors: expected a non-empty dict .* got \{\}"),
    (lambda: format_report({"W": 0.0}, tol=0), r"tol: expected a positive number .* got 0"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_wrong_types():
    with pytest.raises(TypeError, match=r"f: expected a function of no arguments, got float"):
        numerical_gradient(1.0, np.ones(2))
    with pytest.raises(TypeError, match=r"arrays: expected a dict of arrays, got list"):
        check_gradients(lambda: 0.0, [np.ones(2)], {})
