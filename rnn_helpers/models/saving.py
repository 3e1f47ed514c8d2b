"""Saving a `Sequential`'s weights to a `.npz` file and reading them back.

    model.save_weights("model.npz")
    model.load_weights("model.npz")      # the same layers, in the same order

The file holds plain arrays (no pickle is needed to read it): the layer types, the input
shape, and every weight under "layer_<i>.<Keras' name>".

Both are all-or-nothing. save_weights writes a temporary file in the same folder and renames
it over `path` only once it is complete, so a failed write (a full disk) leaves the old file
as it was. load_weights reads and checks every array before it changes any weight, so a file
it refuses leaves the model as it was (still unbuilt, if it was).
"""

import os
import tempfile
import zipfile

import numpy as np

from .._validate import check_array, fail


def check_path(path):
    """A file name ending in ".npz", as a str."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path: expected a file name, got {type(path).__name__}")
    path = os.fspath(path)
    if not isinstance(path, str):
        raise TypeError(f"path: expected a file name as text, got {type(path).__name__}")
    if not path.endswith(".npz"):
        fail("path", "a file name ending in '.npz'", repr(path))
    return path


def atomic_write(path, write, binary=True):
    """Call write(f) on a temporary file beside `path`, then rename it to `path` (os.replace,
    atomic): a reader sees the old file or the new one, never half of one; on any error the
    temporary file is removed and `path` is untouched."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        fail("path", "a file in an existing folder", f"{path!r} (no folder {folder!r})")
    if os.path.isdir(path):
        fail("path", "a file name", f"{path!r}, which is a folder")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=os.path.basename(path))
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})
                       ) as f:
            write(f)
        os.chmod(tmp, _file_mode(path))   # mkstemp's file is private (0600); a save is not
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def _file_mode(path):
    """The permissions `path` has, or those a new file gets (0666 less the umask)."""
    if os.path.exists(path):
        return os.stat(path).st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _read_arrays(path):
    """Every array of the .npz file at `path`, as a dict; a ValueError naming the path when it
    cannot be read as one (truncated, empty, another kind of file). The file is closed."""
    if not os.path.isfile(path):
        raise FileNotFoundError(f"path: no such file {path!r}")
    with open(path, "rb") as f:   # closed whatever happens
        try:
            data = np.load(f, allow_pickle=False)
            if not isinstance(data, np.lib.npyio.NpzFile):
                raise ValueError("a single array, not an .npz archive")
            with data:
                return {k: data[k] for k in data.files}
        except (EOFError, ValueError, KeyError, zipfile.BadZipFile, zipfile.LargeZipFile,
                NotImplementedError) as error:
            fail("path", "a weights file written by save_weights",
                 f"{path!r}, which cannot be read as one ({type(error).__name__}: "
                 f"{str(error)[:60]}; truncated?)")


class SavingMixin:
    """save_weights / load_weights; Sequential inherits them."""

    def save_weights(self, path):
        """Write every weight to a `.npz` file (plain arrays: no pickle needed to load it).
        An existing file is replaced only once the new one is completely written."""
        self._require_built("save_weights()")
        path = check_path(path)
        arrays = {"__layers__": np.array([type(layer).__name__ for layer in self.layers]),
                  "__input_shape__": np.array([-1 if s is None else s
                                               for s in self._input_shape])}
        for i, layer in enumerate(self.layers):
            for k, p in layer.params.items():
                arrays[f"layer_{i}.{layer._keras_names[k]}"] = p
        atomic_write(path, lambda f: np.savez(f, **arrays))

    def load_weights(self, path):
        """Read weights written by save_weights; the architecture must match. Every array is
        checked (shape, finite numbers) before any weight changes."""
        path = check_path(path)
        data = _read_arrays(path)
        name = os.path.basename(path)
        types = [str(t) for t in data["__layers__"]] if "__layers__" in data else None
        mine = [type(layer).__name__ for layer in self.layers]
        if types != mine:
            fail("path", f"weights for this model's layers {mine}",
                 f"a file with layers {types} ({name!r})")
        restore = self._snapshot()
        try:
            if not self.built:   # built from the file's input shape (undone on error)
                shape = check_array(f"path ({name!r}: __input_shape__)",
                                    data.get("__input_shape__"), ndim=1)
                try:
                    if np.any(shape != np.round(shape)):
                        raise ValueError(f"sizes that are not whole numbers {shape.tolist()}")
                    self.build(tuple(None if s < 0 else int(s) for s in shape))
                except ValueError as error:
                    fail("path", "weights saved from a model with these layers",
                         f"{name!r}, whose input shape does not fit them ({error})")
            checked = []
            for i, layer in enumerate(self.layers):
                for k, p in layer.params.items():
                    key = f"layer_{i}.{layer._keras_names[k]}"
                    what = (f"{layer._keras_names[k]} of shape {p.shape} for layer {i} "
                            f"({layer.name})")
                    if key not in data:
                        fail("path", what, f"no such array in {name!r}")
                    w = check_array(f"path ({name!r}: {key})", data[key])
                    if w.shape != p.shape:
                        fail("path", what, f"shape {w.shape} in {name!r}",
                             "Was it saved from another model?")
                    checked.append((p, w))
        except Exception:
            restore()   # a model built from the file's input shape is unbuilt again
            raise
        for p, w in checked:
            p[...] = w
