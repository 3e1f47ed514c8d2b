"""Optimizers that update a dict of parameter arrays in place, as Keras 3 computes them.

    opt = Adam(learning_rate=0.001)
    opt.update(params, grads)      # params["W"] -= ..., for every key, in place

`params` and `grads` are dicts with the same keys (the seed's names, e.g. "W", "U", "b", made
unique across layers by the caller); the optimizer keeps its state (velocities, moments)
under the same keys, so one optimizer belongs to one set of parameters.

Clipping, with Keras' meanings, happens before the update (clipping.py, whose functions are
also here as optim.clip_by_norm and optim.clip_by_global_norm):
    clipnorm        : each gradient array g becomes g * clipnorm / max(||g||, clipnorm)
    global_clipnorm : all arrays together are scaled by min(1, global_clipnorm / ||all||)
where ||.|| is the Euclidean norm of all entries.
"""

import math

import numpy as np

from .._validate import check_array, check_choice, check_number, fail, is_trusted
from .clipping import clip_by_global_norm, clip_by_norm, global_norm, norm  # noqa: F401


class Optimizer:
    """What every optimizer shares: the checks, the clipping, the state and `iterations`."""

    def __init__(self, learning_rate, clipnorm=None, global_clipnorm=None):
        self.learning_rate = learning_rate
        if clipnorm is not None and global_clipnorm is not None:
            fail("global_clipnorm", f"None when clipnorm is set (clipnorm={clipnorm!r}); "
                  "Keras allows only one of them", repr(global_clipnorm))
        self.clipnorm = None if clipnorm is None else check_number(
            "clipnorm", clipnorm, low=0, low_open=True)
        self.global_clipnorm = None if global_clipnorm is None else check_number(
            "global_clipnorm", global_clipnorm, low=0, low_open=True)
        self.reset()

    @property
    def learning_rate(self):
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        self._learning_rate = check_number("learning_rate", value, low=0)

    def reset(self):
        """Forget the state and the step count, as a freshly built optimizer."""
        self.iterations = 0     # number of update() calls so far
        self.state = {}         # key -> {"m": ..., "v": ...} per parameter array
        self.grad_norm = None   # global norm of the last gradients, before clipping
        self._keys = None
        self._flat = None       # Adam: its moments as one array (see Adam._apply)

    def _check(self, params, grads):
        for name, d in (("params", params), ("grads", grads)):
            if not isinstance(d, dict):
                raise TypeError(f"{name}: expected a dict of arrays, got {type(d).__name__}")
        if set(grads) != set(params):
            missing = sorted(set(params) - set(grads), key=str)
            extra = sorted(set(grads) - set(params), key=str)
            fail("grads", f"the keys of params {sorted(params, key=str)}",
                  f"keys {sorted(grads, key=str)} (missing {missing}, unexpected {extra})")
        if self._keys is not None and set(params) != self._keys:
            fail("params", f"the keys of the first update {sorted(self._keys, key=str)}",
                  f"keys {sorted(params, key=str)}",
                  "An optimizer keeps state per key: use a new one for other parameters")
        checked = {}
        for k, p in params.items():
            if not (isinstance(p, np.ndarray) and np.issubdtype(p.dtype, np.floating)):
                what = f"dtype {p.dtype}" if isinstance(p, np.ndarray) else type(p).__name__
                raise TypeError(f"params[{k!r}]: expected a float numpy array "
                                f"(it is updated in place), got {what}")
            if k in self.state and self.state[k]["shape"] != p.shape:
                fail(f"params[{k!r}]", f"shape {self.state[k]['shape']} as at the first update",
                      f"shape {p.shape}")
            checked[k] = check_array(f"grads[{k!r}]", grads[k], shape=p.shape, dtype=p.dtype)
        return checked

    def update(self, params, grads):
        """One step: clip the gradients, then change every params[k] in place."""
        # Everything is checked before anything changes; not again at each of fit's steps after
        # its first (trusted: the model's own arrays, under the keys of the last update).
        if not (is_trusted() and params.keys() == self._keys):
            grads = self._check(params, grads)
        # Without clipping, `_apply` measures the norm (Adam on its one array of all gradients).
        clipped = self.clipnorm is not None or self.global_clipnorm is not None
        self.grad_norm = global_norm(grads) if clipped else None
        if self.clipnorm is not None:
            grads = {k: clip_by_norm(g, self.clipnorm) for k, g in grads.items()}
        if self.global_clipnorm is not None:
            grads, _ = clip_by_global_norm(grads, self.global_clipnorm)
        self._keys = set(params)
        for k, p in params.items():
            if k not in self.state:
                self.state[k] = {"shape": p.shape}
        self._apply(params, grads, self.learning_rate)
        self.iterations += 1

    def _apply(self, params, grads, lr):   # one `_step` per key (Adam: all keys at once)
        if self.grad_norm is None:
            self.grad_norm = global_norm(grads)
        for k, p in params.items():
            self._step(p, grads[k], self.state[k], lr)

    def _zeros(self, state, key, p):
        return state[key] if key in state else state.setdefault(key, np.zeros_like(p))

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self._config().items())
        return f"{type(self).__name__}({args})"


class SGD(Optimizer):
    """Gradient descent, with optional momentum (Keras' form).

        momentum = 0:  w = w - learning_rate * g
        momentum > 0:  v = momentum * v - learning_rate * g;  w = w + v
        nesterov:      v as above;  w = w + momentum * v - learning_rate * g
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, clipnorm=None, global_clipnorm=None,
                 nesterov=False):
        super().__init__(learning_rate, clipnorm, global_clipnorm)
        self.momentum = check_number("momentum", momentum, low=0, high=1)
        if not isinstance(nesterov, (bool, np.bool_)):
            raise TypeError(f"nesterov: expected True or False, got {nesterov!r}")
        self.nesterov = bool(nesterov)

    def _step(self, w, g, state, lr):
        if self.momentum == 0:
            w -= lr * g
            return
        v = self._zeros(state, "velocity", w)
        v *= self.momentum
        v -= lr * g                                    # v = momentum * v - lr * g
        if self.nesterov:
            w += self.momentum * v - lr * g
        else:
            w += v

    def _config(self):
        return {"learning_rate": self.learning_rate, "momentum": self.momentum,
                "nesterov": self.nesterov, "clipnorm": self.clipnorm,
                "global_clipnorm": self.global_clipnorm}


class Adam(Optimizer):
    """Adam (Kingma and Ba, 2014), bias-corrected from the first step, as Keras 3 writes it.

        t     = iterations + 1
        m     = m + (g - m) * (1 - beta_1)          # running mean of g
        v     = v + (g**2 - v) * (1 - beta_2)       # running mean of g**2
        alpha = learning_rate * sqrt(1 - beta_2**t) / (1 - beta_1**t)
        w     = w - alpha * m / (sqrt(v) + epsilon)

    The bias correction sits in alpha, so epsilon is added to sqrt(v) itself (Keras' "epsilon
    hat"). At the first step the move is close to learning_rate * sign(g), whatever |g| is.
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 clipnorm=None, global_clipnorm=None):
        super().__init__(learning_rate, clipnorm, global_clipnorm)
        self.beta_1 = check_number("beta_1", beta_1, low=0, high=1, high_open=True)
        self.beta_2 = check_number("beta_2", beta_2, low=0, high=1, high_open=True)
        self.epsilon = check_number("epsilon", epsilon, low=0, low_open=True)

    def _step(self, w, g, state, lr):
        t = self.iterations + 1
        m = self._zeros(state, "m", w)
        v = self._zeros(state, "v", w)
        m += (g - m) * (1 - self.beta_1)
        v += (g * g - v) * (1 - self.beta_2)
        alpha = lr * math.sqrt(1 - self.beta_2**t) / (1 - self.beta_1**t)
        w -= m * alpha / (np.sqrt(v) + self.epsilon)

    def _apply(self, params, grads, lr):
        """`_step` on all keys at once (one dtype): m, v and g of all keys in one flat array each
        (state[k]["m"], ["v"] are views), one numpy call per operation instead of one per key
        and operation: the same operations in the same order (the same numbers, bit for bit)."""
        arrays = list(params.values())
        if len({a.dtype for a in (*arrays, *grads.values())}) != 1:   # (or no arrays)
            return super()._apply(params, grads, lr)
        dtype = arrays[0].dtype
        flat = self._flat_state(params, arrays, dtype)
        g, m, v, tmp, tmp2 = (flat[k] for k in ("g", "m", "v", "tmp", "tmp2"))
        np.concatenate([grads[k].ravel() for k in params], out=g)
        if self.grad_norm is None:
            self.grad_norm = norm(g)
        np.subtract(g, m, out=tmp)
        tmp *= 1 - self.beta_1
        m += tmp                                       # m = m + (g - m) * (1 - beta_1)
        np.multiply(g, g, out=tmp)
        tmp -= v
        tmp *= 1 - self.beta_2
        v += tmp                                       # v = v + (g**2 - v) * (1 - beta_2)
        t = self.iterations + 1
        np.multiply(m, lr * math.sqrt(1 - self.beta_2**t) / (1 - self.beta_1**t), out=tmp)
        np.sqrt(v, out=tmp2)
        tmp2 += self.epsilon
        tmp /= tmp2                                    # m * alpha / (sqrt(v) + epsilon)
        for p, step in zip(arrays, flat["tmp_"], strict=True):
            p -= step

    def _flat_state(self, params, arrays, dtype):
        """`_apply`'s arrays, remade if keys or dtype change or state[k] holds other arrays."""
        flat = self._flat
        if flat is not None and flat["keys"] == list(params) and flat["g"].dtype == dtype and all(
                self.state[k].get(n) is view and view.base is flat[n]   # (no views are left in
                for n in "mv" for k, view in zip(params, flat[n + "_"], strict=True)):  # a copy)
            return flat
        ends = np.cumsum([p.size for p in arrays])
        flat = {k: np.zeros(ends[-1], dtype) for k in ("g", "m", "v", "tmp", "tmp2")}
        flat["keys"] = list(params)
        for name in ("m", "v", "tmp"):
            flat[name + "_"] = [flat[name][e - p.size:e].reshape(p.shape)
                                for p, e in zip(arrays, ends, strict=True)]
        for k, *views in zip(params, flat["m_"], flat["v_"], strict=True):
            for name, view in zip("mv", views, strict=True):
                view[...] = self.state[k].get(name, 0)   # the moments of earlier steps, or 0
                self.state[k][name] = view
        self._flat = flat
        return flat

    def _config(self):
        return {"learning_rate": self.learning_rate, "beta_1": self.beta_1,
                "beta_2": self.beta_2, "epsilon": self.epsilon, "clipnorm": self.clipnorm,
                "global_clipnorm": self.global_clipnorm}


class RMSprop(Optimizer):
    """RMSprop (Hinton, 2012), as Keras 3 writes it (no momentum, not centred).

        v = rho * v + (1 - rho) * g**2
        w = w - learning_rate * g / sqrt(v + epsilon)
    """

    def __init__(self, learning_rate=0.001, rho=0.9, epsilon=1e-7, clipnorm=None,
                 global_clipnorm=None):
        super().__init__(learning_rate, clipnorm, global_clipnorm)
        self.rho = check_number("rho", rho, low=0, high=1, high_open=True)
        self.epsilon = check_number("epsilon", epsilon, low=0, low_open=True)

    def _step(self, w, g, state, lr):
        v = self._zeros(state, "v", w)
        v *= self.rho
        v += (1 - self.rho) * g * g
        w -= lr * g / np.sqrt(v + self.epsilon)

    def _config(self):
        return {"learning_rate": self.learning_rate, "rho": self.rho, "epsilon": self.epsilon,
                "clipnorm": self.clipnorm, "global_clipnorm": self.global_clipnorm}


OPTIMIZERS = {"adam": Adam, "sgd": SGD, "rmsprop": RMSprop}


def get(identifier):
    """An optimizer from Keras' name ("adam", "sgd", "rmsprop", any case), with Keras' defaults;
    an optimizer object is returned unchanged."""
    if isinstance(identifier, Optimizer):
        return identifier
    key = identifier.lower() if isinstance(identifier, str) else identifier
    if not isinstance(key, str) or key not in OPTIMIZERS:
        check_choice("optimizer", identifier, tuple(OPTIMIZERS))
    return OPTIMIZERS[key]()
