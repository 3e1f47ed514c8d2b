"""What several test files share: paths, the scripts and notebooks they read, seeded random
arrays, gradient checks of functions and of layers, and the exercise checkers' verdicts.

The test folders mirror rnn_helpers/ (tests/core/ tests rnn_helpers/core/, ...). Each folder is
a package (an `__init__.py`), so two folders may hold files of the same name
(tests/plots/test_training.py and tests/exercises/test_training.py); a test file imports these
helpers with `from tests.conftest import ...`.
"""

import importlib.util
import json
import math
from pathlib import Path

import matplotlib
import numpy as np
import pytest

from rnn_helpers.core.gradcheck import check_gradients

# No window ever opens, whether or not the caller set MPLBACKEND=Agg (as `make unit` does).
matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))

TOL = 1e-7  # worst relative error of a float64 gradient check


# --- scripts/ and notebooks/ ------------------------------------------------------------------

def load_script(name):
    """scripts/<name>.py as a module (the scripts are not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_notebook(path):
    """A notebook as plain JSON (no nbformat needed)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def cell_sources(notebook, cell_type=None):
    """[(index, cell_type, source)] of a notebook (a path or its JSON), of one type if given."""
    nb = notebook if isinstance(notebook, dict) else read_notebook(notebook)
    found = []
    for index, cell in enumerate(nb["cells"]):
        if cell_type is None or cell["cell_type"] == cell_type:
            source = cell["source"]
            found.append((index, cell["cell_type"],
                           source if isinstance(source, str) else "".join(source)))
    return found


def markdown_text(notebook):
    """Every Markdown cell of a notebook, joined by newlines."""
    return "\n".join(source for _, _, source in cell_sources(notebook, "markdown"))


# --- seeded arrays ----------------------------------------------------------------------------

def random_normal(seed, *shapes, dtype=np.float64):
    """Standard normal arrays from `np.random.default_rng(seed)`, drawn in the order given.

    Each item is a shape, or a pair (shape, scale) for draws times `scale`:
    random_normal(0, (B, T, D), ((D, H), 0.5)) -> [x, W].
    """
    rng = np.random.default_rng(seed)
    arrays = []
    for item in shapes:
        shape, scale = (item if item and isinstance(item[0], tuple) else (item, 1.0))
        arrays.append((rng.normal(size=shape) * scale).astype(dtype))
    return arrays


def random_x(B=2, T=5, D=3, seed=1):
    """A seeded input batch x of shape (B, T, D)."""
    return np.random.default_rng(seed).normal(size=(B, T, D))


def scalar_sigmoid(v):
    """σ(v) for one number, for values worked out by hand."""
    return 1 / (1 + math.exp(-v))


# --- gradient checks (float64) ----------------------------------------------------------------

def difference(a, b):
    """The largest absolute difference of a and b, divided by their largest magnitude when it
    exceeds 1 (fast kernels against the readable functions)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    assert a.shape == b.shape
    if a.size == 0:
        return 0.0
    scale = max(1.0, float(np.max(np.abs(a))), float(np.max(np.abs(b))))
    return float(np.max(np.abs(a - b))) / scale


def assert_gradients(loss, arrays, analytic, tol=TOL):
    """check_gradients, then fail with every error unless the worst is below `tol`."""
    errors = check_gradients(loss, arrays, analytic)
    assert max(errors.values()) < tol, errors
    return errors


def check_layer_gradients(layer, x, upstream, forward_kwargs=None, extra=None):
    """Gradient-check a layer: loss = Σ output * upstream (a list for several outputs).
    Checks the input, every weight and the `extra` initial states; returns the errors."""
    forward_kwargs = forward_kwargs or {}

    def loss():
        out = layer.forward(x, **forward_kwargs)
        outs = out if isinstance(out, list) else [out]
        ups = upstream if isinstance(upstream, list) else [upstream]
        return float(sum(np.sum(o * u) for o, u in zip(outs, ups, strict=True)))

    loss()
    dx = layer.backward(upstream)
    arrays = {"x": x, **layer.params, **(extra or {})}
    analytic = {"dx": dx, **layer.grads}
    if extra:
        analytic.update(dict(zip(extra, layer.dinitial_state, strict=True)))
    return assert_gradients(loss, arrays, analytic)


def layer_gradient_errors(layer, x, seed=0):
    """Errors of a gradient check of every input and weight of `layer` on Σ output * dy, with a
    seeded random dy (the caller asserts on them)."""
    y = layer(x)
    dy = np.random.default_rng(seed).normal(size=np.shape(y))
    dx = layer.backward(dy)

    def loss():
        return float(np.sum(layer.forward(x) * dy))

    return check_gradients(loss, {"x": x, **layer.params}, {"x": dx, **layer.grads})


# --- the exercises' checkers ------------------------------------------------------------------

def verdict(capsys, check, answer, one_line=True):
    """(what `check(answer)` returned, what it printed); by default the print is one line, never
    a traceback."""
    ok = check(answer)
    out = capsys.readouterr().out
    if one_line:
        assert out.count("\n") == 1, out
    return ok, out


def raises_with(call, words, error=ValueError):
    """`call()` must raise `error` with `words` in its message (returned)."""
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert words in message, message
    return message


def stub(*args):
    """A learner's function not written yet."""
    raise NotImplementedError


# --- shared fixtures --------------------------------------------------------------------------

# The smallest lag sweep that still trains: one epoch of 64 sequences per cell, lag and seed.
TINY_SWEEP = {"units": 4, "n_train": 64, "n_test": 32, "epochs": 1, "batch_size": 32}


@pytest.fixture(scope="session")
def lag_sweep_runs():
    """rh.experiments.lag_sweep over lags 2, 3 and seeds 0, 1 (tests of the sweep, its plot)."""
    from rnn_helpers.analysis import experiments

    return experiments.lag_sweep(lags=(2, 3), seeds=(0, 1), progress=False, **TINY_SWEEP)


@pytest.fixture(scope="module")
def char_vocab():
    """A character vocabulary small enough for a quick model (notebook 06's widget and plots)."""
    from rnn_helpers.datasets import text

    return text.Vocabulary("Anne walked home. ")


@pytest.fixture(scope="module")
def char_model(char_vocab):
    """An untrained, seeded character model: Embedding, SimpleRNN, softmax Dense."""
    from rnn_helpers.layers import Dense, Embedding, SimpleRNN
    from rnn_helpers.models import Sequential

    V = len(char_vocab)
    model = Sequential([Embedding(V, 4, seed=0), SimpleRNN(8, return_sequences=True, seed=1),
                        Dense(V, activation="softmax", seed=2)])
    model.build((10,))
    return model


@pytest.fixture(scope="module")
def forecaster():
    """(an untrained seeded one-step forecaster on windows of 12, a periodic series of 120)."""
    from rnn_helpers.datasets import timeseries
    from rnn_helpers.layers import Dense, SimpleRNN
    from rnn_helpers.models import Sequential

    model = Sequential([SimpleRNN(4, input_shape=(12, 1), seed=1), Dense(1, seed=2)])
    series = timeseries.periodic_series(120, period=6, noise=0.05, seed=0)
    return model, series


def random_probs(rng, shape, spread=0.3):
    """Random class probabilities of `shape` (the classes last), as a model might give."""
    return rng.dirichlet(np.full(shape[-1], spread), size=shape[:-1])


@pytest.fixture(scope="module")
def tone_examples():
    """(X, y, probs): 12 tone patterns' spectra (notebook 08), their labels, random probs."""
    from rnn_helpers.datasets import scenarios

    signals, y = scenarios.tone_patterns(n=12, seed=1)
    X = scenarios.frame_spectra(signals)
    return X, y, random_probs(np.random.default_rng(0), (12, 4))


@pytest.fixture(scope="module")
def recall_example():
    """(X, y, alpha, y_prob): 6 marker-recall sequences (notebook 09), random attention weights
    (sequence 2's all on its marker) and random class probabilities."""
    from rnn_helpers.datasets import beyond

    X, y = beyond.marker_recall(6, T=10, K=3, seed=0)
    rng = np.random.default_rng(1)
    alpha = rng.dirichlet(np.ones(10), size=6)
    alpha[2] = 0.0
    alpha[2, beyond.marker_positions(X)[2]] = 1.0
    y_prob = rng.dirichlet(np.ones(3), size=6)
    return X, y, alpha, y_prob
