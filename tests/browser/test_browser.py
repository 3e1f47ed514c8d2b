"""A learner's path, in a real browser: open a notebook in JupyterLab, run every cell, move the
widget's slider and see the figure change; then open every slide deck with the network shut.

Run with `make test-browser`; see conftest.py for the set-up.
"""

import json
import os
import re
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from .conftest import ROOT

NOTEBOOKS = ["01_recurrence.ipynb", "02_unrolled_five_steps.ipynb"]
RUN_ALL_TIMEOUT = 240  # s: a notebook takes < 60 s alone; CI may run other work beside it
DOC_SCREENSHOT = ROOT / "docs" / "img" / "widget.png"
SLIDER = ".jp-OutputArea-output .widget-slider"
HANDLE = ".noUi-handle, .ui-slider-handle"  # ipywidgets 8 (noUiSlider), 7 (jQuery UI)

# Which slider to move: the first one whose output area also shows a figure.
_FIND_SLIDER = """() => {
  const sliders = [...document.querySelectorAll('.jp-OutputArea-output .widget-slider')];
  const index = sliders.findIndex(s => s.closest('.jp-OutputArea-output').querySelector('img'));
  if (index < 0) return -1;
  sliders.forEach(s => s.removeAttribute('data-rnn-target'));
  sliders[index].setAttribute('data-rnn-target', '1');
  return index;
}"""
_DRAWN = """() => {
  const area = document.querySelector('[data-rnn-target]').closest('.jp-OutputArea-output');
  return [...area.querySelectorAll('img')].map(i => i.src).join('|');
}"""
_NOT_RUNNING = """() => {
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
  return prompts.length > 0 && !prompts.some(p => p.textContent.includes('*'));
}"""


def _session_state(base, token, path):
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=5) as response:
        for session in json.load(response):
            if session.get("path") == path:
                return session["kernel"]["execution_state"], session
    return None, None


def _wait_idle(base, token, path, timeout):
    """Wait until the notebook's kernel has been idle for 3 s in a row."""
    deadline, idle_since = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        state, _ = _session_state(base, token, path)
        if state == "idle":
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= 3:
                return
        else:
            idle_since = None
        time.sleep(0.5)
    pytest.fail(f"{path}: the kernel was still busy after {timeout} s")


def _start_kernel(page, base, token, path, timeout=90):
    """Wait for the notebook's kernel; accept the "Select Kernel" dialog if one comes up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        dialog = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        if dialog.count():
            dialog.first.click()
        state, _ = _session_state(base, token, path)
        if state == "idle":
            return
        time.sleep(0.5)
    pytest.fail(f"{path}: no idle kernel after {timeout} s")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_run_all_then_move_a_slider(name, lab, chromium, artifacts):
    base, token, _ = lab
    if not (ROOT / "notebooks" / name).exists():
        pytest.fail(f"notebooks/{name} does not exist")
    started = time.perf_counter()
    page = chromium.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    stem = Path(name).stem
    try:
        page.goto(f"{base}/lab/tree/notebooks/{name}?reset&token={token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        _start_kernel(page, base, token, f"notebooks/{name}")

        # Run > Run All Cells, as a learner would.
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        page.wait_for_timeout(1000)
        _wait_idle(base, token, f"notebooks/{name}", RUN_ALL_TIMEOUT)
        page.wait_for_function(_NOT_RUNNING, timeout=30_000)
        tracebacks = page.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert tracebacks.count() == 0, (
            f"{name}: error output after Run All: {tracebacks.first.inner_text()[:500]}")

        # The widget renders; pick the slider that drives a figure.
        page.wait_for_selector(SLIDER, state="attached", timeout=60_000)
        page.wait_for_function(f"() => ({_FIND_SLIDER})() >= 0", timeout=60_000)
        slider = page.locator("[data-rnn-target]")
        slider.scroll_into_view_if_needed()
        area = page.locator(".jp-OutputArea-output", has=slider)
        readout = slider.locator(".widget-readout")
        before_value, before_drawing = readout.inner_text(), page.evaluate(_DRAWN)
        area.screenshot(path=str(artifacts / f"{stem}-widget-before.png"))

        # Drag the handle like a mouse would; if it is at the right end, drag left instead.
        handle = slider.locator(HANDLE).first
        for dx in (60, -60):
            box = handle.bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.mouse.move(x, y)
            page.mouse.down()
            page.mouse.move(x + dx, y, steps=8)
            page.mouse.up()
            page.wait_for_timeout(500)
            if readout.inner_text() != before_value:
                break
        after_value = readout.inner_text()
        assert after_value != before_value, f"{name}: the slider did not move ({before_value})"

        page.wait_for_function(f"() => ({_DRAWN})() !== {json.dumps(before_drawing)}",
                               timeout=30_000)
        page.wait_for_timeout(500)  # let the new image finish painting for the screenshot
        assert page.evaluate(_DRAWN) != before_drawing
        area.screenshot(path=str(artifacts / f"{stem}-widget-after.png"))
        page.screenshot(path=str(artifacts / f"{stem}-page.png"))
        if name == NOTEBOOKS[0] and os.environ.get("RNN_UPDATE_DOC_SCREENSHOT") == "1":
            DOC_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            area.screenshot(path=str(DOC_SCREENSHOT))
            assert DOC_SCREENSHOT.stat().st_size < 200_000, "docs/img/widget.png over 200 kB"
        assert not errors, f"{name}: JavaScript errors: {errors[:3]}"
        print(f"\n{name}: Run All + slider {before_value} -> {after_value}, figure redrawn, "
              f"{time.perf_counter() - started:.1f} s")
    except Exception:
        page.screenshot(path=str(artifacts / f"{stem}-FAILED.png"))
        raise
    finally:
        _, session = _session_state(base, token, f"notebooks/{name}")
        if session is not None:  # free the kernel for the next notebook
            request = urllib.request.Request(
                f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE")
            urllib.request.urlopen(request, timeout=10).close()
        page.close()


def _decks():
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", _decks(), ids=[p.stem for p in _decks()])
def test_slides_open_with_nothing_from_the_network(notebook, slides_server, chromium, artifacts):
    deck = ROOT / "slides" / f"{notebook.stem}.slides.html"
    assert deck.exists() and deck.stat().st_mtime >= notebook.stat().st_mtime, (
        f"{deck.name} is missing or older than its notebook: run `make slides`")
    nb = nbformat.read(notebook, as_version=4)
    shown = [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") != "skip"]
    has_math = any(c.cell_type == "markdown" and "$" in c.source for c in shown)
    has_widgets = any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                      for c in shown for o in c.get("outputs", []))
    page = chromium.new_page()
    outside, failed = [], []
    page.on("request", lambda r: None if r.url.startswith((slides_server, "data:", "blob:"))
            else outside.append(r.url))
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: failed.append(f"{r.url} (HTTP {r.status})")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    try:
        page.goto(f"{slides_server}/{notebook.stem}.slides.html")
        page.wait_for_selector(".reveal.ready", state="attached", timeout=30_000)
        if has_math:
            page.wait_for_function("() => window.MathJax && MathJax.Hub && "
                                   "MathJax.Hub.queue.pending === 0 && "
                                   "document.querySelector('.MathJax_CHTML, .mjx-chtml')",
                                   timeout=60_000)
            assert page.locator(".MathJax_Error, .mjx-error, merror").count() == 0
        if has_widgets:
            page.wait_for_selector(".jupyter-widgets", state="attached", timeout=60_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(artifacts / f"slides-{notebook.stem}.png"))
        assert not outside, f"{notebook.stem}: requests outside localhost: {outside[:5]}"
        assert not failed, f"{notebook.stem}: failed loads: {failed[:5]}"
    finally:
        page.close()
