"""What a page shows for the current settings, so it is never empty.

A stored run shows at once. A missing run trains by itself, with live progress, when its estimated cost
is small (a link opened on a server that never trained it, a settings change); a costly one shows a
banner with the estimate and a Train button above the previous run's charts, dimmed, or above a summary
of the settings when this session has shown nothing yet.
"""

from __future__ import annotations

import streamlit as st

from rnn_core.budget import BudgetError
from rnn_core.config import RunConfig
from rnn_core.cost import AUTO_TRAIN_S, estimate_seconds
from rnn_core.train import RunResult, check_size
from ui.live import train_live
from ui.runs import default_run, lookup, prepared, remember
from ui.safe import plain

LAST_SHOWN = "_ui_last_shown"  # session: the run a page drew last
_DIM = """<style>
[data-testid="stMain"] .stPlotlyChart, [data-testid="stMain"] [data-testid="stMetric"],
[data-testid="stMain"] [data-testid="stDataFrame"], [data-testid="stMain"] .stAlert:not(.st-key-flow_banner *)
{opacity: 0.35; filter: grayscale(70%); transition: opacity 0.2s;}
</style>"""


def cached_run(cfg: RunConfig) -> RunResult | None:
    """The stored run of ``cfg``; the default config's example counts as stored."""
    res = lookup(cfg)
    if res is None and cfg == RunConfig():
        res = default_run()
        remember(cfg, res)
    return res


def estimate(cfg: RunConfig, t=None) -> float | None:
    """Estimated seconds to train ``cfg``; None, with the reason drawn, when its data cannot be prepared
    or the run does not fit the server's budget."""
    try:
        data = prepared(cfg)
        check_size(cfg, data)
        return estimate_seconds(cfg, data)
    except BudgetError as e:
        st.error(f"{t('run.too_big') if t else ''} {plain(e, 400)}", icon=":material/memory:")
    except ValueError as e:
        st.error(plain(e, 400), icon=":material/error:")
    return None


def run_for(cfg: RunConfig, t, train_button: bool = True) -> tuple[RunResult | None, bool]:
    """The run to draw and whether it is stale (an earlier run, shown dimmed).

    ``train_button``: draw a Train button in the banner (the Train page has its own)."""
    res = cached_run(cfg)
    if res is None:
        seconds = estimate(cfg, t)
        if seconds is not None and seconds <= AUTO_TRAIN_S:
            res = train_live(cfg, t)
        elif seconds is not None and _banner(cfg, seconds, t, train_button):
            res = train_live(cfg, t)
    if res is not None:
        st.session_state[LAST_SHOWN] = res
        return res, False
    previous = st.session_state.get(LAST_SHOWN)
    if previous is not None:
        st.html(_DIM)
        return previous, True
    return None, False


def _banner(cfg: RunConfig, seconds: float, t, train_button: bool) -> bool:
    """'Settings changed — Train (≈ N s)'; returns whether its Train button was pressed."""
    from ui.views import run_subtitle

    with st.container(key="flow_banner"):
        key = "flow.changed" if LAST_SHOWN in st.session_state else "flow.first"
        st.warning(t(key, run=run_subtitle(cfg, t), s=seconds_text(seconds)), icon=":material/update:")
        if train_button:
            return st.button(t("flow.train", s=seconds_text(seconds)), type="primary", icon=":material/play_arrow:",
                             key="flow_train")
    return False


def seconds_text(s: float) -> str:
    """An estimate for people: whole seconds, at least 1."""
    return f"{max(1, round(s))}"
