"""Checks for the exercises of notebook 10, in the style of `exercises`: each runs the learner's
function on hidden cases, prints "Correct: ..." or "Not yet: ..." with what is wrong in words,
returns True or False and never raises."""

from ..layers import GRU, LSTM, Dense, Embedding
from ..models import Sequential
from .checking import call_learner, check_function, checker, same, say


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
        ("this is a simple RNN's count: the LSTM has four such blocks, one per gate and one "
         "for the candidate c~.",
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


# --- the stacked model: Embedding(V, E) -> LSTM(H1) -> GRU(H2) -> Dense(O) ----------------

LAYERS = ("embedding", "lstm", "gru", "dense")
STACK_CASES = ((27, 4, 7, 3, 2), (60, 12, 20, 9, 60), (11, 3, 10, 6, 5))
"""(V, E, H1, H2, O) for the hidden cases: every size different, so each confusion shows."""


def stack_model(V, E, H1, H2, O):
    """The stack of the exercise, built (fixed seeds and names: the course's random generator
    and layer names are left as they were)."""
    model = Sequential([Embedding(V, E, input_shape=(None,), seed=0, name="stack_embedding"),
                        LSTM(H1, return_sequences=True, seed=0, name="stack_lstm"),
                        GRU(H2, seed=0, name="stack_gru"),
                        Dense(O, activation="softmax", seed=0, name="stack_dense")],
                       name="stack")
    model.build((None,))
    return model


def _mistakes(V, E, H1, H2, O):
    """For each layer, the usual wrong counts and what each one forgot (for the hidden case)."""
    def rnn(blocks, D, H, biases=1):
        return blocks * (D * H + H * H) + biases * blocks * H
    return {
        "embedding": [(V * E + E, "an Embedding has no bias: it is a table of V rows of E "
                                  "numbers, nothing is added to the row it looks up"),
                      (V, "one id picks a whole row of E numbers: the table is (V, E)")],
        "lstm": [(rnn(4, V, H1), "the LSTM reads the embedding's E numbers per step, not "
                                 "one-hot vectors of V: its W is (E, 4H1)"),
                 (rnn(4, E, H1, 0), "the LSTM's bias is missing: b is (4H1,)"),
                 (rnn(3, E, H1), "3 blocks counted: the LSTM has 4 (i, f, c~, o)"),
                 (rnn(4, 0, H1), "the LSTM's input weights W (E, 4H1) are missing")],
        "gru": [(rnn(3, H1, H2), "the GRU has one bias counted: Keras' default "
                                 "reset_after=True gives it two, b is (2, 3H2)"),
                (rnn(3, E, H2, 2), "the GRU reads the LSTM's H1 states, not the embedding: "
                                   "its W is (H1, 3H2)"),
                (rnn(4, H1, H2), "4 blocks counted: the GRU has 3 (z, r, h~), two biases each"),
                (rnn(3, H1, H2, 0), "the GRU's biases are missing: b is (2, 3H2)"),
                (rnn(3, 0, H2, 2), "the GRU's input weights W (H1, 3H2) are missing")],
        "dense": [(H2 * O, "the Dense bias is missing: O of them"),
                  (H1 * O + O, "the Dense layer reads the GRU's last state, H2 numbers, "
                               "not the LSTM's H1"),
                  (V * O + O, "the Dense layer reads the GRU's last state, H2 numbers")],
    }


@checker
def check_stack_params(fn):
    """Notebook 10: fn(V, E, H1, H2, O) -> {"embedding", "lstm", "gru", "dense"}, the number of
    weights of each layer of `stack_model(V, E, H1, H2, O)`, checked against its count_params()."""
    if not callable(fn):
        return say(False, f"expected a function stack_params(V, E, H1, H2, O), got "
                          f"{type(fn).__name__}.")
    for i, sizes in enumerate(STACK_CASES, start=1):
        model = stack_model(*sizes)
        right = dict(zip(LAYERS, (layer.count_params() for layer in model.layers), strict=True))
        got, problem = call_learner(fn, sizes, i, name="stack_params")
        if problem:
            return say(False, problem)
        if not isinstance(got, dict) or any(k not in got for k in LAYERS):
            return say(False, f"return a dict with the keys {', '.join(LAYERS)}.")
        if any(got[k] is Ellipsis or got[k] is None for k in LAYERS):
            todo = [k for k in LAYERS if got[k] is Ellipsis or got[k] is None]
            return say(False, f"still `...` or None: {', '.join(todo)}. Fill in every layer.")
        wrong = [k for k in LAYERS if not same(got[k], right[k])]
        if wrong:
            named = dict(_mistakes(*sizes))
            words = [next((why for value, why in named[k] if same(got[k], value)),
                          f"the {k} count is off (it got {got[k]!r})") for k in wrong]
            where = "V, E, H1, H2, O = " + ", ".join(map(str, sizes))
            rest = [k for k in LAYERS if k not in wrong]
            return say(False, f"on hidden case {i} ({where}): " + "; ".join(words) + "."
                              + (f" Right: {', '.join(rest)}." if rest else ""))
    total = stack_model(*STACK_CASES[0]).count_params()
    return say(True, f"every layer agrees with the built model's count_params() on "
                     f"{len(STACK_CASES)} hidden cases (the first has {total:,} weights).")


__all__ = ["check_lstm_params", "check_stack_params", "stack_model"]
