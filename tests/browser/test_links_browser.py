"""Links and settings changes never leave a page empty, on a server that never trained the run.

1. every page opened by a share link as a session's first request, each with a config nobody trained on
   this server (a seed of its own): charts, no banner, no exception; on Gradients and Hidden states the
   drawn numbers equal the same config trained in this test process, and so do the Train page's metrics;
2. a classroom link (``hide=``) as the first request: charts, and the lock caption names the values;
3. changing cell, layers and hidden size in the sidebar: at every moment some chart is on the page (the
   previous run, dimmed, or the new one), never an empty page.

Each synthetic series picked with default settings trains without an error box: ``tests/test_pages.py``
(AppTest; no browser needed).
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlencode

import numpy as np
import pytest
from browser_helpers import (
    EXCEPTION,
    MAIN,
    METRIC_VALUE,
    SIDEBAR,
    assert_no_exception,
    metric_values,
    new_page,
    record_timing,
    screenshot,
    serve,
    wait_charts,
    wait_ready,
)

pytestmark = pytest.mark.browser

LINK = {"cell": "gru", "num_layers": "1", "hidden_size": "16", "epochs": "60", "patience": "0"}
# URL path, title, charts a fresh link draws at least
PAGES = [("Train", "Train", 2), ("Hidden_states", "Hidden states", 1), ("Gradients", "Gradients", 3),
         ("Compare", "Compare", 3), ("Data", "Data", 3)]


@pytest.fixture(scope="module")
def fresh_url():
    with serve("streamlit-links.log") as (url, _):
        yield url


def _config(seed: int):
    from rnn_core.config import RunConfig

    return RunConfig.from_params({**LINK, "seed": str(seed)})


def _reference(seed: int):
    """The link's run trained in this process, and the traces its pages draw."""
    from rnn_core.engine.instrument import trace
    from rnn_core.engine.train import train

    res = train(_config(seed), baselines=False)
    d = res.data
    return res, trace(res.model, d.x_train[:128], d.y_train[:128]), trace(res.model, d.x_test[:1], d.y_test[:1])


def _goto(page, url: str, title: str, charts: int) -> float:
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(f"{MAIN} h1:has-text('{title}'), {EXCEPTION}")
    assert_no_exception(page)
    wait_ready(page, f"{MAIN} h1:has-text('{title}')", timeout=120_000)
    wait_charts(page, charts, timeout=120_000)
    return time.perf_counter() - t0


def _series(page, index: int) -> list[np.ndarray]:
    """The y values of every trace of chart ``index`` in the main area."""
    ys = page.evaluate(f"""() => document.querySelectorAll('{MAIN} .js-plotly-plot')[{index}].calcdata
        .map(c => c.map(p => p.y))""")
    return [np.array(y, dtype=float) for y in ys]


def _heatmap(page, index: int = 0) -> np.ndarray:
    z = page.evaluate(f"""() => document.querySelectorAll('{MAIN} .js-plotly-plot')[{index}].calcdata[0][0].z""")
    return np.array(z, dtype=float)


# Links whose runs take seconds but fit a light training slot: each trains on open, no click
LIGHT_LINKS = [("Train?cell=gru&dataset=sine", "Train", 2), ("Gradients?cell=lstm&hidden_size=64", "Gradients", 3),
               ("Hidden_states?cell=gru&num_layers=3&hidden_size=64", "Hidden states", 1)]


@pytest.mark.slow  # over 10 s
def test_links_that_take_seconds_train_on_open_as_a_fresh_servers_first_requests(browser, fresh_url):
    """First in this module: these are the fresh server's first requests. One browser context holds the
    app's own files after the first link; each link is a page load of its own, so a new Streamlit session
    whose first request it is."""
    context, p = new_page(browser)
    try:
        for path, title, charts in LIGHT_LINKS:
            seconds = _goto(p, f"{fresh_url}/{path}", title, charts)
            assert p.locator(f"{MAIN} .st-key-flow_banner").count() == 0
            assert p.locator(f"{MAIN} [data-testid='stAlertContentError']").count() == 0
            record_timing(f"light_link_{path.split('?')[0].lower()}_s", round(seconds, 2))
            if path.startswith("Train"):
                assert len(metric_values(p)) >= 2
                screenshot(p, "link_trains_on_open")
    finally:
        context.close()


@pytest.mark.slow  # over 10 s
def test_a_share_link_is_a_sessions_first_request_on_every_page(browser, fresh_url):
    seconds = {}
    context, p = new_page(browser)  # each link a page load of its own: a new session
    try:
        for seed, (path, title, charts) in enumerate(PAGES, start=20):
            seconds[path] = round(_goto(p, f"{fresh_url}/{path}?{urlencode({**LINK, 'seed': seed})}", title, charts), 2)
            assert p.locator(f"{MAIN} .st-key-flow_banner").count() == 0
            assert p.locator(f"{MAIN} [data-testid='stAlert']", has_text="Nothing trained").count() == 0
            if path == "Gradients":
                _, batch, _ = _reference(seed)
                (profile,) = [y for y in _series(p, 0) if len(y) == batch.grad_norms.shape[1]][:1]
                np.testing.assert_allclose(profile, batch.grad_norms[0], rtol=1e-3)
                screenshot(p, "link_gradients")
            if path == "Hidden_states":
                _, _, window = _reference(seed)
                np.testing.assert_allclose(_heatmap(p), window.hiddens[0, 0].T, rtol=1e-3, atol=1e-5)
                screenshot(p, "link_hidden_states")
            if path == "Train":
                res, _, _ = _reference(seed)
                p.wait_for_function(f"() => document.querySelectorAll('{MAIN} {METRIC_VALUE}').length >= 4")
                shown = metric_values(p)
                assert shown["One-step MAPE"] == f"{res.metrics['model']['one_step']['mape']:.2f} %", shown
                assert shown["Recursive MAPE"] == f"{res.metrics['model']['recursive']['mape']:.2f} %", shown
    finally:
        context.close()
    print("share link as first request → charts (s):", seconds)
    record_timing("share_link_first_request_s", seconds)


def test_a_classroom_link_is_a_sessions_first_request(browser, fresh_url):
    context, p = new_page(browser)
    try:
        query = urlencode({**LINK, "seed": 40, "hide": "cell,hidden_size"})
        _goto(p, f"{fresh_url}/Hidden_states?{query}", "Hidden states", 1)
        caption = p.locator(SIDEBAR).inner_text()
        assert "GRU" in caption or "gru" in caption and "16" in caption, caption
        assert p.locator(f"{SIDEBAR} .st-key-cell").count() == 0  # locked: not drawn
        screenshot(p, "link_classroom")
    finally:
        context.close()


def test_a_link_naming_an_uploaded_series_says_so_to_its_recipient(browser, fresh_url):
    context, p = new_page(browser)
    try:
        for lang, words in (("zh", "这个链接指向一个上传的序列"),):  # the en words: tests/test_pages.py
            _goto(p, f"{fresh_url}/Train?dataset=csv&lang={lang}", "训练" if lang == "zh" else "Train", 2)
            notice = p.locator(f"{MAIN} [data-testid='stAlert']").all_inner_texts()
            assert any(words in n for n in notice), notice
            assert any(("Airline passengers" if lang == "en" else "航空") in n for n in notice), notice
        screenshot(p, "link_csv_notice")
    finally:
        context.close()


def _pick(page, key: str, option: str) -> None:
    """Choose ``option`` (its visible label) in the sidebar widget of ``key``."""
    page.locator(f"{SIDEBAR} .st-key-{key} input[role='combobox']").click()
    page.get_by_role("option", name=re.compile(f"^{re.escape(option)}$", re.IGNORECASE)).click()


def _never_empty_during(page, seconds: float) -> int:
    """Poll the main area for ``seconds``: fail if it ever holds no chart; return the polls made."""
    polls, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        charts = page.locator(f"{MAIN} .js-plotly-plot").count()
        assert charts >= 1, "the page went blank after a settings change"
        polls += 1
        page.wait_for_timeout(50)
    return polls


@pytest.mark.slow  # over 10 s
def test_settings_changes_never_blank_the_page(browser, fresh_url):
    context, p = new_page(browser)
    try:
        _goto(p, f"{fresh_url}/Hidden_states", "Hidden states", 1)
        _pick(p, "cell", "GRU")
        _never_empty_during(p, 1.5)
        wait_ready(p, timeout=120_000)
        wait_charts(p, 1)
        p.locator(f"{SIDEBAR} .st-key-num_layers input[type='range']").press("ArrowLeft")
        _never_empty_during(p, 1.5)
        wait_ready(p, timeout=120_000)
        p.locator(f"{SIDEBAR} .st-key-hidden_size input[type='range']").press("ArrowRight")
        _never_empty_during(p, 1.5)
        wait_ready(p, timeout=120_000)
        wait_charts(p, 1)
        assert_no_exception(p)
        screenshot(p, "settings_changed")
    finally:
        context.close()
