"""Show a Figure in an ipywidgets Output quickly: one PNG render, no second pass.

Displaying a Figure object makes the inline backend render it with a tight bounding box (two
draws); rendering once to PNG bytes and displaying those keeps a slider's answer fast.
"""

import io

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


def connect(box, controls, redraw):
    """Wire a widget: `redraw` runs whenever a control's value changes and once now; it is kept
    as `box.redraw` so tests can call it without a browser. Returns `box`."""
    for control in controls.values():
        control.observe(redraw, names="value")
    box.redraw = redraw
    redraw()
    return box
