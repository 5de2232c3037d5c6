"""The long-range lab in a real browser: the three-cell comparison, pinning, a small sweep, the
initialisation lab at three spectral radii, and classroom links that hide controls.

The lab pages are opened by their URL, on this module's own server.
"""

from __future__ import annotations

import pytest
from browser_helpers import (
    MAIN,
    SIDEBAR,
    assert_no_exception,
    chart_traces,
    screenshot,
    tall_screenshot,
    wait_charts,
    wait_ready,
    wait_rerun,
    watch_runs,
)

pytestmark = pytest.mark.browser
TITLE = f"{MAIN} h1:has-text('Long-range lab')"


def _open_lab(page, app_url, query: str, title: str = TITLE) -> None:
    page.goto(f"{app_url}/Long_range_lab?{query}")
    wait_ready(page, title)
    assert_no_exception(page)


def _click(page, key: str) -> None:
    watch_runs(page)
    page.locator(f"{MAIN} .st-key-{key} button >> visible=true").click()
    wait_rerun(page, timeout=180_000)
    assert_no_exception(page)


def _tab(page, name: str, expect: str | None = None) -> None:
    """Select a tab; with ``expect`` (a widget key in it), make sure its content is showing: a rerun
    that is still drawing can re-render the tab bar and drop a click."""
    tab = page.locator(MAIN).get_by_role("tab", name=name)
    tab.click()
    if expect is None:
        page.wait_for_timeout(300)
        return
    target = f"{MAIN} .st-key-{expect} button >> visible=true"
    try:
        page.wait_for_selector(target, timeout=10_000)
    except Exception:  # noqa: BLE001 - one retry of the click, then let the wait fail loudly
        wait_ready(page)
        tab.click()
        page.wait_for_selector(target, timeout=30_000)


def _trace_names(page) -> list[str]:
    return page.evaluate(f"""() => Array.from(document.querySelectorAll('{MAIN} .js-plotly-plot'))
        .flatMap(e => (e.data || []).map(t => t.name || ''))""")


def _chart_titles(page) -> list[str]:
    return page.evaluate(f"""() => Array.from(document.querySelectorAll('{MAIN} .js-plotly-plot'))
        .map(e => (e.layout && e.layout.title && e.layout.title.text) || '')""")


def test_the_lab_opens_drawn_at_its_defaults_and_a_second_press_trains_nothing(app_url, page):
    _open_lab(page, app_url, "")
    wait_charts(page, 2)
    verdict = page.locator(f"{MAIN} .st-key-lab_verdict").inner_text()
    assert "Verdict, from the table above" in verdict and "Learnt" in verdict and "LSTM" in verdict
    assert "RNN" in verdict.split("Learnt", 1)[1]  # the RNN is named among the cells that did not learn
    assert page.locator(f"{MAIN} [data-testid='stDataFrame']").count() >= 1
    assert "LRU 2 × 32" in page.locator(MAIN).inner_text()  # each cell's shape, named above the button
    _click(page, "lab_go")
    assert "have been trained already" in page.locator(MAIN).inner_text()
    assert not page.evaluate("() => window.__runs.progress")  # no progress bar appeared: nothing trained
    screenshot(page, "lab_default")


@pytest.mark.slow  # over 10 s
def test_compare_three_cells_then_pin_one(app_url, page):
    _open_lab(page, app_url, "lab_lag=5&lab_epochs=2")
    _click(page, "lab_go")
    wait_charts(page, 4)
    page.wait_for_selector(f"{MAIN} [data-testid='stDataFrame']", timeout=30_000)  # the results table (lazy-loaded)
    names = _trace_names(page)
    for cell in ("RNN", "LSTM", "GRU"):
        assert any(n.startswith(cell) for n in names), names
    assert any("memory horizon" in t.lower() or "Gradient reaching" in t for t in _chart_titles(page))
    screenshot(page, "lab_compare")
    tall_screenshot(page, "lab_compare_full")
    _click(page, "pin_lab_gru")
    _tab(page, "Run history")
    wait_charts(page, 5)
    assert any(n.endswith("GRU") and n[0].isdigit() for n in _trace_names(page)), _trace_names(page)
    main = page.locator(MAIN).inner_text()
    assert "GRU" in main and "lag 5" in main  # the pinned run named in full above its charts


@pytest.mark.slow  # over 10 s
def test_small_lag_sweep_of_every_cell_in_both_languages(app_url, page):
    """A small sweep (lags 5 and 8, one epoch) trained by a click draws the breaking-point chart with every
    compared cell, the linear ones included; the same link in Chinese then shows the server's stored sweep
    without training it again."""
    _open_lab(page, app_url, "lab_lags=5,8&lab_epochs=1")
    _tab(page, "Lag sweep", expect="lab_sweep_go")
    _click(page, "lab_sweep_go")
    _tab(page, "Lag sweep")
    wait_charts(page, 1)
    assert any("Breaking point" in t for t in _chart_titles(page))
    names = _trace_names(page)
    for cell in ("RNN", "LSTM", "GRU", "LRU", "minGRU"):
        assert any(cell in n for n in names), (cell, names)
    screenshot(page, "lab_sweep")
    _open_lab(page, app_url, "lab_lags=5,8&lab_epochs=1&lang=zh", f"{MAIN} h1:has-text('长程依赖实验')")
    _tab(page, "滞后扫描", expect="lab_sweep_go")
    page.wait_for_function(f"""() => Array.from(document.querySelectorAll('{MAIN} .js-plotly-plot'))
        .some(e => (e.data || []).some(t => (t.name || '').includes('minGRU')))""")  # drawn on open, no click
    names = _trace_names(page)
    assert any("LRU" in n for n in names) and any("minGRU" in n for n in names), names
    screenshot(page, "lab_sweep_zh")


def test_initialisation_lab_by_link(app_url, page):
    """The tab opened by a link with its ρ, then trained. The eigenvalues and gradients at other radii are
    the engine's (``tests/test_lab.py``): the page draws whichever ρ the link holds the same way."""
    rho = "1.5"
    _open_lab(page, app_url, f"lab_init=spectral&lab_rho={rho}&lab_lag=20&lab_epochs=2")
    _tab(page, "Initialisation", expect="lab_init_go")
    wait_charts(page, 2)
    titles = _chart_titles(page)
    assert any("Eigenvalues" in t and f"{float(rho):.3g}" in t for t in titles), titles
    assert ["scatter"] in [sorted(set(c)) for c in chart_traces(page)]
    _click(page, "lab_init_go")
    _tab(page, "Initialisation")
    wait_charts(page, 5)
    assert any("after training" in t for t in _chart_titles(page))
    screenshot(page, f"lab_init_rho_{rho}")


def test_classroom_links_hide_and_lock_controls(app_url, page):
    page.goto(f"{app_url}/Train?cell=gru&hide=hidden_size,num_layers")
    wait_ready(page, f"{MAIN} h1:has-text('Train')")
    assert_no_exception(page)
    assert page.locator(f"{SIDEBAR} .st-key-hidden_size").count() == 0
    assert page.locator(f"{SIDEBAR} .st-key-num_layers").count() == 0
    assert page.locator(f"{SIDEBAR} .st-key-cell").count() == 1
    assert "Fixed by the link: Hidden size: 32, Layers: 2" in page.locator(SIDEBAR).inner_text()
    _open_lab(page, app_url, "hide=lab_lag&lab_lag=7")
    assert page.locator(f"{MAIN} .st-key-lab_lag").count() == 0
    assert page.locator(f"{MAIN} .st-key-lab_epochs").count() == 1
    screenshot(page, "lab_classroom")
