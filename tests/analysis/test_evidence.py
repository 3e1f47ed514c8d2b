"""Tests for rnn_helpers.analysis.evidence: each headline number is what its formula says,
quickly."""

import numpy as np
import pytest

from rnn_helpers.analysis import evidence, gradflow
from rnn_helpers.core import gru, lstm, rnn


def test_gradient_ratio_is_the_jacobian_norm_lag_steps_back():
    flow = gradflow.jacobian_flow(radius=1.0, T=20, activation="tanh", H=16, seed=0)
    assert evidence.gradient_ratio(20) == pytest.approx(flow["norms"][0])
    # linear and orthogonal: exactly radius ** lag
    assert evidence.gradient_ratio(20, "linear", radius=0.9, H=8) == pytest.approx(0.9**20)
    assert evidence.gradient_ratio(20, "linear", radius=1.0) == pytest.approx(1.0)
    assert evidence.gradient_ratio(20, "tanh") < 0.05          # tanh' < 1: it vanishes anyway
    with pytest.raises(ValueError, match="lag: expected a positive integer, got 0"):
        evidence.gradient_ratio(0)


def test_forget_path_is_the_product_of_the_forget_gates():
    value = evidence.forget_path(lag=5, forget_bias=2.0, H=3, seed=4)
    rng = np.random.default_rng(4)                 # the same draws, by hand
    limit = np.sqrt(6.0 / (1 + 12))
    W = rng.uniform(-limit, limit, size=(1, 12))
    Q, R = np.linalg.qr(rng.standard_normal((12, 3)))
    U = (Q * np.sign(np.diag(R))).T
    b = np.r_[np.zeros(3), np.full(3, 2.0), np.zeros(6)]
    x = rng.standard_normal((1, 5, 1))
    h, c = np.zeros((1, 3)), np.zeros((1, 3))
    product = np.ones(3)
    for t in range(5):                             # one step at a time, the core's step function
        h, c, cache = lstm.lstm_step_forward(x[:, t], h, c, W, U, b)
        product *= cache["f"][0]
    assert value == pytest.approx(product.mean())
    values = [evidence.forget_path(20, fb) for fb in (0.0, 1.0, 3.0, 5.0)]
    assert all(a < b for a, b in zip(values, values[1:], strict=False))   # a bias keeps more
    assert 0 < values[0] and values[-1] < 1                               # ... never all
    with pytest.raises(ValueError, match="forget_bias: expected a finite number"):
        evidence.forget_path(forget_bias="1")


@pytest.mark.parametrize("cell, forward", [
    ("SimpleRNN", lambda x, w: rnn.rnn_forward(x, None, w["W"], w["U"], w["b"])),
    ("LSTM", lambda x, w: lstm.lstm_forward(x, None, None, w["W"], w["U"], w["b"])),
    ("GRU", lambda x, w: gru.gru_forward(x, None, w["W"], w["U"], w["b"])),
])
def test_weight_shapes_are_those_the_cores_take(cell, forward):
    D, H = 3, 5
    weights = {k: np.zeros(s) for k, s in evidence.weight_shapes(cell, D, H).items()}
    forward(np.zeros((2, 4, D)), weights)            # accepted: no error
    assert evidence.param_count(cell, D, H) == sum(w.size for w in weights.values())


def test_param_counts():
    assert [evidence.param_count(c, 1, 10) for c in ("SimpleRNN", "LSTM", "GRU")] == [
        120, 480, 390]
    with pytest.raises(ValueError, match="cell: expected one of 'SimpleRNN', 'LSTM', 'GRU'"):
        evidence.param_count("lstm", 1, 10)
    with pytest.raises(ValueError, match="H: expected a positive integer"):
        evidence.weight_shapes("GRU", 1, 0)


def test_memoriser_is_perfect_on_training_pairs_and_at_chance_on_new_ones():
    result = evidence.memoriser_accuracy(n=300, n_new=2000, seed=0)
    assert result["train"] == 1.0
    assert abs(result["held_out"] - 0.5) < 0.05
    assert evidence.memoriser_accuracy(n=300, n_new=2000, seed=0) == result   # seeded


def test_return_autocorrelation():
    assert abs(evidence.return_autocorrelation(0.0)) < 0.05
    assert evidence.return_autocorrelation(0.3) == pytest.approx(0.3, abs=0.05)


def test_survival_curves_agree_with_the_single_numbers():
    curves = evidence.survival_curves(T=12, H=8, seed=2)
    assert len(curves) == 4
    for values in curves.values():
        assert values.shape == (13,) and values[-1] == pytest.approx(1.0)
    rnn_tanh, rnn_linear, lstm_1, lstm_3 = curves.values()
    assert rnn_tanh[0] == pytest.approx(evidence.gradient_ratio(12, "tanh", 1.0, H=8, seed=2))
    np.testing.assert_allclose(rnn_linear, 0.9 ** np.arange(12, -1, -1))
    assert lstm_1[0] == pytest.approx(evidence.forget_path(12, 1.0, H=8, seed=2))
    assert np.all(np.diff(lstm_3) > 0)             # fewer steps back, more survives
