"""Weight initialisers, with Keras' names and formulas.

Each takes a shape and a `numpy.random.Generator` and returns a float64 array:

    glorot_uniform : U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out))   (kernel)
    orthogonal     : a random orthogonal matrix (QR of a Gaussian matrix)    (recurrent_kernel)
    zeros, ones    : constants                                               (bias)

(in brackets: the Keras weight that uses it by default)

For a 2-D shape (rows, cols), fan_in = rows and fan_out = cols, as Keras counts them.
The layers call these with their own generator (`seed=`) or the package's one
(`rh.utils.set_random_seed`).
"""

import numpy as np

from .._validate import check_choice


def _fans(shape):
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    return shape[-2] * receptive, shape[-1] * receptive


def glorot_uniform(shape, rng):
    """Glorot (Xavier) uniform: U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out))."""
    fan_in, fan_out = _fans(shape)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape)


def orthogonal(shape, rng, gain=1.0):
    """A random orthogonal matrix times `gain`: the QR factor Q of a standard normal matrix,
    with the signs of R's diagonal folded in so that Q is uniformly distributed.

    (rows, cols) with rows < cols gives orthonormal rows; otherwise orthonormal columns.
    Keras' recurrent_kernel default: every singular value is 1, so h_{t-1} @ U neither
    shrinks nor grows the state at the start of training.
    """
    rows = int(np.prod(shape[:-1]))
    cols = shape[-1]
    a = rng.standard_normal((max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(a)
    q = q * np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return gain * q.reshape(shape)


def zeros(shape, rng=None):
    """All zeros (Keras' bias default). `rng` is accepted and unused."""
    return np.zeros(shape)


def ones(shape, rng=None):
    """All ones. `rng` is accepted and unused."""
    return np.ones(shape)


INITIALIZERS = {
    "glorot_uniform": glorot_uniform,
    "orthogonal": orthogonal,
    "zeros": zeros,
    "ones": ones,
}


def get(name, argument="initializer"):
    """The initialiser called `name`; a callable `f(shape, rng)` is returned unchanged."""
    if callable(name):
        return name
    check_choice(argument, name, tuple(INITIALIZERS))
    return INITIALIZERS[name]
