"""Screenshots of every page at 1280×800, in English and Chinese, from a fresh server: the way to compare
what users see before and after a change (the test suite takes screenshots only where a test needs one).

    .venv/bin/python scripts/screenshots.py OUT_DIR [--pages home,train] [--langs en,zh] [--tall] [--query a=1&b=2]

Each page is opened by URL and shot once its script has finished and its charts have drawn; ``--tall``
shoots the whole main area (up to 2,400 px) instead of the first screen; ``--query`` adds settings to every link
(``--query "cmp_by=direction&task=denoise"``) and ``--suffix`` to every file name.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_helpers import CHROMIUM_ARGS, MAIN, VIEWPORT, serve, wait_ready  # noqa: E402

PAGES = {"home": "", "data": "Data", "train": "Train", "hidden": "Hidden_states", "gradients": "Gradients",
         "compare": "Compare", "lab": "Long_range_lab", "learn": "Learn", "inside": "Inside_the_cell",
         "names": "Names", "generate": "Generate_names", "dates": "Translate_dates"}
SETTLE_MS = 1500  # plotly draws after the script has finished


def shoot(page, url: str, path: Path, tall: bool) -> None:
    page.goto(url)
    wait_ready(page, '[data-testid="stMainBlockContainer"] h1', timeout=180_000)
    page.wait_for_timeout(SETTLE_MS)
    wait_ready(page, timeout=180_000)
    if tall:
        height = page.evaluate(f"() => document.querySelector('{MAIN}').scrollHeight")
        page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, VIEWPORT["height"]), 2400)})
        page.wait_for_timeout(700)
    page.screenshot(path=str(path))
    page.set_viewport_size(VIEWPORT)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--langs", default="en,zh")
    ap.add_argument("--tall", action="store_true")
    ap.add_argument("--query", default="")
    ap.add_argument("--suffix", default="")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with serve("screenshots-server.log") as (url, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        for lang in args.langs.split(","):
            for name in args.pages.split(","):
                path = args.out / f"{name}{args.suffix}_{lang}.png"
                query = f"&{args.query}" if args.query else ""
                shoot(page, f"{url}/{PAGES[name]}?lang={lang}{query}", path, args.tall)
                print(path, flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
