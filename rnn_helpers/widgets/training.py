"""Notebook 03's widget: the learning rate and the number of epochs as sliders, the training
curves redrawn.

Training takes far longer than a slider move may, so the runs are made once, when the widget
is built (`learning_rate_runs`, a plain function), and a move only picks a run and redraws
its first `epochs` epochs (`learning_rate_figure`). With shuffle=False and seeded layers, the
first k epochs of a 20-epoch run are exactly a k-epoch run.
"""

import ipywidgets as w
import numpy as np

from .._validate import check_number, check_positive_int, fail
from ..core import optim
from ..datasets import tasks as datasets
from ..layers.dense import Dense
from ..layers.recurrent import SimpleRNN
from ..models import Sequential
from ..plots.training import history as history_figure
from ..plots.training import update_history
from ._render import Redrawer, connect, show_png

LEARNING_RATES = (1e-4, 1e-3, 1e-2, 1e-1, 1.0)


def learning_rate_split(n=600, seed=0, test_size=2 / 3):
    """The widget's data: `datasets.first_vs_last(n, T=5, seed)` split into
    (X_train, X_val, y_train, y_val), `test_size` of it held out (default: 200 sequences to
    train on, 400 to judge the runs on, enough to tell 80 % from 95 %)."""
    n = check_positive_int("n", n)
    X, y = datasets.first_vs_last(n=n, T=5, seed=seed)
    return datasets.train_test_split(X, y, test_size=test_size, seed=seed)


def learning_rate_runs(learning_rates=LEARNING_RATES, epochs=20, n=600, seed=0, test_size=2 / 3):
    """Train the same small model once per learning rate; returns {learning_rate: History}.

    Model: SimpleRNN(10) -> Dense(1, sigmoid), Adam(learning_rate), binary cross-entropy,
    on `learning_rate_split(n, seed, test_size)`: the held-out part is the validation_data.
    Batch 32, no shuffling; the layers are seeded, so every learning rate starts from the
    same weights.
    """
    epochs = check_positive_int("epochs", epochs)
    X_train, X_val, y_train, y_val = learning_rate_split(n, seed, test_size)
    runs = {}
    for lr in learning_rates:
        model = Sequential([SimpleRNN(10, input_shape=(5, 1), seed=seed),
                            Dense(1, activation="sigmoid", seed=seed + 1)])
        model.compile(optimizer=optim.Adam(learning_rate=lr), loss="binary_crossentropy",
                      metrics=["accuracy"])
        runs[float(lr)] = model.fit(X_train, y_train, epochs=epochs, batch_size=32, verbose=0,
                                    shuffle=False, validation_data=(X_val, y_val))
    return runs


def learning_rate_view(runs, learning_rate, epochs):
    """What the widget shows for one position of its sliders (a plain function).

    Returns {"learning_rate", "epochs" (at most the run's length), "logs" (the run's
    per-epoch values, cut after `epochs`), "val_accuracy" (held-out, at that epoch), "title"}.
    """
    if learning_rate not in runs:
        fail("learning_rate", f"one of the trained rates {sorted(runs)}", repr(learning_rate))
    logs = runs[learning_rate].history
    if not logs.get("loss"):
        fail("runs", f"a run with at least one finished epoch at learning rate {learning_rate:g}",
              "none (training stopped in its first epoch)")
    epochs = min(check_positive_int("epochs", epochs), len(logs["loss"]))
    cut = {k: list(v[:epochs]) for k, v in logs.items()}
    accuracy = cut["val_accuracy"][-1] if "val_accuracy" in cut else float("nan")
    title = (f"Adam, learning rate {learning_rate:g}: held-out accuracy {accuracy:.0%} "
             f"after {epochs} epoch{'s' if epochs > 1 else ''}")
    return {"learning_rate": learning_rate, "epochs": epochs, "logs": cut,
            "val_accuracy": accuracy, "title": title}


def _baselines(baseline):
    if baseline is None:
        return None
    return {"accuracy": {"last-value rule (no memory)": check_number("baseline", baseline,
                                                                      low=0, high=1)}}


def learning_rate_figure(runs, learning_rate, epochs, baseline=None):
    """The curves of the run with `learning_rate`, cut after `epochs` epochs -> Figure.

    baseline: the held-out accuracy of `datasets.tasks.last_value_rule` (no memory), drawn
    beside chance on the accuracy panel. The axes have the same limits whatever the choice,
    so that two positions can be compared.
    """
    view = learning_rate_view(runs, learning_rate, epochs)
    fig = history_figure(view["logs"], title=view["title"], baselines=_baselines(baseline))
    longest = max(len(r.history.get("loss", [])) for r in runs.values())
    top = max(np.nanmax(np.r_[r.history.get("loss", [0.0]), r.history.get("val_loss", [])])
              for r in runs.values())
    for ax in fig.axes:
        ax.set_xlim(0.5, longest + 0.5)
    fig.axes[0].set_ylim(0, min(top, 2.0) * 1.05)
    if len(fig.axes) > 1:
        fig.axes[1].set_ylim(0.3, 1.02)
    return fig


def learning_rate_widget(runs=None, learning_rate=1e-2, epochs=20, baseline=None):
    """Sliders for log10(learning rate) and the number of epochs; the curves redrawn.

    runs: the result of `learning_rate_runs()` (trained here when None); baseline as in
    `learning_rate_figure`. The returned VBox
    keeps `.figure`, `.result` (the dict of `learning_rate_view`), `.controls`
    ({"log10_lr", "epochs"}) and `.redraw()`. A move only changes the lines and the title of
    one Figure; the axes are drawn once.
    """
    runs = learning_rate_runs() if runs is None else runs
    by_exponent = {int(round(np.log10(lr))): lr for lr in runs}
    exponents = sorted(by_exponent)
    if len(by_exponent) != len(runs) or exponents != list(range(exponents[0],
                                                               exponents[-1] + 1)):
        fail("runs", "runs at consecutive powers of ten (1e-4, 1e-3, ...)", sorted(runs))
    if learning_rate not in runs:
        fail("learning_rate", f"one of the trained rates {sorted(runs)}", repr(learning_rate))
    longest = max(len(r.history.get("loss", [])) for r in runs.values())
    controls = {
        "log10_lr": w.IntSlider(value=int(round(np.log10(learning_rate))), min=exponents[0],
                                max=exponents[-1], step=1, description="log₁₀ lr",
                                continuous_update=False),
        "epochs": w.IntSlider(value=min(epochs, longest), min=1, max=longest, step=1,
                              description="epochs", continuous_update=False),
    }
    label = w.HTML()
    out = w.Output()
    box = w.VBox([w.HBox([controls["log10_lr"], label]), controls["epochs"], out])
    box.controls = controls
    box.figure = learning_rate_figure(runs, learning_rate, controls["epochs"].value, baseline)
    moving = [line for ax in box.figure.axes for line in ax.lines if line.get_gid()]
    redrawer = Redrawer(box.figure, moving + [box.figure._suptitle])

    def redraw(change=None):
        lr = by_exponent[controls["log10_lr"].value]
        label.value = f"learning rate = {lr:g}"
        box.result = learning_rate_view(runs, lr, controls["epochs"].value)
        update_history(box.figure, box.result["logs"], title=box.result["title"])
        show_png(out, redrawer.png())

    return connect(box, controls, redraw)
