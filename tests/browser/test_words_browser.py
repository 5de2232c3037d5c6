"""Words, not identifiers: every page in English and Chinese, its visible text read in a real browser.
Each page opens in both languages without an exception, with its charts and, in Chinese, its Chinese title.

One small run of each cell is trained first (Train, Compare, the lab's comparison), so the pages show
charts, tables, legends and captions of real runs. Then every page is opened in both languages and,
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

from tests.identifiers import IDENTIFIERS, MATH_NAMES, found

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
VISIBLE_TEXT = """() => {
    const codes = Array.from(document.querySelectorAll('[data-testid="stCode"]'));
    codes.forEach(c => c.style.display = 'none');
    const text = ['stMain', 'stSidebar'].map(id => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        return el ? el.innerText : '';
    }).join('\\n');
    codes.forEach(c => c.style.display = '');
    return text;
}"""
# texts that show one value each: a selectbox's choice, chips, segmented buttons, legend entries
VALUE_TEXTS = """() => Array.from(document.querySelectorAll(
    '[data-testid="stSelectbox"] [data-baseweb="select"] > div, [data-baseweb="tag"], '
    + '[data-testid="stButtonGroup"] button, .legendtext'))
    .map(e => e.textContent.trim()).filter(s => s)"""
# tab ``i`` of the main area is selected and every chart of the shown panel (Streamlit draws only the
# selected tab's panel) has drawn its SVG
TAB_DRAWN = """(i) => {
    const tab = document.querySelectorAll('[data-testid="stMain"] [role="tab"]')[i];
    return tab && tab.getAttribute('aria-selected') === 'true' && Array.from(document.querySelectorAll(
        '[data-testid="stMain"] [role="tabpanel"] [data-testid="stPlotlyChart"]'))
        .every(e => e.querySelector('.js-plotly-plot .main-svg'));
}"""
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


def _read_every_tab(page) -> tuple[str, list[str]]:
    """The visible text and the one-value texts of the page, gathered over every tab of the main area."""
    text, values = page.evaluate(VISIBLE_TEXT), page.evaluate(VALUE_TEXTS)
    tabs = page.locator(f"{MAIN} [role='tab']")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        page.wait_for_function(TAB_DRAWN, arg=i)  # a chart in a tab draws once the tab shows
        text += "\n" + page.evaluate(VISIBLE_TEXT)
        values += page.evaluate(VALUE_TEXTS)
    if tabs.count():
        tabs.nth(0).click()
    return text, values


def _train_small_runs(page, app_url: str) -> None:
    """One small run per cell, stored by the server, so every page below shows real results."""
    _open(page, _url(app_url, "Train", SMALL, "en"))
    _click(page, "train", 2)
    _open(page, _url(app_url, "Compare", SMALL, "en"))
    _click(page, "compare_go", 3)
    _open(page, _url(app_url, "Long_range_lab", QUICK_LAB, "en"))
    _click(page, "lab_go", 3)


@pytest.mark.slow  # over 10 s
def test_no_identifier_on_any_page_in_either_language(app_url, page):
    _train_small_runs(page, app_url)
    problems = []
    for lang in ("en", "zh"):
        for path, params, charts in PAGES:
            _open(page, _url(app_url, path, params, lang), charts)
            assert_no_exception(page)
            if lang == "zh":  # the page really is in Chinese
                assert page.locator(f"{MAIN} h1", has_text=ZH_TITLES[path]).count() == 1, path
            slug = f"words_{(path or 'home').lower()}_{lang}"
            screenshot(page, slug)
            tall_screenshot(page, f"{slug}_full", max_height=4000)
            text, values = _read_every_tab(page)
            hits = found(text, lang)
            if hits:
                problems.append(f"/{path} [{lang}] shows {hits}")
            raw = sorted({v for v in values if v in IDENTIFIERS - MATH_NAMES})
            if raw:
                problems.append(f"/{path} [{lang}] has widget values or legend entries {raw}")
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
