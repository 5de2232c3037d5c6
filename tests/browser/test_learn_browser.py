"""The Learn page in a real browser, opened first and directly by its URL on a fresh server."""

import pytest
from browser_helpers import assert_no_exception, screenshot, wait_ready

pytestmark = pytest.mark.browser


def test_learn_direct_link_en_then_zh(app_url, page):
    page.goto(f"{app_url}/Learn")
    wait_ready(page, "h1:has-text('Learn')")
    page.wait_for_selector(".js-plotly-plot")
    assert_no_exception(page)
    assert page.locator("h2", has_text="Why gradients vanish or explode").count() == 1
    assert page.locator('[data-testid="stSidebar"] a', has_text="Learn").count() == 1
    screenshot(page, "learn_en")

    page.goto(f"{app_url}/Learn?lang=zh")
    wait_ready(page, "h1:has-text('学习')")
    page.wait_for_selector(".js-plotly-plot")
    assert_no_exception(page)
    assert page.locator("h2", has_text="为什么梯度会消失或爆炸").count() == 1
    screenshot(page, "learn_zh")


def test_language_switch_writes_the_url(app_url, page):
    page.goto(f"{app_url}/Learn")
    wait_ready(page, "h1:has-text('Learn')")
    page.locator('[data-testid="stSidebar"] button', has_text="中文").click()
    wait_ready(page, "h1:has-text('学习')")
    assert "lang=zh" in page.url
    page.locator('[data-testid="stSidebar"] a', has_text="首页").click()
    wait_ready(page, "h1:has-text('RNN 实验场')")
    assert "lang=zh" in page.url
    assert_no_exception(page)
    screenshot(page, "home_zh")
