"""What a notebook keeps as a widget's text (its text/plain), and the course's slider layout rule
(rnn_helpers.widgets._render: friendly, layout_sliders, finish, connect). No browser: the
display data are captured as IPython publishes them, on ipywidgets 8 and 7.7 alike.

A student who opens a notebook before running it sees that text where the widget will be
(JupyterLab draws no widget of a notebook it has not run), so it must be a short friendly line,
not `VBox(children=(HBox(children=(FloatSlider(...`.
"""

import ipywidgets as widgets
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import display
from IPython.utils.capture import capture_output

from rnn_helpers.widgets import _render, gradients, recurrence, review, start, unrolled

WIDGET_VIEW = _render.WIDGET_VIEW


@pytest.fixture(scope="module")
def shell():
    """An IPython shell, so that display() publishes display data that can be captured."""
    return InteractiveShell.instance()


def displayed(shell, obj, last_expression=False):
    """The display data of `obj`, as a notebook would save them: {mime type: data}.

    last_expression=True goes through the display hook, as a cell whose last line is the
    builder's call does."""
    with capture_output() as captured:
        if last_expression:
            shell.displayhook(obj)
        else:
            display(obj)
    bundles = [out.data for out in captured.outputs]
    if last_expression and not bundles:   # ipywidgets 8: an execute_result, not a display_data
        bundles = [shell.display_formatter.format(obj)[0]]
    assert len(bundles) == 1, bundles
    return bundles[0]


def test_a_plain_box_keeps_ipywidgets_text(shell):
    data = displayed(shell, widgets.VBox([widgets.IntSlider()]))
    assert data["text/plain"].startswith("VBox(")     # what students used to see


@pytest.mark.parametrize("last_expression", [False, True], ids=["display", "last line"])
def test_friendly_replaces_only_the_text(shell, last_expression):
    box = _render.friendly(widgets.VBox([widgets.IntSlider()]))
    data = displayed(shell, box, last_expression)
    assert data["text/plain"] == _render.FALLBACK_TEXT
    assert data[WIDGET_VIEW]["model_id"] == box.model_id       # still shown as the widget
    assert repr(box).startswith("VBox(")                       # repr itself is untouched
    other = displayed(shell, widgets.VBox([]))                 # other widgets are untouched
    assert other["text/plain"].startswith("VBox(")


def test_fallback_text_is_short_and_says_what_to_do():
    for text in (_render.FALLBACK_TEXT, _render.QUIZ_FALLBACK_TEXT):
        assert len(text) <= 80 and "run this cell" in text and "(" not in text


def test_a_custom_fallback(shell):
    box = _render.friendly(widgets.VBox([]), "Run the cell above first.")
    assert displayed(shell, box)["text/plain"] == "Run the cell above first."


def test_connect_gives_the_friendly_text_and_the_slider_layout(shell):
    box = recurrence.scalar_rnn_widget(T=8)
    assert displayed(shell, box)["text/plain"] == _render.FALLBACK_TEXT
    sliders = [box.controls[k] for k in ("w", "u", "b")]
    row = next(c for c in box.children if isinstance(c, widgets.HBox))
    assert row.layout.flex_flow == "row wrap"
    for slider in sliders:
        assert slider.style.description_width == "initial"
        assert int(slider.layout.min_width.rstrip("px")) >= _render.MIN_TRACK_PX + 150


def test_layout_sliders_keeps_what_a_builder_chose():
    mine = widgets.FloatSlider(description="x", layout=widgets.Layout(min_width="500px"))
    mine.style.description_width = "120px"
    row = widgets.HBox([mine], layout=widgets.Layout(flex_flow="row"))
    plain = widgets.IntSlider(description="a long description")
    _render.layout_sliders(widgets.VBox([row, plain, widgets.HBox([widgets.Button()])]))
    assert mine.layout.min_width == "500px" and mine.style.description_width == "120px"
    assert row.layout.flex_flow == "row"
    assert plain.layout.min_width == _render.slider_min_width("a long description")
    assert plain.style.description_width == "initial"


def test_slider_min_width_grows_with_the_description():
    short, long = (int(_render.slider_min_width(d).rstrip("px")) for d in ("w", "w" * 20))
    assert long - short == 19 * _render._PX_PER_CHAR
    assert short >= _render.MIN_TRACK_PX + _render._READOUT_AND_MARGINS_PX


def test_connect_builders_of_other_notebooks(shell):
    box = gradients.gradient_flow_widget(T=10)
    assert displayed(shell, box)["text/plain"] == _render.FALLBACK_TEXT


# Builders that do not go through connect() end with `return finish(box)` themselves (the quiz:
# `return finish(box, QUIZ_FALLBACK_TEXT)`).


@pytest.mark.parametrize("build, text", [
    pytest.param(start.glossary_widget, _render.FALLBACK_TEXT, id="start.glossary_widget"),
    pytest.param(unrolled.unrolled_widget, _render.FALLBACK_TEXT, id="unrolled.unrolled_widget"),
    pytest.param(lambda: review.quiz_widget(["hidden_activation"]), _render.QUIZ_FALLBACK_TEXT,
                 id="review.quiz_widget"),
])
def test_builders_outside_connect(shell, build, text):
    assert displayed(shell, build())["text/plain"] == text
