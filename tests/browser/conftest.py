"""The real-browser test: JupyterLab and the static slides in headless Chromium.

Run it with `make test-browser` (which sets RNN_BROWSER=1, installs requirements-browser.txt and
builds the slides first). Under plain `make test`/`pytest tests` it is skipped with that reason.
Needs Debian's `chromium` (/usr/bin/chromium, or set CHROMIUM=/path) and Playwright's Python
client; no browser is downloaded. Screenshots go to artifacts/browser/.

Everything runs on 127.0.0.1: a JupyterLab server on a free port, with a token, over a temporary
copy of notebooks/; an http.server over slides/. Chromium runs with a new, empty profile and the
flags below, which stop it from reaching out to the network on its own.
"""

import contextlib
import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    """Without RNN_BROWSER=1 (plain `make test`), each browser test is skipped, saying why."""
    if os.environ.get("RNN_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason="the real-browser test runs with `make test-browser`")
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(skip)


def _load_script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url, process, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited with code {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{what} did not answer on {url.split('?')[0]} within {timeout} s")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    """A Playwright-driven headless Chromium with a new, empty profile (a persistent context)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `apt-get install -y chromium` "
                    "(Debian), or set CHROMIUM=/path/to/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright's Python client is missing: pip install -r "
                    "requirements-browser.txt")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 800}, device_scale_factor=1)
        context.set_default_timeout(60_000)
        yield context
        context.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab on a free localhost port, over a temporary copy of notebooks/.

    Yields (base_url, token, root_dir). Settings, workspaces and runtime files live in the
    temporary folder too, so nothing of the user's own Jupyter set-up is used or changed.
    """
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    # The live slideshow hides cells whose slide type is "-": the copies say "" instead, as
    # scripts/slide_types.py writes it (a no-op once the notebooks themselves say "").
    slide_types = _load_script("slide_types")
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        text, _ = slide_types.rewrite_text(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    config = root / ".jupyter"
    (config / "labconfig").mkdir(parents=True)
    # No "receive Jupyter news?" pop-up over the notebook (it would also fetch news).
    (config / "labconfig" / "page_config.json").write_text(
        '{"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": true}}')
    # Start the notebook's own kernel on open, without a "Select Kernel" dialog.
    tracker = root / ".lab-settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"autoStartDefaultKernel": true}')
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(config), JUPYTER_DATA_DIR=str(root / ".data"),
               JUPYTER_RUNTIME_DIR=str(root / ".runtime"), IPYTHONDIR=str(root / ".ipython"),
               JUPYTERLAB_SETTINGS_DIR=str(root / ".lab-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(root / ".lab-workspaces"),
               PYDEVD_DISABLE_FILE_VALIDATION="1")
    env.pop("MPLBACKEND", None)  # the kernel must draw inline figures
    port, token = free_port(), secrets.token_hex(16)
    log = open(root / "jupyterlab.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
         f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", "--ServerApp.allow_root=True",
         "--LabApp.news_url=", "--LabApp.extension_manager=readonly",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/api/status?token={token}", process, 90, "JupyterLab")
        yield base, token, root
    finally:
        stop(process)
        log.close()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(root / "jupyterlab.log", ARTIFACTS / "jupyterlab.log")


@pytest.fixture(scope="session")
def slides_server():
    """http.server over slides/ (built by `make slides`) on a free localhost port."""
    slides = ROOT / "slides"
    if not (slides / "index.html").exists():
        pytest.fail("slides/ not built: run `make slides` (make test-browser does)")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(slides),
         str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/index.html", process, 30, "http.server")
        yield base
    finally:
        stop(process)


@pytest.fixture(scope="session")
def report(artifacts):
    """What each notebook's browser run found, by notebook: written to artifacts/browser/
    report.json and printed as a table at the end of the session."""
    results = {}
    yield results
    if not results:
        return
    (artifacts / "report.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    lines = ["", "browser run, per notebook (artifacts/browser/report.json):",
             f"{'notebook':<32} {'Run All':>8} {'widgets':>7} {'moved':>5} {'changed':>7} "
             f"{'min track':>9}  deck"]
    for name, r in results.items():
        track = r.get("min_track_px_1024")
        deck = r.get("deck", {})
        deck_text = ("-" if not deck else
                     f"slider moved {deck.get('moved')}, figure changed {deck.get('changed')}, "
                     f"slide {deck.get('slide_height_px')} px tall")
        lines.append(f"{name:<32} {r.get('run_all_s', float('nan')):>7.1f}s "
                     f"{r.get('widgets', 0):>7} {r.get('controls_moved', 0):>5} "
                     f"{r.get('outputs_changed', 0):>7} "
                     f"{'-' if track is None else f'{track:.0f} px':>9}  {deck_text}")
    print("\n".join(lines))

