"""Where a shown run's numbers come from: a shipped run is this server's own run only if the server trains its
settings into the same numbers, which ``rnn_core.fingerprint.probe`` checks once per process. Torch-free to
import, so Home can ask before the engine has loaded."""

from __future__ import annotations

import streamlit as st

from rnn_core import fingerprint
from ui.text.labels import numerics_setup


def shipped_note(t, runs=None) -> None:
    """Where the shown numbers come from, when some of ``runs`` are shipped runs and this server trains their
    settings into other numbers (``fingerprint.probe``: another CPU kind, torch build or unpinned numerics).
    Without ``runs`` (Home, drawn before torch loads) it speaks only once the probe has run."""
    if runs is None:
        if not fingerprint.probe.cache_info().currsize:
            return
    elif not any(r is not None and r.shipped for r in runs):
        return
    p = fingerprint.probe()
    if not p.same:
        st.info(t("numerics.elsewhere", made=numerics_setup(t, p.made_on), here=numerics_setup(t, p.here)),
                icon=":material/info:")
