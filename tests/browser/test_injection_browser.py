"""A stranger's link cannot put a live link or a remote image on any page, in either language.

Every page is opened with a payload in every parameter it reads (each setting of the run and of the lab,
the Inside-the-cell controls, ``hide`` and ``lang``): Markdown links and images, a bare address, a ``www.``
address, a mail address and an HTML image tag. The refused values are echoed in the pages' warnings (as
code), and the DOM must hold no ``a`` or ``img`` pointing at the payloads' host. The payloads rotate over
the parameters from page to page, so each parameter carries each payload on some page, and every page load
carries all of them. The pages alternate between English (a payload for ``lang``, the settings open) and
Chinese (the settings locked by ``hide``, which report refused values too). Uploaded CSV files bring the
same payloads in their name, header and cells, which the Data page's messages name.
"""

from __future__ import annotations

from dataclasses import fields
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import pytest
from browser_helpers import EXCEPTION, MAIN, SIDEBAR, assert_no_exception, wait_ready, wait_rerun, watch_runs

from rnn_core.config import PARTS, LabConfig

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOST = "evil.example"
PAYLOADS = [f"[x](https://{HOST}/login)", f"https://{HOST}/a", f"<img src=https://{HOST}/i.png>",
            f"![i](https://{HOST}/i.png)", f"www.{HOST}", f"a@{HOST}"]
RUN_FIELDS = [f.name for _, cls in PARTS for f in fields(cls)]
INSIDE = ["in_view", "in_t", "in_sample", "in_out", "in_signed", "in_rho", "in_layer", "in_play"]
PARAMS = RUN_FIELDS + [f.name for f in fields(LabConfig)] + INSIDE + ["hide"]
# URL path; whether the page shows the run settings (and so echoes the refused values)
PAGES = [("", False), ("Data", True), ("Train", True), ("Hidden_states", True), ("Gradients", True),
         ("Compare", True), ("Long_range_lab", True), ("Learn", False), ("Inside_the_cell", True),
         ("Names", False)]
# The app's own page links carry the link's parameters, URL-encoded: they stay on this server. A live
# link is one that leads to the payloads' host (a web or mailto address).
FOUND = f"""() => {{
  const away = u => {{ const url = new URL(u, location.href);
                      return url.hostname.endsWith('{HOST}') || url.pathname.includes('@{HOST}'); }};
  return {{
    links: Array.from(document.querySelectorAll('a[href*="{HOST}"]')).filter(a => away(a.getAttribute('href')))
        .map(a => a.outerHTML.slice(0, 160)),
    images: Array.from(document.querySelectorAll('img[src*="{HOST}"]')).map(i => i.outerHTML.slice(0, 160)),
    echoed: Array.from(document.querySelectorAll('[data-testid="stAlert"] code'))
        .filter(c => c.textContent.includes('{HOST}')).length,
  }};
}}"""


def _query(offset: int, lang: str) -> dict[str, str]:
    query = {name: PAYLOADS[(i + offset) % len(PAYLOADS)] for i, name in enumerate(PARAMS)}
    if lang == "en":
        query["lang"] = PAYLOADS[offset % len(PAYLOADS)]  # not a language: the page falls back to English
    else:
        query["lang"] = lang
        query["hide"] = ",".join(RUN_FIELDS)  # locked settings report refused values too
    return query


def test_no_payload_becomes_a_link_or_an_image_on_any_page(app_url, page):
    problems, echoed = [], {}
    for k, (path, settings) in enumerate(PAGES):
        for lang in ("zh",) if k % 2 else ("en",):  # each language on every other page
            page.goto(f"{app_url}/{path}?{urlencode(_query(k, lang))}")  # offsets 0-9: every payload, every field
            page.wait_for_selector(f"{MAIN} h1, {EXCEPTION}", timeout=120_000)
            assert_no_exception(page)
            wait_ready(page, f"{MAIN} h1", timeout=180_000)
            assert_no_exception(page)
            found = page.evaluate(FOUND)
            if found["links"] or found["images"]:
                problems.append((path or "Home", lang, found["links"], found["images"]))
            echoed[(path or "Home", lang)] = found["echoed"]
            if settings and not found["echoed"]:
                problems.append((path or "Home", lang, "no refused value shown as code"))
    assert not problems, problems
    print("refused values shown as code per page:", echoed)


def _upload(page, name: str, content: bytes, icon: str) -> dict:
    """Upload a CSV on the Data page and wait for the rerun that answers it with an alert (``icon``: its
    Material icon's name); the DOM findings and the alerts' text."""
    watch_runs(page)
    page.locator(f'{MAIN} [data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content})
    wait_rerun(page)
    page.locator(f'{MAIN} [data-testid="stAlert"]', has_text=icon).first.wait_for(timeout=60_000)
    wait_ready(page)
    assert_no_exception(page)
    text = "\n".join(page.locator(f'{MAIN} [data-testid="stAlert"]').all_inner_texts())
    return {**page.evaluate(FOUND), "text": text.replace("\u2060", "")}


def test_uploaded_names_headers_and_cells_never_become_links(app_url, page):
    page.goto(f"{app_url}/Data")
    wait_ready(page, f"{MAIN} h1", timeout=120_000)
    page.locator(f'{MAIN} [data-testid="stExpander"] summary').first.click()  # "Use your own series (CSV)"
    bad = (f"month,https://{HOST}/a\n" + "".join(f"{i},{i}.5\n" for i in range(30)) + f"31,www.{HOST}\n").encode()
    found = _upload(page, f"a@{HOST}.csv", bad, "error")
    assert f"'www.{HOST}' in 'https://{HOST}/a'" in found["text"], found["text"]  # named, as text
    assert not found["links"] and not found["images"], found
    good = (f"month,![i](https://{HOST}/i.png)\n" + "".join(f"{i},{i}.5\n" for i in range(40))).encode()
    found = _upload(page, f"www.{HOST}.csv", good, "check_circle")
    assert f"www.{HOST}.csv" in found["text"], found["text"]  # the file name, as code
    assert not found["links"] and not found["images"], found


def test_a_monthly_upload_gets_its_season_and_the_caption_names_only_what_ran(app_url, page):
    page.goto(f"{app_url}/Data")
    wait_ready(page, f"{MAIN} h1", timeout=120_000)
    page.locator(f'{MAIN} [data-testid="stExpander"] summary').first.click()
    months = pd.date_range("2010-01-01", periods=120, freq="MS")
    rows = "".join(f"{d:%Y-%m-%d},{100 + 10 * np.sin(2 * np.pi * k / 12) + k:.2f}\n" for k, d in enumerate(months))
    found = _upload(page, "monthly.csv", ("date,sales\n" + rows).encode(), "check_circle")
    assert "a season of 12 steps" in found["text"], found["text"]
    period = page.locator(f'{SIDEBAR} .st-key-period input').first.input_value()
    assert float(period) == 12, period  # shown, and set from the dates
    page.locator(f'{SIDEBAR} a[data-testid="stPageLink-NavLink"][href^="Train"]').first.click()
    wait_ready(page, f"{MAIN} h1:has-text('Train')", timeout=120_000)
    page.locator(f"{MAIN} [data-testid='stCaptionContainer']", has_text="Errors on the last").first.wait_for(
        timeout=120_000)
    caption = page.locator(f"{MAIN} [data-testid='stCaptionContainer']", has_text="Errors on the last").inner_text()
    assert "one season (12 steps) ago" in caption and "(0,1,1)(0,1,1)₁₂" in caption, caption
