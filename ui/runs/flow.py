"""What a page shows for the current settings, so it is never empty.

A stored run shows at once. A missing run that fits the server's light training slots trains by itself,
with live progress (a link opened on a server that never trained it, a settings change); only a large run
(``budget.Estimate.heavy``: it needs the server's one large-run slot) shows a banner that says so, with the
estimate and a Train button, above the previous run's charts, dimmed, or alone when this session has shown
nothing yet.
"""

from __future__ import annotations

import streamlit as st

from rnn_core.config import RunConfig
from rnn_core.engine.train import RunResult, check_size
from rnn_core.limits.budget import BudgetError, Estimate
from rnn_core.limits.cost import estimate_seconds
from ui.runs.access import lookup, prepared, remember, shipped_config, shipped_run
from ui.runs.live import train_live
from ui.text.errors import error_text
from ui.text.labels import run_subtitle

LAST_SHOWN = "_ui_last_shown"  # session: the run a page drew last
_DIM = """<style>
[data-testid="stMain"] .stPlotlyChart, [data-testid="stMain"] [data-testid="stMetric"],
[data-testid="stMain"] [data-testid="stDataFrame"], [data-testid="stMain"] .stAlert:not(.st-key-flow_banner *)
{opacity: 0.35; filter: grayscale(70%); transition: opacity 0.2s;}
</style>"""


def cached_run(cfg: RunConfig) -> RunResult | None:
    """The stored run of ``cfg``; the default config's shipped runs count as stored."""
    res = lookup(cfg)
    if res is None and shipped_config(cfg):
        res = shipped_run(cfg.model.cell)
        remember(cfg, res)
    return res


def sized(cfg: RunConfig, t=None) -> tuple[Estimate, float] | None:
    """The size of ``cfg``'s run and its expected seconds; None, with the reason drawn, when its data cannot
    be prepared or the run does not fit the server's budget."""
    try:
        data = prepared(cfg)
        return check_size(cfg, data), estimate_seconds(cfg, data)
    except BudgetError as e:
        st.error(f"{t('run.too_big') if t else ''} {error_text(t, e)}", icon=":material/memory:")
    except ValueError as e:
        st.error(error_text(t, e), icon=":material/error:")
    return None


def run_for(cfg: RunConfig, t, train_button: bool = True) -> tuple[RunResult | None, bool]:
    """The run to draw and whether it is stale (an earlier run, shown dimmed).

    ``train_button``: draw a Train button in the banner (the Train page has its own)."""
    res = cached_run(cfg)
    if res is None:
        size = sized(cfg, t)
        if size is not None and (not size[0].heavy or _banner(cfg, size[1], t, train_button)):
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
    """'A large run — Train (≈ N s)'; returns whether its Train button was pressed."""
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
