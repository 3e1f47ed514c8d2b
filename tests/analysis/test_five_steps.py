"""Tests for rnn_helpers.analysis.five_steps: the seed's x_1 .. x_5 example with concrete
numbers."""

import numpy as np
import pytest

from rnn_helpers import layers
from rnn_helpers.analysis import five_steps
from rnn_helpers.core import activations, rnn


def test_example_shapes_and_fresh_copies():
    ex = five_steps.five_step_example()
    shapes = {k: v.shape for k, v in ex.items()}
    assert shapes == {"x": (1, 5, 1), "h0": (1, 2), "W": (1, 2), "U": (2, 2), "b": (2,),
                      "W_y": (2, 1), "b_y": (1,)}
    ex["W"][0, 0] = 99.0
    assert five_steps.five_step_example()["W"][0, 0] == 0.5


def test_trace_equals_the_formula_step_by_step():
    ex = five_steps.five_step_example()
    values = five_steps.five_step_trace()
    h = np.zeros(2)
    for t in range(1, 6):
        x_t = ex["x"][0, t - 1]
        h = np.tanh(x_t @ ex["W"] + h @ ex["U"] + ex["b"])
        o = 1 / (1 + np.exp(-(h @ ex["W_y"] + ex["b_y"])))
        np.testing.assert_allclose(values["h"][t], h, rtol=1e-13)
        np.testing.assert_allclose(values["o"][t - 1], o, rtol=1e-13)
    np.testing.assert_array_equal(values["h"][0], [0.0, 0.0])


def test_fixed_values_of_the_example():
    values = five_steps.five_step_trace()
    np.testing.assert_allclose(values["h"][1], np.tanh([0.6, -1.0]), rtol=1e-13)
    np.testing.assert_allclose(np.round(values["h"][5], 4), [-0.4593, 0.8498])
    np.testing.assert_allclose(np.round(values["o"][:, 0], 4),
                               [0.8174, 0.8189, 0.7104, 0.4607, 0.2480], atol=1e-4)


def test_trace_agrees_with_rnn_forward_and_the_layers():
    ex = five_steps.five_step_example()
    values = five_steps.five_step_trace()
    h, _ = rnn.rnn_forward(ex["x"], None, ex["W"], ex["U"], ex["b"])
    np.testing.assert_allclose(values["h"][1:], h[0], rtol=1e-13)
    cell = layers.SimpleRNN(2, return_sequences=True)
    cell.set_weights([ex["W"], ex["U"], ex["b"]])
    dense = layers.Dense(1, activation="sigmoid")
    dense.set_weights([ex["W_y"], ex["b_y"]])
    o = dense(cell(ex["x"]))
    np.testing.assert_allclose(values["o"], o[0], rtol=1e-12)


def test_trace_accepts_h0_and_a_2d_sequence():
    ex = five_steps.five_step_example()
    h0 = np.array([0.3, -0.2])
    values = five_steps.trace(ex["x"][0], ex["W"], ex["U"], ex["b"], ex["W_y"], ex["b_y"], h0=h0)
    np.testing.assert_array_equal(values["h"][0], h0)
    np.testing.assert_allclose(values["h"][1], np.tanh(ex["x"][0, 0] @ ex["W"] + h0 @ ex["U"]
                                                       + ex["b"]))


def test_step_report_terms_add_up():
    ex = five_steps.five_step_example()
    for t in range(1, 6):
        r = five_steps.step_report(ex, t)
        np.testing.assert_allclose(r["a_t"], r["xW"] + r["hU"] + r["b"])
        np.testing.assert_allclose(r["h_t"], np.tanh(r["a_t"]))
        np.testing.assert_allclose(r["o_t"], activations.sigmoid(r["logit"]))
    first = five_steps.step_report(ex, 1)
    np.testing.assert_array_equal(first["h_prev"], [0.0, 0.0])
    np.testing.assert_array_equal(first["hU"], [0.0, 0.0])   # the seed's U·0


@pytest.mark.parametrize("t", [0, 6, 2.0, True])
def test_step_report_bad_step(t):
    with pytest.raises(ValueError, match="^t: expected a step in 1 .. 5"):
        five_steps.step_report(five_steps.five_step_example(), t)


def test_trace_bad_output_weights():
    ex = five_steps.five_step_example()
    with pytest.raises(ValueError, match="^W_y: expected shape"):
        five_steps.trace(ex["x"], ex["W"], ex["U"], ex["b"], np.ones((3, 1)), ex["b_y"])
    with pytest.raises(ValueError, match="^x: expected"):
        five_steps.trace(np.ones((2, 5, 1)), ex["W"], ex["U"], ex["b"], ex["W_y"], ex["b_y"])
