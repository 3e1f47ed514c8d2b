"""Bad calls across the Keras-like API: each raises a ValueError (TypeError where the Python
type itself is wrong) whose message names the argument, what was expected and what came."""

import numpy as np
import pytest

from rnn_helpers.core import utils
from rnn_helpers.layers import Dense, SimpleRNN
from rnn_helpers.models import Sequential

X = np.random.default_rng(0).random((8, 5, 1))
Y = np.ones((8, 1))


def rnn():
    return SimpleRNN(10, input_shape=(5, 1), seed=0)


def model(compiled=True, loss="binary_crossentropy"):
    m = Sequential([SimpleRNN(4, input_shape=(5, 1), seed=0), Dense(1, activation="sigmoid",
                                                                      seed=1)])
    if compiled:
        m.compile(optimizer="adam", loss=loss)
    return m


def forward_then_backward(layer, dy):
    layer(X)
    return layer.backward(dy)


def save_then_load(tmp_path):
    path = tmp_path / "w.npz"
    model().save_weights(path)
    other = Sequential([SimpleRNN(4, input_shape=(5, 1)), Dense(1), Dense(1)])
    other.load_weights(path)


# (what, call, error type, words the message must contain: argument, expected, actual)
CASES = [
    ("wrong rank", lambda: rnn()(np.zeros((5, 1))),
     ValueError, ["x:", "3-D", "(5, 1)", "batch axis"]),
    ("wrong feature size after build", lambda: rnn()(np.zeros((4, 5, 3))),
     ValueError, ["x:", "1 feature on", "(None, 5, 1)", "(4, 5, 3)"]),
    ("string dtype", lambda: rnn()(np.array([[["a"]]])),
     ValueError, ["x:", "numeric", "<U1"]),
    ("NaN in input", lambda: rnn()(np.full((2, 5, 1), np.nan)),
     ValueError, ["x:", "finite", "10 NaN"]),
    ("negative units", lambda: SimpleRNN(-3),
     ValueError, ["units:", "positive integer", "-3"]),
    ("units not an int", lambda: Dense(2.5),
     ValueError, ["units:", "positive integer", "2.5"]),
    ("unknown RNN activation", lambda: SimpleRNN(4, activation="softplus"),
     ValueError, ["activation:", "'tanh'", "'softplus'"]),
    ("unknown Dense activation", lambda: Dense(4, activation="gelu"),
     ValueError, ["activation:", "'softmax'", "'gelu'"]),
    ("unknown initializer", lambda: SimpleRNN(4, recurrent_initializer="identity"),
     ValueError, ["recurrent_initializer:", "'orthogonal'", "'identity'"]),
    ("flag not a bool", lambda: SimpleRNN(4, return_sequences="yes"),
     TypeError, ["return_sequences:", "True or False", "'yes'"]),
    ("input_shape with the batch axis", lambda: SimpleRNN(4, input_shape=(None, 5, 1)),
     ValueError, ["input_shape:", "(T, D)", "(None, 5, 1)", "batch axis"]),
    ("recurrent layer after one without return_sequences",
     lambda: Sequential([SimpleRNN(4, input_shape=(5, 1)), SimpleRNN(4)]),
     ValueError, ["input_shape:", "(T, D)", "(4,)", "is recurrent", "return_sequences=True"]),
    ("return_state inside Sequential", lambda: Sequential([SimpleRNN(4, return_state=True)]),
     ValueError, ["layer:", "return_state=False", "return_state=True"]),
    ("set_weights wrong shape", lambda: rnn().set_weights(
        [np.zeros((2, 10)), np.zeros((10, 10)), np.zeros(10)]),
     ValueError, ["weights[0]", "kernel", "(1, 10)", "(2, 10)"]),
    ("set_weights wrong count", lambda: rnn().set_weights([np.zeros((1, 10)), np.zeros(10)]),
     ValueError, ["weights:", "3 arrays", "recurrent_kernel (10, 10)", "2 arrays"]),
    ("model set_weights wrong count", lambda: model().set_weights([np.zeros((1, 4))]),
     ValueError, ["weights:", "5 arrays", "1 array"]),
    ("initial_state wrong shape", lambda: rnn()(X, initial_state=np.zeros((3, 10))),
     ValueError, ["initial_state[0]", "(8, 10)", "(3, 10)"]),
    ("backward before forward", lambda: rnn().backward(np.zeros((8, 10))),
     ValueError, ["backward:", "forward()", "none"]),
    ("backward with a wrong dy", lambda: forward_then_backward(rnn(), np.zeros((8, 5, 10))),
     ValueError, ["dy:", "(8, 10)", "(8, 5, 10)"]),
    ("Dense on a 4-D input", lambda: Dense(2)(np.zeros((2, 3, 4, 5))),
     ValueError, ["x:", "2-D or 3-D", "(2, 3, 4, 5)"]),
    ("unknown optimizer", lambda: model(False).compile(optimizer="adamw",
                                                       loss="binary_crossentropy"),
     ValueError, ["optimizer:", "'adam'", "'adamw'"]),
    ("unknown loss", lambda: model(False).compile(optimizer="adam", loss="hinge"),
     ValueError, ["loss:", "'binary_crossentropy'", "'hinge'"]),
    ("MSE with accuracy", lambda: model(False).compile("adam", "mse", metrics=["accuracy"]),
     ValueError, ["metrics:", "classification loss", "'mse'"]),
    ("unknown metric", lambda: model(False).compile("adam", "mse", metrics=["precision"]),
     ValueError, ["metrics:", "'mae'", "'precision'"]),
    ("fit before compile", lambda: model(False).fit(X, Y),
     ValueError, ["model:", "compile(", "never compiled"]),
    ("predict on an unbuilt model", lambda: Sequential([SimpleRNN(4), Dense(1)]).predict(X),
     ValueError, ["model:", "input_shape", "no input shape"]),
    ("summary of an unbuilt model", lambda: Sequential([Dense(1)]).summary(),
     ValueError, ["model:", "built model", "no input shape"]),
    ("y with the wrong length", lambda: model().fit(X, Y[:7], verbose=0),
     ValueError, ["y:", "8 samples", "(7, 1)"]),
    ("y with the wrong shape", lambda: model().fit(X, np.ones((8, 3)), verbose=0),
     ValueError, ["y:", "(None, 1)", "(8, 3)"]),
    ("mismatched batch in validation_data",
     lambda: model().fit(X, Y, validation_data=(X, Y[:3]), verbose=0),
     ValueError, ["validation_data[1]", "8 samples", "(3, 1)"]),
    ("wrong feature size in fit", lambda: model().fit(np.zeros((8, 5, 2)), Y, verbose=0),
     ValueError, ["x:", "1 feature on", "(8, 5, 2)"]),
    ("wrong feature size in predict", lambda: model().predict(np.zeros((8, 5, 2))),
     ValueError, ["x:", "1 feature on", "(8, 5, 2)"]),
    ("batch_size 0", lambda: model().fit(X, Y, batch_size=0),
     ValueError, ["batch_size:", "positive integer", "0"]),
    ("negative epochs", lambda: model().fit(X, Y, epochs=-1),
     ValueError, ["epochs:", ">= 0", "-1"]),
    ("validation_split outside [0, 1)", lambda: model().fit(X, Y, validation_split=1.0),
     ValueError, ["validation_split:", "[0, 1)", "1.0"]),
    ("unknown verbose", lambda: model().fit(X, Y, verbose=3),
     ValueError, ["verbose:", "'auto'", "3"]),
    ("callback that is not callable", lambda: model().fit(X, Y, callbacks=[3], verbose=0),
     TypeError, ["callbacks[0]", "fn(epoch, logs)", "int"]),
    ("NaN in y", lambda: model().fit(X, np.full((8, 1), np.nan), verbose=0),
     ValueError, ["y:", "finite", "8 NaN"]),
    ("save_weights without .npz", lambda: model().save_weights("weights.h5"),
     ValueError, ["path:", ".npz", "'weights.h5'"]),
    ("set_random_seed negative", lambda: utils.set_random_seed(-1),
     ValueError, ["seed:", "[0, 2**32)", "-1"]),
]


@pytest.mark.parametrize("call, error, words", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_call_names_argument_expected_and_actual(call, error, words):
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


def test_load_weights_into_another_architecture(tmp_path):
    with pytest.raises(ValueError) as info:
        save_then_load(tmp_path)
    message = str(info.value)
    for word in ("path:", "['SimpleRNN', 'Dense', 'Dense']", "['SimpleRNN', 'Dense']"):
        assert word in message, message


def test_at_least_twenty_distinct_bad_calls():
    assert len({c[0] for c in CASES}) >= 20
