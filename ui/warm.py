"""Warm the engine once per server process, in the background: torch builds its compiler stack the
first time an optimiser is made (seconds on a small CPU). Started after a page is drawn, the wait
falls while the visitor reads, not after their first Train click."""

from __future__ import annotations

import threading

import streamlit as st

from rnn_core.train import warm_up


@st.cache_resource(show_spinner=False)
def warm_in_background() -> threading.Thread:
    thread = threading.Thread(target=warm_up, name="engine-warm-up", daemon=True)
    thread.start()
    return thread
