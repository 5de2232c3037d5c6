"""Compare's runs and their names: the compared cells, or one network one way and both ways."""

from __future__ import annotations

import streamlit as st

from rnn_core.config import BIDIR_DEMO, COMPARE_CELLS, CompareConfig, RunConfig
from ui.state.fields import draw
from ui.state.layout import link_params
from ui.state.settings import apply_config
from ui.text.labels import cell_label, option_label


def compare_settings(t) -> CompareConfig:
    """What Compare sets side by side (``cmp_by``), drawn above its button."""
    return CompareConfig(cmp_by=draw("cmp_by", t, format_func=lambda v: option_label(t, "cmp_by", v)))


def run_label(t, key: str, cfg: RunConfig) -> str:
    """A compared run's name: its cell ("LRU"), or the cell and its direction ("GRU → one way")."""
    if key in COMPARE_CELLS:
        return cell_label(t, key, cfg.model.nonlinearity)
    return f"{cell_label(t, cfg.model.cell, cfg.model.nonlinearity)} {option_label(t, 'bidirectional', key)}"



def direction_button(t, key: str) -> None:
    """A button into Compare, one way against both ways on ``BIDIR_DEMO``: its settings fill the sidebar (a plain
    link would lose to the settings this session already holds) and the URL, so the comparison can be shared."""
    if st.button(t("compare.try_direction"), icon=":material/swap_horiz:", key=key):
        apply_config(BIDIR_DEMO)
        st.session_state["cmp_by"] = "direction"
        st.switch_page("pages/5_Compare.py",
                       query_params=link_params(BIDIR_DEMO.to_params(only_changed=True)) | {"cmp_by": "direction"})
