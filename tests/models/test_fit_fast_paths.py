"""What `fit` skips inside its steps, and what it still catches: `_validate.trusted()` (no second
scan for NaN and inf once the data were checked), and the NaN guard, fused path included."""

import numpy as np
import pytest

from rnn_helpers import _validate
from rnn_helpers.core import optim
from rnn_helpers.layers import Dense, Embedding, SimpleRNN
from rnn_helpers.models import Sequential


def test_trusted_skips_only_the_scan_for_nan():
    x = np.array([[1.0, np.nan]])
    with pytest.raises(ValueError, match="finite values"):
        _validate.check_array("x", x)
    with _validate.trusted():
        assert _validate.check_array("x", x) is x
        with pytest.raises(ValueError, match=r"^x: expected a 3-D array"):
            _validate.check_array("x", x, ndim=3)           # shapes are still checked
        with pytest.raises(ValueError, match="finite values"):
            _validate.check_array("x", [[1.0, np.nan]])     # and lists in full
        with _validate.trusted():
            pass
        assert _validate.check_array("x", x) is x           # nested: still trusted
    with pytest.raises(ValueError, match="finite values"):
        _validate.check_array("x", x)                       # and off again after


def test_trusted_is_off_again_after_an_exception():
    with pytest.raises(RuntimeError), _validate.trusted():
        raise RuntimeError
    with pytest.raises(ValueError, match="finite values"):
        _validate.check_array("x", np.array([np.inf]))


def test_check_array_with_a_dtype_takes_the_quick_path_when_it_already_fits():
    x = np.ones((2, 3), dtype=np.float32)
    assert _validate.check_array("x", x, dtype=np.float32) is x
    assert _validate.check_array("x", x, dtype=np.float64).dtype == np.float64


def test_nan_guard_still_stops_a_fused_softmax_model():
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 5, size=(8, 7))
    model = Sequential([Embedding(5, 3, input_shape=(6,), seed=0),
                        SimpleRNN(4, return_sequences=True, seed=1),
                        Dense(5, activation="softmax", seed=2)])
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    model.layers[-1].params["W"][0, 0] = np.inf      # the logits become inf / NaN
    before = model.get_weights()
    history = model.fit(ids[:, :-1], ids[:, 1:], batch_size=4, epochs=1, verbose=0)
    assert history.stopped is not None and "the output of layer 'dense" in history.stopped
    for a, b in zip(before, model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert not _validate._trusted                    # fit leaves the checks on


def test_optimizer_checks_the_first_update_and_any_other_keys_even_when_trusted():
    opt = optim.SGD(0.1)
    params = {"W": np.ones(2)}
    with _validate.trusted():
        with pytest.raises(ValueError, match=r"^grads\['W'\]: expected shape \(2,\)"):
            opt.update(params, {"W": np.ones(3)})            # the first update: checked
        opt.update(params, {"W": np.ones(2)})
        opt.update(params, {"W": np.ones(2)})                # the same keys: not again
        with pytest.raises(ValueError, match="keys of the first update"):
            opt.update({"U": np.ones(2)}, {"U": np.ones(2)})
    np.testing.assert_allclose(params["W"], 0.8)
    with pytest.raises(ValueError, match=r"^grads\['W'\]: expected shape"):
        opt.update(params, {"W": np.ones(3)})                # outside fit: always checked


def test_nan_guard_finite_check_is_exact():
    """training._finite (a sum first, the entries only if the sum is not finite) agrees with
    np.isfinite(a).all(), also where the sum of finite values overflows."""
    from rnn_helpers.models.training import _finite

    big = np.full((4, 3), np.finfo(np.float32).max, dtype=np.float32)
    cases = [np.zeros((2, 3, 4), np.float32), big, -big, np.array([np.inf, -np.inf]),
             np.array([1.0, np.nan]), np.array([np.inf]), np.zeros(0),
             np.arange(24.0).reshape(2, 3, 4).transpose(1, 0, 2)]
    with np.errstate(all="ignore"):   # as inside fit, where the guard runs
        for a in cases:
            assert _finite(a) == bool(np.isfinite(a).all()), a


def _stacks():
    from rnn_helpers.layers import GRU, LSTM

    rng = np.random.default_rng(5)
    ids = rng.integers(0, 9, size=(24, 8))
    x = rng.normal(size=(24, 7, 3))
    y = (x[:, 0, 0] > x[:, -1, 0]).astype(float)
    return [
        ([Embedding(9, 4, input_shape=(7,), seed=1), SimpleRNN(6, return_sequences=True, seed=2),
          Dense(9, activation="softmax", seed=3)], "sparse_categorical_crossentropy",
         ids[:, :-1], ids[:, 1:]),
        ([LSTM(5, return_sequences=True, input_shape=(7, 3), seed=1), LSTM(4, seed=2),
          Dense(1, activation="sigmoid", seed=3)], "binary_crossentropy", x, y),
        ([SimpleRNN(5, return_sequences=True, input_shape=(7, 3), seed=1), GRU(4, seed=2),
          Dense(1, seed=3)], "mse", x, y),
    ]


@pytest.mark.parametrize("which", [0, 1, 2])
def test_fit_with_arrays_kept_between_batches_trains_as_without(which, monkeypatch):
    """Inside fit's steps (trusted) the layers and the fused loss keep their large arrays from
    batch to batch and the embedding hands its rows over time-major. Training without any of
    that (trusted() switched off, so every step also checks in full) gives the same weights
    and losses: to 1e-12 (the embedding's gradient adds its rows in another order)."""
    import contextlib

    from rnn_helpers.core import utils
    from rnn_helpers.models import training

    runs = []
    for keep in (True, False):
        layers, loss, x, y = _stacks()[which]
        model = Sequential(layers)
        model.compile(optimizer="adam", loss=loss)
        with monkeypatch.context() as m:
            if not keep:
                m.setattr(training, "trusted", contextlib.nullcontext)
            utils.set_random_seed(0)
            history = model.fit(x, y, batch_size=8, epochs=3, verbose=0)
        kept = {k for k in getattr(model.layers[0], "_work", {})
                if k.startswith("f_") or k == "x_tm"}
        assert bool(kept) == keep   # the forward's arrays were kept only inside trusted()
        runs.append((model.get_weights(), history.batch_loss))
    (w_keep, loss_keep), (w_plain, loss_plain) = runs
    np.testing.assert_allclose(loss_keep, loss_plain, rtol=1e-12, atol=0)
    for a, b in zip(w_keep, w_plain, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


def test_a_deep_copy_of_a_trained_layer_keeps_none_of_its_arrays_and_trains_the_same():
    """A layer after fit holds arrays and lists of views of them (`_work`); a deep copy (as
    Bidirectional makes of the layer it wraps) starts without them, and two copies of a trained
    model train on identically."""
    import copy

    from rnn_helpers.core import utils
    from rnn_helpers.layers import LSTM

    rng = np.random.default_rng(6)
    x, y = rng.normal(size=(16, 5, 3)), rng.normal(size=(16, 1))
    model = Sequential([LSTM(4, return_sequences=True, input_shape=(5, 3), seed=1),
                        SimpleRNN(3, seed=2), Dense(1, seed=3)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    assert any(k.startswith("f_") for k in model.layers[0]._work)
    twin = copy.deepcopy(model)
    assert all(layer._work == {} for layer in twin.layers if hasattr(layer, "_work"))
    for m in (model, twin):
        utils.set_random_seed(0)
        m.fit(x, y, batch_size=8, epochs=2, verbose=0)
    for a, b in zip(model.get_weights(), twin.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
