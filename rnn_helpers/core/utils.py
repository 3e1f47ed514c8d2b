"""The package's random generator, and `set_random_seed` to restart it (as keras.utils does).

Every layer created without `seed=` draws its initial weights from one package-wide
`numpy.random.Generator`, and `Sequential.fit(shuffle=True)` draws its batch order from it too.
The generator starts from seed 0 when the package is imported, so a script or notebook run
top to bottom gives the same numbers every time. `set_random_seed(n)` restarts it from `n`;
like `keras.utils.set_random_seed`, it also seeds Python's `random` and numpy's legacy global
generator (`np.random.random`, which the seed article uses for its data).

A layer given `seed=` uses its own `np.random.default_rng(seed)` and leaves this one alone.
"""

import random

import numpy as np

from .._validate import fail

DEFAULT_SEED = 0

_rng = np.random.default_rng(DEFAULT_SEED)


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
