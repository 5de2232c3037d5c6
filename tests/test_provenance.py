"""A shipped run on a server whose numerics differ from the table's says where its numbers come from (Home,
Train, Compare, in English and Chinese); on a server that trains the same numbers nothing is said."""

import functools

import pytest
import streamlit as st

from rnn_core import fingerprint
from tests.test_pages import open_page

MADE = (fingerprint.load_table() or {}).get("made_on", {})
ELSEWHERE = {"numerics": "native", "torch": "2.13.0", "machine": "arm64", "capability": "DEFAULT"}


def _probe(same: bool):
    return functools.cache(lambda: fingerprint.Probe(same, () if same else ("lstm", "gru"), ELSEWHERE, MADE))


def _notes(at) -> list[str]:
    return [i.value for i in at.info if "arm64" in i.value]


@pytest.mark.parametrize("lang,word", [("en", "not pinned"), ("zh", "数值未固定")])
def test_shipped_runs_say_where_their_numbers_come_from_when_this_server_differs(monkeypatch, lang, word):
    monkeypatch.setattr(fingerprint, "probe", _probe(False))
    fingerprint.probe()  # the engine's warm-up has run: Home may say it too
    st.cache_resource.clear()  # no run of an earlier test in the server store: the default is the shipped one
    for page in (None, "pages/2_Train.py", "pages/5_Compare.py"):
        at = open_page(page, lang=lang)
        (note,) = _notes(at)
        assert f"torch {MADE['torch']}" in note and MADE["capability"] in note, (page, note)
        assert word in note and "DEFAULT" in note  # this server's own setup, in words
    st.cache_resource.clear()


def test_nothing_is_said_where_the_server_trains_the_shipped_numbers(monkeypatch):
    monkeypatch.setattr(fingerprint, "probe", _probe(True))
    fingerprint.probe()
    for page in (None, "pages/2_Train.py"):
        assert not _notes(open_page(page))
