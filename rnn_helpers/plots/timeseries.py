"""Figures for notebook 07 (forecasting).

    plot_series(y, n_train)                      # the data, training part and test part
    plot_forecasts(t, truth, {"RNN": p, ...})    # forecasts against what happened
    plot_error_by_horizon({"RNN": e, ...})       # error k steps ahead, k = 1 .. K
    plot_errors({"RNN": 0.09, "naive": 0.22})    # one bar per forecaster
    plot_autocorrelation(y, acf)                 # the series' start beside its autocorrelation
    floor=(0.08, "expected MAE of a perfect forecast")   # a dashed line on either error plot
"""

import numpy as np

from .._validate import check_array, fail
from .style import new_figure

COLORS = {"truth": "0.25", "RNN": "C0", "naive": "C1", "seasonal naive": "C2",
          "linear AR": "C4", "perfect forecast": "0.55"}


def _color(name, i):
    return COLORS.get(name, f"C{i + 5}")


def _draw_floor(ax, floor):
    """A dashed horizontal line at floor = (value, label), e.g. the expected noise floor."""
    if floor is None:
        return
    if not (isinstance(floor, tuple) and len(floor) == 2 and isinstance(floor[1], str)):
        fail("floor", "a pair (value, label)", repr(floor)[:60])
    ax.axhline(float(floor[0]), color="0.3", linestyle="--", linewidth=1.2, label=floor[1],
               gid="floor")


def plot_series(y, n_train, title="The series: training part and test part",
                ylabel="value", xlabel="time step t"):
    """The whole series, with the test part (from n_train on) shaded."""
    y = check_array("y", y, ndim=1, layout="(L,)")
    fig, ax = new_figure(figsize=(9.0, 3.8))
    t = np.arange(len(y))
    ax.plot(t[:n_train], y[:n_train], color="C0", linewidth=1.2, label="training part")
    ax.plot(t[n_train:], y[n_train:], color="C3", linewidth=1.2, label="test part (held out)")
    ax.axvspan(n_train, len(y) - 1, color="C3", alpha=0.07)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(loc="upper left")
    return fig


def plot_forecasts(t, truth, forecasts, history=None, title="One-step forecasts on the test part",
                   ylabel="value", xlabel="time step t"):
    """What happened (grey) and each forecaster's predictions (one colour each).

    t         : (N,) time steps of the targets
    truth     : (N,) the values that came
    forecasts : {name: (N,) predictions}
    history   : optional (t_hist, y_hist) known values drawn before the forecasts
    """
    t = check_array("t", t, ndim=1)
    truth = check_array("truth", truth).reshape(-1)
    if not isinstance(forecasts, dict) or not forecasts:
        fail("forecasts", "a non-empty dict {name: predictions}", repr(forecasts)[:60])
    fig, ax = new_figure(figsize=(9.0, 4.0))
    if history is not None:
        ax.plot(history[0], history[1], color="0.6", linewidth=1.2, label="known past")
    ax.plot(t, truth, color=COLORS["truth"], linewidth=1.2, marker="o", markersize=2.5,
            label="what happened")
    for i, (name, pred) in enumerate(forecasts.items()):
        pred = check_array(f"forecasts[{name!r}]", pred).reshape(-1)
        ax.plot(t, pred, color=_color(name, i), linewidth=1.6, alpha=0.9, label=name,
                gid=f"forecast:{name}")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(loc="upper left", ncol=2)
    return fig


def plot_error_by_horizon(errors, title="Error k steps ahead (recursive forecasts)",
                          ylabel="mean absolute error", log=False, floor=None):
    """Each forecaster's error against the horizon k = 1 .. K.

    errors : {name: (K,) error at k = 1 .. K}; log: a log scale for the error axis;
    floor  : optional (value, label), drawn as a dashed line
    """
    if not isinstance(errors, dict) or not errors:
        fail("errors", "a non-empty dict {name: error per horizon}", repr(errors)[:60])
    fig, ax = new_figure(figsize=(10.0, 4.0))          # room for the legend on the right
    for i, (name, e) in enumerate(errors.items()):
        e = check_array(f"errors[{name!r}]", e, ndim=1)
        ax.plot(np.arange(1, len(e) + 1), e, color=_color(name, i), marker="o", markersize=3,
                label=name)
    _draw_floor(ax, floor)
    ax.set_xlabel("horizon k (steps ahead)")
    if log:
        ax.set_yscale("log")
        ylabel += " (log scale)"
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))     # outside: the curves fill the box
    return fig


def plot_errors(errors, title="Test error of each forecaster (lower is better)",
                ylabel="mean absolute error", note=None, floor=None):
    """One bar per forecaster, its value written on it.

    errors : {name: error}; note: optional text under the title;
    floor  : optional (value, label), drawn as a dashed line (e.g. the expected noise floor)
    """
    if not isinstance(errors, dict) or not errors:
        fail("errors", "a non-empty dict {name: error}", repr(errors)[:60])
    fig, ax = new_figure(figsize=(7.0, 4.0))
    names, values = list(errors), [float(v) for v in errors.values()]
    bars = ax.bar(names, values, color=[_color(n, i) for i, n in enumerate(names)])
    for bar, v in zip(bars, values, strict=True):
        ax.text(bar.get_x() + bar.get_width() / 2, v, f"{v:.4f}", ha="center", va="bottom")
    ax.set_ylim(0, max(values) * 1.2)
    _draw_floor(ax, floor)
    if floor is not None:
        ax.legend(loc="upper right")
    ax.set_xlabel("forecaster")
    ax.set_ylabel(ylabel)
    ax.set_title(title if note is None else f"{title}\n{note}")
    return fig


def plot_multi_step(series, origin, forecasts, T, max_horizon=None, ylabel="value",
                    title="Forecasting many steps ahead: the RNN feeds on its own guesses"):
    """One forecast origin t₀: the T known values before it, then what happened and each
    forecaster's path, on a time axis relative to t₀ (so the axes can stay fixed).

    series    : (L,) the whole series (sets the y range)
    origin    : t₀, the first step not known to the forecasters
    forecasts : {"truth": (K,), name: (K,) ...}, e.g. `widgets.timeseries.forecast_view`'s
                result (entries that are not 1-D arrays are ignored)
    Lines carry gid "past", "truth" and "forecast:<name>" so a widget can move them.
    """
    series = check_array("series", series, ndim=1, layout="(L,)")
    if not isinstance(forecasts, dict) or "truth" not in forecasts:
        fail("forecasts", "a dict with 'truth' and one entry per forecaster",
              repr(forecasts)[:60])
    truth = np.asarray(forecasts["truth"], dtype=float).reshape(-1)
    K = len(truth)
    max_horizon = max_horizon or K
    fig, ax = new_figure(figsize=(9.0, 4.0))
    ax.plot(np.arange(-T, 0), series[origin - T:origin], color="0.6", linewidth=1.5,
            label="known past", gid="past")
    ax.plot(np.arange(K), truth, color=COLORS["truth"], marker="o", markersize=2.5,
            linewidth=1.2, label="what happened", gid="truth")
    names = [k for k, v in forecasts.items()            # the forecasts: arrays, not numbers
             if k != "truth" and not isinstance(v, dict) and np.ndim(v) == 1]
    for i, name in enumerate(names):
        pred = np.asarray(forecasts[name], dtype=float).reshape(-1)
        ax.plot(np.arange(len(pred)), pred, color=_color(name, i), linewidth=2, label=name,
                gid=f"forecast:{name}")
    ax.axvline(0, color="0.5", linestyle=":", linewidth=1)
    span = series.max() - series.min()
    ax.set_xlim(-T, max_horizon)
    ax.set_ylim(series.min() - 0.1 * span, series.max() + 0.25 * span)
    ax.set_xlabel("steps after the forecast origin t₀")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(loc="upper left", ncol=3, fontsize=9)
    return fig


def plot_autocorrelation(y, acf, n_show=150, name="The series"):
    """Two panels: the first `n_show` values of `y`, and the autocorrelation `acf` (rho_k for
    k = 1 .. len(acf), as `analysis.forecasting.autocorrelation` gives it) as bars."""
    y = check_array("y", y, ndim=1, layout="(L,)")
    acf = check_array("acf", acf, ndim=1, layout="(K,)")
    n_show = min(int(n_show), len(y))
    fig, (left, right) = new_figure(1, 2, figsize=(12, 4))
    left.plot(np.arange(n_show), y[:n_show], color="0.3")
    left.set(title=f"{name}: its first {n_show} values", xlabel="time step t", ylabel="value")
    right.bar(np.arange(1, len(acf) + 1), acf, color="tab:blue")
    right.set(title="Its autocorrelation (training part)", xlabel="lag k (time steps)",
              ylabel="correlation ρ_k of y_t and y_(t+k)")
    return fig


__all__ = ["plot_autocorrelation", "plot_error_by_horizon", "plot_errors", "plot_forecasts",
           "plot_multi_step", "plot_series"]
