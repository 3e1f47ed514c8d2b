"""Tests for rnn_helpers.layers.attention: AttentionPooling is the core's additive attention with
the last state as the query, gradient-checked, and wants sequences."""

import numpy as np
import pytest

from rnn_helpers.core import attention
from rnn_helpers.layers import AttentionPooling, SimpleRNN
from rnn_helpers.models import Sequential
from tests.conftest import TOL, layer_gradient_errors, random_x


def test_attention_pooling_is_the_core_with_the_last_state_as_query():
    layer = AttentionPooling(5, seed=0)
    h = random_x(T=7, D=4)
    c = layer(h)
    W_a, U_a, b_a, v = layer.get_weights()
    c_core, alpha, _ = attention.additive_attention_forward(h, h[:, -1], W_a, U_a, b_a, v)
    np.testing.assert_allclose(c, c_core, atol=1e-15)
    np.testing.assert_allclose(layer.alpha, alpha, atol=1e-15)
    assert layer.compute_output_shape((7, 4)) == (4,)
    assert layer.count_params() == 4 * 5 + 4 * 5 + 5 + 5


def test_attention_pooling_gradients():
    errors = layer_gradient_errors(AttentionPooling(3, seed=1), random_x(T=5, D=4))
    assert max(errors.values()) < TOL, errors


def test_attention_pooling_wants_sequences():
    with pytest.raises(ValueError, match="return_sequences=True"):
        Sequential([SimpleRNN(4, input_shape=(5, 1)), AttentionPooling(3)])
