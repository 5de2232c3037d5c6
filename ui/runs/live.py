"""Live training: a progress bar and a live loss chart while a run trains, and Stop.

A click anywhere (Stop, another widget) reaches a running training at its next redraw: the run ends
after the current epoch, is kept, and the click's rerun then proceeds (``guarded``). A redraw happens
at least every ``TICK_S``, so a closed tab reaches it too.
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from charts import png_config
from charts.training import loss_figure
from rnn_core.config import RunConfig
from rnn_core.engine.train import Progress, RunResult, check_size, train
from rnn_core.limits import budget
from ui.runs.access import prepared, remember_run
from ui.runs.slots import SLOTS
from ui.text.catalog import labels
from ui.text.errors import error_text

TICK_S = 0.3  # a running training touches its progress bar this often, so Stop and closed tabs reach it
CHART_S = 0.6  # and redraws its live loss chart this often (building it costs 15-30 ms of the run's core)


def refusal(t, e: ValueError) -> None:
    """Why a run cannot train, in the page's language: the server's budget (a run too large) or its data."""
    if isinstance(e, budget.BudgetError):
        st.error(f"{t('run.too_big')} {error_text(t, e)}", icon=":material/memory:")
    else:
        st.error(error_text(t, e), icon=":material/error:")


def train_live(cfg: RunConfig, t, label: str = "", size: budget.Estimate | None = None) -> RunResult | None:
    """Train with a progress bar and a live loss chart. A click anywhere (e.g. Stop) ends the run
    after the current epoch and keeps it; the click's rerun then proceeds.

    ``size``: the run's estimate when the caller has checked it already (``ui.runs.flow.sized``), so a
    click checks the size once; else it is checked here, once."""
    try:
        data = prepared(cfg)  # checks the data's own size before any tensor is built
        est = size if size is not None else check_size(cfg, data)
    except ValueError as e:
        refusal(t, e)
        return None
    bar = st.progress(0.0, text=t("run.starting", label=label))
    chart = st.empty()
    hist = {"epoch": [], "train_loss": [], "val_loss": []}
    interrupted: list[BaseException] = []
    last_draw, last_chart = [0.0], [0.0]
    shown = [0.0, t("run.starting", label=label)]  # the bar's value and text, redrawn by each tick

    def on_epoch(p: Progress):
        for k in hist:
            hist[k].append(getattr(p, k))
        now = time.perf_counter()
        if now - last_draw[0] < 0.25 and p.epoch < p.epochs:
            return None
        last_draw[0] = now

        def draw():  # the bar's words and the chart name the same epoch: both move only together
            if now - last_chart[0] >= CHART_S or p.epoch >= p.epochs or not hist["epoch"][:-1]:
                last_chart[0] = now
                shown[:] = [min(1.0, p.epoch / p.epochs), t("run.progress", label=label, epoch=p.epoch,
                                                              epochs=p.epochs, train=p.train_loss,
                                                              val=p.val_loss, s=p.elapsed)]
                chart.plotly_chart(loss_figure(hist, labels=labels(t, "chart.loss_figure")), width="stretch",
                                   theme=None, config=png_config("loss"))
            bar.progress(shown[0], text=shown[1])
        return guarded(interrupted, draw)

    def should_stop() -> bool:  # per batch: a redraw is where a click or a closed tab arrives
        now = time.perf_counter()
        if now - last_draw[0] < TICK_S:
            return False
        last_draw[0] = now
        return guarded(interrupted, lambda: bar.progress(shown[0], text=shown[1])) is False

    kind = "heavy" if est.heavy else "light"

    def queued(k: int) -> None:  # raises on Stop or a closed tab: the run leaves the queue
        bar.progress(0.0, text=t(f"run.queued{'_heavy' if est.heavy else ''}", label=label, k=k,
                                 slots=SLOTS.sizes[kind]))

    with SLOTS.slot(kind, queued):
        res = train(cfg, data, on_epoch, baselines=False, should_stop=should_stop, size=est)
    remember_run(cfg, res)
    if interrupted:
        raise interrupted[0]
    bar.empty()
    chart.empty()
    return res


def guarded(box: list, draw) -> bool | None:
    """Run a progress update; if a click has asked for a rerun, keep the exception in ``box`` and
    return False so training stops after this epoch. The caller stores its results, then re-raises."""
    try:
        draw()
    except ScriptControlException as e:
        box.append(e)
        return False
    return None
