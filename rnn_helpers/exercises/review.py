"""Checks for the exercises of notebook 10, in the style of `exercises`: each runs the learner's
function on hidden cases, prints "Correct: ..." or "Not yet: ..." with what is wrong in words,
returns True or False and never raises."""

from .checking import check_function


def _lstm(D, H):
    return 4 * (D * H + H * H + H)


def check_lstm_params(fn):
    """fn(D, H) -> the number of weights of Keras' LSTM(H) on inputs with D features:
    4 * (D*H + H*H + H), the blocks i, f, c~, o each with their own W, U and b."""
    cases = [(1, 10), (3, 4), (16, 32), (7, 1), (2, 5)]
    return check_function(fn, cases, _lstm, name="lstm_params", numeric=False,
                          arg_names=("D", "H"), mistakes=[
        ("the biases are missing: each of the four blocks adds H biases, b has shape (4H,).",
         lambda D, H: 4 * (D * H + H * H)),
        ("the recurrent weights U are missing: U has shape (H, 4H), H*H per block.",
         lambda D, H: 4 * (D * H + H)),
        ("this is a simple RNN's count: an LSTM has four blocks (input gate i, forget gate f, "
         "candidate c̃, output gate ω), each with its own W, U and b.",
         lambda D, H: D * H + H * H + H),
        ("this counts three blocks, as a GRU has: the LSTM has four (i, f, c~, o).",
         lambda D, H: 3 * (D * H + H * H + H)),
        ("this is Keras' GRU (three blocks, two biases each): the LSTM has four blocks with "
         "one bias each.", lambda D, H: 3 * (D * H + H * H) + 6 * H),
        ("U was counted with D rows: it maps the hidden state, so it is (H, 4H).",
         lambda D, H: 4 * (2 * D * H + H)),
        ("the cell state cₜ is not a weight: it is computed at every step, like hₜ.",
         lambda D, H: 4 * (D * H + H * H + H) + H),
    ])


__all__ = ["check_lstm_params"]
