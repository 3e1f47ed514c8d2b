"""How much of the loss's gradient reaches each step, for LSTM and GRU next to the simple RNN.

Notebook 04 measured ||∂L/∂h_t|| for a simple RNN (`gradflow.hidden_state_gradients`); this
module does the same for the gated cells, with the same two paths into every state:

    LSTM:  dh_t = dh[:, t] + dh_next                     (from above, and from step t+1)
           dc_t = dc_next + dh_t * ω_t * (1 - tanh(c_t)**2)    (ω_t: the output gate)
           dc_next = dc_t * f_t        <- the cell path: a product with the forget gate only
           dh_next = da_t @ U.T        <- the hidden path: through U, as in a simple RNN
    GRU:   dh_t = dh[:, t] + dh_next
           dh_next = dh_t * z_t + dhU_t @ U.T    <- z_t: the direct path, no matrix

The loops call the teaching step functions `lstm_step_backward` and `gru_step_backward`, so
each line is an equation of notebook 05. `dh[:, t]` is the gradient that reaches h_t from
above (the layers after it); the functions return the *total* ∂L/∂h_t (and ∂L/∂c_t).
"""

import numpy as np

from .._validate import check_array, fail
from ..core import gru, lstm, rnn
from . import gradflow


def _step_caches(step_forward, x, states, *weights):
    """Run a step function over x (B, T, D) from `states`; return the caches of every step."""
    caches = []
    for t in range(x.shape[1]):
        *states, cache = step_forward(x[:, t], *states, *weights)
        caches.append(cache)
    return caches


def lstm_state_gradients(x, dh, W, U, b, h0=None, c0=None, dc_last=None):
    """∂L/∂h_t and ∂L/∂c_t at every step of an LSTM, for an upstream gradient dh.

        dh_t = dh[:, t] + dh_next
        dc_t = dc_next + dh_t * ω_t * (1 - tanh(c_t)**2)      (the total ∂L/∂c_t)
        dh_next, dc_next = the step backward's dh_prev, dc_prev  (dc_prev = dc_t * f_t)

    x (B, T, D), dh (B, T, H) the gradient from above on every h_t, W (D, 4H), U (H, 4H),
    b (4H,), h0, c0, dc_last (B, H) or None -> {"dh": (B, T, H), "dc": (B, T, H)}.
    """
    x = check_array("x", x, ndim=3, layout="(B, T, D)")
    caches = _step_caches(lstm.lstm_step_forward, x, [h0, c0], W, U, b)
    dh = check_array("dh", dh, shape=x.shape[:2] + caches[0]["h_t"].shape[1:],
                     layout="(B, T, H), like the LSTM's h")
    total_h, total_c = np.empty_like(dh), np.empty_like(dh)
    dh_next = np.zeros_like(dh[:, 0])
    dc_next = np.zeros_like(dh[:, 0]) if dc_last is None else check_array(
        "dc_last", dc_last, shape=dh[:, 0].shape, layout="(B, H)")
    for t in reversed(range(x.shape[1])):
        cache = caches[t]
        dh_t = dh[:, t] + dh_next                               # the two paths into h_t
        total_h[:, t] = dh_t
        total_c[:, t] = dc_next + dh_t * cache["o"] * (1 - cache["tanh_c"] ** 2)
        g = lstm.lstm_step_backward(dh_t, dc_next, cache)
        dh_next, dc_next = g["dh_prev"], g["dc_prev"]
    return {"dh": total_h, "dc": total_c}


def gru_state_gradients(x, dh, W, U, b, h0=None):
    """∂L/∂h_t at every step of a GRU (reset_after=True), for an upstream gradient dh.

        dh_t = dh[:, t] + dh_next,   dh_next = the step backward's dh_prev
                                             = dh_t * z_t + dhU_t @ U.T

    x (B, T, D), dh (B, T, H), W (D, 3H), U (H, 3H), b (2, 3H), h0 (B, H) or None
    -> {"dh": (B, T, H)}.
    """
    x = check_array("x", x, ndim=3, layout="(B, T, D)")
    caches = _step_caches(gru.gru_step_forward, x, [h0], W, U, b)
    dh = check_array("dh", dh, shape=x.shape[:2] + caches[0]["h_t"].shape[1:],
                     layout="(B, T, H), like the GRU's h")
    total = np.empty_like(dh)
    dh_next = np.zeros_like(dh[:, 0])
    for t in reversed(range(x.shape[1])):
        dh_t = dh[:, t] + dh_next                               # the two paths into h_t
        total[:, t] = dh_t
        dh_next = gru.gru_step_backward(dh_t, caches[t])["dh_prev"]
    return {"dh": total}


def layer_state_gradients(layer, x, dh, initial_state=None):
    """The total ∂L/∂h_t (and ∂L/∂c_t for an LSTM) of a SimpleRNN, LSTM or GRU layer.

    layer : a built `layers.SimpleRNN`, `layers.LSTM` or `layers.GRU`
    x (B, T, D) its input, dh (B, T, H) the gradient from above on every h_t
    initial_state: None (zeros) or a list [h0] ([h0, c0] for an LSTM)
    -> {"dh": (B, T, H)} plus "dc" for an LSTM.
    """
    from ..layers.recurrent import GRU, LSTM, SimpleRNN

    states = list(initial_state) if initial_state is not None else [None, None]
    if isinstance(layer, LSTM):
        return lstm_state_gradients(x, dh, layer.params["W"], layer.params["U"], layer._bias(),
                                    states[0], states[1])
    if isinstance(layer, GRU):
        return gru_state_gradients(x, dh, layer.params["W"], layer.params["U"], layer._bias(),
                                   states[0])
    if isinstance(layer, SimpleRNN):
        _, cache = rnn.rnn_forward(x, states[0], layer.params["W"], layer.params["U"],
                                   layer._bias(), layer.activation)
        return {"dh": gradflow.hidden_state_gradients(dh, cache)}
    raise TypeError(f"layer: expected a SimpleRNN, LSTM or GRU layer, got "
                    f"{type(layer).__name__}")


def model_state_gradients(model, x, y, layer=0):
    """∂L/∂h_t (and ∂L/∂c_t) at every step of one recurrent layer of a compiled Sequential.

    L is the model's loss on the batch (x, y). The layers after `layer` give the gradient on
    its output (every h_t with return_sequences=True, else h_T only); from there the functions
    above follow BPTT back. No weight changes. -> {"dh": (B, T, H)} (+ "dc" for an LSTM).
    """
    from ..layers.recurrent import GRU, LSTM, SimpleRNN

    inputs, target, dh = gradflow.gradient_on_layer_output(model, x, y, layer,
                                                           (SimpleRNN, LSTM, GRU))
    return layer_state_gradients(target, inputs, dh)


def norms_per_step(grad):
    """||g_t|| for every t: the Euclidean norm over the batch and the units, (B, T, H) -> (T,)."""
    grad = check_array("grad", grad, ndim=3, layout="(B, T, H)")
    return np.sqrt(np.sum(grad**2, axis=(0, 2)))


def compare_cells(models, x, y, relative=True):
    """||∂L/∂h_t|| for t = 1 .. T of each model's first layer, and ||∂L/∂c_t|| for an LSTM.

    models : {label: compiled Sequential whose layer 0 is a SimpleRNN, LSTM or GRU}
    relative: divide each curve by its value at the last step t = T, so that the curves start
        at 1 and show what fraction of the gradient at h_T reaches each earlier step.
    -> {label: (T,)} and {label + " (cell state c)": (T,)} for each LSTM.
    """
    if not isinstance(models, dict) or not models:
        fail("models", "a non-empty dict {label: model}", repr(models)[:80])
    curves = {}
    for label, model in models.items():
        grads = model_state_gradients(model, x, y)
        norms = norms_per_step(grads["dh"])
        scale = norms[-1] if relative and norms[-1] > 0 else 1.0
        curves[label] = norms / scale
        if "dc" in grads:
            curves[f"{label} (cell state c)"] = norms_per_step(grads["dc"]) / scale
    return curves
