"""Tests for rnn_helpers.display: show_source, show_shapes, check_environment (no browser)."""

import importlib.metadata
import inspect

import numpy as np
import pytest

from rnn_helpers import display
from rnn_helpers.core import activations


def sample_step(x_t, h_prev):
    """A function of this file, so its source is known exactly."""
    return np.tanh(x_t + h_prev)


class SampleLayer:
    def forward(self, x):
        return x * 2


# show_source ---------------------------------------------------------------------------

def test_show_source_html_is_highlighted_with_inline_styles():
    shown = display.show_source(sample_step)
    page = shown._repr_html_()
    assert "sample_step" in page
    assert "style=" in page  # colours inline, so GitHub keeps them
    assert 'class="k"' not in page  # no stylesheet classes that GitHub would drop
    assert "<pre" in page


def test_show_source_text_is_the_plain_source():
    shown = display.show_source(sample_step)
    assert repr(shown) == inspect.getsource(sample_step)
    assert str(shown) == inspect.getsource(sample_step)
    assert "<span" not in repr(shown)


def test_show_source_of_a_package_function_names_its_module():
    shown = display.show_source(activations.get)
    assert shown.title == "rnn_helpers.core.activations.get"
    assert "rnn_helpers.core.activations.get" in shown._repr_html_()
    assert repr(shown).startswith("def get(")


def test_show_source_of_a_class_and_a_bound_method():
    assert repr(display.show_source(SampleLayer)).startswith("class SampleLayer")
    method = display.show_source(SampleLayer().forward)
    assert repr(method).startswith("def forward(self, x):")  # dedented
    assert "forward" in method._repr_html_()


def test_show_source_escapes_html_in_the_source():
    def compare(a, b):
        return a < b and "<b>" != b

    page = display.show_source(compare)._repr_html_()
    assert "&lt;b&gt;" in page  # the string "<b>" is shown, not taken as bold
    assert "<b>" not in page


@pytest.mark.parametrize("bad", [len, np.tanh, 3, "sample_step", np.ndarray.sum])
def test_show_source_refuses_objects_without_python_source(bad):
    with pytest.raises(TypeError, match=r"obj: expected a function, class, method or module"):
        display.show_source(bad)


def test_show_source_of_a_builtin_class_says_why():
    with pytest.raises(ValueError, match=r"obj: expected an object whose source Python can read"):
        display.show_source(int)


# show_shapes ---------------------------------------------------------------------------

def test_show_shapes_prints_an_aligned_table(capsys):
    display.show_shapes(x=np.zeros((32, 5, 1)), W=np.zeros((1, 10), dtype=np.float32),
                        b=[0.0, 1.0])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "shape", "dtype"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].split()[0] == "x" and "(32, 5, 1)" in lines[2] and "float64" in lines[2]
    assert "(1, 10)" in lines[3] and "float32" in lines[3]
    assert "(2,)" in lines[4]
    # the columns line up: every row's shape starts where the header's "shape" starts
    column = lines[0].index("shape")
    assert all(line[column] == "(" for line in lines[2:])
    dtype_column = lines[0].index("dtype")
    assert all(line[dtype_column - 2:dtype_column] == "  " for line in lines[2:])


def test_show_shapes_returns_nothing(capsys):
    assert display.show_shapes(h=np.ones(3)) is None
    capsys.readouterr()


def test_show_shapes_needs_at_least_one_array():
    with pytest.raises(TypeError, match=r"show_shapes: expected at least one array"):
        display.show_shapes()


# check_environment ---------------------------------------------------------------------

def test_check_environment_all_ok_here(capsys):
    rows = display.check_environment()
    out = capsys.readouterr().out
    names = [row[0] for row in rows]
    assert names[0] == "Python"
    assert names[1:] == [name for name, _, _ in display.REQUIREMENTS]
    for name, required, found, ok in rows:
        assert isinstance(required, str) and ok is True, (name, required, found)
    assert "Everything the course needs is installed." in out


def test_check_environment_reports_a_missing_package(monkeypatch, capsys):
    monkeypatch.setattr(display, "REQUIREMENTS",
                        [("numpy", "1.23", False), ("no-such-package-rnn", "1.0", False)])
    rows = display.check_environment()
    out = capsys.readouterr().out
    assert rows[-1] == ("no-such-package-rnn", "1.0", None, False)
    assert "MISSING" in out
    assert "pip install -U no-such-package-rnn" in out
    assert "pip install -U numpy" not in out
    assert "1 problem(s) to fix" in out


def test_check_environment_reports_a_package_too_old(monkeypatch, capsys):
    monkeypatch.setattr(display, "REQUIREMENTS", [("numpy", "999.0", False)])
    rows = display.check_environment()
    out = capsys.readouterr().out
    name, required, found, ok = rows[-1]
    assert (name, required, ok) == ("numpy", "999.0", False)
    assert found == importlib.metadata.version("numpy")
    assert "TOO OLD" in out and "pip install -U numpy" in out


def test_check_environment_gives_one_command_for_several_problems(monkeypatch, capsys):
    monkeypatch.setattr(display, "REQUIREMENTS",
                        [("no-such-a-rnn", "1.0", False), ("numpy", "999.0", False)])
    display.check_environment()
    out = capsys.readouterr().out
    assert "2 problem(s) to fix" in out
    assert "pip install -U no-such-a-rnn numpy" in out


def test_check_environment_optional_package_missing_is_ok(monkeypatch, capsys):
    monkeypatch.setattr(display, "REQUIREMENTS", [("no-such-lab-rnn", "4.0", True)])
    rows = display.check_environment()
    out = capsys.readouterr().out
    assert rows[-1] == ("no-such-lab-rnn", "4.0", None, True)
    assert "optional" in out
    assert "pip install" not in out


def test_check_environment_reports_old_python(monkeypatch, capsys):
    monkeypatch.setattr(display, "MIN_PYTHON", (99, 0))
    monkeypatch.setattr(display, "REQUIREMENTS", [])
    rows = display.check_environment()
    out = capsys.readouterr().out
    assert rows == [("Python", "99.0", rows[0][2], False)]
    assert "Python" in out and "older than 99.0" in out


def test_check_environment_quiet(monkeypatch, capsys):
    monkeypatch.setattr(display, "REQUIREMENTS", [("no-such-package-rnn", "1.0", False)])
    rows = display.check_environment(verbose=False)
    assert capsys.readouterr().out == ""
    assert rows[-1][3] is False


@pytest.mark.parametrize(
    "found, required, expected",
    [
        ("2.4.6", "1.23", True),
        ("1.23", "1.23", True),
        ("1.23.0", "1.23", True),
        ("1.22.4", "1.23", False),
        ("1.9", "1.23", False),  # 9 < 23: compared as numbers, not text
        ("7.7.5", "7.7", True),
        ("7.6.5", "7.7", False),
        ("1.26.0rc1", "1.23", True),
        ("2.0.0.dev0+git", "1.23", True),
        ("4.0.0a1", "4.0", True),
    ],
)
def test_version_comparison(found, required, expected):
    assert display._at_least(found, required) is expected
