"""What every widget builder shares: quick figures, and how a widget looks before and after it runs.

- Show a Figure in an ipywidgets Output quickly: one PNG render, no second pass. Displaying a
  Figure object makes the inline backend render it with a tight bounding box (two draws);
  rendering once to PNG bytes and displaying those keeps a slider's answer fast.
- `finish(box)`: the one layout rule for sliders (a track of at least `MIN_TRACK_PX` pixels, rows
  of sliders that wrap instead of squeezing them) and a short, friendly text in place of
  `VBox(children=(HBox(...` where the notebook is opened before it is run. `connect()` applies
  it; a builder that does not use `connect()` ends with `return finish(box)`.
"""

import io

import ipywidgets as widgets
import numpy as np
from IPython.display import Image, clear_output, display


def figure_png(fig, dpi=None):
    """The Figure rendered to PNG bytes (at the figure's own dpi unless `dpi` is given)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi or fig.dpi)
    return buffer.getvalue()


def show_png(out, png):
    """Replace what `out` (an ipywidgets Output) shows with the PNG bytes `png`."""
    with out:
        clear_output(wait=True)
        display(Image(data=png, format="png"))


def show_figure(out, fig):
    """Replace what `out` shows with `fig`, rendered once to PNG."""
    show_png(out, figure_png(fig))


class Redrawer:
    """Redraw only the artists that change (lines, a title) over a background drawn once.

    The axes, ticks, labels and grid are drawn once with the Agg renderer and kept as pixels;
    each `png()` pastes them back, draws the moving `artists` on top and encodes the result.
    This keeps a slider's answer well under 100 ms. A figure whose fixed parts change between
    a few states (say the axis limits of each input pattern) keeps one background per state:
    `refresh(key)` draws and stores the current one under `key`, `png(key)` uses it.
    """

    def __init__(self, fig, artists, draw=True):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.fig = fig
        self.artists = list(artists)
        self.canvas = FigureCanvasAgg(fig)
        self.backgrounds = {}
        for artist in self.artists:
            artist.set_animated(True)   # left out of the background, drawn by png()
        if draw:                        # draw=False: the caller stores its own with refresh(key)
            self.refresh()

    def refresh(self, key=None):
        """Draw the fixed parts as they are now and keep them as the background `key`."""
        self.canvas.draw()
        self.backgrounds[key] = self.canvas.copy_from_bbox(self.fig.bbox)

    def png(self, key=None):
        """The figure as PNG bytes: background `key` + the moving artists as they are now."""
        from PIL import Image as PILImage

        self.canvas.restore_region(self.backgrounds[key])
        for artist in self.artists:
            self.fig.draw_artist(artist)
        buffer = io.BytesIO()
        rgba = np.asarray(self.canvas.buffer_rgba())
        PILImage.fromarray(rgba).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def connect(box, controls, redraw, fallback=None):
    """Wire a widget: `redraw` runs whenever a control's value changes and once now; it is kept
    as `box.redraw` so tests can call it without a browser. Returns `finish(box)`: the course's
    slider layout and a friendly text fallback (`fallback`, default `FALLBACK_TEXT`)."""
    for control in controls.values():
        control.observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return finish(box, fallback)


# ---------------------------------------------------------------------------------------------
# How a widget looks before its cell has run, and how its sliders are laid out.

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# What a notebook shows for a widget where the widget cannot be drawn: opened before its cell has
# run (JupyterLab does not draw widgets of a notebook it has not run: it shows this text), on
# GitHub, or in a viewer without widgets. ipywidgets' own text, `VBox(children=(HBox(...`, means
# nothing to a student.
FALLBACK_TEXT = "Interactive figure: run this cell to get the sliders."
QUIZ_FALLBACK_TEXT = "Interactive quiz: run this cell to answer the questions."

# The slider rule: at least this many pixels of track, whatever the window. Measured in
# JupyterLab 4 with ipywidgets 8 at 13 px: a description takes at most ~7 px per character, and
# the readout with the margins around the track ~96 px, +10 to spare (ipywidgets 7.7 takes
# less). tests/browser measures the tracks at a 1024 px window with the file browser open.
MIN_TRACK_PX = 150
_PX_PER_CHAR = 7
_READOUT_AND_MARGINS_PX = 106


def slider_min_width(description):
    """The smallest width (CSS) of a slider with this description that keeps MIN_TRACK_PX of
    track: the description (shown in full: description_width "initial"), track and readout."""
    label = _PX_PER_CHAR * len(description or "") + 8
    return f"{label + MIN_TRACK_PX + _READOUT_AND_MARGINS_PX}px"


def _is_slider(widget):
    return isinstance(widget, widgets.Widget) and "Slider" in type(widget).__name__


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def layout_sliders(box):
    """Apply the course's slider rule to every slider inside `box`, in place; returns `box`.

    Each slider shows its whole description and keeps at least MIN_TRACK_PX of track (a
    `min_width`, unless the builder set one); a row (HBox) that holds sliders wraps onto a new
    line when the window is too narrow for all of them, instead of squeezing their tracks
    (notebook 01's three sliders had 15-48 px tracks at a 1024 px window with the file browser
    open). A slider a builder gave its own description width or min_width keeps it.
    """
    for widget in _walk(box):
        if _is_slider(widget):
            style = getattr(widget, "style", None)
            if style is not None and hasattr(style, "description_width") \
                    and not style.description_width:
                style.description_width = "initial"
            if widget.layout.min_width is None:
                widget.layout.min_width = slider_min_width(widget.description)
        elif isinstance(widget, widgets.HBox) and any(_is_slider(c) for c in widget.children):
            if widget.layout.flex_flow is None:
                widget.layout.flex_flow = "row wrap"
    return box


def friendly(widget, text=None):
    """Give `widget` a short text fallback instead of ipywidgets' `VBox(children=(...`; returns it.

    The text is what a notebook keeps beside the widget (the text/plain of its output) and what
    JupyterLab shows before the notebook has been run. The widget itself is unchanged and still
    displays as a widget. Works on ipywidgets 8 (`_repr_mimebundle_`) and 7.7
    (`_ipython_display_`, Colab's) by giving this one widget its own method: other widgets, and
    repr(widget), are left as they are.
    """
    text = text or FALLBACK_TEXT
    cls = type(widget)
    if callable(getattr(cls, "_ipython_display_", None)):        # ipywidgets 7
        def _ipython_display_(**kwargs):
            data = {"text/plain": text}
            if widget._view_name is not None:
                data[WIDGET_VIEW] = {"version_major": 2, "version_minor": 0,
                                     "model_id": widget._model_id}
            display(data, raw=True)
            if widget._view_name is not None:
                widget._handle_displayed(**kwargs)

        widget._ipython_display_ = _ipython_display_
    else:                                                          # ipywidgets 8
        def _repr_mimebundle_(**kwargs):
            data = cls._repr_mimebundle_(widget, **kwargs)
            if data:
                data = {**data, "text/plain": text}
            return data

        widget._repr_mimebundle_ = _repr_mimebundle_
    widget.fallback_text = text
    return widget


def finish(box, fallback=None):
    """The last step of every widget builder: `layout_sliders(box)` and `friendly(box,
    fallback)`. Returns `box`."""
    return friendly(layout_sliders(box), fallback)
