"""Issue 11, "A failed call changes nothing": one test per row of the issue's table, named after
the row. Each checks the new behaviour and, where the call fails, that nothing changed."""

import errno
import gc
import os
import warnings

import numpy as np
import pytest

import rnn_helpers as rh
from rnn_helpers.analysis import sampling
from rnn_helpers.core import activations, utils
from rnn_helpers.datasets import text
from rnn_helpers.exercises import checking, start, training
from rnn_helpers.layers import Bidirectional, Dense, Embedding, SimpleRNN
from rnn_helpers.models import Sequential, saving

X = np.random.default_rng(0).normal(size=(64, 5, 1))
Y = np.random.default_rng(1).integers(0, 2, 64)
V = 6


def bce_model(built=True):
    model = Sequential([SimpleRNN(4, input_shape=(5, 1) if built else None, seed=0),
                        Dense(1, activation="sigmoid", seed=1)])
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return model


def char_model():
    model = Sequential([Embedding(V, 3, input_shape=(5,), seed=0), SimpleRNN(4, seed=1),
                        Dense(V, activation="softmax", seed=2)])
    model.compile("adam", "sparse_categorical_crossentropy")
    return model


def snapshot(model):
    """Weights, optimizer step count and state, built flag: what a failed call must keep."""
    opt = model.optimizer
    return ([w.copy() for w in model.get_weights()] if model.built else None, model.built,
            opt.iterations, {k: {n: np.copy(a) for n, a in s.items()}
                             for k, s in opt.state.items()})


def same(a, b):
    wa, built_a, it_a, st_a = a
    wb, built_b, it_b, st_b = b
    return (built_a == built_b and it_a == it_b and st_a.keys() == st_b.keys()
            and (wa is None) == (wb is None)
            and all(np.array_equal(p, q) for p, q in zip(wa or [], wb or [], strict=True)))


def bad_at(a, index, value):
    a = np.array(a, dtype=float)
    a[index] = value
    return a


IDS = np.random.default_rng(2).integers(0, V, (64, 5))
LABELS = np.random.default_rng(3).integers(0, V, 64)


@pytest.mark.parametrize("model, x, y, validation, word", [
    (bce_model, X, bad_at(Y, 60, 2), None, "y: expected values in [0, 1]"),
    (bce_model, X, bad_at(Y, 60, -1), None, "y: expected values in [0, 1]"),
    (char_model, IDS, bad_at(LABELS, 60, -1), None, "y: expected class labels in [0, 6)"),
    (char_model, IDS, bad_at(LABELS, 60, V), None, "y: expected class labels in [0, 6)"),
    (char_model, IDS, bad_at(LABELS, 60, 1.5), None, "y: expected integer class labels"),
    (char_model, bad_at(IDS, (60, 2), V), LABELS, None, "x: expected ids in [0, 6)"),
    (char_model, bad_at(IDS, (60, 2), -1), LABELS, None, "x: expected ids in [0, 6)"),
    (bce_model, X, Y, (X[:8], bad_at(Y[:8], 7, 2)), "validation_data[1]: expected values"),
])
def test_fit_with_one_bad_label_or_id_in_a_later_batch(model, x, y, validation, word):
    """Refused before the first step: weights and optimizer.iterations unchanged."""
    model = model()
    before = snapshot(model)
    with pytest.raises(ValueError) as error:
        model.fit(x, y, batch_size=8, epochs=2, validation_data=validation, verbose=0)
    assert str(error.value).startswith(word), error.value
    assert same(snapshot(model), before) and model.optimizer.iterations == 0


def test_save_weights_over_a_good_file_when_the_write_fails_midway(tmp_path, monkeypatch):
    """The old file is kept (a temporary file beside it, then os.replace); no debris left."""
    path = tmp_path / "model.npz"
    model = bce_model()
    model.save_weights(path)
    old = path.read_bytes()

    def full_disk(file, **arrays):
        file.write(b"PK\x03\x04 half a zip")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(saving.np, "savez", full_disk)
    model.set_weights([w + 1 for w in model.get_weights()])
    with pytest.raises(OSError, match="No space left"):
        model.save_weights(path)
    assert path.read_bytes() == old and os.listdir(tmp_path) == ["model.npz"]
    monkeypatch.undo()
    bce_model().load_weights(path)   # still a good file


@pytest.mark.parametrize("check, answer", [
    (start.check_batch_shape, np.zeros((32, 5, 1))),           # the batch array itself
    (start.check_batch_shape, np.array([32, 5, 1])),           # an array where a tuple is asked
    (training.check_step_backward, lambda dh, cache: {k: "a" for k in training.GRADIENTS}),
    (rh.exercises.recurrence.check_rnn_step, lambda *args: [[1.0, 2.0], [3.0]]),   # ragged
    (rh.exercises.recurrence.check_param_shapes, lambda D, H: np.zeros((D, H))),
    (checking.check_value, [[1, 2], [3]]),
])
def test_exercise_checkers_given_wrong_kinds_of_answers(capsys, check, answer):
    """A "Not yet: ..." line, never a traceback, whatever the answer's type."""
    args = (answer, (32, 5, 1)) if check is checking.check_value else (answer,)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check(*args) is False
    out = capsys.readouterr().out
    assert out.startswith("Not yet: ") and out.count("\n") == 1, out


def test_check_batch_shape_given_the_batch_says_what_to_give(capsys):
    start.check_batch_shape(np.zeros((32, 5, 1)))
    assert "numpy array of shape (32, 5, 1)" in capsys.readouterr().out


def test_unbuilt_model_fit_with_wrong_x_and_y_stays_unbuilt():
    """The failed call does not build the model: the corrected call is then accepted."""
    model = bce_model(built=False)
    with pytest.raises(ValueError, match="y: expected 64 samples"):
        model.fit(np.zeros((64, 5, 3)), Y[:10], verbose=0)
    assert not model.built and not any(layer.built for layer in model.layers)
    model.fit(X, Y, verbose=0)
    assert model.input_shape == (None, 5, 1)


@pytest.mark.parametrize("built", [True, False])
def test_2d_x_for_an_input_shape_5_1_model_says_missing_feature_axis(built):
    """Not "forgot the batch axis": the feature axis, x[..., None], and following it works."""
    model = bce_model(built)
    x2 = X[..., 0]
    with pytest.raises(ValueError) as error:
        model.fit(x2, Y, verbose=0)
    message = str(error.value)
    assert message.startswith("x: ") and "x[..., None] adds the feature axis" in message
    assert "forget the batch axis" not in message and "the layer before it" not in message
    assert model.built == built
    model.fit(x2[..., None], Y, verbose=0)


def tampered(tmp_path, key, value):
    path = tmp_path / "tampered.npz"
    bce_model().save_weights(path)
    with np.load(path) as f:
        arrays = {k: f[k] for k in f.files}
    arrays[key] = value
    np.savez(path, **arrays)
    return path


def test_load_weights_of_a_file_with_a_nan_bias_is_refused(tmp_path):
    path = tampered(tmp_path, "layer_1.bias", np.array([np.nan]))
    model = bce_model()
    before = snapshot(model)
    with pytest.raises(ValueError, match=r"path \('tampered.npz': layer_1.bias\): expected "
                                         "finite values"):
        model.load_weights(path)
    assert same(snapshot(model), before)


@pytest.mark.parametrize("content", ["truncated", "random", "empty"])
def test_load_weights_of_a_truncated_random_or_empty_file(tmp_path, content):
    """One message naming the path; the file is closed (no ResourceWarning)."""
    path = tmp_path / "bad.npz"
    bce_model().save_weights(path)
    good = path.read_bytes()
    path.write_bytes({"truncated": good[: len(good) // 2], "random": os.urandom(500),
                      "empty": b""}[content])
    model = bce_model()
    before = snapshot(model)
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # a leaked file handle would warn when collected
        with pytest.raises(ValueError) as error:
            model.load_weights(path)
        gc.collect()
    assert str(error.value).startswith(f"path: expected a weights file written by "
                                       f"save_weights, got {str(path)!r}")
    assert "truncated?" in str(error.value)
    assert same(snapshot(model), before)


def test_load_weights_of_a_hand_made_file_whose_last_array_is_strings(tmp_path):
    path = tampered(tmp_path, "layer_1.bias", np.array(["a"]))
    model = bce_model()
    before = snapshot(model)
    with pytest.raises(ValueError, match="expected a numeric array"):
        model.load_weights(path)
    assert same(snapshot(model), before)
    unbuilt = bce_model(built=False)
    with pytest.raises(ValueError):
        unbuilt.load_weights(path)
    assert not unbuilt.built


def test_compile_with_a_loss_that_returns_a_float_as_keras_losses_do():
    model = bce_model()
    model.compile("adam", loss=lambda y_true, y_pred: float(np.mean((y_true - y_pred) ** 2)))
    before = snapshot(model)
    with pytest.raises(TypeError) as error:
        model.fit(X, Y, verbose=0)
    message = str(error.value)
    assert message.startswith("loss: expected a function f(y_true, y_pred) -> (loss, dy_pred)")
    assert "returned float" in message and "write its gradient too" in message
    assert same(snapshot(model), before)


def test_ragged_nested_list_as_x():
    model = bce_model()
    with pytest.raises(ValueError, match=r"^x: .*got sequences of different lengths \(4, 5\)"):
        model.fit([[[0.0]] * 5, [[0.0]] * 4], [0, 1], verbose=0)


def test_bidirectional_merge_mode_none_inside_sequential():
    model = Sequential([SimpleRNN(2, input_shape=(5, 1), return_sequences=True)])
    layer = Bidirectional(SimpleRNN(3, return_sequences=True), merge_mode=None)
    with pytest.raises(ValueError, match="^layer: .*merge_mode=None"):
        model.add(layer)
    assert len(model.layers) == 1 and not layer.built


def test_tiny_temperature_is_argmax(char_vocab, char_model):
    p = np.array([0.2, 0.5, 0.3])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.array_equal(sampling.apply_temperature(p, 1e-310), [0.0, 1.0, 0.0])
        tiny = sampling.generate(char_model, char_vocab, "Anne ", 20, temperature=1e-310)
    assert tiny == sampling.generate(char_model, char_vocab, "Anne ", 20, temperature=0)


def test_sampling_refuses_zero_p_bad_ids_and_a_bare_temperature(char_vocab, char_model):
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="^p: expected probabilities with a positive sum"):
        sampling.sample_index(np.zeros(4), rng)
    states = sampling.start_state(char_model)
    V_model = len(char_vocab)
    for ids in ([-1], [V_model]):
        with pytest.raises(ValueError, match=rf"^ids_t: expected integer ids in \[0, {V_model}\)"):
            sampling.step(char_model, ids, states)
    with pytest.raises(ValueError, match="^temperatures: expected a list of temperatures"):
        sampling.generate_many(char_model, char_vocab, "Anne ", 5, temperatures=0.5)


def test_layer_set_weights_with_the_kernel_only_on_an_unbuilt_layer():
    layer = Dense(3)
    rng_state = utils.get_rng().bit_generator.state
    with pytest.raises(ValueError, match="^weights: expected 2 arrays"):
        layer.set_weights([np.ones((2, 3))])
    assert not layer.built and layer.params == {} and layer.input_shape is None
    assert utils.get_rng().bit_generator.state == rng_state


def test_softmax_of_inf_perplexity_of_a_huge_loss_and_summary_print_fn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.array_equal(activations.softmax([np.inf, 1.0]), [1.0, 0.0])
        assert np.array_equal(activations.softmax([np.inf, np.inf]), [0.5, 0.5])
        assert text.perplexity(1e6) == np.inf
    with pytest.raises(TypeError, match="^print_fn: expected a function such as print, got int"):
        bce_model().summary(print_fn=3)
