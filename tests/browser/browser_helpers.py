"""Helpers for browser tests: selectors, waiting for a script run, screenshots."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'


def wait_ready(page, selector: str | None = None, timeout: float = 60_000) -> None:
    """Wait until ``selector`` (if given) is on the page and the script has finished running.

    Before the first run the app also reports "notRunning", so pass a selector that only the
    page's own output can satisfy (its title, say) when a page was just opened.
    """
    if selector:
        page.wait_for_selector(selector, timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)


def screenshot(page, name: str) -> Path:
    """Save the viewport as ``tests/artifacts/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def assert_no_exception(page) -> None:
    boxes = page.locator(EXCEPTION)
    assert boxes.count() == 0, boxes.first.inner_text()
