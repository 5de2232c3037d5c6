"""Run bundles: uploading one (settings and trained weights in one file) makes it the current run."""

from __future__ import annotations

import streamlit as st

from rnn_core.engine.train import check_size
from ui.runs.access import prepared, remember_run
from ui.runs.slots import SLOTS
from ui.state.settings import apply_config
from ui.text.errors import error_text
from ui.text.safe import code, plain


def _on_bundle() -> None:
    from rnn_core.engine.bundle import load_bundle
    from rnn_core.engine.train import result_from_model

    f = st.session_state.get("bundle_file")
    if f is None:
        return
    try:
        cfg, model = load_bundle(f.getvalue())  # checked against the budget like a link
        data = prepared(cfg)
        size = check_size(cfg, data)
        kind = "heavy" if size.heavy else "light"
        if not SLOTS.acquire(kind, timeout=30.0):  # evaluation is bounded by the same caps as training
            st.session_state["_bundle_msg"] = ("busy", "")
            return
        try:
            res = result_from_model(cfg, model, data, size)
        finally:
            SLOTS.release(kind)
    except Exception as e:  # noqa: BLE001 - every failure is a message for the person, never a traceback
        st.session_state["_bundle_msg"] = ("error", e)  # worded below, in the page's language
        return
    apply_config(cfg)
    remember_run(cfg, res)
    st.session_state["_bundle_msg"] = ("ok", f.name)


def load_uploaded_bundle(t) -> None:
    """Upload a run bundle: its settings fill the sidebar and its weights become the current run."""
    st.file_uploader(t("train.bundle_upload"), type=["pt"], key="bundle_file", on_change=_on_bundle)
    kind, text = st.session_state.pop("_bundle_msg", (None, None))
    if kind == "error":
        why = error_text(t, text) if isinstance(text, ValueError) else plain(type(text).__name__)
        st.error(f"{t('train.bundle_failed')} {why}", icon=":material/error:")
    elif kind == "busy":
        st.warning(t("run.busy"), icon=":material/hourglass_top:")
    elif kind == "ok":
        st.success(t("train.bundle_loaded", name=code(text)), icon=":material/check_circle:")
