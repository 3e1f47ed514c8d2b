"""Adam's update of all arrays at once (core/optim.py, Adam._apply): the same numbers, bit for
bit, as one `_step` per array, through restored state, mixed dtypes and changing keys."""

import copy

import numpy as np

from rnn_helpers.core import optim


def arrays(seed, dtype=np.float32):
    rng = np.random.default_rng(seed)
    return {"W": rng.normal(size=(4, 8)).astype(dtype), "U": rng.normal(size=(8, 8)).astype(
        dtype), "b": rng.normal(size=8).astype(dtype)}


class PerKeyAdam(optim.Adam):
    """The reference: Optimizer._apply, one `_step` per key, as before the flat path."""

    def _apply(self, params, grads, lr):
        optim.Optimizer._apply(self, params, grads, lr)


def run(opt, steps, params, restore_at=None):
    for t in range(steps):
        if t == restore_at:   # as Sequential._snapshot's restore does: a deep copy of vars(opt)
            saved = copy.deepcopy(vars(opt))
            vars(opt).clear()
            vars(opt).update(saved)
        opt.update(params, arrays(100 + t, next(iter(params.values())).dtype))
    return params


def test_flat_adam_equals_the_per_key_update_bit_for_bit():
    for dtype in (np.float32, np.float64):
        for kw in ({}, {"clipnorm": 0.5}, {"global_clipnorm": 1.0}):
            want = run(PerKeyAdam(learning_rate=0.01, **kw), 7, arrays(0, dtype))
            got = run(optim.Adam(learning_rate=0.01, **kw), 7, arrays(0, dtype))
            for k in want:
                np.testing.assert_array_equal(got[k], want[k])


def test_flat_adam_after_its_state_was_restored_from_a_copy():
    want = run(PerKeyAdam(learning_rate=0.01), 6, arrays(0))
    opt = optim.Adam(learning_rate=0.01)
    got = run(opt, 6, arrays(0), restore_at=3)
    for k in want:
        np.testing.assert_array_equal(got[k], want[k])
        assert np.shares_memory(opt.state[k]["m"], opt._flat["m"])   # views again


def test_mixed_dtypes_take_the_per_key_path():
    params = arrays(0)
    params["b"] = params["b"].astype(np.float64)
    grads = arrays(1)
    grads["b"] = grads["b"].astype(np.float64)
    want = {k: p.copy() for k, p in params.items()}
    PerKeyAdam().update(want, grads)
    optim.Adam().update(params, grads)
    for k in want:
        np.testing.assert_array_equal(params[k], want[k])


def test_state_keeps_its_keys_and_shapes():
    opt = optim.Adam()
    params = arrays(0)
    run(opt, 2, params)
    for k, p in params.items():
        assert opt.state[k]["m"].shape == opt.state[k]["v"].shape == p.shape
