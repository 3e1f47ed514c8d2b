"""Headline numbers of the earlier notebooks, recomputed in a fraction of a second each, so that
notebook 10 can answer the seed's questions with live evidence and not only with links.

    gradient_ratio(lag, activation, radius)  04: how much of a gradient survives `lag` steps
    typical_gradient_ratio(lag, ..., trials)  the same, its geometric mean over trajectories
    forget_path(lag, forget_bias)            05: the LSTM's cell-state path, prod f_t
    survival_curves(T)                       04, 05: both, at every distance, for a figure
    weight_shapes(cell, D, H), param_count   01, 05: Keras' weights and their number
    memoriser_accuracy(n, n_new, seed)       03: the seed's random labels, learned by heart
    return_autocorrelation(momentum)         07: is there anything to predict in a price?
    linear_change_forecast(momentum)          07: a fitted linear rule against "tomorrow = today"

Nothing here trains a network; each function uses the package's own cores and datasets.
"""

import numpy as np

from .._validate import check_choice, check_positive_int, check_seed, fail
from ..core import lstm
from ..datasets import tasks as datasets
from ..datasets import timeseries
from . import gradflow


def gradient_ratio(lag=20, activation="tanh", radius=1.0, H=16, seed=0):
    """||∂h_T/∂h_{T-lag}||: the factor by which a gradient shrinks (or grows) `lag` steps back.

        ∂h_T/∂h_{T-lag} = J_T @ J_{T-1} @ ... @ J_{T-lag+1},   J_k = diag(f'(a_k)) @ U.T

    along one random trajectory of notebook 04's set-up (`gradflow.jacobian_flow`: H units,
    U = radius · a random orthogonal matrix, inputs x_t ~ N(0, 1)). Returns a float.
    """
    lag = check_positive_int("lag", lag)
    return float(gradflow.jacobian_flow(radius=radius, T=lag, activation=activation, H=H,
                                        seed=seed)["norms"][0])


def typical_gradient_ratio(lag=20, activation="tanh", radius=1.0, H=16, trials=20, seed=0):
    """The typical factor a gradient is multiplied by `lag` steps back: the geometric mean of
    `gradient_ratio` over `trials` random trajectories (seeds seed·trials .. seed·trials +
    trials − 1, so two seeds share no trajectory).

    One trajectory can be lucky or unlucky by a factor of ten or more; the geometric mean (the
    mean of the logarithms) is what a typical sequence sees. Returns a float.
    """
    trials = check_positive_int("trials", trials)
    seed = check_seed(seed)
    logs = [np.log(gradient_ratio(lag, activation, radius, H, seed * trials + k))
            for k in range(trials)]
    return float(np.exp(np.mean(logs)))


def _forget_gates(T, forget_bias, H, seed):
    """f_1 .. f_T (T, H) of an LSTM with Keras' initialisation, on inputs x_t ~ N(0, 1)."""
    T, H = check_positive_int("lag", T), check_positive_int("H", H)
    if isinstance(forget_bias, bool) or not isinstance(forget_bias, (int, float, np.number)) \
            or not np.isfinite(forget_bias):
        fail("forget_bias", "a finite number", repr(forget_bias))
    rng = np.random.default_rng(seed)
    limit = np.sqrt(6.0 / (1 + 4 * H))
    W = rng.uniform(-limit, limit, size=(1, 4 * H))       # glorot_uniform, D = 1
    Q, R = np.linalg.qr(rng.standard_normal((4 * H, H)))
    U = (Q * np.sign(np.diag(R))).T                        # orthogonal: (H, 4H), orthonormal rows
    b = np.zeros(4 * H)
    b[H:2 * H] = forget_bias                               # blocks i | f | c | o
    return lstm.lstm_gates(rng.standard_normal((1, T, 1)), W, U, b)["f"][0]


def forget_path(lag=20, forget_bias=1.0, H=16, seed=0):
    """The mean over units of prod_k f_k over `lag` steps of an LSTM: ∂c_T/∂c_{T-lag} along the
    cell-state path alone.

        c_t = f_t * c_{t-1} + i_t * c~_t
        so along this path  ∂c_T/∂c_{T-lag} = diag(f_T * f_{T-1} * ... * f_{T-lag+1})

    Keras' initialisation: W glorot-uniform (D = 1), U orthogonal, b = 0 except the forget
    gate's block, set to `forget_bias` (Keras' unit_forget_bias=True gives 1); inputs
    x_t ~ N(0, 1). Every f_t is a sigmoid, strictly between 0 and 1, so the product is below 1
    for every bias: a larger bias keeps more of the gradient, none keeps all of it.
    """
    f = _forget_gates(lag, forget_bias, H, seed)
    return float(np.mean(np.prod(f, axis=0)))


def survival_curves(T=40, H=16, seed=0):
    """How much of a gradient from step T reaches each step t = 0 .. T, four ways:
    {label: (T + 1,) array}, entry t for T - t steps back (entry T is 1).

        simple RNN, tanh, ρ(U) = 1  :  ||∂h_T/∂h_t||          (`gradflow.jacobian_flow`)
        simple RNN, linear, ρ(U) = 0.9: the same, = 0.9^(T - t)
        LSTM cell path, forget bias 1 or 3: mean over units of f_{t+1} * ... * f_T
    """
    T = check_positive_int("T", T)
    curves = {}
    for label, activation, radius in (("simple RNN, tanh, ρ(U) = 1", "tanh", 1.0),
                                      ("simple RNN, linear, ρ(U) = 0.9", "linear", 0.9)):
        flow = gradflow.jacobian_flow(radius=radius, T=T, activation=activation, H=H, seed=seed)
        curves[label] = flow["norms"]
    for bias in (1.0, 3.0):
        f = _forget_gates(T, bias, H, seed)
        tail = np.cumprod(f[::-1], axis=0)[::-1]           # row t: f_{t+1} * ... * f_T
        curves[f"LSTM cell path, forget bias {bias:g}"] = np.append(tail.mean(axis=1), 1.0)
    return curves


def weight_shapes(cell, D, H):
    """Keras' weight shapes for one recurrent layer with D inputs and H units (kernel W,
    recurrent_kernel U, bias b), as the package's cores take them.

        SimpleRNN: W (D, H),  U (H, H),  b (H,)
        LSTM:      W (D, 4H), U (H, 4H), b (4H,)     gates i, f, c~, o
        GRU:       W (D, 3H), U (H, 3H), b (2, 3H)   gates z, r, h~; reset_after=True: two biases
    """
    check_choice("cell", cell, ("SimpleRNN", "LSTM", "GRU"))
    D, H = check_positive_int("D", D), check_positive_int("H", H)
    if cell == "SimpleRNN":
        return {"W": (D, H), "U": (H, H), "b": (H,)}
    if cell == "LSTM":
        return {"W": (D, 4 * H), "U": (H, 4 * H), "b": (4 * H,)}
    return {"W": (D, 3 * H), "U": (H, 3 * H), "b": (2, 3 * H)}


def param_count(cell, D, H):
    """The number of weights of one recurrent layer, as Keras' model.summary() counts them:
    the sizes of `weight_shapes(cell, D, H)` added up. The same for every sequence length T,
    because all time steps share the weights."""
    return int(sum(np.prod(shape) for shape in weight_shapes(cell, D, H).values()))


def memoriser_accuracy(n=1000, n_new=5000, seed=0):
    """A model that learns the seed's random data by heart, and how it does on new data.

    The "model" is a lookup table: for a sequence it answers the label of the nearest training
    sequence (1-nearest neighbour, Euclidean distance). On its n training pairs
    (`datasets.seed_random(n, seed=seed)`) it is always right; on n_new new pairs drawn the same
    way (seed + 1) the labels are coin flips it knows nothing about.
    Returns {"train": accuracy on the training pairs, "held_out": accuracy on the new pairs}.
    """
    n, n_new = check_positive_int("n", n), check_positive_int("n_new", n_new)
    X, y = datasets.seed_random(n=n, seed=seed)
    X_new, y_new = datasets.seed_random(n=n_new, seed=seed + 1)
    flat = X.reshape(n, -1)

    def predict(Z):
        Z = Z.reshape(len(Z), -1)
        labels = []
        for start in range(0, len(Z), 1000):              # 1000 rows at a time: little memory
            z = Z[start:start + 1000]
            d2 = (z**2).sum(1)[:, None] - 2 * z @ flat.T + (flat**2).sum(1)[None, :]
            labels.append(y[np.argmin(d2, axis=1)])
        return np.concatenate(labels)

    return {"train": float(np.mean(predict(X) == y)),
            "held_out": float(np.mean(predict(X_new) == y_new))}


def return_autocorrelation(momentum=0.0, n=5000, seed=1):
    """The correlation between one day's change of a generated price and the next day's.

        r_t = log p_t - log p_{t-1},   corr(r_{t-1}, r_t)

    for `timeseries.random_walk(n, momentum=momentum, seed=seed)`. About 0 for a random walk
    (yesterday's move says nothing about today's: "tomorrow = today" is the best forecast),
    about `momentum` when moves carry on. Returns a float.
    """
    r = timeseries.log_returns(timeseries.random_walk(n, momentum=momentum, seed=seed))
    return float(np.corrcoef(r[:-1], r[1:])[0, 1])


def linear_change_forecast(momentum=0.0, n=5000, seed=1):
    """Is a generated price predictable? A linear rule fitted on the first half, tested on the
    second, against "tomorrow = today".

        r_t = log p_t - log p_{t-1}                    the changes of
                                                       `timeseries.random_walk(n, momentum, seed)`
        rule:  r^_{t+1} = phi * r_t,  phi by least squares on the first half
        naive: r^_{t+1} = 0                            ("tomorrow = today")

    Errors are on the log price, so a day's error does not depend on the price level.
    Returns {"phi", "mae", "mae_naive", "skill"}, skill = 1 - mae / mae_naive: above 0 when
    the rule beats "tomorrow = today", about 0 (up to noise) when there is nothing to learn.
    """
    n = check_positive_int("n", n)
    if n < 20:
        fail("n", "at least 20 prices (two halves to fit and test on)", repr(n))
    r = timeseries.log_returns(timeseries.random_walk(n, momentum=momentum, seed=seed))
    half = len(r) // 2
    past, nxt = r[:half - 1], r[1:half]
    phi = float(past @ nxt / (past @ past))
    today, tomorrow = r[half - 1:-1], r[half:]
    mae = float(np.mean(np.abs(tomorrow - phi * today)))
    mae_naive = float(np.mean(np.abs(tomorrow)))
    return {"phi": phi, "mae": mae, "mae_naive": mae_naive, "skill": 1.0 - mae / mae_naive}


__all__ = ["forget_path", "gradient_ratio", "linear_change_forecast", "memoriser_accuracy",
           "param_count", "return_autocorrelation", "survival_curves", "typical_gradient_ratio",
           "weight_shapes"]
