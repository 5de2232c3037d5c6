"""The browser-timing bench runs (quick mode: one fresh server of its own, a few rows), so it cannot rot.
Its figures are the README's table; this test checks that every row was drawn, the first of them Home's
example on a server that has served nothing (its cold start)."""

import math
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))


def test_browser_bench_quick(browser):  # the fixture skips where Debian's chromium is missing
    import bench_browser

    raw = bench_browser.main(["--quick"], browser)
    (run,) = raw["runs"]
    assert {"floor.cold", "floor.url", "cold_home", "url.train", "nav_first.train", "nav_later.train"} <= set(run)
    assert all(math.isfinite(v) and v > 0 for k, v in run.items()), run  # inf: a page never drew its charts
    assert len(raw["default_run_s"]) == 1
