"""The package's random generator, and `set_random_seed` to restart it (as keras.utils does);
the float type new layers keep their weights in, `floatx` / `set_floatx` (as keras.config).

Every layer created without `seed=` draws its initial weights from one package-wide
`numpy.random.Generator`, and `Sequential.fit(shuffle=True)` draws its batch order from it too.
The generator starts from seed 0 when the package is imported, so a script or notebook run
top to bottom gives the same numbers every time. `set_random_seed(n)` restarts it from `n`;
like `keras.utils.set_random_seed`, it also seeds Python's `random` and numpy's legacy global
generator (`np.random.random`, which the seed article uses for its data).

A layer given `seed=` uses its own `np.random.default_rng(seed)` and leaves this one alone.

Weights are float64 unless `set_floatx("float32")` was called before the layers were built
(Keras' default is float32; the course keeps float64, in which gradient checks agree to 1e-7).
In float32 a model of tens of units or more trains about twice as fast (benchmarks/README.md);
its layers convert float64 inputs to float32, as Keras' do.
"""

import random

import numpy as np

from .._validate import fail

DEFAULT_SEED = 0
DEFAULT_FLOATX = "float64"

_rng = np.random.default_rng(DEFAULT_SEED)
_floatx = DEFAULT_FLOATX


def set_random_seed(seed):
    """Restart the package's generator (and Python's and numpy's global ones) from `seed`.

    seed: an int in [0, 2**32).
    """
    global _rng
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not (
            0 <= seed < 2**32):
        fail("seed", "an integer in [0, 2**32)", repr(seed))
    seed = int(seed)
    _rng = np.random.default_rng(seed)
    random.seed(seed)
    np.random.seed(seed)


def get_rng():
    """The package-wide generator that layers without `seed=` and `fit`'s shuffling draw from."""
    return _rng


def floatx():
    """The float type ("float64" or "float32") that layers built from now on keep weights in."""
    return _floatx


def set_floatx(dtype):
    """Build the weights of layers from now on in `dtype`: "float32" or "float64" (the default).

    As keras.config.set_floatx: layers already built keep their dtype.
    """
    global _floatx
    name = np.dtype(dtype).name if isinstance(dtype, (type, np.dtype)) else dtype
    if name not in ("float32", "float64"):
        fail("dtype", "'float32' or 'float64'", repr(dtype))
    _floatx = name
