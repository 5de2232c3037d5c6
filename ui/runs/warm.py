"""Warm the engine once per server process, in the background, after the first page is drawn: importing
torch (seconds on a small CPU), torch's compiler stack (built the first time an optimiser is made) and the
shipped example run, then the numerics probe. The wait falls while the visitor reads, not on their first paint
or Train click."""

from __future__ import annotations

import threading

import streamlit as st


def _warm() -> None:
    from rnn_core.engine.train import warm_up  # torch: imported here so that Home paints without it
    from rnn_core.fingerprint import probe
    from ui.runs.access import default_run

    warm_up()
    default_run()
    probe()  # whether the shipped runs are this server's own numbers (ui.runs.flow.shipped_note)


@st.cache_resource(show_spinner=False)
def warm_in_background() -> threading.Thread:
    thread = threading.Thread(target=_warm, name="engine-warm-up", daemon=True)
    thread.start()
    return thread
