"""The linear cells by URL on a fresh server: every page opens with cell=lru, and the pages that draw what
differs between the linear cells with cell=mingru too; the Gradients page draws the unit disk, Inside the cell
writes the cell's formula, the new views open in Chinese and Learn links to them (screenshots at 1280×800 with
``RNN_SCREENSHOTS=1``). The lab's sweep of the new cells is in ``test_lab_browser.py``; the engine's in
``tests/test_lab.py``."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from browser_helpers import (
    EXCEPTION,
    MAIN,
    SHOOT,
    assert_no_exception,
    chart_traces,
    new_page,
    screenshot,
    serve,
    wait_charts,
    wait_ready,
)

pytestmark = pytest.mark.browser

LINK = {"num_layers": "1", "hidden_size": "16", "epochs": "40", "patience": "0"}
# URL path, English title, charts the page draws at least (Names trains its own surname run), and whether
# the page is opened for the first cell only: Train and Hidden states draw any cell's run alike, Compare draws every
# compared cell whatever the link's cell, Names its own surname run; Gradients (the disk) and Inside the cell (the
# formula) draw what differs between the two linear cells. Data, the lab and Learn read no run's cell (their pages
# by URL: the app test).
PAGES = [("Train", "Train", 2, True), ("Hidden_states", "Hidden states", 1, True),
         ("Gradients", "Gradients", 4, False), ("Inside_the_cell", "Inside the cell", 1, False),
         ("Compare", "Compare", 3, True), ("Names", "Names", 0, True)]


@pytest.fixture(scope="module")
def fresh_url():
    with serve("streamlit-linear.log") as (url, _):
        yield url


def _open(page, url: str, title: str, charts: int) -> None:
    page.goto(url)
    page.wait_for_selector(f"{MAIN} h1:has-text('{title}'), {EXCEPTION}", timeout=120_000)
    assert_no_exception(page)
    wait_ready(page, f"{MAIN} h1:has-text('{title}')", timeout=180_000)
    if charts:
        wait_charts(page, charts, timeout=180_000)
    assert_no_exception(page)


@pytest.mark.slow  # over 10 s
def test_every_page_opens_with_each_linear_cell_by_url(browser, fresh_url):
    """Each page by its URL as a session's first request (one browser context, so the app's scripts load
    once, and every page load is still a new Streamlit session)."""
    context, p = new_page(browser)
    try:
        for cell in ("lru", "mingru"):
            for path, title, charts, once in PAGES:
                if once and cell != "lru":
                    continue
                _open(p, f"{fresh_url}/{path}?{urlencode({**LINK, 'cell': cell})}", title, charts)
                if path == "Gradients":  # the disk: unit circle, before and after training
                    disk = [c for c in chart_traces(p) if len(c) == 3 and set(c) == {"scatter"}]
                    assert disk, (cell, chart_traces(p))
                    if SHOOT:
                        p.locator(f"{MAIN} .js-plotly-plot").last.scroll_into_view_if_needed()
                        screenshot(p, f"linear_gradients_{cell}_en")
                if path == "Inside_the_cell":
                    assert p.locator(f"{MAIN} .katex").count() >= 2, cell  # the cell's own formula
                    if SHOOT:
                        p.locator(f"{MAIN} .js-plotly-plot").first.scroll_into_view_if_needed()
                        screenshot(p, f"linear_inside_{cell}_en")
    finally:
        context.close()


@pytest.mark.slow  # over 10 s
def test_new_views_in_chinese(browser, fresh_url):
    context, p = new_page(browser)
    try:
        _open(p, f"{fresh_url}/Gradients?{urlencode({**LINK, 'cell': 'lru', 'lang': 'zh'})}", "梯度", 4)
        assert p.locator(f"{MAIN} h3", has_text="单位圆盘上的特征值").count() == 1
        p.locator(f"{MAIN} .js-plotly-plot").last.scroll_into_view_if_needed()
        screenshot(p, "linear_gradients_lru_zh")
        _open(p, f"{fresh_url}/Inside_the_cell?{urlencode({**LINK, 'cell': 'mingru', 'lang': 'zh'})}", "单元内部", 1)
        p.locator(f"{MAIN} .js-plotly-plot").first.scroll_into_view_if_needed()
        screenshot(p, "linear_inside_mingru_zh")
        for lang, title, heading in (("en", "Learn", "Linear recurrences"), ("zh", "学习", "线性循环")):
            _open(p, f"{fresh_url}/Learn?lang={lang}", title, 1)
            section = p.locator(f"{MAIN} h2", has_text=heading)
            assert section.count() == 1
            section.scroll_into_view_if_needed()
            screenshot(p, f"linear_learn_{lang}")
            links = p.locator(f"{MAIN} a[href*='cell=lru']")
            assert links.count() == 1 and "Gradients" in links.first.get_attribute("href")
    finally:
        context.close()
