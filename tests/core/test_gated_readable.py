"""The readable LSTM and GRU (lstm.lstm_forward, ..., a loop over the step functions) and the
fast kernels the layers run (core/_gated_kernels.py) compute the same numbers: outputs, final
states, gate records and every gradient. The readable backward is also gradient-checked."""

import numpy as np
import pytest

from rnn_helpers.core import gru, lstm
from rnn_helpers.core._gated_kernels import (
    fast_gru_backward,
    fast_gru_forward,
    fast_lstm_backward,
    fast_lstm_forward,
)
from rnn_helpers.core.gradcheck import check_gradients
from tests.conftest import difference

SHAPES = [  # (B, T, D, H), with T = 1 and B = 1 among them
    (3, 5, 4, 6), (1, 7, 2, 3), (4, 1, 3, 5), (1, 1, 1, 1), (2, 12, 1, 10), (5, 3, 6, 2)]
TOL = {np.float64: 1e-12, np.float32: 1e-5}
GRADCHECK_TOL = 1e-7




def make(cell, shape, seed=0, dtype=np.float64, states=True):
    """x, the initial states (or None) and W, U, b of `cell` ("LSTM" or "GRU"), seeded."""
    B, T, D, H = shape
    n = 4 if cell == "LSTM" else 3
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(B, T, D)).astype(dtype)
    h0, c0 = (rng.normal(size=(B, H)).astype(dtype) * 0.5 for _ in range(2))
    W = (rng.normal(size=(D, n * H)) * 0.5).astype(dtype)
    U = (rng.normal(size=(H, n * H)) * 0.4).astype(dtype)
    b = (rng.normal(size=(n * H,) if cell == "LSTM" else (2, n * H)) * 0.3).astype(dtype)
    initial = [h0, c0] if cell == "LSTM" else [h0]
    return x, (initial if states else [None] * len(initial)), (W, U, b)


def upstream(shape, seed, dtype, where):
    """dh (B, T, H) on every step, or on the last step only (return_sequences=False)."""
    B, T, _, H = shape
    dh = np.random.default_rng(seed).normal(size=(B, T, H)).astype(dtype)
    if where == "last step only":
        dh[:, :-1] = 0.0
    return dh


def lstm_both(x, initial, weights, dh, dc_last):
    """{name: (readable, fast)} for every output, gate record and gradient of the LSTM."""
    h, c, cache = lstm.lstm_forward(x, *initial, *weights)
    h_f, c_f, cache_f = fast_lstm_forward(x, *initial, *weights)
    pairs = {"h": (h, h_f), "c": (c, c_f)}
    if x.shape[1]:
        pairs.update(h_T=(h[:, -1], h_f[:, -1]), c_T=(c[:, -1], c_f[:, -1]))
    recorded = lstm.lstm_gates(x, *weights, *initial)
    for name in lstm.GATES:
        pairs[name] = (cache[name], cache_f[name])
        pairs["recorded " + name] = (recorded[name], cache_f[name])
    grads = lstm.lstm_backward(dh, cache, dc_last)
    grads_f = fast_lstm_backward(dh, cache_f, dc_last)
    assert set(grads) == set(grads_f) == {"dx", "dh0", "dc0", "dW", "dU", "db"}
    pairs.update({k: (grads[k], grads_f[k]) for k in grads})
    return pairs


def gru_both(x, initial, weights, dh):
    """{name: (readable, fast)} for every output, gate record and gradient of the GRU."""
    h, cache = gru.gru_forward(x, *initial, *weights)
    h_f, cache_f = fast_gru_forward(x, *initial, *weights)
    pairs = {"h": (h, h_f)}
    if x.shape[1]:
        pairs["h_T"] = (h[:, -1], h_f[:, -1])
    recorded = gru.gru_gates(x, *weights, *initial)
    for name in gru.GATES:
        pairs[name] = (cache[name], cache_f[name])
        pairs["recorded " + name] = (recorded[name], cache_f[name])
    grads = gru.gru_backward(dh, cache)
    grads_f = fast_gru_backward(dh, cache_f)
    assert set(grads) == set(grads_f) == {"dx", "dh0", "dW", "dU", "db"}
    pairs.update({k: (grads[k], grads_f[k]) for k in grads})
    return pairs


def assert_agree(pairs, dtype):
    for name, (readable, fast) in pairs.items():
        assert readable.dtype == fast.dtype == dtype, name
        assert difference(readable, fast) < TOL[dtype], (name, difference(readable, fast))


# --- readable == fast ------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("where", ["every step", "last step only"])
@pytest.mark.parametrize("states", [True, False])
@pytest.mark.parametrize("with_dc_last", [False, True])
@pytest.mark.parametrize("shape", SHAPES)
def test_lstm_readable_equals_fast(shape, with_dc_last, states, where, dtype):
    x, initial, weights = make("LSTM", shape, seed=1, dtype=dtype, states=states)
    dh = upstream(shape, 2, dtype, where)
    B, _, _, H = shape
    dc_last = np.random.default_rng(3).normal(size=(B, H)).astype(dtype) if with_dc_last \
        else None
    assert_agree(lstm_both(x, initial, weights, dh, dc_last), dtype)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("where", ["every step", "last step only"])
@pytest.mark.parametrize("states", [True, False])
@pytest.mark.parametrize("shape", SHAPES)
def test_gru_readable_equals_fast(shape, states, where, dtype):
    x, initial, weights = make("GRU", shape, seed=4, dtype=dtype, states=states)
    dh = upstream(shape, 5, dtype, where)
    assert_agree(gru_both(x, initial, weights, dh), dtype)


def test_mixed_precision_goes_float64_in_both():
    x, initial, (W, U, b) = make("LSTM", (2, 4, 3, 5), dtype=np.float32)
    dh = upstream((2, 4, 3, 5), 6, np.float32, "every step")
    assert_agree(lstm_both(x, initial, (W.astype(np.float64), U, b), dh, None), np.float64)
    x, initial, (W, U, b) = make("GRU", (2, 4, 3, 5), dtype=np.float32)
    assert_agree(gru_both(x, initial, (W, U, b.astype(np.float64)), dh), np.float64)


def test_empty_sequence_agrees():
    shape = (2, 0, 3, 4)
    x, initial, weights = make("LSTM", shape)
    dc_last = np.ones((2, 4))
    assert_agree(lstm_both(x, initial, weights, np.zeros((2, 0, 4)), dc_last), np.float64)
    x, initial, weights = make("GRU", shape)
    assert_agree(gru_both(x, initial, weights, np.zeros((2, 0, 4))), np.float64)


def test_saturated_gates_agree():
    """Huge pre-activations: both sigmoids give exactly 0 or 1, without a warning."""
    shape = (3, 6, 2, 4)
    x, initial, weights = make("LSTM", shape, seed=7, dtype=np.float32)
    dh = upstream(shape, 8, np.float32, "every step")
    assert_agree(lstm_both(x * 1e4, initial, weights, dh, None), np.float32)
    x, initial, weights = make("GRU", shape, seed=9, dtype=np.float32)
    assert_agree(gru_both(x * 1e4, initial, weights, dh), np.float32)


# --- gradient checks of the readable backward, float64 ---------------------------------------

@pytest.mark.parametrize("where", ["every step", "last step only"])
@pytest.mark.parametrize("shape", [(3, 5, 4, 6), (1, 1, 2, 3)])
def test_readable_lstm_backward_gradients(shape, where):
    x, (h0, c0), (W, U, b) = make("LSTM", shape, seed=10)
    dh = upstream(shape, 11, np.float64, where)
    dc_last = np.random.default_rng(12).normal(size=h0.shape)
    _, _, cache = lstm.lstm_forward(x, h0, c0, W, U, b)
    grads = lstm.lstm_backward(dh, cache, dc_last)

    def loss():  # ∂L/∂h_t = dh[:, t], ∂L/∂c_T = dc_last
        h, c, _ = lstm.lstm_forward(x, h0, c0, W, U, b)
        return float(np.sum(h * dh) + np.sum(c[:, -1] * dc_last))

    errors = check_gradients(loss, {"x": x, "h0": h0, "c0": c0, "W": W, "U": U, "b": b}, grads)
    assert max(errors.values()) < GRADCHECK_TOL, errors


@pytest.mark.parametrize("where", ["every step", "last step only"])
@pytest.mark.parametrize("shape", [(3, 5, 4, 6), (1, 1, 2, 3)])
def test_readable_gru_backward_gradients(shape, where):
    x, (h0,), (W, U, b) = make("GRU", shape, seed=13)
    dh = upstream(shape, 14, np.float64, where)
    _, cache = gru.gru_forward(x, h0, W, U, b)
    grads = gru.gru_backward(dh, cache)

    def loss():
        return float(np.sum(gru.gru_forward(x, h0, W, U, b)[0] * dh))

    errors = check_gradients(loss, {"x": x, "h0": h0, "W": W, "U": U, "b": b}, grads)
    assert max(errors.values()) < GRADCHECK_TOL, errors


# --- the fast LSTM backward's reused temporaries -------------------------------------------

def test_fast_lstm_backward_reuses_its_temporaries_and_returns_none_of_them():
    """work= keeps the backward's temporaries from call to call (the LSTM layer passes one dict
    per layer): the same gradients as without, none of them in the kept arrays, and gradients
    from an earlier call unchanged by a later one (also after a change of shape)."""
    work, earlier = {}, []
    for seed, shape in ((20, (3, 5, 4, 6)), (21, (3, 5, 4, 6)), (22, (2, 3, 4, 6))):
        x, initial, weights = make("LSTM", shape, seed=seed)
        dh = upstream(shape, seed + 10, np.float64, "every step")
        cache = fast_lstm_forward(x, *initial, *weights)[2]
        expected = fast_lstm_backward(dh, cache)
        got = fast_lstm_backward(dh, cache, work=work)
        assert_agree({k: (expected[k], got[k]) for k in expected}, np.float64)
        assert work
        kept = [a for a in work.values() if isinstance(a, np.ndarray)]   # (and lists of
        assert len(kept) >= 4                                            # views of them)
        for k, g in got.items():
            assert not any(np.shares_memory(g, a) for a in kept), k
        earlier.append((got, {k: g.copy() for k, g in got.items()}))
    for got, copies in earlier:
        for k in got:
            np.testing.assert_array_equal(got[k], copies[k])


def test_fast_lstm_forward_with_work_reuses_its_arrays_and_computes_the_same():
    """work= (what fit's training step passes): the same h, c and gradients as without, the
    arrays of the last call reused (so an earlier result is overwritten, as documented), and
    a change of shape makes new ones."""
    work = {}
    for seed, shape in ((30, (3, 5, 4, 6)), (31, (3, 5, 4, 6)), (32, (2, 3, 4, 6))):
        x, initial, weights = make("LSTM", shape, seed=seed)
        dh = upstream(shape, seed + 10, np.float64, "every step")
        h, c, cache = fast_lstm_forward(x, *initial, *weights)
        h_w, c_w, cache_w = fast_lstm_forward(x, *initial, *weights, work=work)
        np.testing.assert_array_equal(h_w, h)
        np.testing.assert_array_equal(c_w, c)
        expected = fast_lstm_backward(dh, cache)
        got = fast_lstm_backward(dh, cache_w, work=work)
        assert_agree({k: (expected[k], got[k]) for k in expected}, np.float64)
        if seed == 30:
            first = h_w
        elif seed == 31:
            assert np.shares_memory(first, h_w)     # reused: the first result was overwritten
            np.testing.assert_array_equal(first, h_w)
        else:
            assert not np.shares_memory(first, h_w)   # another shape: new arrays
