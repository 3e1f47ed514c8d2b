"""Time series for forecasting: generated data, windows, naive baselines, errors.

    y = periodic_series(600, period=24, noise=0.1, seed=0)   # a daily cycle, hourly, noisy
    p = random_walk(600, seed=0)                              # a "price" with no pattern
    X, target = make_windows(y, T=48)                         # X (N, T, 1) -> the next value
    naive_forecast(X), seasonal_naive_forecast(X, period=24)  # the baselines to beat
    mae(target, pred), rmse(target, pred)

A forecast is only worth something if it beats the simple rules: "the next value equals the
last one" (naive) and "the next value equals the one a period ago" (seasonal naive).
"""

import numpy as np

from .._validate import check_array, check_number, check_positive_int, check_seed, fail


def periodic_series(n, period=24, noise=0.1, seed=0):
    """A periodic signal with noise, like hourly readings with a daily cycle.

        y_t = sin(2 pi t / period) + 0.5 sin(4 pi t / period + 1) + noise * e_t,
        e_t ~ N(0, 1) independent

    n values (t = 0 .. n-1) -> y (n,). The first two terms repeat exactly every `period`
    steps; the noise does not repeat, so no forecast can have an RMSE below `noise`.
    """
    n = check_positive_int("n", n)
    period = check_number("period", period, low=2)
    noise = check_number("noise", noise, low=0)
    rng = np.random.default_rng(check_seed(seed))
    t = np.arange(n)
    phase = 2 * np.pi * t / period
    return np.sin(phase) + 0.5 * np.sin(2 * phase + 1.0) + noise * rng.standard_normal(n)


def random_walk(n, start=100.0, volatility=0.01, momentum=0.0, seed=0):
    """A random-walk "price": every step multiplies it by a random factor.

        log p_t = log p_{t-1} + r_t,     r_t = momentum * r_{t-1} + volatility * e_t,
        e_t ~ N(0, 1) independent

    With momentum = 0 (the default) each change r_t is drawn fresh, whatever came before:
    the past says nothing about the next change, so the best guess of p_{t+1} is p_t.
    With momentum in (0, 1) a rise tends to follow a rise: the changes become predictable,
    which is what a forecasting model would need. n values -> p (n,).
    """
    n = check_positive_int("n", n)
    start = check_number("start", start, low=0, low_open=True)
    volatility = check_number("volatility", volatility, low=0)
    momentum = check_number("momentum", momentum, low=-1, low_open=True)
    if momentum >= 1:
        fail("momentum", "a number in (-1, 1) (at 1 or above the changes explode)",
              repr(momentum))
    rng = np.random.default_rng(check_seed(seed))
    e = volatility * rng.standard_normal(n - 1)
    r = np.empty(n - 1)
    prev = 0.0
    for t in range(n - 1):        # r_t = momentum * r_{t-1} + volatility * e_t
        prev = r[t] = momentum * prev + e[t]
    return start * np.exp(np.concatenate([[0.0], np.cumsum(r)]))


def log_returns(prices):
    """The change of a price series, step to step: r_t = log p_t - log p_{t-1}.

    prices (L,) > 0 -> r (L - 1,). For small changes r_t is about the relative change
    (p_t - p_{t-1}) / p_{t-1}; "tomorrow = today" is the forecast r_{t+1} = 0.
    """
    prices = _check_series("prices", prices)
    if prices.min() <= 0:
        fail("prices", "positive prices", f"a minimum of {prices.min():.4g}")
    if len(prices) < 2:
        fail("prices", "at least 2 values", f"{len(prices)} value(s)")
    return np.diff(np.log(prices))


def _check_series(name, y):
    y = check_array(name, y, ndim=1, layout="(L,)")
    return y


def make_windows(series, T, horizon=1):
    """Training pairs for forecasting: T past values -> the value `horizon` steps later.

        X[n] = series[n : n + T]            shaped (T, 1): one feature per step
        y[n] = series[n + T + horizon - 1]

    series (L,) -> X (N, T, 1), y (N, 1) with N = L - T - horizon + 1.
    """
    series = _check_series("series", series)
    T = check_positive_int("T", T)
    horizon = check_positive_int("horizon", horizon)
    N = len(series) - T - horizon + 1
    if N < 1:
        fail("series", f"at least T + horizon = {T + horizon} values", f"{len(series)} values")
    idx = np.arange(N)[:, None] + np.arange(T)
    return series[idx][..., None], series[np.arange(N) + T + horizon - 1][:, None]


def _check_windows(X):
    X = check_array("X", X, ndim=3, layout="(N, T, 1)")
    if X.shape[2] != 1:
        fail("X", "one feature per step (N, T, 1)", f"shape {X.shape}")
    return X


def naive_forecast(X):
    """"Tomorrow = today": the forecast is the last value of each window.

        y_hat[n] = X[n, T-1, 0]

    X (N, T, 1) -> y_hat (N, 1). For a random walk this is the best forecast there is.
    """
    X = _check_windows(X)
    return X[:, -1, :].copy()


def seasonal_naive_forecast(X, period):
    """"Same time last cycle": the forecast is the value one period before the target.

        y_hat[n] = X[n, T - period, 0]      (the target is X's step T, so T - period is
                                             exactly one period earlier)

    X (N, T, 1) with T >= period -> y_hat (N, 1).
    """
    X = _check_windows(X)
    period = check_positive_int("period", period)
    if period > X.shape[1]:
        fail("period", f"at most the window length T = {X.shape[1]}", repr(period),
              "Use windows at least one period long")
    return X[:, X.shape[1] - period, :].copy()


def recursive_forecast(predict, history, steps):
    """Forecast many steps ahead by feeding each prediction back in as the newest value.

        window = the last T values;  repeat `steps` times:
            y_hat = predict(window);  window = window[1:] + [y_hat]

    predict : a function (B, T, 1) -> (B, 1), e.g. model.predict (a model is accepted too)
    history : (T,) the last T known values, or (B, T) for B series at once
    -> forecasts (steps,) (or (B, steps)). Errors compound: step k uses k-1 guesses.
    """
    if hasattr(predict, "predict"):
        predict = predict.predict
    if not callable(predict):
        raise TypeError(f"predict: expected a function or a model, got {type(predict).__name__}")
    history = check_array("history", history, ndim=(1, 2), layout="(T,) or (B, T)")
    steps = check_positive_int("steps", steps)
    single = history.ndim == 1
    window = (history[None] if single else history)[..., None].copy()
    B = window.shape[0]
    out = np.empty((B, steps))
    for k in range(steps):
        y_hat = np.asarray(predict(window), dtype=np.float64).reshape(B, -1)[:, -1]
        out[:, k] = y_hat
        window = np.concatenate([window[:, 1:], y_hat[:, None, None]], axis=1)
    return out[0] if single else out


def mae(y_true, y_pred):
    """Mean absolute error: mean |y_pred - y_true| (in the series' units)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true)))


def rmse(y_true, y_pred):
    """Root mean squared error: sqrt(mean (y_pred - y_true)**2) (in the series' units)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))


def _pair(y_true, y_pred):
    y_pred = check_array("y_pred", y_pred)
    y_true = check_array("y_true", y_true)
    if y_true.size != y_pred.size or y_true.squeeze().shape != y_pred.squeeze().shape:
        fail("y_pred", f"the shape of y_true {y_true.shape}", f"shape {y_pred.shape}")
    if y_true.size == 0:
        fail("y_true", "at least one value", "an empty array")
    return y_true.reshape(-1), y_pred.reshape(-1)


def standardize(series, n_train):
    """Scale a series with the mean and std of its first `n_train` values (the training part).

        z = (series - mean) / std

    Only the training part is used, so nothing about the test period leaks into the model.
    Returns (z, mean, std); undo with z * std + mean.
    """
    series = _check_series("series", series)
    n_train = check_positive_int("n_train", n_train)
    if n_train < 2 or n_train > len(series):
        fail("n_train", f"an integer in [2, {len(series)}]", repr(n_train))
    mean, std = float(series[:n_train].mean()), float(series[:n_train].std())
    if std == 0:
        fail("series", "a training part that varies (std > 0)", "a constant")
    return (series - mean) / std, mean, std


def repeat_forecasts(history, steps, period):
    """The two naive rules carried many steps ahead, from the known values `history`.

        naive:          y_hat[k] = history[-1]                       for every k
        seasonal naive: y_hat[k] = history[-period + (k mod period)] (the last cycle, repeated)

    history (T,) or (B, T) with T >= period -> {"naive", "seasonal naive"}, each (steps,)
    (or (B, steps)), k = 0 .. steps-1.
    """
    history = check_array("history", history, ndim=(1, 2), layout="(T,) or (B, T)")
    steps = check_positive_int("steps", steps)
    period = check_positive_int("period", period)
    if period > history.shape[-1]:
        fail("period", f"at most the history length {history.shape[-1]}", repr(period))
    k = np.arange(steps)
    last_cycle = history[..., history.shape[-1] - period:]
    return {"naive": np.repeat(history[..., -1:], steps, axis=-1),
            "seasonal naive": last_cycle[..., k % period]}


def multi_step(predict, series, origins, steps, T, period):
    """Forecasts from several origins, `steps` ahead: the model (recursive) and both naive rules.

    For each origin o, the known values are series[o - T : o] and the targets series[o : o + steps].
    predict : the model (or its predict function), (B, T, 1) -> (B, 1)
    Returns {"truth": (n, steps), "RNN": ..., "naive": ..., "seasonal naive": ...} and
    "mae": {name: (steps,) mean absolute error at horizon k = 1 .. steps over the origins}.
    """
    series = _check_series("series", series)
    T, steps = check_positive_int("T", T), check_positive_int("steps", steps)
    origins = check_origins(origins, T, steps, len(series))
    history = series[origins[:, None] - T + np.arange(T)]
    out = {"truth": series[origins[:, None] + np.arange(steps)],
           "RNN": recursive_forecast(predict, history, steps)}
    out.update(repeat_forecasts(history, steps, period))
    out["mae"] = {name: np.mean(np.abs(out[name] - out["truth"]), axis=0)
                  for name in ("RNN", "naive", "seasonal naive")}
    return out


def return_windows(prices, T, n_train):
    """Training and test pairs for forecasting a price through its changes (log returns).

        r_t = log p_t - log p_{t-1};  z = (r - mean) / std (mean, std of the training part)
        X[n] = z[n : n + T] (T past changes) -> y[n] = z[n + T] (the next change)

    A window is for training if its target change ends inside the first `n_train` prices,
    for testing otherwise. Returns a dict with X_train, y_train, X_test, y_test, mean, std,
    and for the test windows "today" (the last known price) and "tomorrow" (the true next one).
    """
    prices = _check_series("prices", prices)
    T = check_positive_int("T", T)
    n_train = check_positive_int("n_train", n_train)
    if not T + 2 < n_train < len(prices) - 1:
        fail("n_train", f"an integer in ({T + 2}, {len(prices) - 1})", repr(n_train))
    r = log_returns(prices)                       # r[k] = log p[k+1] - log p[k]
    z, mean, std = standardize(r, n_train - 1)
    X, y = make_windows(z, T)                     # y[n] = z[n + T] = change into p[n + T + 1]
    split = n_train - 1 - T                       # targets r[k], k < n_train - 1, are training
    k = np.arange(split, len(X)) + T              # the test targets' indices in r
    return {"X_train": X[:split], "y_train": y[:split], "X_test": X[split:], "y_test": y[split:],
            "mean": mean, "std": std, "today": prices[k], "tomorrow": prices[k + 1]}


def price_errors(today, tomorrow, predicted_change):
    """How good a forecast of tomorrow's price is, against "tomorrow = today".

        forecast  = today * exp(predicted_change)      (predicted_change: a log return)
        naive     = today
        direction = fraction of days where the forecast moves the same way as the price did

    Returns {"MAE model", "MAE naive", "skill" (1 - MAE model / MAE naive: > 0 beats naive),
    "direction"}; prices in their own units.
    """
    today = check_array("today", today).reshape(-1)
    tomorrow = check_array("tomorrow", tomorrow).reshape(-1)
    change = check_array("predicted_change", predicted_change).reshape(-1)
    if not len(today) == len(tomorrow) == len(change):
        fail("predicted_change", f"{len(today)} values, one per day",
              f"{len(change)} values")
    forecast = today * np.exp(change)
    mae_model, mae_naive = mae(tomorrow, forecast), mae(tomorrow, today)
    return {"MAE model": mae_model, "MAE naive": mae_naive, "skill": 1 - mae_model / mae_naive,
            "direction": float(np.mean(np.sign(change) == np.sign(tomorrow - today)))}


def check_origins(origins, T, steps, L):
    """Forecast origins as an int array, each with T values before it and `steps` after it in
    a series of length L; a ValueError naming `origins` otherwise."""
    origins = np.atleast_1d(np.asarray(origins))
    if not np.issubdtype(origins.dtype, np.integer):
        fail("origins", "integer time steps", f"dtype {origins.dtype}")
    if origins.min() < T or origins.max() + steps > L:
        fail("origins", f"time steps in [T, L - steps] = [{T}, {L - steps}]",
             f"values from {origins.min()} to {origins.max()}")
    return origins
