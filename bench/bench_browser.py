"""Browser timings of the playground, the way a visitor meets them: a fresh server, Chromium at 1280×800.

Each repetition starts its own servers and measures, in this order:
- the floor: a bare Streamlit page with two tiny plotly charts (``bench/floor_app.py``) on a server of its own,
  cold and then by URL; every row below is also given as a ratio to it (a cold row to the cold floor);
- cold Home: the first request of a fresh server until Home's two charts are drawn;
- first load by URL (the server warm, the browser holding the app's files): each page until its charts are drawn;
- sidebar navigation from Home: the first visit of a page, then later visits (back and forth);
- Names, first visit;
- a shared link whose run is not stored (`/Train?cell=gru&dataset=sine`) until its charts are drawn (not in
  quick mode).
A page counts as drawn when its script has finished and every visible plotly chart on it has data and its SVG.
Prints the median of the repetitions as the README's table (Markdown); ``--json`` writes the raw figures.

    PYTHONPATH=. .venv/bin/python bench/bench_browser.py            # 3 repetitions, every row
    PYTHONPATH=. .venv/bin/python bench/bench_browser.py --quick    # 1 repetition, a few rows (the suite)
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import load_test  # noqa: E402

from rnn_core.config import RunConfig  # noqa: E402
from ui.text.catalog import TEXT  # noqa: E402

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# page key -> (path, charts it draws for the default settings at least)
PAGES = {"floor": ("", 2), "home": ("", 2), "train": ("Train", 2), "hidden": ("Hidden_states", 1),
         "gradients": ("Gradients", 1), "inside": ("Inside_the_cell", 1), "compare": ("Compare", 1),
         "learn": ("Learn", 1), "names": ("Names", 1)}
URL_PAGES = ("train", "hidden", "gradients", "inside", "compare", "learn")
NAV_PAGES = ("train", "hidden", "compare")
LINK = "Train?cell=gru&dataset=sine"  # a run no server has stored: it trains on open
# the targets, as ratios to the floor measured in the same run (a later navigation: seconds)
RATIO_TARGETS = {"cold_home": 1.5, "url": 1.5, "nav_first": 1.5, "nav_later": "≤ 0.5 s", "names": 1.5, "link": 2.0,
                 "train": "≤ 1 s"}

_DRAWN = """([n]) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stMain"] [data-testid="stProgress"]')) return false;
    const plots = Array.from(document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot'))
        .filter(e => e.offsetParent !== null);  // charts in hidden tabs draw when their tab opens
    const drawn = plots.filter(e => e.querySelector('.main-svg'));  // a diagram of shapes has no traces
    return drawn.length === plots.length && drawn.filter(e => (e.data || []).length).length >= n;
}"""


def _title(key: str) -> str:
    if key == "floor":
        return "Floor"
    return TEXT["app.name" if key == "home" else f"nav.{key}"]["en"]


def wait_drawn(page, key: str, timeout_ms: float = 120_000) -> None:
    """Until ``key``'s title is shown, its script has finished, and all its charts are drawn."""
    page.wait_for_selector(f'[data-testid="stMain"] h1:has-text("{_title(key)}")', timeout=timeout_ms)
    page.wait_for_function(_DRAWN, arg=[PAGES[key][1]], timeout=timeout_ms, polling=20)


def timed(action, page, key: str, timeout_s: float = 60) -> float:
    """Seconds from ``action`` until ``key`` is drawn; inf when it is not drawn within ``timeout_s``
    (a page that waits for a click, say)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    start = time.perf_counter()
    action()
    try:
        wait_drawn(page, key, timeout_s * 1000)
    except PlaywrightTimeout:
        return float("inf")
    return time.perf_counter() - start


def floor_server(browser) -> dict:
    """The bare Streamlit + plotly page (``bench/floor_app.py``) on a fresh server of its own: its cold first
    request, and a later load by URL (a new session, the browser holding Streamlit's files)."""
    port = load_test.free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(ROOT / "tests" / "artifacts" / "bench-browser-floor.log", "w")  # noqa: SIM115 - closed below
    proc = load_test.start_server(port, log, script="bench/floor_app.py")
    out: dict = {}
    try:
        ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
        page = ctx.new_page()
        out["floor.cold"] = timed(lambda: page.goto(url + "/"), page, "floor")
        out["floor.url"] = timed(lambda: page.goto(url + "/"), page, "floor")
        ctx.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
    return out


def one_server(browser, quick: bool) -> dict:
    """Every row's figure on one fresh server."""
    port = load_test.free_port()
    url = f"http://127.0.0.1:{port}"
    (ROOT / "tests" / "artifacts").mkdir(parents=True, exist_ok=True)
    out: dict = floor_server(browser)  # measured side by side with the app, on the same machine at the same time
    log = open(ROOT / "tests" / "artifacts" / "bench-browser-server.log", "w")  # noqa: SIM115 - closed below
    launched = time.perf_counter()
    proc = load_test.start_server(port, log)
    out["health"] = time.perf_counter() - launched
    try:
        def tab():
            ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
            return ctx, ctx.new_page()

        ctx, page = tab()
        out["cold_home"] = timed(lambda: page.goto(url + "/"), page, "home")
        ctx.close()
        ctx, page = tab()  # a visitor who has the app's files cached: each load is a new session
        page.goto(url + "/")
        wait_drawn(page, "home")
        for key in URL_PAGES[:1] if quick else URL_PAGES:
            out[f"url.{key}"] = timed(lambda k=key, p=page: p.goto(f"{url}/{PAGES[k][0]}"), page, key)
        if not quick:
            out["names"] = timed(lambda: page.goto(f"{url}/Names"), page, "names")
        ctx.close()
        ctx, page = tab()
        page.goto(url + "/")
        wait_drawn(page, "home")
        nav = NAV_PAGES[:1] if quick else NAV_PAGES
        for key in nav:
            out[f"nav_first.{key}"] = timed(lambda k=key: _click_nav(page, k), page, key)
            out[f"nav_later.home_after_{key}"] = timed(lambda: _click_nav(page, "home"), page, "home")
        for key in nav:
            out[f"nav_later.{key}"] = timed(lambda k=key: _click_nav(page, k), page, key)
        ctx.close()
        if not quick:  # a link that trains on open: tests/browser/test_links_browser.py opens such links
            ctx, page = tab()  # a stranger's first visit: nothing cached
            out["link"] = timed(lambda: page.goto(f"{url}/{LINK}"), page, "train")
            ctx.close()
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5):
            out["rss_mb"] = load_test.rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
    return out


def _click_nav(page, key: str) -> None:
    href = PAGES[key][0]
    page.locator(f'[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"][href="{href}"]').first.click()


def default_run_seconds(repeats: int) -> list[float]:
    """Wall time of the default run to its early stop, in this process (one torch thread)."""
    import torch

    from rnn_core.engine.train import train, warm_up

    torch.set_num_threads(1)
    warm_up()
    return [train(RunConfig(), baselines=False).elapsed for _ in range(repeats)]


def table(runs: list[dict], train_s: list[float]) -> str:
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    rows = [("cold server → Home's example drawn", [med["cold_home"]], "cold_home",
             f"(server healthy after {med['health']:.1f} s)")]
    url = [k for k in URL_PAGES if f"url.{k}" in med]
    rows.append(("first load by URL: " + " · ".join(_title(k) for k in url), [med[f"url.{k}"] for k in url], "url", ""))
    nav = [k for k in NAV_PAGES if f"nav_first.{k}" in med]
    rows.append(("sidebar navigation, first visit: " + " · ".join(_title(k) for k in nav),
                 [med[f"nav_first.{k}"] for k in nav], "nav_first", ""))
    later = [v for k, v in med.items() if k.startswith("nav_later.")]
    rows.append(("sidebar navigation, later visits", [min(later), max(later)], "nav_later", "(range)"))
    if "names" in med:
        rows.append(("Names, first visit", [med["names"]], "names", ""))
    if "link" in med:
        rows.append((f"a link not trained yet (`/{LINK}`) → charts drawn", [med["link"]], "link", ""))
    rows.append(("default LSTM 2×32 airline run, seed 0, to its early stop", [statistics.median(train_s)],
                 "train", ""))
    # a cold row (a cold server, or a browser holding nothing) against the cold floor, a warm one against the warm
    floor = {"cold_home": med["floor.cold"], "link": med["floor.cold"]}
    rows.insert(0, ("bare Streamlit page with two tiny plotly charts, cold · by URL (the floor)",
                    [med["floor.cold"], med["floor.url"]], "floor", ""))
    lines = ["| measure | measured s | × the floor | target |", "|---|---|---|---|"]
    for name, values, target, note in rows:
        shown = " – ".join if note == "(range)" else " · ".join
        base = floor.get(target, med["floor.url"])
        ratio = "–" if target in ("floor", "train") else shown(f"{v / base:.1f}×" for v in values)
        goal = RATIO_TARGETS.get(target)
        goal = f"≤ {goal}×" if isinstance(goal, float) else goal or "–"
        lines.append(f"| {name} {note if note != '(range)' else ''}".rstrip() +
                     f" | {shown(f'{v:.2f}' for v in values)} | {ratio} | {goal} |")
    lines.append(f"\nmedian of {len(runs)} fresh servers; server RSS after these visits "
                 f"{statistics.median(r['rss_mb'] for r in runs):.0f} MB")
    return "\n".join(lines)


def main(argv=None, browser=None) -> dict:
    """``browser``: a Playwright Chromium to use (a test's); else one is launched here."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one server, a few rows: seconds, for the test suite")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write the raw figures here")
    args = ap.parse_args(argv)
    repeats = 1 if args.quick else args.repeats
    if browser is not None:
        runs = [one_server(browser, args.quick) for _ in range(repeats)]
    else:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            runs = [one_server(browser, args.quick) for _ in range(repeats)]
            browser.close()
    train_s = default_run_seconds(1 if args.quick else 3)
    print(table(runs, train_s))
    raw = {"runs": runs, "default_run_s": train_s}
    if args.json:
        args.json.write_text(json.dumps(raw, indent=2) + "\n")
    return raw


if __name__ == "__main__":
    main()
