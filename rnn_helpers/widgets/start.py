"""Notebook 00's widget: pick a term, read its Chinese name, its meaning and where it is taught.
The lookup is `glossary.lookup`."""

import html
import re

import ipywidgets as widgets

from .. import glossary
from ._render import finish


def _html(text):
    """Escaped text, with `code` spans (as the glossary writes code) shown as <code>."""
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", html.escape(text))


def term_html(entry):
    """One glossary entry (a `glossary.lookup` dict) as a small HTML card."""
    number = entry["notebook"]
    where = glossary.NOTEBOOKS.get(number, "")
    return (f"<div style='font-size:115%'><b>{html.escape(entry['english'])}</b> — "
            f"{html.escape(entry['chinese'])}<br>{_html(entry['meaning'])}<br>"
            f"<i>taught in notebook {number} ({html.escape(where)})</i></div>")


def glossary_widget(term="hidden state"):
    """A Dropdown of every glossary term (the seed's first) above its card.

    The returned VBox keeps `.result` (the `glossary.lookup` dict shown), `.controls` ({"term"})
    and `.redraw()`.
    """
    controls = {"term": widgets.Dropdown(options=glossary.terms(),
                                         value=glossary.lookup(term)["english"],
                                         description="term")}
    card = widgets.HTML()
    box = widgets.VBox([controls["term"], card])
    box.controls = controls

    def redraw(change=None):
        box.result = glossary.lookup(controls["term"].value)
        card.value = term_html(box.result)

    controls["term"].observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return finish(box)


__all__ = ["glossary_widget", "term_html"]
