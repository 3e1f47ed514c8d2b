"""save_weights / load_weights under fuzzing: damaged, foreign and hand-made files, and odd
paths. A refused file changes no weight and leaves an unbuilt model unbuilt; a failed save
leaves the file that was there."""

import os
import pathlib
import tempfile

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tests.properties.contract import attempt, model_state
from tests.properties.strategies import CELLS, KINDS, make_model, mostly

FILE_DAMAGE = ("keep", "truncate", "random", "empty", "nan", "strings", "shape", "drop_key",
               "layers", "input_shape", "extra_key", "npy", "pickle")


def written(kind, cell, damage, data, folder):
    """A file saved from a model of `kind`, then damaged as `damage` says."""
    source = make_model(kind, cell=cell)
    path = os.path.join(folder, "weights.npz")
    source.save_weights(path)
    raw = pathlib.Path(path).read_bytes()
    with np.load(path) as f:
        arrays = {k: f[k] for k in f.files}
    keys = sorted(k for k in arrays if k.startswith("layer_"))
    key = data.draw(st.sampled_from(keys), label="key")
    if damage == "truncate":
        pathlib.Path(path).write_bytes(raw[:data.draw(st.integers(0, len(raw) - 1))])
        return path, None
    if damage == "random":
        pathlib.Path(path).write_bytes(np.random.default_rng(0).bytes(data.draw(
            st.integers(1, 400))))
        return path, None
    if damage == "empty":
        pathlib.Path(path).write_bytes(b"")
        return path, None
    if damage == "npy":
        np.save(path[:-4] + ".npy", arrays[key])
        os.replace(path[:-4] + ".npy", path)
        return path, None
    if damage == "pickle":
        np.savez(path, obj=np.array([{"a": 1}], dtype=object))
        return path, None
    if damage == "nan":
        arrays[key] = arrays[key] + np.nan
    elif damage == "strings":
        arrays[key] = arrays[key].astype(str)
    elif damage == "shape":
        arrays[key] = arrays[key][..., None]
    elif damage == "drop_key":
        del arrays[key]
    elif damage == "layers":
        arrays["__layers__"] = np.array(["Dense"] * len(arrays["__layers__"]))
    elif damage == "input_shape":
        arrays["__input_shape__"] = data.draw(st.sampled_from(
            [np.array([0, 0]), np.array(["a"]), np.array([[1, 2]]), np.array([1.5, 2])]))
    elif damage == "extra_key":
        arrays["something_else"] = np.ones(3)
    np.savez(path, **arrays)
    return path, arrays


@given(kind=st.sampled_from(KINDS), cell=st.sampled_from(sorted(CELLS)), built=st.booleans(),
       damage=st.sampled_from(FILE_DAMAGE), data=st.data())
def test_load_weights(kind, cell, built, damage, data):
    with tempfile.TemporaryDirectory() as folder:
        path, arrays = written(kind, cell, damage, data, folder)
        model = make_model(kind, built=built, cell=cell)

        def loaded(_):
            saved = [arrays[k] for k in sorted(arrays) if k.startswith("layer_")]
            assert model.built and len(saved) == len(model.get_weights())

        attempt("Sequential.load_weights", lambda: model.load_weights(path),
                lambda: model_state(model), ("path",), loaded)


PATHS = mostly(st.sampled_from(["weights.npz", "weights.h5", "missing/weights.npz", "",
                                ".npz", "weights.NPZ", "dir.npz"]))


@given(kind=st.sampled_from(KINDS), name=PATHS, existing=st.booleans())
def test_save_weights(kind, name, existing):
    model = make_model(kind)
    with tempfile.TemporaryDirectory() as folder:
        os.mkdir(os.path.join(folder, "dir.npz"))
        target = os.path.join(folder, name) if isinstance(name, str) else name
        if existing and isinstance(name, str) and name.endswith(".npz") and "/" not in name \
                and name != "dir.npz":
            pathlib.Path(target).write_bytes(b"the old file")

        def files():
            return {p.name: (p.read_bytes() if p.is_file() else "dir")
                    for p in pathlib.Path(folder).rglob("*")}

        def state():
            return {"model": model_state(model), "files": files()}

        def saved(_):
            with np.load(target) as f:
                assert len([k for k in f.files if k.startswith("layer_")]) == len(
                    model.get_weights())
            assert not [n for n in files() if n.startswith(".tmp-")]

        attempt("Sequential.save_weights", lambda: model.save_weights(target), state,
                ("path",), saved)

