"""Tests for rnn_helpers.core.scalar_rnn: input patterns, the simulation, the regimes in words."""

import math

import numpy as np
import pytest

from rnn_helpers.core import scalar_rnn


def test_patterns_have_the_documented_shapes():
    pulse = scalar_rnn.input_pattern("pulse", T=10, start=3)
    step = scalar_rnn.input_pattern("step", T=10, start=3, amplitude=2.0)
    np.testing.assert_array_equal(pulse, [0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    np.testing.assert_array_equal(step, [0, 0, 2, 2, 2, 2, 2, 2, 2, 2])
    assert scalar_rnn.input_pattern("noise", T=7).shape == (7,)


def test_noise_is_seeded():
    a = scalar_rnn.input_pattern("noise", T=20, seed=3)
    np.testing.assert_array_equal(a, scalar_rnn.input_pattern("noise", T=20, seed=3))
    assert not np.allclose(a, scalar_rnn.input_pattern("noise", T=20, seed=4))


def test_simulate_matches_the_formula_by_hand():
    x = np.array([1.0, 0.0, -2.0])
    w, u, b = 0.5, 0.8, 0.1
    h1 = math.tanh(w * 1.0 + b)
    h2 = math.tanh(u * h1 + b)
    h3 = math.tanh(w * -2.0 + u * h2 + b)
    np.testing.assert_allclose(scalar_rnn.simulate(w, u, b, x), [h1, h2, h3], rtol=0, atol=1e-15)


def test_simulate_fixed_values():
    h = scalar_rnn.simulate(1.0, 0.5, 0.0, [1.0, 0.0, 0.0])
    np.testing.assert_allclose(h, [0.7615941559557649, 0.36339948438905245, 0.1797262071203191],
                               rtol=1e-12)


def test_simulate_uses_h0_and_other_activations():
    assert scalar_rnn.simulate(0.0, 1.0, 0.0, [0.0], h0=0.5)[0] == pytest.approx(math.tanh(0.5))
    assert scalar_rnn.simulate(1.0, 0.0, 0.0, [2.0], activation="sigmoid")[0] == pytest.approx(
        1 / (1 + math.exp(-2.0)))


def test_pulse_memory_decays_as_u_to_the_k_near_zero():
    x = scalar_rnn.input_pattern("pulse", T=12, start=1, amplitude=0.01)
    h = scalar_rnn.simulate(1.0, 0.6, 0.0, x)
    np.testing.assert_allclose(h[1:] / h[:-1], 0.6, rtol=1e-3)


def test_time_constant():
    assert scalar_rnn.time_constant(0.0) == 0.0
    assert math.isinf(scalar_rnn.time_constant(1.0))
    assert math.isinf(scalar_rnn.time_constant(-1.5))
    assert scalar_rnn.time_constant(math.exp(-0.1)) == pytest.approx(10.0)
    assert scalar_rnn.time_constant(-0.5) == scalar_rnn.time_constant(0.5)


@pytest.mark.parametrize("w,u,b,pattern,regime", [
    (1.0, 0.7, 0.0, "pulse", "decays"),
    (1.0, -0.7, 0.0, "pulse", "oscillates"),
    (1.0, 1.5, 0.0, "pulse", "holds"),
    (4.0, 0.5, 0.0, "step", "saturates"),
    (0.5, 0.0, 0.0, "noise", "decays"),
])
def test_regimes(w, u, b, pattern, regime):
    result = scalar_rnn.run(w, u, b, pattern=pattern, T=20)
    assert result["regime"] == regime
    assert isinstance(result["note"], str) and result["note"]


def test_oscillation_flips_sign_every_step_after_a_pulse():
    result = scalar_rnn.run(1.0, -0.7, 0.0, pattern="pulse", T=12)
    assert result["sign_flips"] >= 5
    tail = result["h"][3:8]
    assert np.all(np.sign(tail[1:]) == -np.sign(tail[:-1]))


def test_run_returns_everything_the_widget_shows():
    result = scalar_rnn.run(1.0, 0.5, 0.2, pattern="step", T=15, seed=1)
    for key in ("x", "h", "w", "u", "b", "pattern", "regime", "time_constant", "peak",
                "sign_flips", "note"):
        assert key in result
    assert result["x"].shape == result["h"].shape == (15,)


@pytest.mark.parametrize("call,words", [
    (lambda: scalar_rnn.input_pattern("sine"), "kind"),
    (lambda: scalar_rnn.input_pattern("pulse", T=0), "T"),
    (lambda: scalar_rnn.input_pattern("pulse", T=5, start=6), "start"),
    (lambda: scalar_rnn.simulate(1.0, [0.5, 0.2], 0.0, [1.0]), "u"),
    (lambda: scalar_rnn.simulate(1.0, 0.5, 0.0, [[1.0]]), "x"),
    (lambda: scalar_rnn.simulate(1.0, 0.5, 0.0, [np.nan]), "x"),
    (lambda: scalar_rnn.simulate(1.0, 0.5, 0.0, [1.0], activation="swish"), "activation"),
    (lambda: scalar_rnn.describe(1.0, 0.5, 0.0, np.zeros(3), np.zeros(4)), "h"),
])
def test_bad_input_names_the_argument(call, words):
    with pytest.raises(ValueError, match=f"^{words}: expected"):
        call()
