"""Words, not identifiers: every page in Chinese, its visible text read in a real browser (English: the
first visit of every page in ``test_app_browser.py``). Each page opens without an exception, with its charts
and its Chinese title.

One small run of each cell is trained first (Train, Compare, the lab's comparison), so the pages show
charts, tables, legends and captions of real runs. Then every page is opened in Chinese and,
tab by tab, the visible text of the main area and the sidebar (without code blocks: the share link
carries identifiers on purpose) is checked against the option identifiers of ``rnn_core.config``
(see ``tests/identifiers.py`` for the few ordinary English words among them). Widget values and
chart legends must never be an identifier. The charts must use the app's own font. Screenshots
(1280×800 and the whole main area, with ``RNN_SCREENSHOTS=1``) go to ``tests/artifacts/screenshots/words_*.png``.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from browser_helpers import (
    EXCEPTION,
    MAIN,
    assert_no_exception,
    screenshot,
    tall_screenshot,
    wait_charts,
    wait_ready,
    wait_rerun,
    watch_runs,
)
from words import VISIBLE_TEXT, word_problems

from tests.identifiers import found

pytestmark = pytest.mark.browser

SMALL = {"hidden_size": "8", "epochs": "15", "patience": "0"}
QUICK_LAB = {"lab_lag": "5", "lab_epochs": "2"}
# URL path, query params, charts drawn at least
PAGES = [
    ("", {}, 2),
    ("Data", SMALL, 3),
    ("Train", SMALL, 2),
    ("Hidden_states", SMALL, 1),
    ("Gradients", SMALL, 4),
    ("Compare", SMALL, 3),
    ("Long_range_lab", QUICK_LAB, 3),
    ("Learn", {}, 1),
    ("Inside_the_cell", SMALL, 1),
]
# each page's title in Chinese (the h1 holds it after the icon)
ZH_TITLES = {"": "RNN 实验场", "Data": "数据", "Train": "训练", "Hidden_states": "隐藏状态", "Gradients": "梯度",
             "Compare": "对比", "Long_range_lab": "长程", "Learn": "学习", "Inside_the_cell": "单元内部"}
CHART_FONT = """() => {
    const el = document.querySelector('[data-testid="stMain"] .js-plotly-plot .gtitle, '
                                      + '[data-testid="stMain"] .js-plotly-plot .xtick text');
    return el ? getComputedStyle(el).fontFamily : null;
}"""


def _url(app_url: str, path: str, params: dict, lang: str) -> str:
    query = {**params, **({"lang": lang} if lang != "en" else {})}
    return f"{app_url}/{path}" + (f"?{urlencode(query)}" if query else "")


def _open(page, url: str, charts: int = 0) -> None:
    page.goto(url)
    page.wait_for_selector(f"{MAIN} h1, {EXCEPTION}")
    assert_no_exception(page)
    wait_ready(page, f"{MAIN} h1")
    if charts:
        wait_charts(page, charts)


def _click(page, key: str, charts: int) -> None:
    watch_runs(page)
    page.locator(f"{MAIN} .st-key-{key} button >> visible=true").click()
    wait_rerun(page, timeout=180_000)
    assert_no_exception(page)
    wait_charts(page, charts)


def _train_small_runs(page, app_url: str) -> None:
    """One small run per cell, stored by the server, so every page below shows real results."""
    _open(page, _url(app_url, "Train", SMALL, "en"))
    _click(page, "train", 2)
    _open(page, _url(app_url, "Compare", SMALL, "en"))
    _click(page, "compare_go", 3)
    _open(page, _url(app_url, "Long_range_lab", QUICK_LAB, "en"))
    _click(page, "lab_go", 3)


@pytest.mark.slow  # over 10 s
def test_no_identifier_on_any_page_in_chinese(app_url, page):
    """Every page in Chinese as a share link's first request (English: ``test_app_browser.py``)."""
    _train_small_runs(page, app_url)
    problems = []
    for path, params, charts in PAGES:
        _open(page, _url(app_url, path, params, "zh"), charts)
        assert page.locator(f"{MAIN} h1", has_text=ZH_TITLES[path]).count() == 1, path  # really in Chinese
        slug = f"words_{(path or 'home').lower()}_zh"
        screenshot(page, slug)
        tall_screenshot(page, f"{slug}_full", max_height=4000)
        problems += word_problems(page, f"/{path} [zh]", "zh")
    assert not problems, "\n".join(problems)


@pytest.mark.slow  # over 10 s
def test_gru_gates_and_charts_use_the_app_font(app_url, page):
    """GRU gates in both languages (screenshots to look at), and the font plotly really renders."""
    gru = {**SMALL, "cell": "gru"}
    _open(page, _url(app_url, "Train", gru, "en"))
    _click(page, "train", 2)
    for lang in ("en", "zh"):
        _open(page, _url(app_url, "Hidden_states", gru, lang), 1)
        page.locator(f"{MAIN} [role='tab']").nth(1).click()
        wait_charts(page, 2)
        page.wait_for_timeout(600)
        tall_screenshot(page, f"words_gru_gates_{lang}_full", max_height=3000)
        text = page.evaluate(VISIBLE_TEXT)
        assert not found(text, lang), found(text, lang)
        if lang == "en":
            assert "forget" not in text.split("Gate saturation")[-1]  # a GRU has reset and update gates
    family = page.evaluate(CHART_FONT)
    assert family and family.replace("'", '"').startswith('"Source Sans"'), family
    assert page.evaluate("() => document.fonts.check('14px \"Source Sans\"')")
