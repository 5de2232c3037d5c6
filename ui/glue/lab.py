"""Glue for the long-range lab: LabConfig's fields as widgets kept in the URL, and its live runs, stored.

Widgets, link values and classroom locks come from ``ui.state.fields`` (``draw``), the layer the sidebar
settings use, so limits live in ``rnn_core.config.LabConfig`` alone. Results are kept in ``ui.runs.store`` by
kind (compare | sweep | seeds): a finished one server-wide, so a revisit or a shared link is instant;
one interrupted by a click in this session only.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import fields
from functools import partial

import streamlit as st

from rnn_core.config import COMPARE_CELLS, LabConfig
from rnn_core.lab import jobs
from rnn_core.lab.compare import compare_cells, lab_run_config
from rnn_core.lab.seeds import seed_runs
from rnn_core.lab.sweep import lag_sweep
from rnn_core.limits import budget
from ui.runs import store
from ui.runs.live import TICK_S, guarded
from ui.runs.slots import SLOTS, TRAIN_SLOTS
from ui.state.fields import current, current_params, draw, from_url, share_link
from ui.text.labels import cell_label

TOP = ("lab_task", "lab_lag", "lab_epochs", "lab_seed", "lab_forget_bias")  # the row above the tabs
INIT = ("lab_init", "lab_rho", "lab_act", "lab_clip", "lab_lr")  # the initialisation lab's row
SPREAD_SEEDS = 5  # seeds the "run seeds" action trains
NAMES = tuple(f.name for f in fields(LabConfig))
DEFAULTS = LabConfig()
_DONE = ("completed", "early stop")  # outcomes that are a pure function of the settings


def draw_fields(names, t, lab: LabConfig | None = None, disabled=()) -> LabConfig:
    """Draw ``names`` side by side and return ``lab`` (or the current settings) with their values."""
    values = {f: current(f) for f in NAMES} if lab is None else lab.to_dict()
    for col, name in zip(st.columns(len(names)), names, strict=True):
        with col:
            values[name] = draw(name, t, disabled=name in disabled)
    try:
        return LabConfig(**values)
    except ValueError:  # only the free-text lag ladder can be invalid; lags_setting reports it
        return LabConfig(**{**values, "lab_lags": DEFAULTS.lab_lags})


def link_problems(t) -> None:
    """A message for each lab value of the link that is not allowed, naming what is (until a widget holds
    the setting, the link's value is the one used)."""
    problems = []
    for name in NAMES:
        if name not in st.session_state:
            from_url(name, t, problems)
    for message in problems:
        st.error(message, icon=":material/link_off:")


def lab_settings(t) -> LabConfig:
    """The row of lab settings above the tabs, and the share link in the sidebar."""
    link_problems(t)
    lab = draw_fields(TOP, t)
    share_link(current_params(), t)
    return lab


def lags_setting(t) -> tuple[int, ...] | None:
    """The sweep's lag ladder as a text box; a bad ladder gets a message and ``None``."""
    text = draw("lab_lags", t)
    try:
        return LabConfig(lab_lags=text).lags
    except ValueError:
        st.error(t("lab.lags_bad"), icon=":material/error:")
        return None


def seeds_of(lab: LabConfig) -> tuple[int, ...]:
    """The seeds the spread trains: the shown one and the next ones, inside the allowed range."""
    first = min(lab.lab_seed, LabConfig.limits("lab_seed")[1] - SPREAD_SEEDS + 1)
    return tuple(range(first, first + SPREAD_SEEDS))


def _key(kind: str, lab: LabConfig) -> str:
    cfg = lab_run_config(lab)
    if kind == "sweep":
        return cfg.replace(lag=2).to_json() + repr(lab.lags)
    if kind == "seeds":
        return cfg.replace(seed=0).to_json() + repr(seeds_of(lab))
    return cfg.to_json()


def stored(kind: str, lab: LabConfig):
    """This session's result of ``kind`` (compare | sweep | seeds) for ``lab``, else the server's finished one."""
    return store.lookup(kind, _key(kind, lab))


def _live(kind: str, lab: LabConfig, total: int, work, t):
    """Run ``work(on_progress, workers)`` with one progress bar over ``total`` trainings; keep what it returns.

    The trainings run off this thread (on one core each, on two when the server's other light slot is
    free: the numbers are the same), and report to ``on_progress`` from there; this thread redraws the
    bar every ``TICK_S``, which is where a Stop click or a closed tab arrives and stops them."""
    bar, box, lock = st.progress(0.0, text=t("lab.sweep_start")), [], threading.Lock()
    started, frac, shown, workers = [], {}, [0.0, t("lab.sweep_start")], 1

    def on_progress(unit, text, p):  # text(k): the bar's line once k trainings are done
        with lock:
            if unit not in frac:
                started.append(unit)
            frac[unit] = p.epoch / p.epochs
            done = max(0, len(started) - workers)  # the pool runs at most `workers` at once: older ones ended
            shown[:] = [min(1.0, (done + sum(frac[u] for u in started[done:])) / total), text(done)]
        return False if box else None

    with TRAIN_SLOTS:
        if jobs.default_workers() > 1 and SLOTS.acquire("light", timeout=0):  # a second core, if nobody waits
            workers = 2
        try:
            with ThreadPoolExecutor(1, thread_name_prefix="lab-action") as runner:
                future = runner.submit(work, on_progress, workers)
                while not wait([future], timeout=TICK_S).done:
                    with lock:
                        value, line = shown
                    if not box:
                        guarded(box, partial(bar.progress, value, text=line))
                out = future.result()
        finally:
            if workers > 1:
                SLOTS.release("light")
    outcomes = [r.result.stopped for r in out] if kind == "compare" else [r["stopped"] for r in out]
    finished = len(outcomes) == total and all(s in _DONE for s in outcomes)
    # a comparison holds its runs (one per cell); sweep and seed rows are a few numbers each
    nbytes = sum(budget.result_bytes(r.result) + r.grad_norms.nbytes for r in out) if kind == "compare" else 0
    store.remember(kind, _key(kind, lab), out, finished, nbytes)
    if box:
        raise box[0]
    bar.empty()
    return out



def run_compare(lab: LabConfig, t):
    """Train the COMPARE_CELLS on the lab task, side by side on the free workers, under one progress bar."""
    def work(on_progress, workers):
        return compare_cells(lab_run_config(lab), COMPARE_CELLS, lambda cell, p: on_progress(cell, lambda k: t(
            "lab.progress", cell=cell_label(t, cell), epoch=p.epoch, epochs=p.epochs, val=p.val_loss, s=p.elapsed),
            p), workers=workers)
    return _live("compare", lab, len(COMPARE_CELLS), work, t)


def run_sweep(lab: LabConfig, t):
    """All cells over the lag ladder; returns the table's rows."""
    n = len(lab.lags) * len(COMPARE_CELLS)

    def work(on_progress, workers):
        def cb(cell, lag, p):
            return on_progress((cell, lag), lambda k: t("lab.sweep_progress", cell=cell_label(t, cell), lag=lag,
                                                        k=k, n=n), p)
        return lag_sweep(lab_run_config(lab), lab.lags, COMPARE_CELLS, cb, workers=workers).to_dict("records")
    return _live("sweep", lab, n, work, t)


def run_seeds(lab: LabConfig, t):
    """The comparison over ``seeds_of(lab)``; returns one row per seed and cell."""
    seeds, n = seeds_of(lab), SPREAD_SEEDS * len(COMPARE_CELLS)

    def work(on_progress, workers):
        def cb(seed, cell, p):
            return on_progress((seed, cell), lambda k: t("lab.seeds_progress", seed=seed, cell=cell_label(t, cell),
                                                         k=k, n=n), p)
        return seed_runs(lab_run_config(lab), seeds, COMPARE_CELLS, cb, workers=workers).to_dict("records")
    return _live("seeds", lab, n, work, t)
