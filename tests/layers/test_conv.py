"""Tests for rnn_helpers.layers.conv: Conv1D by hand, Keras' output lengths, a loop over
windows, gradient checks, bad input."""

import numpy as np
import pytest

from rnn_helpers.layers import Conv1D
from tests.conftest import TOL, layer_gradient_errors, random_x


def test_conv1d_by_hand():
    # one channel, kernel (1, 2, 3)/ (K=3, C=1, F=1), bias 0.5, x = 1, 2, 3, 4:
    #   valid: y_1 = 1*1 + 2*2 + 3*3 + 0.5 = 14.5, y_2 = 2 + 6 + 12 + 0.5 = 20.5
    #   same (one zero each side): y = (0 + 2 + 6, 1 + 4 + 9, 2 + 6 + 12, 3 + 8 + 0) + 0.5
    #   causal (two zeros left):   y = (3, 2 + 6, 1 + 4 + 9, 2 + 6 + 12) + 0.5
    x = np.array([1.0, 2.0, 3.0, 4.0])[None, :, None]
    kernel, bias = np.array([1.0, 2.0, 3.0])[:, None, None], np.array([0.5])
    expected = {"valid": [14.5, 20.5], "same": [8.5, 14.5, 20.5, 11.5],
                "causal": [3.5, 8.5, 14.5, 20.5]}
    for padding, values in expected.items():
        layer = Conv1D(1, 3, padding=padding)
        layer.set_weights([kernel, bias])
        np.testing.assert_allclose(layer(x)[0, :, 0], values)
    # same with strides 2 (TensorFlow's rule): 2 outputs, pad total (2-1)*2 + 3 - 4 = 1, all of
    # it on the right: windows (1, 2, 3) and (3, 4, 0)
    strided = Conv1D(1, 3, strides=2, padding="same")
    strided.set_weights([kernel, bias])
    np.testing.assert_allclose(strided(x)[0, :, 0], [14.5, 11.5])


@pytest.mark.parametrize("T", [5, 6, 7, 8])
@pytest.mark.parametrize("K", [1, 2, 3, 4])
@pytest.mark.parametrize("strides", [1, 2, 3])
def test_conv1d_output_lengths_follow_keras(T, K, strides):
    for padding, length in (("valid", (T - K) // strides + 1), ("same", -(-T // strides)),
                            ("causal", (T - 1) // strides + 1)):
        layer = Conv1D(2, K, strides=strides, padding=padding, seed=0)
        assert layer(random_x(T=T)).shape == (2, length, 2)
        assert layer.compute_output_shape((T, 3)) == (length, 2)


def test_conv1d_equals_a_loop_over_windows():
    layer = Conv1D(4, 3, strides=2, activation="relu", seed=0)
    x = random_x(T=9)
    y = layer(x)
    W, b = layer.get_weights()
    assert W.shape == (3, 3, 4)                      # Keras' kernel (K, C, F)
    for t in range(y.shape[1]):
        window = x[:, 2 * t:2 * t + 3]               # (B, K, C)
        z = np.einsum("bkc,kcf->bf", window, W) + b
        np.testing.assert_allclose(y[:, t], np.maximum(z, 0), atol=1e-14)


@pytest.mark.parametrize("padding", ["valid", "same", "causal"])
@pytest.mark.parametrize("strides", [1, 2])
@pytest.mark.parametrize("activation", ["tanh", None])
def test_conv1d_gradients(padding, strides, activation):
    layer = Conv1D(3, 3, strides=strides, padding=padding, activation=activation, seed=0)
    errors = layer_gradient_errors(layer, random_x(T=7, D=2))
    assert max(errors.values()) < TOL, errors


def test_conv1d_bad_input():
    with pytest.raises(ValueError, match="filters: expected a positive integer"):
        Conv1D(0, 3)
    with pytest.raises(ValueError, match="padding: expected one of"):
        Conv1D(2, 3, padding="full")
    with pytest.raises(ValueError, match="at least kernel_size = 5 time steps"):
        Conv1D(2, 5, input_shape=(3, 1))
    with pytest.raises(ValueError, match=r"weights\[0\] \(kernel\): expected a 3-D"):
        Conv1D(2, 3).set_weights([np.ones((3, 2)), np.ones(2)])
    with pytest.raises(ValueError, match="x: expected a 3-D array"):
        Conv1D(2, 3)(np.ones((4, 1)))
