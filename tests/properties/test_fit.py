"""fit under fuzzing: bad x, y, validation data and arguments give a clear error and change
nothing, so that the corrected call then gives exactly what it gives on a fresh model."""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from rnn_helpers.models import History
from tests.properties.contract import attempt, equal, model_state
from tests.properties.strategies import (
    CELLS,
    KINDS,
    fit_kwargs,
    fresh,
    label_range,
    mutated,
    valid_data,
)

FIT_ARGS = ("x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split",
            "validation_data", "shuffle", "initial_epoch", "model", "loss")


def history_check(kwargs):
    epochs, start = kwargs.get("epochs", 1), kwargs.get("initial_epoch", 0)

    def check(history):
        assert isinstance(history, History)
        if history.stopped is None:
            assert history.epoch == list(range(start, epochs))
        for values in history.history.values():
            assert all(math.isfinite(v) for v in values), history.history
        assert all(np.all(np.isfinite(w)) for w in history.model.get_weights())
    return check


def trained(model, x, y):
    """Weights and History of one valid fit (with shuffling: the generator state matters)."""
    history = model.fit(x, y, epochs=2, batch_size=3, verbose=0)
    return model.get_weights(), history.history, history.batch_loss


@given(data=st.data())
def test_fit_contract_and_a_failure_is_invisible(data):
    kind = data.draw(st.sampled_from(KINDS), label="kind")
    built = data.draw(st.booleans(), label="built")
    cell = data.draw(st.sampled_from(sorted(CELLS)), label="cell")
    x, y = valid_data(kind)
    x = data.draw(mutated(x, label_range(kind, "x")), label="x")
    y = data.draw(mutated(y, label_range(kind, "y")), label="y")
    kwargs = data.draw(fit_kwargs(kind), label="kwargs")
    model = fresh(kind, built, cell)
    kind_of_call, _ = attempt("Sequential.fit", lambda: model.fit(x, y, **{"verbose": 0,
                                                                          **kwargs}),
                              lambda: model_state(model), FIT_ARGS, history_check(kwargs))
    if kind_of_call == "clear error":
        # The corrected call on the model that refused: the same as on a fresh model.
        good_x, good_y = valid_data(kind)
        after_failure = trained(model, good_x, good_y)
        assert equal(after_failure, trained(fresh(kind, built, cell), good_x, good_y))
