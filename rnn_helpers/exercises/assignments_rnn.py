"""Checkers for assignment A1, a simple RNN from scratch (assignments/source/A1_simple_rnn).

    check_rnn_step_forward(rnn_step_forward)            Part 1
    check_rnn_forward(rnn_forward, rnn_step_forward)    Part 2
    check_rnn_step_backward(rnn_step_backward)          Part 3 (the lesson's checker, notebook 03)
    check_rnn_backward(rnn_backward, rnn_step_backward) Part 4, BPTT (+ check_rnn_gradients)
    check_gradient_check(gradient_check)                Part 5: does the learner's check catch bugs?
    PluggedSimpleRNN, check_seed_model                  Part 6: the seed's model, trained

Parts 1-4 live in assignments_rnn_steps.py; the notebook imports this module as `checks`.
Every checker prints "Correct: ..." or "Not yet: ..." and never raises.
"""

import numpy as np

from ..datasets import tasks
from ..layers.recurrent import SimpleRNN
from .assignments_common import STUB_HINT, AnswerError, attempt, points, quietly
from .assignments_rnn_steps import (
    check_rnn_backward,
    check_rnn_forward,
    check_rnn_gradients,
    check_rnn_step_backward,
    check_rnn_step_forward,
    reference_backward,
    reference_forward,
)
from .checking import checker, say

__all__ = [
    "TARGET_ACCURACY", "PluggedSimpleRNN", "attempt", "check_gradient_check",
    "check_rnn_backward", "check_rnn_forward", "check_rnn_gradients", "check_rnn_step_backward",
    "check_rnn_step_forward", "check_seed_model", "check_seed_model_hidden", "points",
    "ready_to_train", "reference_backward", "reference_forward",
]

TARGET_ACCURACY = 0.95
"""Part 6: the held-out accuracy the trained model must reach (the last-value rule: ~80 %)."""


# --- Part 5 --------------------------------------------------------------------------------

def _step_backward_u(dh_t, cache):
    """A wrong step backward (U instead of U.T), for Part 5."""
    da = dh_t * (1 - cache["h_t"] ** 2)
    return {"dx_t": da @ cache["W"].T, "dh_prev": da @ cache["U"], "dW": cache["x_t"].T @ da,
            "dU": cache["h_prev"].T @ da, "db": da.sum(axis=0)}


_BUGGY_BACKWARDS = [
    ("uses U instead of U.T to send the gradient back",
     lambda dh, c: reference_backward(dh, c, step_backward=_step_backward_u)),
    ("drops the path from h_{t+1}", lambda dh, c: reference_backward(dh, c, carry=False)),
    ("reads dh one step off (dh[:, t - 1])", lambda dh, c: reference_backward(dh, c, dh_shift=1)),
]
_NAMES = ("x", "h0", "W", "U", "b")


def _errors(fn, forward, backward, what):
    try:
        errors = fn(forward, backward)
    except NotImplementedError:
        raise AnswerError(f"gradient_check still raises NotImplementedError: {STUB_HINT}"
                          ) from None
    if not isinstance(errors, dict):
        raise AnswerError(f"gradient_check returned {type(errors).__name__}; return the dict that "
                   "rh.gradcheck.check_gradients gives, {name: relative error}.")
    missing = [k for k in _NAMES if k not in errors]
    if missing:
        raise AnswerError(f"the check leaves out {', '.join(missing)}: check every input and every "
                   f"parameter ({', '.join(_NAMES)}), {what}.")
    return {k: float(errors[k]) for k in _NAMES}


@checker
def check_gradient_check(fn):
    """Part 5: fn(forward, backward) -> {"x", "h0", "W", "U", "b": relative error}. It must pass
    a correct RNN and catch three wrong backwards."""
    try:
        right = _errors(fn, reference_forward, reference_backward, "as the task says")
        if max(right.values()) >= 1e-7:
            worst = max(right, key=right.get)
            return say(False, f"for a correct RNN your check reports {worst}: "
                              f"{right[worst]:.1e}, above 1e-7. Is everything float64, "
                              "eps = 1e-6, and the same dh used in the loss and the backward?")
        for what, wrong in _BUGGY_BACKWARDS:
            caught = _errors(fn, reference_forward, wrong, "or a bug can hide there")
            if max(caught.values()) < 1e-7:
                return say(False, f"your check passed a backward that {what}: every error "
                                  "stayed below 1e-7. Does it call the backward it is given, "
                                  "and does the loss weigh every h_t with a random dh (not "
                                  "only h_T, not all ones)?")
    except AnswerError as stop:
        return say(False, str(stop))
    return say(True, "your gradient check passes a correct RNN and catches all three wrong "
                     "backwards (U for U.T, the missing path from h_{t+1}, dh one step off).")


# --- Part 6 --------------------------------------------------------------------------------

class PluggedSimpleRNN(SimpleRNN):
    """rh.layers.SimpleRNN running the learner's rnn_forward and rnn_backward (the layer's
    weights, building and return_sequences are the course's; the maths is yours)."""

    def __init__(self, units, forward, backward, **kwargs):
        self._forward_fn, self._backward_fn = forward, backward
        super().__init__(units, **kwargs)

    def _run_forward(self, x, states):
        h0 = states[0] if states[0] is not None else np.zeros((x.shape[0], self.units), x.dtype)
        h, cache = self._forward_fn(x, h0, self.params["W"], self.params["U"], self._bias())
        return h, [h[:, -1]], cache

    def _run_backward(self, dh, dstates, cache):
        g = self._backward_fn(dh, cache)
        return g["dx"], {"W": g["dW"], "U": g["dU"], "b": g["db"]}, [g["dh0"]]


def ready_to_train(forward, backward):
    """True when rnn_forward and rnn_backward pass their checks; else a line saying why the
    training waits (wrong gradients would only waste the learner's time)."""
    if quietly(check_rnn_forward, forward) and quietly(check_rnn_backward, backward):
        return True
    say(False, "the training waits until rnn_forward (Part 2) and rnn_backward (Part 4) pass "
               "their checks: with wrong gradients it would only waste your time.")
    return False


@checker
def check_seed_model(model, X_test, y_test, what="held-out accuracy"):
    """Part 6: the trained model's accuracy on (X_test, y_test) reaches TARGET_ACCURACY, above
    the last-value rule, with the learner's layers inside."""
    if model is None:
        return say(False, "there is no trained model yet (see the training cell's message).")
    layers = getattr(model, "layers", [])
    if sum(isinstance(layer, PluggedSimpleRNN) for layer in layers) != 2:
        return say(False, "the model should hold two PluggedSimpleRNN layers (your rnn_forward "
                          "and rnn_backward), as train_seed_model builds it.")
    accuracy = float(np.mean((model.forward(X_test) > 0.5) == (y_test > 0.5)))
    rule = tasks.last_value_accuracy(X_test, y_test)
    text = (f"{what} {accuracy:.1%} (the last-value rule: {rule:.1%}, the target: "
            f"{TARGET_ACCURACY:.0%})")
    if accuracy >= TARGET_ACCURACY and accuracy > rule:
        return say(True, text + ".")
    return say(False, text + ": more epochs, or a learning rate of 0.01 (Adam's 0.001 is slow "
                             "here)? Check that every batch is a new random draw of rows.")


def check_seed_model_hidden(model, n=4000, seed=31337):
    """Part 6, hidden test: the same target on sequences no one has seen."""
    X, y = tasks.first_vs_last(n=n, seed=seed)
    return check_seed_model(model, X, y, what=f"accuracy on {n:,} new sequences")
