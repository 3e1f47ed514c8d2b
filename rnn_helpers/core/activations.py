"""Activation functions and their derivatives.

Derivatives are written in terms of the activation's *output* y = f(a), because that is what
the forward pass keeps in its cache:

    tanh'(a)    = 1 - y**2
    sigmoid'(a) = y * (1 - y)
    relu'(a)    = 1 where y > 0, else 0
"""

from collections import namedtuple

import numpy as np

from .._validate import check_array, check_choice, fail


def sigmoid(x):
    """Logistic sigmoid 1 / (1 + exp(-x)), written so that exp never overflows.

    For x >= 0 it uses 1 / (1 + exp(-x)); for x < 0 the equal form exp(x) / (1 + exp(x)).
    """
    x = np.asarray(x)
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def tanh(x):
    """Hyperbolic tangent, the hidden activation of Keras' SimpleRNN, LSTM and GRU."""
    return np.tanh(x)


def relu(x):
    """max(0, x)."""
    return np.maximum(x, 0)


def linear(x):
    """The identity: f(x) = x."""
    return x


def softmax(x, axis=-1):
    """exp(x) / sum(exp(x)) along `axis`, shifted by the max so exp never overflows.

    Infinite scores get their limit: where a row's max is +inf, its +inf entries share the
    whole mass ([inf, 1] -> [1, 0]); -inf entries get 0. NaN stays NaN (the NaN guard of
    `fit` looks for it), as does a row of -inf only, which has no limit.
    """
    x = check_array("x", x, finite=False, nonempty=True)
    if x.ndim == 0:
        fail("x", "scores along at least one axis", f"one number {float(x)!r}")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)) or not (
            -x.ndim <= axis < x.ndim):
        fail("axis", f"an axis of x (shape {x.shape}), from {-x.ndim} to {x.ndim - 1}",
             repr(axis))
    m = np.max(x, axis=axis, keepdims=True)
    with np.errstate(over="ignore", invalid="ignore"):   # 1e308 - (-1e308) = -inf: exp 0
        if np.isinf(m).any():
            top = np.isposinf(x) & np.isposinf(m)
            z = np.where(np.isposinf(m), np.where(top, 0.0, -np.inf), x - m)
        else:
            z = x - m
        e = np.exp(z)
        return e / np.sum(e, axis=axis, keepdims=True)


def dsigmoid(y):
    """sigmoid'(a) from y = sigmoid(a): y * (1 - y)."""
    return y * (1 - y)


def dtanh(y):
    """tanh'(a) from y = tanh(a): 1 - y**2 (at most 1, at a = 0)."""
    return 1 - y * y


def drelu(y):
    """relu'(a) from y = relu(a): 1 where y > 0, else 0."""
    return (y > 0).astype(np.asarray(y).dtype)


def dlinear(y):
    """The identity's derivative: 1 everywhere."""
    return np.ones_like(y)


Activation = namedtuple("Activation", ["name", "f", "df"])
"""An activation by name: `f(a)` and its derivative `df(y)` from the output y = f(a)."""

ACTIVATIONS = {
    "tanh": Activation("tanh", tanh, dtanh),
    "sigmoid": Activation("sigmoid", sigmoid, dsigmoid),
    "relu": Activation("relu", relu, drelu),
    "linear": Activation("linear", linear, dlinear),
}


def get(name, argument="activation"):
    """Look an activation up by name ("tanh", "sigmoid", "relu", "linear"; None = "linear").

    `softmax` is not here: its derivative is a matrix, so Dense and the losses handle it.
    """
    if name is None:
        name = "linear"
    if isinstance(name, Activation):
        return name
    if isinstance(name, str):
        name = name.lower()
    check_choice(argument, name, tuple(ACTIVATIONS))
    return ACTIVATIONS[name]
