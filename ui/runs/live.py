"""Live training: a progress bar and a live loss chart while a run trains, and Stop.

Every training a page shows runs through ``live``: off the script thread, while the script thread redraws its
progress. A click anywhere (Stop, another widget) reaches the script at its next redraw: the training ends
within a batch, is kept, and the click's rerun then proceeds (``guarded``). A redraw happens every ``TICK_S``,
so a closed tab reaches it too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from charts import png_config
from charts.training import loss_figure
from rnn_core.config import RunConfig
from rnn_core.engine.train import Progress, RunResult, check_size, train
from rnn_core.lab import jobs
from rnn_core.limits import budget
from ui.runs.access import prepared, remember_run
from ui.runs.slots import SLOTS
from ui.text.catalog import labels
from ui.text.errors import error_text

TICK_S = 0.3  # the script thread redraws a running training this often, so Stop and closed tabs reach it
CHART_S = 0.6  # and redraws its live loss chart this often (building it costs 15-30 ms of the run's core)

T = TypeVar("T")


def refusal(t, e: ValueError) -> None:
    """Why a run cannot train, in the page's language: the server's budget (a run too large) or its data."""
    if isinstance(e, budget.BudgetError):
        st.error(f"{t('run.too_big')} {error_text(t, e)}", icon=":material/memory:")
    else:
        st.error(error_text(t, e), icon=":material/error:")


def train_live(cfg: RunConfig, t, label: str = "", size: budget.Estimate | None = None) -> RunResult | None:
    """Train with a progress bar and a live loss chart (``live``). A click anywhere (e.g. Stop) ends the run
    within a batch and keeps it; the click's rerun then proceeds.

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
    hist, lock = {"epoch": [], "train_loss": [], "val_loss": []}, threading.Lock()
    latest: list[Progress] = []
    last_chart = [0.0]
    shown = [0.0, t("run.starting", label=label)]  # the bar's value and text, redrawn by each tick

    def on_epoch(p: Progress):  # on the training's thread: no Streamlit call here
        with lock:
            for k in hist:
                hist[k].append(getattr(p, k))
            latest[:] = [p]

    def draw():  # the bar's words and the chart name the same epoch: both move only together
        now = time.perf_counter()
        with lock:
            p, h = (latest[0] if latest else None), {k: list(v) for k, v in hist.items()}
        if p is not None and (now - last_chart[0] >= CHART_S or p.epoch >= p.epochs):
            last_chart[0] = now
            shown[:] = [min(1.0, p.epoch / p.epochs), t("run.progress", label=label, epoch=p.epoch, epochs=p.epochs,
                                                          train=p.train_loss, val=p.val_loss, s=p.elapsed)]
            chart.plotly_chart(loss_figure(h, labels=labels(t, "chart.loss_figure")), width="stretch", theme=None,
                               config=png_config("loss"))
        bar.progress(shown[0], text=shown[1])

    def queued(k: int) -> None:  # raises on Stop or a closed tab: the run leaves the queue
        bar.progress(0.0, text=t(f"run.queued{'_heavy' if est.heavy else ''}", label=label, k=k,
                                 slots=SLOTS.sizes["heavy" if est.heavy else "light"]))

    def work(stopping, workers):
        return train(cfg, data, lambda p: False if on_epoch(p) or stopping() else None, baselines=False,
                     should_stop=stopping, size=est)

    res, interrupted = live(work, draw, "heavy" if est.heavy else "light", queued)
    remember_run(cfg, res)
    if interrupted:
        raise interrupted[0]
    bar.empty()
    chart.empty()
    return res


def live(work: Callable[[Callable[[], bool], int], T], draw: Callable[[], None], slot: str = "light",
         queued: Callable[[int], None] | None = None, second_core: bool = False) -> tuple[T, list]:
    """The one live loop of every training the pages show: ``work(stopping, workers)`` runs off the script
    thread, in a training ``slot`` (``queued(position)`` while it waits); this thread calls ``draw()`` every
    ``TICK_S``. A redraw is where Streamlit delivers a click (Stop, any widget) or a closed tab: from then on
    ``stopping()`` is True and the training ends at its next batch. torch runs one thread per training (the
    server's count, set once), so the numbers are those of the script thread.

    ``second_core``: ``workers`` is 2 when a second light slot is free at once (the lab's side-by-side runs).
    Returns what ``work`` returned and the click's exception, if any, in a list: the caller keeps the result,
    then re-raises it so the click's rerun proceeds."""
    box: list[BaseException] = []
    with SLOTS.slot(slot, queued):
        workers = 2 if second_core and jobs.default_workers() > 1 and SLOTS.acquire("light", timeout=0) else 1
        try:
            with ThreadPoolExecutor(1, thread_name_prefix="live-run") as runner:
                future = runner.submit(work, lambda: bool(box), workers)
                while not wait([future], timeout=TICK_S).done:
                    if not box:
                        guarded(box, draw)
                out = future.result()
        finally:
            if workers > 1:
                SLOTS.release("light")
    return out, box


def guarded(box: list, draw) -> bool | None:
    """Run a progress update; if a click has asked for a rerun, keep the exception in ``box`` and
    return False so the training stops. The caller stores its results, then re-raises."""
    try:
        draw()
    except ScriptControlException as e:
        box.append(e)
        return False
    return None
