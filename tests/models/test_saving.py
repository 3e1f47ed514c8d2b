"""Tests for rnn_helpers.models.saving: save_weights writes atomically, load_weights checks
every array before it changes a weight, and both name the path when they refuse."""

import errno
import gc
import os
import stat
import warnings

import numpy as np
import pytest

from rnn_helpers.layers import Dense, Embedding, SimpleRNN
from rnn_helpers.models import Sequential, saving
from tests.properties.contract import equal, model_state


def model(built=True, seed=0):
    return Sequential([SimpleRNN(4, input_shape=(5, 2) if built else None, seed=seed),
                       Dense(1, seed=seed + 1)])


def arrays_of(path):
    with np.load(path) as f:
        return {k: f[k] for k in f.files}


def test_round_trip_into_a_built_and_an_unbuilt_model(tmp_path):
    path = tmp_path / "w.npz"
    source = model(seed=5)
    source.save_weights(path)
    for target in (model(), model(built=False)):
        target.load_weights(str(path))
        assert target.input_shape == (None, 5, 2)
        for a, b in zip(source.get_weights(), target.get_weights(), strict=True):
            assert np.array_equal(a, b)


def test_the_file_holds_plain_arrays_only(tmp_path):
    path = tmp_path / "w.npz"
    model().save_weights(path)
    with np.load(path, allow_pickle=False) as f:
        assert sorted(f.files) == ["__input_shape__", "__layers__", "layer_0.bias",
                                   "layer_0.kernel", "layer_0.recurrent_kernel", "layer_1.bias",
                                   "layer_1.kernel"]


def test_a_write_failing_midway_keeps_the_old_file_and_leaves_no_debris(tmp_path, monkeypatch):
    path = tmp_path / "w.npz"
    model(seed=1).save_weights(path)
    old = path.read_bytes()

    def full_disk(file, **arrays):
        file.write(b"PK partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(saving.np, "savez", full_disk)
    with pytest.raises(OSError):
        model(seed=2).save_weights(path)
    assert path.read_bytes() == old and sorted(os.listdir(tmp_path)) == ["w.npz"]


def test_overwriting_keeps_the_permissions_of_the_file(tmp_path):
    path = tmp_path / "w.npz"
    model().save_weights(path)
    os.chmod(path, 0o640)
    model(seed=3).save_weights(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_a_new_file_gets_the_usual_permissions_not_a_private_temporary_files(tmp_path):
    path = tmp_path / "w.npz"
    model().save_weights(path)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("name, error, words", [
    ("w.h5", ValueError, "path: expected a file name ending in '.npz'"),
    ("missing/w.npz", ValueError, "path: expected a file in an existing folder"),
    (".", ValueError, "path: expected a file name ending in '.npz'"),
])
def test_save_weights_refuses_a_bad_path(tmp_path, name, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(")):
        model().save_weights(tmp_path / name)
    assert os.listdir(tmp_path) == []


def test_save_weights_refuses_a_folder(tmp_path):
    (tmp_path / "w.npz").mkdir()
    with pytest.raises(ValueError, match="which is a folder"):
        model().save_weights(tmp_path / "w.npz")


def test_save_weights_refuses_a_path_that_is_not_text():
    with pytest.raises(TypeError, match="^path: expected a file name, got int"):
        model().save_weights(3)


def test_load_weights_of_a_missing_file_names_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="path: no such file"):
        model().load_weights(tmp_path / "none.npz")


@pytest.mark.parametrize("content, reason", [
    (b"", "EOFError"), (b"not a zip file at all" * 10, "ValueError"),
])
def test_load_weights_of_other_files_names_the_path(tmp_path, content, reason):
    path = tmp_path / "w.npz"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=f"which cannot be read as one \\({reason}: .*truncat"):
        model().load_weights(path)


def test_load_weights_of_a_single_npy_array_renamed_npz(tmp_path):
    path = tmp_path / "w.npz"
    with open(path, "wb") as f:
        np.save(f, np.ones(3))
    with pytest.raises(ValueError, match="not an .npz archive"):
        model().load_weights(path)


def test_load_weights_closes_the_file_whatever_happens(tmp_path):
    path = tmp_path / "w.npz"
    model().save_weights(path)
    path.write_bytes(path.read_bytes()[:200])
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        for _ in range(3):
            with pytest.raises(ValueError):
                model().load_weights(path)
        gc.collect()


@pytest.mark.parametrize("key, value, words", [
    ("layer_1.bias", np.array([np.inf]), "expected finite values"),
    ("layer_1.bias", np.array(["a"]), "expected a numeric array"),
    ("layer_0.kernel", np.ones((3, 4)), "shape (3, 4)"),
    ("__input_shape__", np.array([0, 2]), "whose input shape does not fit them"),
    ("__input_shape__", np.array([2.5, 2]), "not whole numbers"),
])
def test_a_refused_file_changes_no_weight_and_builds_nothing(tmp_path, key, value, words):
    path = tmp_path / "w.npz"
    model(seed=4).save_weights(path)
    arrays = arrays_of(path)
    arrays[key] = value
    np.savez(path, **arrays)
    targets = [model(built=False)] + ([] if key == "__input_shape__" else [model()])
    for target in targets:    # (a built model does not read the input shape)
        before = model_state(target)
        with pytest.raises(ValueError) as error:
            target.load_weights(path)
        assert str(error.value).startswith("path") and words in str(error.value)
        assert equal(model_state(target), before)


def test_load_weights_from_another_architecture_names_both(tmp_path):
    path = tmp_path / "w.npz"
    model().save_weights(path)
    other = Sequential([Embedding(5, 2, input_shape=(5,)), SimpleRNN(4), Dense(1)])
    with pytest.raises(ValueError, match=r"weights for this model's layers \['Embedding'"):
        other.load_weights(path)
