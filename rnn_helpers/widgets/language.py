"""Notebook 06's widget: a temperature slider over samples from the trained character model.

Each move shows what `sampling.temperature_demo` gives (a short sample and the next-character
distribution at that temperature): the samples of all 21 slider positions are written once, as
one batch (`sampling.generate_many`), so a move only looks its answer up and redraws the bars of
one Figure made once.
"""

import html

import ipywidgets as widgets
import numpy as np

from ..analysis import sampling
from ..plots.language import plot_next_char
from ..plots.style import format_number
from ._render import Redrawer, finish, show_png


def _sample_html(prompt, result):
    shown = html.escape(result["text"])
    V = len(result["probs"])
    return ("<div style='font-family: monospace; white-space: pre-wrap; border: 1px solid #ccc;"
            " padding: 6px; max-width: 760px; line-height: 1.4; height: 7.4em;"
            " overflow-y: auto; box-sizing: border-box;'>"
            f"<b>{html.escape(prompt)}</b>{shown}</div>"
            f"<div>τ = {result['temperature']:.1f}: entropy of the next-character distribution "
            f"{format_number(result['entropy'])} nats (a uniform guess over V = {V} "
            f"would be {np.log(V):.2f}).</div>")


def temperature_widget(model, vocab, prompt="Anne ", temperature=1.0, n_chars=80, seed=0,
                       top=12):
    """A slider for the temperature τ (0 .. 2): a sample of `n_chars` characters after `prompt`
    (same seed each time) and the bars of the k most likely next characters.

    The returned VBox keeps `.result` (the dict of `sampling.temperature_demo`), `.figure`,
    `.controls` ({"temperature"}) and `.redraw()`.
    """
    slider = widgets.FloatSlider(value=temperature, min=0.0, max=2.0, step=0.1,
                                 description="temperature τ", continuous_update=False,
                                 readout_format=".1f")
    slider.style.description_width = "initial"
    text = widgets.HTML()
    out = widgets.Output()
    box = widgets.VBox([slider, text, out])
    box.controls = {"temperature": slider}
    reference = sampling.next_char_probs(model, vocab, prompt, 1.0)
    order = np.argsort(-reference, kind="stable")[:top]
    box.figure = plot_next_char({"τ = 1 (the model)": reference, "τ of the slider": reference},
                                vocab, context=prompt, top=top, ymax=1.0)
    moving = list(box.figure.axes[0].containers[1].patches)
    redrawer = Redrawer(box.figure, moving)   # only the bars move: one quick redraw

    # every slider position at once (one batch), so that a move only looks its answer up
    taus = [round(k * 0.1, 1) for k in range(21)]
    texts = dict(zip(taus, sampling.generate_many(model, vocab, prompt, n_chars, taus, seed),
                     strict=True))

    def answer(tau):   # = sampling.temperature_demo(model, vocab, prompt, tau, n_chars, seed)
        tau = round(float(tau), 1)
        text = texts.get(tau) or sampling.generate(model, vocab, prompt, n_chars, tau, seed)
        return sampling.demo_result(tau, text, sampling.apply_temperature(reference, tau))

    def redraw(change=None):
        result = answer(slider.value)
        box.result = result
        for bar, p in zip(moving, result["probs"][order], strict=True):
            bar.set_height(p)
        text.value = _sample_html(prompt, result)
        show_png(out, redrawer.png())

    slider.observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return finish(box)


__all__ = ["temperature_widget"]
