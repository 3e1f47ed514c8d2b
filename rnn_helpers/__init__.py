"""rnn_helpers: the numpy package behind the rnn-notebooks course.

    import rnn_helpers as rh

The functional core (rh.rnn, rh.lstm, rh.gru) is the lesson; the Keras-like layers
(rh.layers, rh.models) are the bridge from the seed article's Keras program.

Every module of the package is reachable as `rh.<module>`; each is imported the first time it is
used, so `import rnn_helpers` is quick and needs only the standard library. That way notebook 00's
environment check (`rh.check_environment()`) can still run, and say what is missing, on a machine
where numpy or matplotlib is not installed yet.
"""

import importlib
import pkgutil

__version__ = "0.1.0"

# Every public module in this folder (names starting with "_" are private).
_MODULES = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
# Functions used so often that they live at the top: rh.show_source(...).
_FUNCTIONS = {"show_source": "display", "show_shapes": "display", "check_environment": "display"}

__all__ = _MODULES + sorted(_FUNCTIONS)


def __getattr__(name):
    if name in _MODULES:
        module = importlib.import_module(f".{name}", __name__)
    elif name in _FUNCTIONS:
        module = getattr(importlib.import_module(f".{_FUNCTIONS[name]}", __name__), name)
    else:
        raise AttributeError(f"module 'rnn_helpers' has no attribute {name!r}")
    globals()[name] = module  # the next lookup finds it directly
    return module


def __dir__():
    return sorted(set(globals()) | set(__all__))
