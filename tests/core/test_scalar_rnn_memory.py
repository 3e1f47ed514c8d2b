"""Tests for the memory of rnn_helpers.core.scalar_rnn: the time constant is a small-signal
limit (fade_steps measures it), the resting levels, and words that agree with the curve at
u = 1 (issue 10: "holds: never fades" over a curve that decays 0.76 -> 0.22)."""

import math

import numpy as np
import pytest

from rnn_helpers.core import scalar_rnn


def _pulse_state(u, amplitude, T=80):
    x = scalar_rnn.input_pattern("pulse", T=T, start=1, amplitude=amplitude)
    return scalar_rnn.simulate(1.0, u, 0.0, x)


@pytest.mark.parametrize("u", [0.3, 0.6, 0.9, 0.97])
def test_a_small_pulse_fades_on_the_time_constant(u):
    steps = scalar_rnn.fade_steps(_pulse_state(u, 0.02))
    assert steps == pytest.approx(scalar_rnn.time_constant(u), abs=0.2)


def test_a_large_pulse_fades_sooner_than_the_time_constant():
    tau = scalar_rnn.time_constant(0.97)
    assert tau == pytest.approx(32.83, abs=0.01)
    steps = scalar_rnn.fade_steps(_pulse_state(0.97, 1.0))
    assert steps < tau - 15          # tanh squashes the large state: about 10 steps, not 33


def test_fade_steps_by_hand_and_edge_cases():
    h = 0.5 ** np.arange(6)               # halves each step: 1/e after ln(e)/ln 2 = 1.44 steps
    assert scalar_rnn.fade_steps(h) == pytest.approx(1 / math.log(2))
    assert scalar_rnn.fade_steps(h, level=0.25) == pytest.approx(2.0)
    assert scalar_rnn.fade_steps(np.ones(5)) == math.inf
    assert scalar_rnn.fade_steps(np.array([1.0, 0.0])) == 1.0
    with pytest.raises(ValueError, match="^h: expected a state after a pulse"):
        scalar_rnn.fade_steps(np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="^level: expected a finite number > 0 and < 1"):
        scalar_rnn.fade_steps(h, level=1.0)


def test_resting_levels():
    low, high = scalar_rnn.resting_levels(1.5, 0.0)
    assert high == pytest.approx(math.tanh(1.5 * high)) and low == pytest.approx(-high)
    assert high == pytest.approx(0.8586, abs=1e-3)
    for u, b in ((0.5, 0.0), (0.9, 0.3), (1.5, 1.5)):      # one level only
        low, high = scalar_rnn.resting_levels(u, b)
        assert high == pytest.approx(low, abs=1e-6)
        assert high == pytest.approx(math.tanh(u * high + b), abs=1e-9)


def test_at_u_equal_1_the_state_fades_and_the_words_say_so():
    result = scalar_rnn.run(1.0, 1.0, 0.0, pattern="pulse", T=30)
    h = result["h"][2:]                       # the pulse comes at t = 3
    assert h[-1] < 0.35 * h[0]                # 0.76 -> about 0.22: it fades
    assert result["regime"] == "decays"
    assert "never fades" not in result["note"] and "slowly" in result["note"]


@pytest.mark.parametrize("u", [1.05, 1.5, 2.0])
@pytest.mark.parametrize("w", [1.0, -1.0])
def test_holds_means_the_curve_settles_on_a_level_that_keeps_the_sign(u, w):
    result = scalar_rnn.run(w, u, 0.0, pattern="pulse", T=60)
    if result["regime"] == "saturates":
        return
    assert result["regime"] == "holds"
    h = result["h"]
    assert abs(h[-1] - h[-2]) < 1e-3 and abs(h[-1]) > 0.1       # settled, not at 0
    assert np.sign(h[-1]) == np.sign(w)                          # the sign of the pulse
    assert f"{abs(h[-1]):.2f}" in result["note"]                 # the level it names


@pytest.mark.parametrize("b", [0.0, 0.5, -1.0])
def test_every_slider_setting_is_named_as_the_curve_behaves(b):
    for u in np.round(np.arange(-2.0, 2.0001, 0.05), 2):      # the widget's u slider
        result = scalar_rnn.run(1.0, float(u), b, pattern="pulse", T=30)
        h, regime = result["h"], result["regime"]
        low, high = result["levels"]
        assert regime in ("saturates", "oscillates", "holds", "decays")
        assert "never fades" not in result["note"]
        if regime == "holds":                 # settled near one of its two resting levels
            assert min(abs(h[-1] - low), abs(h[-1] - high)) < 0.05, u
        if regime == "decays":                # one resting level, which the state returns to
            assert high - low < 0.1, u
