"""The figures of notebooks 01 and 02 say what the text says (issue 10): the memory figure's
time constants sit where its curves cross 1/e, time axes tick at whole steps only, and maths is
mathtext or plain Unicode, never raw TeX (h_{t-1}) that matplotlib prints letter by letter."""

import math
import re

import numpy as np
import pytest

from rnn_helpers.analysis import five_steps
from rnn_helpers.core import scalar_rnn
from rnn_helpers.plots import recurrence, unrolled
from rnn_helpers.widgets import recurrence as recurrence_widget

# a letter, not inside a word (return_sequences), then _x or _{
RAW_TEX = re.compile(r"(?<![A-Za-z_])[A-Za-z\u03b1-\u03c9]_(\{|[A-Za-z0-9])")


def raw_tex(text):
    """The TeX-looking subscripts of `text` outside $...$ (empty when the text is clean)."""
    return RAW_TEX.findall(re.sub(r"\$[^$]*\$", "", text))


def texts_of(fig):
    found = [fig._suptitle.get_text()] if fig._suptitle else []
    for ax in fig.axes:
        found += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        found += [t.get_text() for t in ax.texts]
        if ax.get_legend():
            found += [t.get_text() for t in ax.get_legend().get_texts()]
    return [t for t in found if t]


def _crossing(t, ratio, level=1 / math.e):
    k = int(np.flatnonzero(ratio < level)[0])
    before, after = math.log(ratio[k - 1]), math.log(ratio[k])
    return t[k - 1] + (before - math.log(level)) / (before - after)


def test_the_raw_tex_detector():
    assert raw_tex("h_{t-1}") and raw_tex("input x_t")
    assert not raw_tex(r"$h_{t-1}$ and $x_t$") and not raw_tex("h₁ … hₜ, return_sequences")


def test_memory_figure_time_constants_agree_with_its_curves():
    us = (0.3, 0.6, 0.9, 0.97)
    fig = recurrence.plot_memory(us=us, T=40)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    for u in us:
        line = next(x for x in ax.lines if x.get_gid() == f"small {u:g}")
        t, ratio = line.get_xdata(), line.get_ydata()
        tau = scalar_rnn.time_constant(u)
        crossing = _crossing(t, ratio) - 1              # steps after the pulse at t = 1
        assert crossing == pytest.approx(tau, abs=0.2), u
        assert any(f"τ = {tau:.1f} steps" in label for label in labels)
    for u in (0.9, 0.97):                               # the large pulse fades sooner
        line = next(x for x in ax.lines if x.get_gid() == f"large {u:g}")
        crossing = _crossing(line.get_xdata(), line.get_ydata()) - 1
        assert crossing < scalar_rnn.time_constant(u) - 3
        assert any(f"1/e after {crossing:.1f} steps" in label for label in labels)


def _figures():
    r = scalar_rnn.run(1.0, 0.5, 0.0, "pulse", T=8)
    values = five_steps.five_step_trace()
    return {
        "scalar T=8": recurrence.plot_scalar_rnn(r["x"], r["h"]),
        "scalar T=30": recurrence.plot_scalar_rnn(*(scalar_rnn.run(T=30)[k] for k in "xh")),
        "regimes": recurrence.plot_regimes(),
        "memory": recurrence.plot_memory(),
        "tanh vs sigmoid": recurrence.plot_tanh_vs_sigmoid(),
        "unrolled": unrolled.plot_unrolled(5, values=values, highlight=2),
        "returned sequences": unrolled.plot_unrolled(5, show_output=False, returned="sequences"),
        "returned last": unrolled.plot_unrolled(5, show_output=False, returned="last"),
    }


def test_no_raw_tex_in_the_figures_of_01_and_02():
    found = {name: [t for t in texts_of(fig) if raw_tex(t)] for name, fig in _figures().items()}
    assert not any(found.values()), found


def test_the_widget_title_is_mathtext():
    title = recurrence_widget._title(scalar_rnn.run(1.0, -0.5, 0.2))
    assert title.startswith("$") and not raw_tex(title)
    assert r"h_{t-1}" in title


@pytest.mark.parametrize("name", ["scalar T=8", "scalar T=30", "regimes", "memory"])
def test_time_axes_tick_at_whole_steps(name):
    fig = _figures()[name]
    fig.canvas.draw()
    for ax in fig.axes:
        if "time step" not in ax.get_xlabel() and name != "regimes":
            continue
        low, high = ax.get_xlim()
        ticks = [t for t in ax.get_xticks() if low <= t <= high]
        assert ticks and all(float(t).is_integer() for t in ticks), (name, ticks)
