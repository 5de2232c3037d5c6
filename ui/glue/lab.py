"""Glue for the long-range lab: LabConfig's fields as widgets kept in the URL, and its live runs, stored.

Widgets, link values and classroom locks come from ``ui.state.fields`` (``draw``), the layer the sidebar
settings use, so limits live in ``rnn_core.config.LabConfig`` alone. Results are kept in ``ui.runs.store`` by
kind (compare | sweep | seeds) under ``rnn_core.lab.shipped.action_key``: a finished one server-wide, so a
revisit, a second press or a shared link is instant; one interrupted by a click in this session only. The lab's
default comparison and sweep ship in ``assets/`` (``rnn_core.lab.shipped``), so the page opens drawn.
"""

from __future__ import annotations

import threading
from dataclasses import fields, replace

import streamlit as st

from rnn_core.config import COMPARE_CELLS, LabConfig, lag_epochs
from rnn_core.engine.train import REPRODUCIBLE
from rnn_core.lab import jobs
from rnn_core.lab.compare import compare_cells, comparison_seconds, lab_run_config
from rnn_core.lab.seeds import SPREAD_SEEDS, seed_runs, seeds_of
from rnn_core.lab.shipped import action_key, comparison_file, load_comparison, load_sweep, shipped_lab
from rnn_core.lab.sweep import lag_sweep
from rnn_core.limits import budget
from ui.runs import store
from ui.runs.live import live
from ui.state.fields import current, current_params, draw, from_url, share_link
from ui.text.labels import cell_label

TOP = ("lab_task", "lab_lag", "lab_epochs", "lab_seed", "lab_forget_bias")  # the row above the tabs
INIT = ("lab_init", "lab_rho", "lab_act", "lab_clip", "lab_lr")  # the initialisation lab's row
NAMES = tuple(f.name for f in fields(LabConfig))
DEFAULTS = LabConfig()
_AUTO = "_lab_epochs_auto"  # session: the epochs the lag gave when the page last drew them


def draw_fields(names, t, lab: LabConfig | None = None, disabled=()) -> LabConfig:
    """Draw ``names`` side by side and return ``lab`` (or the current settings) with their values."""
    values = {f: current(f) for f in NAMES} if lab is None else lab.to_dict()
    for col, name in zip(st.columns(len(names)), names, strict=True):
        with col:
            values[name] = _epochs(t, values["lab_lag"]) if name == "lab_epochs" else draw(name, t,
                                                                                         disabled=name in disabled)
    try:
        return LabConfig(**values)
    except ValueError:  # only the free-text lag ladder can be invalid; lags_setting reports it
        return LabConfig(**{**values, "lab_lags": DEFAULTS.lab_lags})


def _epochs(t, lag: int) -> int:
    """The epochs widget: it shows the lag's own count (``lag_epochs``) and follows the lag while it holds that
    count; a number typed in stays. Returns 0 (by lag) or the number typed."""
    auto = lag_epochs(lag)
    if "lab_epochs" in st.session_state and st.session_state["lab_epochs"] == st.session_state.get(_AUTO):
        st.session_state["lab_epochs"] = 0  # it showed the previous lag's count: keep following the lag
    st.session_state[_AUTO] = auto
    value = draw("lab_epochs", t, auto=auto)
    return 0 if value == auto else value


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


def stored(kind: str, lab: LabConfig):
    """This session's result of ``kind`` (compare | sweep | seeds) for ``lab``, else the server's finished one,
    else the shipped one (the lab's defaults)."""
    key = action_key(kind, lab)
    res = store.lookup(kind, key)
    if res is None and kind in ("compare", "sweep"):
        res = _shipped(kind, key, lab)
        if res is not None:
            store.remember(kind, key, res, True)
    return res


@st.cache_resource(show_spinner=False, max_entries=8)
def _shipped(kind: str, key: str, lab: LabConfig):
    if kind == "sweep":
        return load_sweep(key)
    shipped = shipped_lab(lab)
    return None if shipped is None else load_comparison(lab_run_config(shipped), comparison_file(shipped.lab_lag))


def finished(kind: str, res) -> bool:
    """Whether a stored result is complete: every run trained its epochs, solved the task or diverged (a pure
    function of the settings, so training it again would give the same numbers)."""
    outcomes = [r.result.stopped for r in res] if kind == "compare" else [r["stopped"] for r in res]
    return bool(outcomes) and all(s in REPRODUCIBLE for s in outcomes)


@st.cache_data(show_spinner=False, max_entries=64)
def compare_seconds(lab: LabConfig) -> tuple[float, bool]:
    """``comparison_seconds`` of the lab's comparison on this server's workers, cached per settings."""
    return comparison_seconds(lab_run_config(lab), jobs.default_workers())


def _live(kind: str, lab: LabConfig, total: int, work, t, heavy: bool = False):
    """Run ``work(on_progress, workers)`` with one progress bar over ``total`` trainings and a line per running
    training; keep what it returns.

    The trainings run through ``ui.runs.live.live`` (on one core each, on two when the server's other light
    slot is free: the numbers are the same) and report ``on_progress(unit, line, progress)``; a Stop click or a
    closed tab stops them after their epoch. A ``heavy`` action
    (minutes of work) waits for the server's one large-run slot, showing its place in the queue."""
    st.button(t("train.stop"), icon=":material/stop:", key=f"lab_stop_{kind}", help=t("lab.stop_help"))
    bar, lines_box, lock = st.progress(0.0, text=t("lab.sweep_start")), st.empty(), threading.Lock()
    frac, lines, workers = {}, {}, [1]

    def on_progress(unit, line, p):  # on the trainings' threads: no Streamlit call here
        with lock:
            frac[unit], lines[unit] = p.epoch / p.epochs, line

    def draw():
        with lock:
            started = list(frac)  # in the order they started; the pool runs at most `workers` at once
            ended = set(started[:max(0, len(started) - workers[0])]) | {u for u in started if frac[u] >= 1.0}
            value = min(1.0, sum(1.0 if u in ended else frac[u] for u in started) / total)
            shown = [("✓ " if u in ended else "") + lines[u] for u in started
                     if kind == "compare" or u not in ended]
        bar.progress(value, text=t("lab.done_of", k=len(ended), n=total))
        lines_box.markdown("  \n".join(shown))

    def queued(k: int) -> None:  # raises on Stop or a closed tab: the action leaves the queue
        bar.progress(0.0, text=t("run.queued_heavy", label=t("lab.action." + kind), k=k))

    def run(stopping, n):
        workers[0] = n
        return work(lambda unit, line, p: False if on_progress(unit, line, p) or stopping() else None, n)

    out, box = live(run, draw, "heavy" if heavy else "light", queued, second_core=True)
    done = len(out) == total and finished(kind, out)
    # a comparison holds its runs (one per cell); sweep and seed rows are a few numbers each
    nbytes = sum(budget.result_bytes(r.result) + r.grad_norms.nbytes for r in out) if kind == "compare" else 0
    store.remember(kind, action_key(kind, lab), out, done, nbytes)
    if box:
        raise box[0]
    bar.empty()
    lines_box.empty()
    return out


def _line(t, p, **names) -> str:
    return t("lab.progress", epoch=p.epoch, epochs=p.epochs, val=p.val_loss, s=p.elapsed, **names)


def run_compare(lab: LabConfig, t, heavy: bool = False):
    """Train the COMPARE_CELLS on the lab task, side by side on the free workers, a progress line per cell."""
    def work(on_progress, workers):
        return compare_cells(lab_run_config(lab), COMPARE_CELLS, lambda cell, p: on_progress(
            cell, _line(t, p, cell=cell_label(t, cell)), p), workers=workers)
    return _live("compare", lab, len(COMPARE_CELLS), work, t, heavy)


def run_sweep(lab: LabConfig, t):
    """All cells over the lag ladder, each lag with its own epochs; returns the table's rows."""
    n = len(lab.lags) * len(COMPARE_CELLS)
    heavy = any(compare_seconds(replace(lab, lab_lag=lag))[1] for lag in lab.lags)

    def work(on_progress, workers):
        def cb(cell, lag, p):
            return on_progress((cell, lag), _line(t, p, cell=t("lab.cell_at_lag", cell=cell_label(t, cell), lag=lag)),
                               p)
        return lag_sweep(lab_run_config(lab), lab.lags, COMPARE_CELLS, cb, epochs_at=lab.epochs_at,
                         workers=workers).to_dict("records")
    return _live("sweep", lab, n, work, t, heavy)


def run_seeds(lab: LabConfig, t):
    """The comparison over ``seeds_of(lab)``; returns one row per seed and cell."""
    seeds, n = seeds_of(lab), SPREAD_SEEDS * len(COMPARE_CELLS)

    def work(on_progress, workers):
        def cb(seed, cell, p):
            return on_progress((seed, cell), _line(t, p, cell=t("lab.cell_at_seed", cell=cell_label(t, cell),
                                                                seed=seed)), p)
        return seed_runs(lab_run_config(lab), seeds, COMPARE_CELLS, cb, workers=workers).to_dict("records")
    return _live("seeds", lab, n, work, t, compare_seconds(lab)[1])
