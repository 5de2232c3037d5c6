"""What a page shows for the current settings, so it is never empty.

A stored run shows at once. A missing run that fits the server's light training slots trains by itself,
with live progress (a link opened on a server that never trained it, a settings change); only a large run
(``budget.Estimate.heavy``: it needs the server's one large-run slot) shows a banner that says so, with the
estimate and a Train button, above the previous run's charts, dimmed, or alone when this session has shown
nothing yet.
"""

from __future__ import annotations

import streamlit as st

from rnn_core.config import NAMES_DEFAULT, RunConfig
from rnn_core.engine.train import RunResult, check_size
from rnn_core.limits.budget import Estimate
from rnn_core.limits.cost import estimate_seconds
from ui.runs.access import lookup_run, prepared, remember_run, shipped_config, shipped_names_run, shipped_run
from ui.runs.live import refusal, train_live
from ui.runs.provenance import shipped_note
from ui.text.labels import run_subtitle

LAST_SHOWN = "_ui_last_shown"  # session: the run a page drew last
_DIM = """<style>
[data-testid="stMain"] .stPlotlyChart, [data-testid="stMain"] [data-testid="stMetric"],
[data-testid="stMain"] [data-testid="stDataFrame"], [data-testid="stMain"] .stAlert:not(.st-key-flow_banner *)
{opacity: 0.35; filter: grayscale(70%); transition: opacity 0.2s;}
</style>"""


def cached_run(cfg: RunConfig) -> RunResult | None:
    """The stored run of ``cfg``; the default configs' shipped runs count as stored."""
    res = lookup_run(cfg)
    if res is not None:
        return res
    if shipped_config(cfg):
        res = shipped_run(cfg.model.cell)
    elif cfg == NAMES_DEFAULT:
        res = shipped_names_run()
    if res is not None:
        remember_run(cfg, res)
    return res


def sized(cfg: RunConfig, t) -> tuple[Estimate, float] | None:
    """The size of ``cfg``'s run and its expected seconds; None, with the reason drawn, when its data cannot
    be prepared or the run does not fit the server's budget."""
    try:
        data = prepared(cfg)
        return check_size(cfg, data), estimate_seconds(cfg, data)
    except ValueError as e:
        refusal(t, e)
    return None


def page_run(cfg: RunConfig, t, go: bool = False, auto: bool = True, train_button: bool = True,
             label: str = "") -> RunResult | None:
    """The one way a page gets the run it draws for the settings ``cfg``. Views read ``res.config``: it is
    ``cfg`` unless an earlier run is shown, dimmed, because ``cfg``'s run waits for a click or cannot run.

    ``go``: train ``cfg`` now (a Train button was pressed; ``label`` names it on the progress bar).
    ``auto``: train a missing run that fits the light slots by itself, else draw the banner (the estimate
    and, with ``train_button``, a Train button) above the previous run; without ``auto`` a missing run is
    None and nothing is remembered as shown (a page with its own task and Train button). A run is sized
    once per click, before it trains."""
    res = None if go else cached_run(cfg)
    if res is None and (go or auto):
        size = sized(cfg, t)
        if size is not None and (go or not size[0].heavy or _banner(cfg, size[1], t, train_button)):
            res = train_live(cfg, t, label=label, size=size[0])
    if res is not None:
        shipped_note(t, [res])
    if not auto:
        return res
    if res is not None:
        st.session_state[LAST_SHOWN] = res
        return res
    previous = None if go else st.session_state.get(LAST_SHOWN)
    if previous is not None:
        st.html(_DIM)
    return previous


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
