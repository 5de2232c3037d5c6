"""Untrusted text renders literally: in the helpers, in every URL field's message and in CSV messages.

In a browser, with every page and parameter: tests/browser/test_injection_browser.py."""

import re
import string

import pytest
from streamlit.testing.v1 import AppTest

from rnn_core.config import PARTS
from rnn_core.data.csv_series import SeveralColumns, load_csv
from ui.text.safe import code, plain, short

PAYLOADS = ["[Session expired - sign in again](https://evil.example/login)", "![t](https://evil.example/x.png)",
            "<img src=x onerror=alert(1)>", "**bold** _it_ `code` # head", "$x^2$ :material/home: :smile:",
            "line\nbreak\r\n- item\u202egnp.exe", "www.evil.example user@evil.example"]
PUNCT = "[" + re.escape(string.punctuation) + "]"


def _unescape(md: str) -> str:
    return re.sub(r"\\(" + PUNCT + ")", r"\1", md).replace("\u2060", "")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plain_escapes_every_markdown_and_html_character_and_keeps_the_text(payload):
    md = plain(payload, 200)
    # CommonMark renders a backslash-escaped ASCII punctuation character as that character, so with
    # no punctuation left unescaped nothing can form a link, an image, a tag or emphasis
    assert not re.search(PUNCT, re.sub(r"\\" + PUNCT, "", md)), md
    assert _unescape(md) == short(payload, 200)
    assert "\n" not in md and "\u202e" not in md


@pytest.mark.parametrize(("text", "address"), [("go to https://evil.example/a now", "https://"),
                                               ("HTTP://EVIL.EXAMPLE", "HTTP://"), ("see www.evil.example", "www."),
                                               ("mail a.b@evil.example", "b@")])
def test_plain_breaks_every_address_that_gfm_would_link(text, address):
    # GFM links bare addresses after reading the escapes: a word joiner inside each keeps them text
    md = plain(text)
    shown = re.sub(r"\\(" + PUNCT + ")", r"\1", md)  # what the reader sees, joiner kept
    assert address not in shown and shown.replace("\u2060", "") == text
    assert md.count("\u2060") == 1


@pytest.mark.parametrize("payload", PAYLOADS + ["x`y``z`", "  ", ""])
def test_code_is_one_code_span_of_the_value_without_backticks_cut_short(payload):
    md = code(payload)
    assert md.startswith("`") and md.endswith("`") and md.count("`") == 2, md
    inner = md[1:-1]
    assert inner == (short(payload.replace("`", ""), 40) or " ") and len(inner) <= 40
    assert "\n" not in inner and "\u202e" not in inner


def test_long_values_are_cut():
    assert len(short("x" * 100_000, 80)) == 80 and short("x" * 100_000, 80).endswith("…")
    assert len(plain("[" * 100_000, 80)) <= 160


def _fields():
    return [f for _, cls in PARTS for f in cls.__dataclass_fields__]


def _app() -> AppTest:
    return AppTest.from_file("../streamlit_app.py", default_timeout=120)


def test_a_markdown_payload_in_every_url_field_is_shown_literally():
    payload = "[Session expired - sign in again](https://evil.example/login)![t](https://evil.example/x.png)" * 20
    at = _app()
    for name in _fields():
        at.query_params[name] = payload
    at.query_params["hide"] = ",".join(_fields())  # locked fields report bad values too
    at.switch_page("pages/2_Train.py").run()
    assert not at.exception
    alerts = [e.value for e in at.error if "Session" in e.value]
    assert len(alerts) == len(_fields()), (len(alerts), len(_fields()))
    for md in alerts:
        # the value only as one short code span, and no Markdown link outside it
        assert code(payload) in md and len(md) < 600, md[:200]
        assert "](" not in md.replace(code(payload), "") and "![" not in md.replace(code(payload), "")
    at = _app()
    for name in _fields():  # and drawn widgets (nothing hidden) report them the same way
        at.query_params[name] = payload
    at.switch_page("pages/2_Train.py").run()
    for md in (e.value for e in at.error if "Session" in e.value):
        assert code(payload) in md and "](" not in md.replace(code(payload), "")


def test_a_markdown_column_name_is_shown_literally_and_the_picker_offers_the_columns():
    name = "[Session expired - log in again](https://evil.example/login)"
    raw = (f"{name},![t](https://evil.example/x.png)\n" + "\n".join(f"{i}.5,{i * 2}.5" for i in range(40))).encode()
    with pytest.raises(SeveralColumns) as err:
        load_csv(raw)
    at = _app()
    at.session_state["_csv_msg"] = ("error", str(err.value))
    at.session_state["_csv_pick"] = (raw, "evil](https://x).csv", err.value.columns)
    at.switch_page("pages/1_Data.py").run()
    assert not at.exception
    md = next(e.value for e in at.error if "Session" in e.value)
    assert "](https" not in md and "![" not in md and plain(name[:39]) in md
    box = at.selectbox(key="csv_column")
    assert box.options == [short(c, 60) for c in err.value.columns]
    box.set_value(err.value.columns[1]).run()
    assert not at.exception
    assert at.session_state["dataset"] == "csv"
    assert list(at.session_state["upload_series"][:2]) == [0.5, 2.5]
    assert any("`evil](https://x).csv`" in s.value for s in at.success)  # the file name, as code
