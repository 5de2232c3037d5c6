"""The Names page in a real browser on one fresh server: opened first by its URL in Chinese (the server's
first request), then in English in a new session; typing a name redraws the per-letter predictions
without training, in both languages. The Generate-names page by link on a fresh server, in both languages."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import pytest
from browser_helpers import (
    MAIN,
    SIDEBAR,
    assert_no_exception,
    metric_values,
    new_page,
    record_timing,
    screenshot,
    serve,
    tall_screenshot,
    wait_charts,
    wait_ready,
    wait_rerun,
    watch_runs,
)
from words import word_problems

from rnn_core.config import BIDIR_DEMO

pytestmark = pytest.mark.browser

PANELS = f"() => Array.from(document.querySelectorAll('{MAIN} .js-plotly-plot')[0]" \
         ".querySelectorAll('.annotation-text')).map(a => a.textContent)"


def _type(page, label: str, text: str) -> dict:
    watch_runs(page)
    box = page.get_by_role("textbox", name=label)
    box.fill(text)
    box.press("Enter")
    return wait_rerun(page)


@pytest.mark.slow  # over 10 s
def test_names_page_first_on_a_fresh_server_in_chinese_then_in_english(browser):
    """One fresh server: its very first request is the Names page in Chinese; then, in a new session, the
    page in English, a typed name, and the switch back to Chinese with another typed name."""
    with serve("streamlit-names.log") as (url, _):
        context, page = new_page(browser)
        try:
            page.set_default_timeout(300_000)
            t0 = time.perf_counter()
            page.goto(f"{url}/Names?lang=zh")
            wait_ready(page, f"{MAIN} h1:has-text('姓氏')", timeout=300_000)
            wait_charts(page, 4, timeout=300_000)
            first = time.perf_counter() - t0
            assert_no_exception(page)
            assert page.locator(MAIN, has_text="均衡准确率").count() >= 1

            page.goto(f"{url}/Names")  # a page load of its own: a new session
            wait_ready(page, f"{MAIN} h1:has-text('Names')", timeout=300_000)
            wait_charts(page, 4, timeout=300_000)
            assert_no_exception(page)
            share = page.locator(f"{SIDEBAR} code").first.inner_text()
            assert share.endswith("/Names"), share  # plain /Names is the surname run: no setting to name
            assert "task=" not in page.url, page.url  # nor does the address
            panels = page.evaluate(PANELS)
            assert panels[:3] == ["1. D", "2. Do", "3. Dos"], panels
            assert page.locator(f"{MAIN} [data-testid='stAlert']", has_text="Session State").count() == 0
            screenshot(page, "names_en")
            tall_screenshot(page, "names_en_full", max_height=3600)

            t1 = time.perf_counter()
            seen = _type(page, "Type a surname", "Nguyen")
            page.wait_for_function(f"() => ({PANELS})()[0] === '1. N'")
            typed = time.perf_counter() - t1
            assert not seen["progress"], "typing a name must not train"
            assert page.evaluate(PANELS)[:3] == ["1. N", "2. Ng", "3. Ngu"]
            assert_no_exception(page)
            screenshot(page, "names_typed")

            page.goto(f"{page.url}{'&' if '?' in page.url else '?'}lang=zh")  # the address may hold no setting
            wait_ready(page, f"{MAIN} h1:has-text('姓氏')")
            wait_charts(page, 4)
            assert_no_exception(page)
            assert page.locator(MAIN, has_text="测试准确率").count() >= 1
            seen = _type(page, "输入一个姓氏", "Schmidt")
            page.wait_for_function(f"() => ({PANELS})()[0] === '1. S'")
            assert not seen["progress"]
            screenshot(page, "names_zh")
            tall_screenshot(page, "names_zh_full", max_height=3600)
        finally:
            context.close()
    print(f"names page: first open (in Chinese) {first:.1f} s, a typed name redrawn in {typed:.2f} s")
    record_timing("names_first_open_s", round(first, 2))
    record_timing("names_typed_name_s", round(typed, 2))


@pytest.mark.slow  # over 10 s
def test_language_examples_by_link_on_a_fresh_server_in_chinese_then_english(browser):
    """The generator's page as a fresh server's first request (Chinese), then a link with a language, a first
    letter and a sampling seed (English); the translator and the one-way/both-ways comparison by links in both
    languages: drawn without a click, no raw identifier, the link's names and the link's date."""
    with serve("streamlit-generate.log") as (url, _):
        context, page = new_page(browser)
        try:
            page.set_default_timeout(120_000)
            page.goto(f"{url}/Generate_names?lang=zh")
            wait_ready(page, f"{MAIN} h1:has-text('生成姓氏')", timeout=120_000)
            wait_charts(page, 2, timeout=120_000)
            assert_no_exception(page)
            assert page.locator(MAIN, has_text="留出集逐字母损失").count() >= 1
            problems = word_problems(page, "/Generate_names [zh]", "zh")
            screenshot(page, "generate_zh")
            tall_screenshot(page, "generate_zh_full", max_height=2400)

            page.goto(f"{url}/Generate_names?gen_lang=Italian&gen_first=B&gen_sample=2")
            wait_ready(page, f"{MAIN} h1:has-text('Generate names')")
            wait_charts(page, 2)
            assert_no_exception(page)
            problems += word_problems(page, "/Generate_names [en]", "en")
            assert "Italian" in page.locator(MAIN).inner_text()
            ticks = page.evaluate(f"() => document.querySelector('{MAIN} .js-plotly-plot').layout.xaxis.ticktext")
            assert ticks[0] == "1<br><b>B</b>", ticks  # the first name's first letter is the link's
            screenshot(page, "generate_en")

            for lang, title, text in (("zh", "翻译日期", "二〇二六年十二月七日"),
                                      ("en", "Translate dates", "Mon 7 Dec 26")):
                page.goto(f"{url}/Translate_dates?{urlencode({'lang': lang, 'dt_text': text})}")
                wait_ready(page, f"{MAIN} h1:has-text('{title}')")
                wait_charts(page, 3)
                assert_no_exception(page)
                assert metric_values(page)[next(iter(metric_values(page)))] == "2026-12-07"
                problems += word_problems(page, f"/Translate_dates [{lang}]", lang)
                screenshot(page, f"dates_{lang}")

            # one way against both ways: the Learn page's comparison, trained by itself on a fresh server's link
            link = {**BIDIR_DEMO.to_params(only_changed=True), "cmp_by": "direction"}
            for lang, title, steps in (("zh", "对比", "窗口中每一步的误差"), ("en", "Compare", "Error at each step")):
                page.goto(f"{url}/Compare?{urlencode({'lang': lang, **link})}")
                wait_ready(page, f"{MAIN} h1:has-text('{title}')")
                wait_charts(page, 3)
                assert_no_exception(page)
                assert page.locator(MAIN, has_text=steps).count() >= 1
                assert page.locator(f"{MAIN} [data-testid='stDataFrame']").count() == 1
                problems += word_problems(page, f"/Compare?cmp_by=direction [{lang}]", lang)
                screenshot(page, f"compare_direction_{lang}")
        finally:
            context.close()
    assert not problems, "\n".join(problems)
