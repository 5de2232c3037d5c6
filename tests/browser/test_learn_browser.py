"""The Learn page in a real browser, opened first and directly by its URL on a fresh server; the language
switch then writes the URL and the sidebar's links keep the language. (Learn by its URL in Chinese:
``test_words_browser.py`` and ``test_linear_browser.py``.)"""

import pytest
from browser_helpers import assert_no_exception, screenshot, wait_ready

pytestmark = pytest.mark.browser


def test_learn_direct_link_then_the_language_switch_writes_the_url(app_url, page):
    page.goto(f"{app_url}/Learn")
    wait_ready(page, "h1:has-text('Learn')")
    page.wait_for_selector(".js-plotly-plot")
    assert_no_exception(page)
    assert page.locator("h2", has_text="Why gradients vanish or explode").count() == 1
    assert page.locator('[data-testid="stSidebar"] a', has_text="Learn").count() == 1
    screenshot(page, "learn_en")

    page.locator('[data-testid="stSidebar"] button', has_text="中文").click()
    wait_ready(page, "h1:has-text('学习')")
    assert "lang=zh" in page.url
    page.wait_for_selector("h2:has-text('为什么梯度会消失或爆炸')")
    page.wait_for_selector(".js-plotly-plot")
    assert_no_exception(page)
    screenshot(page, "learn_zh")

    page.locator('[data-testid="stSidebar"] a', has_text="首页").click()
    wait_ready(page, "h1:has-text('RNN 实验场')")
    assert "lang=zh" in page.url
    assert_no_exception(page)
    screenshot(page, "home_zh")
