"""rnn_helpers: the numpy package behind the rnn-notebooks course.

    import rnn_helpers as rh

The functional core (rh.rnn, rh.lstm, rh.gru) is the lesson; the Keras-like layers
(rh.layers, rh.models) are the bridge from the seed article's Keras program.

The table below is everything `rh.` offers, grouped by part; the folders say the same:

    core/        the maths, numpy only            rh.rnn, rh.lstm, rh.losses, ...
    layers/      keras.layers                     rh.layers.SimpleRNN, ...
    models/      keras.models                     rh.models.Sequential
    datasets/    generated tasks, shipped text    rh.datasets.first_vs_last, rh.datasets.text
    analysis/    what notebooks compute to show   rh.gradflow, rh.experiments, ...
    exercises/ plots/ widgets/                    one module per topic: rh.plots.training
    claims, display, glossary, quiz               teaching aids

Imports point down that list only (a test reads every module's imports). Each name is imported
the first time it is used, so `import rnn_helpers` is quick and needs only the standard
library: notebook 00's environment check (`rh.check_environment()`) can then run, and say what
is missing, on a machine where numpy or matplotlib is not installed yet.
"""

import importlib

__version__ = "0.1.0"

# name in rh. -> the module it is (relative to this package), grouped by part.
_CORE = {
    "activations": "core.activations",
    "attention": "core.attention",
    "embedding": "core.embedding",
    "gradcheck": "core.gradcheck",
    "gru": "core.gru",
    "initializers": "core.initializers",
    "linear_rnn": "core.linear_rnn",
    "losses": "core.losses",
    "lstm": "core.lstm",
    "metrics": "core.metrics",
    "optim": "core.optim",
    "rnn": "core.rnn",
    "scalar_rnn": "core.scalar_rnn",
    "utils": "core.utils",
}
_KERAS = {"layers": "layers", "models": "models"}
_DATA = {"datasets": "datasets"}
_ANALYSIS = {
    "bptt": "analysis.bptt",
    "cell_swap": "analysis.cell_swap",
    "cell_wires": "analysis.cell_wires",
    "decoding": "analysis.decoding",
    "evidence": "analysis.evidence",
    "experiments": "analysis.experiments",
    "five_steps": "analysis.five_steps",
    "forecasting": "analysis.forecasting",
    "gradflow": "analysis.gradflow",
    "gradflow_gated": "analysis.gradflow_gated",
    "ngram": "analysis.ngram",
    "sampling": "analysis.sampling",
    "seq2seq": "analysis.seq2seq",
    "stateful": "analysis.stateful",
    "units": "analysis.units",
}
_TEACHING = {
    "claims": "claims",
    "display": "display",
    "exercises": "exercises",
    "glossary": "glossary",
    "plots": "plots",
    "quiz": "quiz",
    "widgets": "widgets",
}
_PARTS = {"core": "core", "analysis": "analysis"}
_MODULES = {**_CORE, **_KERAS, **_DATA, **_ANALYSIS, **_TEACHING, **_PARTS}

# Functions used so often that they live at the top: rh.show_source(...).
_FUNCTIONS = {"show_source": "display", "show_shapes": "display", "check_environment": "display"}

__all__ = sorted(_MODULES) + sorted(_FUNCTIONS)


def __getattr__(name):
    if name in _MODULES:
        value = importlib.import_module(f".{_MODULES[name]}", __name__)
    elif name in _FUNCTIONS:
        value = getattr(importlib.import_module(f".{_FUNCTIONS[name]}", __name__), name)
    else:
        raise AttributeError(f"module 'rnn_helpers' has no attribute {name!r}")
    globals()[name] = value  # the next lookup finds it directly
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
