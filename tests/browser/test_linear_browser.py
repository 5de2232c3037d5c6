"""The linear cells by URL on a fresh server: every page opens with cell=lru and cell=mingru, the Gradients
page draws the unit disk, and the new views are shot at 1280×800 in English and Chinese."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from browser_helpers import (
    EXCEPTION,
    MAIN,
    assert_no_exception,
    chart_traces,
    new_page,
    screenshot,
    serve,
    wait_charts,
    wait_ready,
    wait_rerun,
    watch_runs,
)

pytestmark = pytest.mark.browser

LINK = {"num_layers": "1", "hidden_size": "16", "epochs": "40", "patience": "0"}
# URL path, English title, charts the page draws at least (Names trains its own surname run)
PAGES = [("Train", "Train", 2), ("Hidden_states", "Hidden states", 1), ("Gradients", "Gradients", 4),
         ("Inside_the_cell", "Inside the cell", 1), ("Compare", "Compare", 3), ("Data", "Data", 3),
         ("Long_range_lab", "Long-range lab", 0), ("Learn", "Learn", 1), ("Names", "Names", 0)]


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


@pytest.mark.parametrize("cell", ["lru", "mingru"])
def test_every_page_opens_with_the_cell_by_url(browser, fresh_url, cell):
    for path, title, charts in PAGES:
        context, p = new_page(browser)
        try:
            _open(p, f"{fresh_url}/{path}?{urlencode({**LINK, 'cell': cell})}", title, charts)
            if path == "Gradients":  # the disk: unit circle, before and after training
                disk = [c for c in chart_traces(p) if len(c) == 3 and set(c) == {"scatter"}]
                assert disk, chart_traces(p)
                p.locator(f"{MAIN} .js-plotly-plot").last.scroll_into_view_if_needed()
                screenshot(p, f"linear_gradients_{cell}_en")
            if path == "Inside_the_cell":
                assert p.locator(f"{MAIN} .katex").count() >= 2  # the cell's own formula
                p.locator(f"{MAIN} .js-plotly-plot").first.scroll_into_view_if_needed()
                screenshot(p, f"linear_inside_{cell}_en")
        finally:
            context.close()


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


def test_the_lab_sweep_trains_the_new_cells(browser, fresh_url):
    context, p = new_page(browser)
    try:
        for lang, title, tab in (("en", "Long-range lab", "Lag sweep"), ("zh", "长程依赖实验", "滞后扫描")):
            _open(p, f"{fresh_url}/Long_range_lab?lab_lags=5,8&lab_epochs=1&lang={lang}", title, 0)
            p.locator(MAIN).get_by_role("tab", name=tab).click()
            button = f"{MAIN} .st-key-lab_sweep_go button >> visible=true"
            p.wait_for_selector(button, timeout=30_000)
            watch_runs(p)
            p.locator(button).click()
            wait_rerun(p, timeout=180_000)
            assert_no_exception(p)
            p.locator(MAIN).get_by_role("tab", name=tab).click()
            wait_charts(p, 1)
            names = p.evaluate(f"""() => Array.from(document.querySelectorAll('{MAIN} .js-plotly-plot'))
                .flatMap(e => (e.data || []).map(t => t.name || ''))""")
            assert any("LRU" in n for n in names) and any("minGRU" in n for n in names), names
            p.locator(f"{MAIN} .js-plotly-plot >> visible=true").first.scroll_into_view_if_needed()
            screenshot(p, f"linear_lab_sweep_{lang}")
    finally:
        context.close()
