"""Tests for rnn_helpers.analysis.stateful: consecutive windows, the carried state (h, or (h, c)
for an LSTM), training, the two readings of held-out text, the tables."""

import numpy as np
import pytest

import rnn_helpers as rh
from rnn_helpers.analysis import stateful


def test_windows_continue_each_other():
    ids = np.arange(101)
    X, Y = stateful.stream_windows(ids, batch_size=4, T=5)
    assert X.shape == Y.shape == (5, 4, 5)
    np.testing.assert_array_equal(X[1, 2, 0], X[0, 2, -1] + 1)   # window 2 follows window 1
    np.testing.assert_array_equal(Y[:, :, :-1], X[:, :, 1:])


def _model(V, cell="SimpleRNN", units=8):
    return rh.models.Sequential([
        rh.layers.Embedding(V, 4, seed=1),
        rh.cell_swap.layer(cell, units, return_sequences=True, seed=2),
        rh.layers.Dense(V, activation="softmax", seed=3),
    ])


@pytest.mark.parametrize("cell", ["SimpleRNN", "LSTM", "GRU"])
def test_fit_and_loss_with_and_without_carry(cell):
    ids = np.random.default_rng(0).integers(0, 5, 400)
    model = _model(5, cell)
    losses = stateful.fit_stateful(model, ids, T=10, batch_size=4, epochs=2, carry=True,
                                   learning_rate=0.02)
    assert len(losses) == 2 and losses[1] < losses[0]
    a = stateful.stateful_loss(model, ids, T=10, batch_size=4, carry=True)
    b = stateful.stateful_loss(model, ids, T=10, batch_size=4, carry=False)
    assert np.isfinite(a) and np.isfinite(b) and a != b
    assert model.layers[1].return_state is False          # switched on for each call only
    assert model.forward(ids[None, :10]).shape == (1, 10, 5)


@pytest.mark.parametrize("cell", ["SimpleRNN", "LSTM", "GRU"])
def test_carry_gives_the_same_states_as_one_long_sequence(cell):
    """Carrying (h_T) or (h_T, c_T) from window to window is reading one long sequence."""
    ids = np.random.default_rng(1).integers(0, 5, 81)
    model = _model(5, cell)
    model.build((10,))
    X, Y = stateful.stream_windows(ids, batch_size=2, T=10)
    long = model.forward(np.concatenate(list(X), axis=1))            # (2, 40, V) from zeros
    states = None
    for j, (x, y) in enumerate(zip(X, Y, strict=True)):
        losses, probs, states = stateful._window(model, x, y, states, training=False)
        assert len(states) == (2 if cell == "LSTM" else 1)
        np.testing.assert_allclose(probs, long[:, 10 * j:10 * (j + 1)], atol=1e-12)
        p = np.take_along_axis(long[:, 10 * j:10 * (j + 1)], y[..., None], axis=-1)[..., 0]
        np.testing.assert_allclose(losses, -np.log(p), atol=1e-12)


def test_carried_reading_equals_one_long_sequence_and_zeros_equals_evaluate():
    ids = np.random.default_rng(2).integers(0, 6, 301)
    model = _model(6, "GRU")
    model.build((10,))
    X, Y = rh.datasets.text.make_windows(ids, 10)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    pp = stateful.held_out_perplexity(model, ids, T=10)
    assert pp["from zeros"] == pytest.approx(np.exp(model.evaluate(X, Y, verbose=0)), rel=1e-10)
    whole = model.forward(ids[None, :300])[0]
    p = whole[np.arange(300), ids[1:301]]
    assert pp["carried"] == pytest.approx(np.exp(-np.mean(np.log(p))), rel=1e-10)


def test_loss_by_position():
    ids = np.random.default_rng(3).integers(0, 5, 401)
    model = _model(5)
    model.build((10,))
    for carry in (True, False):
        curve = stateful.loss_by_position(model, ids, T=10, batch_size=4, carry=carry)
        assert curve.shape == (10,)
        assert curve.mean() == pytest.approx(stateful.stateful_loss(model, ids, 10, 4, carry))
    zeros = stateful.loss_by_position(model, ids, T=10, batch_size=1, carry=False)
    kept = stateful.loss_by_position(model, ids, T=10, batch_size=1, carry=True)
    assert not np.allclose(zeros[0], kept[0])      # the first position has no context from zeros


def test_carry_changes_training_only_through_the_state():
    """With one window per stream per epoch there is nothing to carry: both ways train alike."""
    ids = np.random.default_rng(4).integers(0, 5, 41)
    a, b = _model(5), _model(5)
    la = stateful.fit_stateful(a, ids, T=10, batch_size=4, epochs=3, carry=True)
    lb = stateful.fit_stateful(b, ids, T=10, batch_size=4, epochs=3, carry=False)
    np.testing.assert_allclose(la, lb, rtol=1e-12)
    ids = np.random.default_rng(4).integers(0, 5, 161)
    a, b = _model(5), _model(5)
    la = stateful.fit_stateful(a, ids, T=10, batch_size=4, epochs=1, carry=True)
    lb = stateful.fit_stateful(b, ids, T=10, batch_size=4, epochs=1, carry=False)
    assert la != lb


def test_train_and_read_summary_and_table():
    ids = np.random.default_rng(5).integers(0, 5, 300)
    runs = {"carried": [stateful.train_and_read(_model(5), ids[:200], ids[200:], T=10,
                                                epochs=1, batch_size=4) for _ in range(2)]}
    r = runs["carried"][0]
    assert set(r) == {"carried", "from zeros", "seconds", "parameters"}
    assert r["parameters"] == _built(_model(5)).count_params() and r["seconds"] > 0
    s = stateful.summary(runs)["carried"]
    assert s["carried"]["min"] <= s["carried"]["mean"] <= s["carried"]["max"]
    md = stateful.table(runs, {"4-gram": {"carried": 3.0, "from zeros": 3.5}})
    assert md.count("\n") == 4 and "| 4-gram | 3.00 | 3.50 |" in md and "(2 seeds)" in md


def _built(model):
    model.build((10,))
    return model


def test_bad_input():
    with pytest.raises(ValueError, match="ids"):
        stateful.stream_windows(np.arange(10), batch_size=4, T=5)
    with pytest.raises(ValueError, match="ids: expected a 1-D array"):
        stateful.stream_windows(np.zeros((3, 40), int), batch_size=1, T=5)
    last_only = rh.models.Sequential([rh.layers.Embedding(5, 4),
                                      rh.layers.LSTM(3),
                                      rh.layers.Dense(5, activation="softmax")])
    with pytest.raises(ValueError, match="return_sequences=True"):
        stateful.fit_stateful(last_only, np.arange(200) % 5, T=5, batch_size=2)
    dense_only = rh.models.Sequential([rh.layers.Dense(5, activation="softmax")])
    with pytest.raises(ValueError, match="model: expected a Sequential model with a recurrent"):
        stateful.fit_stateful(dense_only, np.arange(200) % 5, T=5, batch_size=2)
    with pytest.raises(TypeError, match="carry: expected True or False"):
        stateful.fit_stateful(_model(5), np.arange(200) % 5, T=5, batch_size=2, carry="yes")
    model = _built(_model(5))
    with pytest.raises(ValueError, match="initial_state"):       # a state of the wrong shape
        stateful._window(model, np.zeros((2, 10), int), np.zeros((2, 10), int),
                         [np.zeros((3, 8))], training=False)
    assert model.layers[1].return_state is False                 # put back, even after an error
    with pytest.raises(ValueError, match="runs"):
        stateful.summary({"a": [1.0, 2.0]})
    with pytest.raises(ValueError, match="runs"):
        stateful.table({})
