"""The whole app in a real browser, against this module's own fresh server (the ``app_url`` fixture).

In file order the first request the server ever gets is a direct link to /Data, and every page is first
opened by its own URL, Home last; in any other order each test still holds. What each test checks:

1. every page opened by its URL: no exception, its title, its charts, our navigation, no redirect, and
   on every tab words rather than identifiers (each page in Chinese: ``test_words_browser.py``);
2. Train: click → forecast and loss charts and metrics drawn, timed for the default run;
3. Hidden states and Gradients reached through the sidebar links (which must carry the settings) of a
   non-default run (``SHARE_PARAMS``, trained by a click in the ``share_run`` fixture): the hidden-state
   heatmap and the gradient profile are drawn for that run;
4. the share link of that run, opened in a new browser context: the stored run shows at once,
   pressing Train retrains it in the new session (a progress bar is seen), and the metrics equal
   the first session's; the same config trained twice in this test process with ``rnn_core``
   gives identical metrics that format to the very strings the browser shows, so
   reproducibility does not rest on the server's run store;
5. Compare: the missing cells train by themselves; all three appear in the overlays;
6. Stop after about a second of a long run: the partial-run warning and its charts.
The cold start of Home on a fresh server is the browser bench's first row (``test_bench_browser.py``).

Timings go to ``tests/artifacts/timings.json``; screenshots, with ``RNN_SCREENSHOTS=1``, to
``tests/artifacts/screenshots/``.
"""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_helpers import (
    EXCEPTION,
    MAIN,
    METRIC_VALUE,
    ROOT,
    SIDEBAR,
    assert_no_exception,
    chart_traces,
    metric_values,
    new_page,
    record_timing,
    screenshot,
    tall_screenshot,
    wait_charts,
    wait_ready,
    wait_rerun,
    watch_runs,
)
from words import word_problems

pytestmark = pytest.mark.browser

# URL path, script, title (h1 text without the icon), charts drawn at least on a fresh session
PAGES = [
    ("Data", "pages/1_Data.py", "Data", 3),
    ("Train", "pages/2_Train.py", "Train", 2),
    ("Hidden_states", "pages/3_Hidden_states.py", "Hidden states", 1),
    ("Gradients", "pages/4_Gradients.py", "Gradients", 5),
    ("Compare", "pages/5_Compare.py", "Compare", 3),  # the default LSTM, stored by the Train visit
    ("Long_range_lab", "pages/6_Long_range_lab.py", "Long-range lab", 0),
    ("Learn", "pages/7_Learn.py", "Learn", 1),
    ("Inside_the_cell", "pages/8_Inside_the_cell.py", "Inside the cell", 1),
    ("", "streamlit_app.py", "RNN Playground", 2),  # Home last: no page may ride on its first run
]
SHARE_PARAMS = {"epochs": "80", "patience": "0", "hidden_size": "16"}  # trained by nobody else
MAPE = re.compile(r"^\d+\.\d\d %$")
ONE_STEP, RECURSIVE = "One-step MAPE", "Recursive MAPE"


def _title(page, text: str) -> str:
    return f"{MAIN} h1:has-text('{text}')"


def _open(page, url: str, title: str, charts: int = 0) -> float:
    """Go to ``url``; wait for its title, the end of the run and ``charts`` drawn charts. Seconds.
    An exception box fails at once, with its text."""
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(f"{_title(page, title)}, {EXCEPTION}")
    assert_no_exception(page)
    wait_ready(page, _title(page, title))
    if charts:
        wait_charts(page, charts)
    return time.perf_counter() - t0


def _train_button(page):
    return page.locator(f"{MAIN} .st-key-train button >> visible=true")


def _click_and_wait_run(page, button, charts: int = 2) -> tuple[float, dict]:
    """Click ``button`` and wait for the rerun, ``charts`` drawn charts and the four metrics, with
    no stale element left. Returns the seconds from click to drawn and what ``wait_rerun`` saw."""
    watch_runs(page)
    t0 = time.perf_counter()
    button.click()
    seen = wait_rerun(page)
    wait_charts(page, charts)
    page.wait_for_function(f"""() => document.querySelectorAll('{MAIN} {METRIC_VALUE}').length >= 4
        && !document.querySelector('{MAIN} [data-stale="true"]')""")
    return time.perf_counter() - t0, seen


@pytest.fixture(scope="module")
def share_run(app_url, browser):
    """A run of settings that no one else trains on this server (``SHARE_PARAMS``), trained by a click in
    a session of its own: its metrics, the share link the sidebar shows for it, and that session's page
    (left on the run's Train page; only ``test_hidden_states_and_gradients_via_sidebar`` moves it)."""
    context, p = new_page(browser)
    query = "&".join(f"{k}={v}" for k, v in SHARE_PARAMS.items())
    _open(p, f"{app_url}/Train?{query}", "Train", 2)  # a cheap run: it trains by itself, no click
    p.wait_for_function(f"() => document.querySelectorAll('{MAIN} {METRIC_VALUE}').length >= 4")
    seconds, seen = _click_and_wait_run(p, _train_button(p))
    assert seen["progress"]
    assert_no_exception(p)
    run = {"metrics": metric_values(p), "page": p,
           "share_url": p.locator(f"{SIDEBAR} [data-testid='stCode']").inner_text().strip()}
    print(f"share run ({query}): click → charts drawn in {seconds:.2f} s; metrics {run['metrics']}")
    record_timing("share_run_click_to_charts_s", round(seconds, 2))
    yield run
    context.close()


@pytest.mark.slow  # over 10 s
def test_every_page_opens_first_by_its_url(app_url, page):
    first_visit, problems = {}, []
    for path, script, title, charts in PAGES:
        if not (ROOT / script).is_file():
            continue
        first_visit[path or "Home"] = round(_open(page, f"{app_url}/{path}", title, charts), 2)
        assert_no_exception(page)
        assert page.locator(_title(page, title)).count() == 1
        assert urlsplit(page.url).path == f"/{path}"  # no redirect to Home
        assert page.locator(f"{SIDEBAR} a", has_text="Learn").count() == 1  # our navigation is drawn
        slug = (path or "home").lower()
        screenshot(page, f"page_{slug}")
        tall_screenshot(page, f"page_{slug}_full")
        problems += word_problems(page, f"/{path} [en]", "en")  # words, not identifiers, on every tab
    assert not problems, "\n".join(problems)
    print("first visit of each page (s):", first_visit)
    record_timing("first_visit_by_url_s", first_visit)


@pytest.mark.slow  # over 10 s
def test_train_click_draws_charts(app_url, page):
    p = page
    _open(p, f"{app_url}/Train", "Train", 2)  # the default run: the shipped one, or stored after test 1
    shown = metric_values(p)
    seconds, seen = _click_and_wait_run(p, _train_button(p))
    assert seen["progress"], "no progress bar: the click did not train"
    assert_no_exception(p)
    metrics = metric_values(p)
    assert MAPE.match(metrics[ONE_STEP]), metrics
    assert MAPE.match(metrics[RECURSIVE]), metrics
    # the press trained the defaults afresh on this server and got exactly the run shown before it
    assert (metrics[ONE_STEP], metrics[RECURSIVE]) == (shown[ONE_STEP], shown[RECURSIVE]), (shown, metrics)
    print(f"default run: click → charts drawn in {seconds:.2f} s; metrics {metrics}")
    timings = {"default": round(seconds, 2)}
    screenshot(p, "train")
    tall_screenshot(p, "train_full")
    record_timing("train_click_to_charts_s", timings)


def test_hidden_states_and_gradients_via_sidebar(share_run):
    p = share_run["page"]  # on the Train page of the share run
    p.locator(f"{SIDEBAR} a", has_text="Hidden states").click()
    wait_ready(p, _title(p, "Hidden states"))
    wait_charts(p, 1)
    assert_no_exception(p)
    params = parse_qs(urlsplit(p.url).query)
    assert {k: v[0] for k, v in params.items()} == SHARE_PARAMS  # the link carried the settings
    assert set(chart_traces(p)[0]) == {"heatmap"}
    rows = p.evaluate(f"""() => document.querySelector('{MAIN} .js-plotly-plot').calcdata
        .map(c => [c[0].z.length, c[0].z[0].length])""")
    assert rows == [[16, 12]] * 4, rows  # ... and it is that run: h and c of 2 layers, 16 units × T = 12
    assert p.locator(f"{MAIN} .js-plotly-plot .heatmaplayer").first.is_visible()
    screenshot(p, "hidden_states")
    tall_screenshot(p, "hidden_states_full")

    p.locator(f"{SIDEBAR} a", has_text="Gradients").click()
    wait_ready(p, _title(p, "Gradients"))
    wait_charts(p, 3)
    assert_no_exception(p)
    assert {k: v[0] for k, v in parse_qs(urlsplit(p.url).query).items()} == SHARE_PARAMS
    profile = p.evaluate(f"""() => {{ const e = document.querySelector('{MAIN} .js-plotly-plot');
        return {{title: e.layout.title.text, traces: e._fullData.map(t => [t.name, t._length])}}; }}""")
    assert "∂L/∂h" in profile["title"], profile
    layers = [y for name, y in profile["traces"] if name.startswith("layer")]
    assert len(layers) == 2 and all(n == 12 for n in layers), profile  # 2 layers × T = seq_len = 12
    screenshot(p, "gradients")
    tall_screenshot(p, "gradients_full")


@pytest.mark.slow  # over 10 s
def test_share_link_reproduces_the_run(browser, share_run):
    url, first = share_run["share_url"], share_run["metrics"]
    assert urlsplit(url).path == "/Train"
    assert {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()} == SHARE_PARAMS

    context, p = new_page(browser)  # a new session, no cookies
    try:
        _open(p, url, "Train", 2)
        p.wait_for_selector(f"{MAIN} {METRIC_VALUE}")
        stored = metric_values(p)  # the server's stored run of these settings, shown at once
        assert stored[ONE_STEP] == first[ONE_STEP] and stored[RECURSIVE] == first[RECURSIVE]
        _click_and_wait_run(p, _train_button(p))
        p.wait_for_function(f"""(before) => Array.from(document.querySelectorAll('{MAIN} {METRIC_VALUE}'))
            .map(e => e.innerText).join('|') !== before""", arg="|".join(stored.values()), timeout=120_000)
        again = metric_values(p)  # this session's own run: lookup_run() prefers it over the store
        assert again["Training time"] != stored["Training time"], "Train did not retrain in the new session"
        assert_no_exception(p)
        screenshot(p, "train_share")
    finally:
        context.close()
    assert (again[ONE_STEP], again[RECURSIVE]) == (first[ONE_STEP], first[RECURSIVE])
    assert again["Best / epochs"] == first["Best / epochs"]

    # Reproducibility without any server cache: train the config twice in this process.
    from rnn_core.config import RunConfig
    from rnn_core.engine.train import train

    cfg = RunConfig().replace(**{k: int(v) for k, v in SHARE_PARAMS.items()})
    a, b = train(cfg), train(cfg)
    assert a.metrics["model"] == b.metrics["model"]
    assert a.history["val_loss"] == b.history["val_loss"]
    assert f"{a.metrics['model']['one_step']['mape']:.2f} %" == first[ONE_STEP]
    assert f"{a.metrics['model']['recursive']['mape']:.2f} %" == first[RECURSIVE]


def test_compare_trains_the_three_cells(app_url, page):
    """The default data with three small cells: the missing ones train by themselves, no click needed."""
    t0 = time.perf_counter()
    _open(page, f"{app_url}/Compare", "Compare")
    wait_charts(page, 3, timeout=120_000)
    page.wait_for_function(f"() => !document.querySelector('{MAIN} [data-stale=\"true\"]')")
    seconds = time.perf_counter() - t0
    assert_no_exception(page)
    assert page.locator(f"{MAIN} [data-testid='stAlert']", has_text="Not trained yet").count() == 0
    overlay = page.evaluate(f"""() => Array.from(document.querySelectorAll('{MAIN} .js-plotly-plot'))
        .map(e => e.data.map(t => t.name).join('|'))""")
    assert all(c in overlay[0] for c in ("RNN", "LSTM", "GRU")), overlay  # the loss overlay
    assert all(c in overlay[1] for c in ("RNN", "LSTM", "GRU")), overlay  # the gradient profiles
    print(f"compare (the cells not stored yet trained by themselves): open → charts drawn in {seconds:.2f} s")
    record_timing("compare_open_to_charts_s", round(seconds, 2))
    page.mouse.move(0, 0)
    screenshot(page, "compare")
    tall_screenshot(page, "compare_full")


def test_stop_keeps_the_partial_run(app_url, page):
    _open(page, f"{app_url}/Train?epochs=3000&patience=0&time_budget=60&hidden_size=128", "Train")
    page.wait_for_selector(f"{MAIN} .st-key-flow_banner")  # a large run waits for the click
    watch_runs(page)
    _train_button(page).click()
    # Stop once an epoch has finished (the bar names epoch 2 or later), so a partial run exists on any machine
    page.locator(f"{MAIN} [data-testid='stProgress']", has_text=re.compile(r"epoch ([2-9]|\d\d+)/3000")).wait_for(
        timeout=60_000)
    page.locator(f"{MAIN} .st-key-stop button >> visible=true").click()
    # a Stop lands between epochs ("after N epochs") or within one ("during epoch N"): both keep the best epoch
    stopped = re.compile(r"Stopped (after (\d+) epochs|during epoch (\d+)); the partial run is kept \(best epoch "
                         r"(\d+)\)")
    alert = page.locator(f"{MAIN} [data-testid='stAlert']", has_text=stopped)
    alert.wait_for(timeout=30_000)
    wait_ready(page)
    wait_charts(page, 2)
    assert_no_exception(page)
    found = stopped.search(alert.inner_text())
    epochs, best = int(found.group(2) or found.group(3)), int(found.group(4))
    assert 0 < best <= epochs < 3000, found.group(0)
    assert page.locator(f"{MAIN} [data-testid='stProgress']").count() == 0
    print(f"stopped after {epochs} epochs")
    page.mouse.move(0, 0)  # no Stop tooltip (it shows on hover and on focus) in the picture
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stTooltipContent\"]')", timeout=3000)
    screenshot(page, "train_stopped")
