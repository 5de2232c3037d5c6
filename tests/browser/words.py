"""Words, not identifiers: the visible text of a page, read tab by tab in a real browser, checked against the
option identifiers of ``rnn_core.config`` (see ``tests/identifiers.py`` for the few ordinary English words
among them). Used by the English loop of ``test_app_browser.py`` and the Chinese one of
``test_words_browser.py``."""

from __future__ import annotations

from browser_helpers import MAIN

from tests.identifiers import IDENTIFIERS, LABEL_WORDS, MATH_NAMES, found

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
def read_every_tab(page) -> tuple[str, list[str]]:
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


def word_problems(page, where: str, lang: str) -> list[str]:
    """What the page at hand shows that is an identifier rather than a word: in its visible text (code
    blocks aside: the share link carries identifiers on purpose), its widget values and chart legends."""
    text, values = read_every_tab(page)
    problems = []
    if hits := found(text, lang):
        problems.append(f"{where} shows {hits}")
    allowed = MATH_NAMES | (LABEL_WORDS if lang == "en" else frozenset())
    if raw := sorted({v for v in values if v in IDENTIFIERS - allowed}):
        problems.append(f"{where} has widget values or legend entries {raw}")
    return problems
