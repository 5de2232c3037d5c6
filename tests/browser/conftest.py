"""Browser fixtures: one streamlit server per test module and a headless Debian Chromium.

Helpers for the tests (``wait_ready``, ``screenshot``, ``assert_no_exception``) live in
``browser_helpers``.
"""

from __future__ import annotations

import shutil

import pytest
from browser_helpers import CHROMIUM_ARGS, new_page, serve


@pytest.fixture(scope="module")
def app_url(request):
    """Start ``streamlit run streamlit_app.py`` on a free port for this module; yield its base URL; stop it.

    One server per module, never shared with another module: what a module's tests train or hold (runs
    stored server-wide, training slots) cannot reach another module's tests, whatever the order."""
    with serve(f"streamlit-{request.module.__name__.rsplit('.', 1)[-1]}.log") as (url, _):
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by playwright (never a downloaded browser)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("browser tests need Debian's chromium on PATH (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh 1280×800 page (slide-sized screenshots)."""
    context, p = new_page(browser)
    yield p
    context.close()


def pytest_collection_modifyitems(items):
    """A real browser on a busy 2-core machine now and then misses a timing: allow one rerun, which
    pytest reports as such (a real bug fails twice)."""
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))
