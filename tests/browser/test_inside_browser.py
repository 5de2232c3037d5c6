"""The Inside-the-cell page in a real browser: opened first by its URL on a fresh server, en and zh.

Each view (step through time, saliency, Jacobian) is drawn for the default run, timed from the tab
click until its charts are drawn, and screenshotted at 1280×800.
"""

from __future__ import annotations

import time

import pytest
from browser_helpers import (
    MAIN,
    assert_no_exception,
    drawn_charts,
    record_timing,
    screenshot,
    serve,
    tall_screenshot,
    wait_charts,
    wait_ready,
    wait_rerun,
    watch_runs,
)

pytestmark = pytest.mark.browser

VIEWS = [("Step through time", 2), ("Which inputs drive each output", 2), ("The Jacobian behind the gradient", 4)]
VIEWS_ZH = [("逐步查看", 2), ("哪些输入驱动输出", 2), ("梯度背后的雅可比矩阵", 4)]


@pytest.fixture(scope="module")
def fresh_url():
    with serve("inside-server.log") as (url, _):
        yield url


def _open_tab(page, label: str, charts: int) -> float:
    watch_runs(page)
    start = time.perf_counter()
    page.locator(f'{MAIN} button', has_text=label).first.click()
    wait_rerun(page)
    wait_charts(page, charts)
    return time.perf_counter() - start


def test_inside_page_first_by_url_every_view_en(fresh_url, page):
    page.goto(f"{fresh_url}/Inside_the_cell")
    wait_ready(page, "h1:has-text('Inside the cell')")
    wait_charts(page, 2)
    assert_no_exception(page)
    main = page.locator(MAIN).inner_text()
    assert "Wₐₐ" in main and "Layer 2, t = 12" in main  # the default LSTM 2×32, window 12: the last step
    assert page.locator('[data-testid="stSidebar"] a', has_text="Inside the cell").count() == 1
    screenshot(page, "inside")
    tall_screenshot(page, "inside_step_tall")
    timings = {}
    for label, charts in VIEWS[1:] + VIEWS[:1]:
        timings[label] = round(_open_tab(page, label, charts), 2)
        assert_no_exception(page)
        assert drawn_charts(page) >= charts
        if label != VIEWS[0][0]:
            screenshot(page, "inside_" + ("saliency" if "inputs" in label else "jacobian"))
            tall_screenshot(page, "inside_" + ("saliency" if "inputs" in label else "jacobian") + "_tall")
    record_timing("inside_views_s", timings)


def test_inside_page_link_with_view_and_step_zh(fresh_url, page):
    page.goto(f"{fresh_url}/Inside_the_cell?lang=zh&in_sample=5&in_t=3")
    wait_ready(page, "h1:has-text('单元内部')")
    wait_charts(page, 2)
    assert_no_exception(page)
    main = page.locator(MAIN).inner_text()
    assert "第 5/24 个窗口" in main and "t = 3" in main
    screenshot(page, "inside_zh")
    page.locator(f"{MAIN} label", has_text="播放").click()  # Play: t advances by itself, about once a second
    page.wait_for_function("() => document.querySelector('[data-testid=\"stMain\"]').innerText.includes('t = 5')",
                           timeout=60_000)
    assert_no_exception(page)
    page.locator(f"{MAIN} label", has_text="播放").click()
    wait_ready(page)
    for label, charts in VIEWS_ZH[1:]:
        _open_tab(page, label, charts)
        assert_no_exception(page)
    screenshot(page, "inside_jacobian_zh")
    assert "in_view=jacobian" in page.url
