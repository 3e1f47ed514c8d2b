"""The fast twins of the lesson's functions compute the same numbers: the simple RNN's sequence
functions (core/_rnn_kernels.py), the embedding's backward (core/_embedding_kernels.py) and the
fused softmax + cross-entropy (core/_loss_kernels.py), to 1e-12 in float64 on random shapes,
every output and every gradient; the fast backwards are also gradient-checked."""

import numpy as np
import pytest

from rnn_helpers.core import embedding, losses, rnn
from rnn_helpers.core._embedding_kernels import fast_embedding_backward
from rnn_helpers.core._loss_kernels import fast_softmax_crossentropy
from rnn_helpers.core._rnn_kernels import fast_rnn_backward, fast_rnn_forward
from tests.conftest import assert_gradients, difference

SHAPES = [  # (B, T, D, H), with T = 1 and B = 1 among them
    (3, 5, 4, 6), (1, 7, 2, 3), (4, 1, 3, 5), (1, 1, 1, 1), (2, 12, 1, 10), (5, 3, 6, 2)]
TOL = {np.float64: 1e-12, np.float32: 1e-5}




def assert_agree(pairs, dtype):
    for name, (readable, fast) in pairs.items():
        assert readable.dtype == fast.dtype == dtype, name
        assert difference(readable, fast) < TOL[dtype], (name, difference(readable, fast))


def make_rnn(shape, seed=0, dtype=np.float64, h0=True):
    B, T, D, H = shape
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(B, T, D)).astype(dtype)
    h = (rng.normal(size=(B, H)) * 0.5).astype(dtype) if h0 else None
    W = (rng.normal(size=(D, H)) * 0.5).astype(dtype)
    U = (rng.normal(size=(H, H)) * 0.4).astype(dtype)
    b = (rng.normal(size=H) * 0.3).astype(dtype)
    dh = rng.normal(size=(B, T, H)).astype(dtype)
    return x, h, W, U, b, dh


def rnn_both(x, h0, W, U, b, dh, activation="tanh"):
    """{name: (readable, fast)} for h, h_T and every gradient; each backward also gets the
    other forward's cache (the caches are interchangeable)."""
    h, cache = rnn.rnn_forward(x, h0, W, U, b, activation)
    h_f, cache_f = fast_rnn_forward(x, h0, W, U, b, activation)
    assert set(cache_f) == set(cache) | {"xb_tm"}   # the readable one's keys, and [x, 1]
    pairs = {"h": (h, h_f), "cache h": (cache["h"], cache_f["h"])}
    grads = rnn.rnn_backward(dh, cache)
    for label, g in (("fast", fast_rnn_backward(dh, cache_f)),
                     ("fast on readable cache", fast_rnn_backward(dh, cache)),
                     ("readable on fast cache", rnn.rnn_backward(dh, cache_f))):
        assert set(g) == set(grads) == {"dx", "dh0", "dW", "dU", "db"}
        pairs.update({f"{k} ({label})": (grads[k], g[k]) for k in grads})
    return pairs


# --- SimpleRNN: readable == fast ---------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("h0", [True, False])
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "linear"])
@pytest.mark.parametrize("shape", SHAPES)
def test_rnn_readable_equals_fast(shape, activation, h0, dtype):
    x, h, W, U, b, dh = make_rnn(shape, seed=1, dtype=dtype, h0=h0)
    assert_agree(rnn_both(x, h, W, U, b, dh, activation), dtype)


def test_rnn_gradient_on_the_last_step_only():
    x, h, W, U, b, dh = make_rnn((3, 6, 2, 4), seed=2)
    dh[:, :-1] = 0.0
    assert_agree(rnn_both(x, h, W, U, b, dh), np.float64)


def test_rnn_mixed_precision_goes_float64_in_both():
    x, h, W, U, b, dh = make_rnn((2, 4, 3, 5), seed=3, dtype=np.float32)
    assert_agree(rnn_both(x, h, W.astype(np.float64), U, b, dh), np.float64)


def test_rnn_empty_sequence_agrees():
    x, h, W, U, b, _ = make_rnn((2, 0, 3, 4))
    assert_agree(rnn_both(x, h, W, U, b, np.zeros((2, 0, 4))), np.float64)


def test_rnn_fast_does_not_change_its_inputs():
    x, h, W, U, b, dh = make_rnn((2, 5, 3, 4), seed=4)
    copies = [a.copy() for a in (x, h, W, U, b, dh)]
    _, cache = fast_rnn_forward(x, h, W, U, b)
    fast_rnn_backward(dh, cache)
    for before, after in zip(copies, (x, h, W, U, b, dh), strict=True):
        np.testing.assert_array_equal(before, after)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("shape", [(3, 5, 4, 6), (1, 1, 2, 3)])
def test_fast_rnn_backward_gradients(shape, activation):
    x, h0, W, U, b, dh = make_rnn(shape, seed=5)
    _, cache = fast_rnn_forward(x, h0, W, U, b, activation)
    grads = fast_rnn_backward(dh, cache)

    def loss():
        return float(np.sum(fast_rnn_forward(x, h0, W, U, b, activation)[0] * dh))

    assert_gradients(loss, {"x": x, "h0": h0, "W": W, "U": U, "b": b}, grads)


def test_fast_rnn_forward_with_work_reuses_its_arrays_and_computes_the_same():
    """work= (what fit's training step passes, inside `trusted()`): the same h and gradients as
    without, the arrays of the last call reused (an earlier result is overwritten, as
    documented), new ones after a change of shape."""
    from rnn_helpers._validate import trusted

    work = {}
    for seed, shape in ((40, (3, 5, 4, 6)), (41, (3, 5, 4, 6)), (42, (2, 3, 4, 6))):
        x, _, W, U, b, dh = make_rnn(shape, seed=seed, h0=False)
        h, cache = fast_rnn_forward(x, None, W, U, b)
        with trusted():
            h_w, cache_w = fast_rnn_forward(x, None, W, U, b, work=work)
        np.testing.assert_array_equal(h_w, h)
        expected, got = fast_rnn_backward(dh, cache), fast_rnn_backward(dh, cache_w, work=work)
        assert_agree({k: (expected[k], got[k]) for k in expected}, np.float64)
        if seed == 40:
            first = h_w
        elif seed == 41:
            assert np.shares_memory(first, h_w)     # reused: the first result was overwritten
        else:
            assert not np.shares_memory(first, h_w)   # another shape: new arrays


def test_fast_rnn_checks_its_inputs_as_the_readable_one():
    x, h, W, U, b, dh = make_rnn((2, 3, 4, 5))
    with pytest.raises(ValueError, match=r"^x: expected a 3-D array"):
        fast_rnn_forward(x[0], h, W, U, b)
    with pytest.raises(ValueError, match=r"^U: expected shape \(5, 5\)"):
        fast_rnn_forward(x, h, W, U[:4], b)
    _, cache = fast_rnn_forward(x, h, W, U, b)
    with pytest.raises(ValueError, match=r"^dh: expected shape \(2, 3, 5\)"):
        fast_rnn_backward(dh[:, :2], cache)


# --- Embedding backward: add.at == bincount ----------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape", [(3, 7, 5, 4), (1, 1, 2, 1), (4, 30, 3, 6), (2, 0, 4, 3)])
def test_embedding_backward_readable_equals_fast(shape, dtype):
    B, T, V, D = shape
    rng = np.random.default_rng(6)
    E = rng.normal(size=(V, D)).astype(dtype)
    ids = rng.integers(0, V, size=(B, T))     # ids repeat: their gradients must add up
    dx = rng.normal(size=(B, T, D)).astype(dtype)
    _, cache = embedding.embedding_forward(ids, E)
    readable = embedding.embedding_backward(dx, cache)["dE"]
    fast = fast_embedding_backward(dx, cache)["dE"]
    assert_agree({"dE": (readable, fast)}, dtype)


def test_fast_embedding_backward_gradients():
    rng = np.random.default_rng(7)
    E = rng.normal(size=(5, 3))
    ids = np.array([[0, 1, 1, 4], [4, 4, 2, 0]])
    dx = rng.normal(size=(2, 4, 3))
    _, cache = embedding.embedding_forward(ids, E)

    def loss():
        return float(np.sum(embedding.embedding_forward(ids, E)[0] * dx))

    assert_gradients(loss, {"E": E}, fast_embedding_backward(dx, cache))


# --- softmax + cross-entropy, fused == the loss from logits ----------------------------------

def logits_and_labels(shape, seed, dtype=np.float64):
    rng = np.random.default_rng(seed)
    z = (rng.normal(size=shape) * 3).astype(dtype)
    labels = rng.integers(0, shape[-1], size=shape[:-1])
    return z, labels


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape", [(4, 7), (3, 5, 6), (1, 1, 2), (2, 9, 65)])
def test_fused_equals_sparse_crossentropy_from_logits(shape, dtype):
    z, labels = logits_and_labels(shape, 8, dtype)
    loss, dz = losses.sparse_categorical_crossentropy(labels, z, from_logits=True)
    for y in (labels, labels.astype(np.float64), labels[..., None]):
        loss_f, dz_f, p = fast_softmax_crossentropy(y, z, sparse=True, keep_probs=True)
        assert abs(loss - loss_f) <= TOL[dtype] * max(1.0, abs(loss))
        assert_agree({"dz": (dz, dz_f)}, dtype)
        assert_agree({"p": (losses.activations.softmax(z), p)}, dtype)


@pytest.mark.parametrize("soft", [False, True])
@pytest.mark.parametrize("shape", [(4, 7), (3, 5, 6)])
def test_fused_equals_categorical_crossentropy_from_logits(shape, soft):
    z, labels = logits_and_labels(shape, 9)
    y = np.eye(shape[-1])[labels]
    if soft:   # soft labels, one row summing to 0.5
        y = np.random.default_rng(10).dirichlet(np.ones(shape[-1]), size=shape[:-1])
        y.reshape(-1, shape[-1])[0] *= 0.5
    loss, dz = losses.categorical_crossentropy(y, z, from_logits=True)
    loss_f, dz_f, p = fast_softmax_crossentropy(y, z, sparse=False)
    assert p is None
    assert abs(loss - loss_f) < 1e-12 * max(1.0, loss)
    assert_agree({"dz": (dz, dz_f)}, np.float64)


def test_fused_gradient_is_p_minus_onehot_over_n_and_gradient_checked():
    z, labels = logits_and_labels((3, 4, 5), 11)
    _, dz, p = fast_softmax_crossentropy(labels, z, sparse=True, keep_probs=True)
    np.testing.assert_allclose(dz, (p - np.eye(5)[labels]) / 12, rtol=0, atol=1e-15)

    def loss():
        return fast_softmax_crossentropy(labels, z, sparse=True)[0]

    assert_gradients(loss, {"z": z}, {"z": dz})


def test_fused_is_exact_where_the_clipped_loss_saturates():
    """A probability below 1e-7: the unfused loss stops at -log(1e-7); the fused one does not."""
    z = np.array([[0.0, 40.0]])
    loss, _, _ = fast_softmax_crossentropy(np.array([0]), z, sparse=True)
    assert loss == pytest.approx(40.0, rel=1e-12)
    clipped, _ = losses.sparse_categorical_crossentropy(np.array([0]), np.array([[0.0, 1.0]]))
    assert clipped == pytest.approx(-np.log(1e-7))


# --- the optimizers' gradient norm: one dot product, scaled only when it must be ------------------

@pytest.mark.parametrize(("scale", "dtype"), [
    *((s, d) for s in (1.0, 1e-3, 1e25, 1e-25, 0.0) for d in (np.float64, np.float32)),
    (1e200, np.float64), (1e-200, np.float64)])    # squares that overflow or underflow too
def test_gradient_norm_equals_the_scaled_norm(scale, dtype):
    from rnn_helpers.core import optim

    g = (np.random.default_rng(12).normal(size=(7, 5)) * scale).astype(dtype)
    big = g.astype(np.float64) / max(float(np.max(np.abs(g))), 1e-300)
    expected = float(np.max(np.abs(g))) * float(np.linalg.norm(big))
    assert optim.norm(g) == pytest.approx(expected, rel=1e-6 if dtype == np.float32 else 1e-12)


# --- time-major views and reused temporaries ---------------------------------------------------

def time_major(a):
    """The same numbers as a (B, T, ...) view of contiguous time-major (T, B, ...) memory, as a
    recurrent layer returns its sequence (and Dense, then, its logits)."""
    view = np.ascontiguousarray(a.swapaxes(0, 1)).swapaxes(0, 1)
    assert not view.flags.c_contiguous and view.transpose(1, 0, 2).flags.c_contiguous
    return view


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("sparse", [True, False])
def test_fused_loss_on_time_major_logits_equals_contiguous(sparse, dtype):
    z, labels = logits_and_labels((3, 5, 6), 12, dtype)
    y = labels if sparse else np.eye(6)[labels]
    loss, dz, p = fast_softmax_crossentropy(y, z, sparse=sparse, keep_probs=True)
    loss_v, dz_v, p_v = fast_softmax_crossentropy(y, time_major(z), sparse=sparse,
                                                  keep_probs=True)
    assert abs(loss - loss_v) <= TOL[dtype] * max(1.0, abs(loss))
    assert_agree({"dz": (dz, dz_v), "p": (p, p_v)}, dtype)
    assert dz_v.transpose(1, 0, 2).flags.c_contiguous   # time-major, like the logits


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_embedding_backward_on_a_time_major_gradient(dtype):
    rng = np.random.default_rng(13)
    E = rng.normal(size=(6, 4)).astype(dtype)
    ids = rng.integers(0, 4, size=(3, 9))       # ids 4 and 5 never used: their rows stay 0
    dx = rng.normal(size=(3, 9, 4)).astype(dtype)
    _, cache = embedding.embedding_forward(ids, E)
    readable = embedding.embedding_backward(dx, cache)["dE"]
    fast = fast_embedding_backward(time_major(dx), cache)["dE"]
    assert_agree({"dE": (readable, fast)}, dtype)
    assert not fast[4:].any()


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_rnn_backward_reuses_its_temporaries_and_returns_none_of_them(activation):
    """work= keeps the backward's temporaries from call to call (a layer's dict): the same
    results as without, and no result shares memory with the kept arrays."""
    work = {}
    for seed in (14, 15, 16):   # a new dh, then a new shape: the arrays are replaced
        shape = (2, 5, 3, 4) if seed < 16 else (3, 2, 3, 4)
        x, h, W, U, b, dh = make_rnn(shape, seed=seed)
        _, cache = fast_rnn_forward(x, h, W, U, b, activation)
        expected = fast_rnn_backward(dh, cache)
        got = fast_rnn_backward(dh, cache, work=work)
        assert_agree({k: (expected[k], got[k]) for k in expected}, np.float64)
        assert work and all(a.shape[:2] == (shape[1], shape[0]) for a in work.values())
        for k, g in got.items():
            assert not any(np.shares_memory(g, a) for a in work.values()), k
