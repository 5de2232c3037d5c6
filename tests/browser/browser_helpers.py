"""Helpers for browser tests: a streamlit server, waiting for a script run, charts, screenshots.

Screenshots are taken only when asked for, with ``RNN_SCREENSHOTS=1`` in the environment
(``scripts/update_screenshots.sh`` sets it); otherwise ``screenshot`` and ``tall_screenshot`` do nothing,
so a test run spends no time resizing, waiting for plotly to redraw and writing PNGs.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
TIMINGS = ARTIFACTS / "timings.json"
VIEWPORT = {"width": 1280, "height": 800}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'
MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'
METRIC_VALUE = '[data-testid="stMetricValue"]'
SHOOT = os.environ.get("RNN_SCREENSHOTS", "") not in ("", "0")  # take screenshots in this run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(log_name: str = "streamlit-server.log", timeout: float = 60):
    """Run ``streamlit run streamlit_app.py`` on a free port of 127.0.0.1; yield ``(url, seconds
    from launch until /_stcore/health answered)``; stop the server on exit."""
    import pytest

    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / log_name
    cmd = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true",
           "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    started = time.perf_counter()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.perf_counter() - started > timeout:
                pytest.fail(f"streamlit did not answer within {timeout} s:\n{log_path.read_text()}")
            time.sleep(0.1)
        yield url, time.perf_counter() - started
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_ready(page, selector: str | None = None, timeout: float = 60_000) -> None:
    """Wait until ``selector`` (if given) is on the page and the script has finished running.

    Before the first run the app also reports "notRunning", so pass a selector that only the
    page's own output can satisfy (its title, say) when a page was just opened. "notRunning" means
    the server finished the script; the browser may still be drawing its elements, so wait for the
    outcome too (``wait_charts``, a metric, ...).
    """
    if selector:
        page.wait_for_selector(selector, timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)


def drawn_charts(page, scope: str = MAIN) -> int:
    """How many plotly charts in ``scope`` have data and have drawn their SVG."""
    return page.evaluate(_DRAWN, scope)


_DRAWN = """(scope) => Array.from(document.querySelectorAll(scope + ' .js-plotly-plot'))
    .filter(e => e.querySelector('.main-svg') && (e.data || []).length).length"""


def wait_charts(page, n: int, scope: str = MAIN, timeout: float = 60_000) -> None:
    """Wait until at least ``n`` plotly charts in ``scope`` have data and have drawn their SVG."""
    page.wait_for_function(f"([scope, n]) => ({_DRAWN})(scope) >= n", arg=[scope, n], timeout=timeout)


def chart_traces(page, scope: str = MAIN) -> list[list[str]]:
    """The trace types of every plotly chart in ``scope``, chart by chart."""
    return page.evaluate("(scope) => Array.from(document.querySelectorAll(scope + ' .js-plotly-plot'))"
                         ".map(e => (e.data || []).map(t => t.type || 'scatter'))", scope)


def watch_runs(page) -> None:
    """Start recording the script state and progress bars; see ``wait_rerun``."""
    page.evaluate("""() => {
        const app = document.querySelector('[data-testid="stApp"]');
        window.__runs = {running: false, progress: false};
        const note = () => {
            if (app.dataset.testScriptState === 'running') window.__runs.running = true;
            if (document.querySelector('[data-testid="stMain"] [data-testid="stProgress"]'))
                window.__runs.progress = true;
        };
        if (window.__runsObserver) window.__runsObserver.disconnect();
        window.__runsObserver = new MutationObserver(note);
        window.__runsObserver.observe(document.body, {subtree: true, childList: true, attributes: true,
                                                     attributeFilter: ['data-test-script-state']});
    }""")


def wait_rerun(page, timeout: float = 120_000) -> dict:
    """After ``watch_runs`` and a click: wait until the script ran and finished again. Returns
    ``{"running": True, "progress": <a progress bar was seen in the main area>}``."""
    page.wait_for_function(
        "() => window.__runs.running && document.querySelector('[data-testid=\"stApp\"]')"
        ".dataset.testScriptState === 'notRunning'", timeout=timeout)
    return page.evaluate("window.__runs")


def metric_values(page) -> dict[str, str]:
    """``{label: value}`` of the ``st.metric`` boxes in the main area."""
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll(
        '[data-testid="stMain"] [data-testid="stMetric"]')).map(m => [
        m.querySelector('[data-testid="stMetricLabel"]').innerText.trim(),
        m.querySelector('[data-testid="stMetricValue"]').innerText.trim()]))""")


def screenshot(page, name: str) -> Path | None:
    """Save the viewport as ``tests/artifacts/screenshots/<name>.png`` when ``SHOOT``; its path, else None."""
    if not SHOOT:
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def tall_screenshot(page, name: str, max_height: int = 2400) -> Path | None:
    """The whole main area (up to ``max_height`` px) as ``<name>.png`` when ``SHOOT``: Streamlit scrolls an
    inner container, so grow the viewport to its height, shoot, and restore the viewport."""
    if not SHOOT:
        return None
    size = page.viewport_size
    height = page.evaluate(f"() => document.querySelector('{MAIN}').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), max_height)})
    page.wait_for_timeout(700)  # plotly redraws on resize
    try:
        return screenshot(page, name)
    finally:
        page.set_viewport_size(size)


def record_timing(key: str, value) -> None:
    """Merge ``{key: value}`` into ``tests/artifacts/timings.json``."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with open(ARTIFACTS / ".timings.lock", "w") as lock:  # test workers in parallel: one writer at a time
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.loads(TIMINGS.read_text()) if TIMINGS.is_file() else {}
        data[key] = value
        tmp = TIMINGS.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
        tmp.replace(TIMINGS)


def assert_no_exception(page) -> None:
    boxes = page.locator(EXCEPTION)
    assert boxes.count() == 0, boxes.first.inner_text()


def new_page(browser):
    """A fresh browser context (a new Streamlit session) with one 1280×800 page; close its context after."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page
