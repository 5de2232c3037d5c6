"""Runs for the pages: cached data, live training with progress and Stop, and the run store.

A finished run is stored server-wide under its config (plus the uploaded series' hash), so a
share link opened in any session shows the identical run at once; the same seed retrains to the
same numbers anyway. Stored results are read-only: nothing here trains or mutates a cached object.
Partial runs (stopped, time budget) stay in their own session only.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from charts import png_config
from charts.training import loss_figure
from rnn_core import budget
from rnn_core.config import RunConfig
from rnn_core.datasets import Prepared, prepare
from rnn_core.train import Progress, RunResult, check_size, train
from ui.layout import ROOT
from ui.safe import plain
from ui.slots import SLOTS, TRAIN_SLOTS  # noqa: F401 - TRAIN_SLOTS: a default-size slot for the lab
from ui.text_charts import chart_labels

MAX_STORED = 48  # runs kept per server; the least recently used go first
MAX_STORED_BYTES = 150e6  # and their bytes together (weights, data, snapshots), so memory comes back down
UPLOAD_KEY = "upload_series"  # session: the uploaded pd.Series, set by the Data page
SESSION_RUNS = "_runs"  # session: key -> RunResult
TICK_S = 0.3  # a running training touches its progress bar this often, so Stop and closed tabs reach it


@st.cache_resource
def _store() -> dict:
    budget.set_server_threads()  # once per server: runs never change torch's thread count
    return {"lock": threading.Lock(), "runs": OrderedDict(), "bytes": {}}


def upload() -> pd.Series | None:
    return st.session_state.get(UPLOAD_KEY)


def run_key(cfg: RunConfig) -> str:
    key = cfg.to_json()
    series = upload() if cfg.data.dataset == "csv" and cfg.data.is_series else None
    if series is not None:
        key += hashlib.sha256(series.to_numpy().tobytes()).hexdigest()[:16]
    return key


@st.cache_resource(max_entries=8, ttl=900, show_spinner=False)  # each within budget.check_data
def _prepared(cfg_json: str, upload_hash: str, _series) -> Prepared:
    return prepare(RunConfig.from_json(cfg_json).data, _series)


def prepared(cfg: RunConfig) -> Prepared:
    """The tensors of ``cfg``'s data, shared by all sessions (read-only). Raises ValueError."""
    budget.check_data(cfg.data)  # before any tensor is built
    series = upload() if cfg.data.dataset == "csv" else None
    digest = hashlib.sha256(series.to_numpy().tobytes()).hexdigest() if series is not None else ""
    return _prepared(RunConfig(data=cfg.data).to_json(), digest, series)


def lookup(cfg: RunConfig) -> RunResult | None:
    """This session's run of ``cfg`` if any, else the server's finished one."""
    key = run_key(cfg)
    mine = st.session_state.get(SESSION_RUNS, {}).get(key)
    if mine is not None:
        return mine
    store = _store()
    with store["lock"]:
        res = store["runs"].get(key)
        if res is not None:
            store["runs"].move_to_end(key)
    return res


def remember(cfg: RunConfig, res: RunResult) -> None:
    key = run_key(cfg)
    st.session_state.setdefault(SESSION_RUNS, {})[key] = res
    if res.stopped in ("completed", "early stop", "diverged"):  # reproducible outcomes only
        store = _store()
        with store["lock"]:
            store["runs"][key] = res
            store["runs"].move_to_end(key)
            store["bytes"][key] = budget.result_bytes(res)
            while len(store["runs"]) > 1 and (len(store["runs"]) > MAX_STORED
                                               or sum(store["bytes"].values()) > MAX_STORED_BYTES):
                old, _ = store["runs"].popitem(last=False)
                store["bytes"].pop(old, None)


def train_live(cfg: RunConfig, t, label: str = "") -> RunResult | None:
    """Train with a progress bar and a live loss chart. A click anywhere (e.g. Stop) ends the run
    after the current epoch and keeps it; the click's rerun then proceeds."""
    try:
        check_size(cfg, None)  # on the settings alone, before the data is built
        data = prepared(cfg)
    except budget.BudgetError as e:
        st.error(f"{t('run.too_big')} {plain(e, 400)}", icon=":material/memory:")
        return None
    except ValueError as e:
        st.error(plain(e, 400), icon=":material/error:")
        return None
    bar = st.progress(0.0, text=t("run.starting", label=label))
    chart = st.empty()
    hist = {"epoch": [], "train_loss": [], "val_loss": []}
    interrupted: list[BaseException] = []
    last_draw = [0.0]
    shown = [0.0, t("run.starting", label=label)]  # the bar's value and text, redrawn by each tick

    def on_epoch(p: Progress):
        for k in hist:
            hist[k].append(getattr(p, k))
        now = time.perf_counter()
        if now - last_draw[0] < 0.25 and p.epoch < p.epochs:
            return None
        last_draw[0] = now

        def draw():
            shown[:] = [min(1.0, p.epoch / p.epochs), t("run.progress", label=label, epoch=p.epoch,
                                                          epochs=p.epochs, train=p.train_loss, val=p.val_loss,
                                                          s=p.elapsed)]
            bar.progress(shown[0], text=shown[1])
            chart.plotly_chart(loss_figure(hist, labels=chart_labels(t, "loss_figure")), width="stretch",
                               theme=None, config=png_config("loss"))
        return guarded(interrupted, draw)

    def should_stop() -> bool:  # per batch: a redraw is where a click or a closed tab arrives
        now = time.perf_counter()
        if now - last_draw[0] < TICK_S:
            return False
        last_draw[0] = now
        return guarded(interrupted, lambda: bar.progress(shown[0], text=shown[1])) is False

    try:
        est = check_size(cfg, data)
    except ValueError as e:
        bar.empty()
        st.error(f"{t('run.too_big')} {plain(e, 400)}", icon=":material/memory:")
        return None
    kind = "heavy" if est.heavy else "light"

    def queued(k: int) -> None:  # raises on Stop or a closed tab: the run leaves the queue
        bar.progress(0.0, text=t(f"run.queued{'_heavy' if est.heavy else ''}", label=label, k=k,
                                 slots=SLOTS.sizes[kind]))

    with SLOTS.slot(kind, queued):
        res = train(cfg, data, on_epoch, baselines=False, should_stop=should_stop)
    remember(cfg, res)
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


def run_or_default(cfg: RunConfig, t=None) -> RunResult | None:
    """The run a page shows for ``cfg`` (see ``ui.flow.run_for``): stored, trained by itself when cheap,
    or the session's previous run (dimmed) while a costly change waits for a click."""
    from ui.flow import run_for
    from ui.layout import Translator, current_lang

    return run_for(cfg, t or Translator(current_lang()))[0]


DEFAULT_RUN_FILE = ROOT / "assets" / "default_run.pt"


@st.cache_resource(show_spinner=False)
def default_run() -> RunResult:
    """The ready example: the default configuration as shipped in ``assets`` (a test checks it equals a
    fresh training), trained once per server only if the file does not match the default config."""
    from rnn_core.run_file import load_run

    res = load_run(DEFAULT_RUN_FILE, RunConfig())
    if res is not None:
        return res
    with SLOTS.slot("light"):
        return train(RunConfig(), baselines=False)


def baselines_of(res: RunResult) -> dict:
    """The holdout baselines of a series run (computed once per series and split, then cached)."""
    from rnn_core.forecast import baseline_metrics

    if "baselines" in res.metrics:
        return res.metrics["baselines"]
    if res.config.data == RunConfig().data:  # any network on the default data: the shipped example's
        return default_run().metrics.get("baselines") or baseline_metrics(res.data.series)
    return baseline_metrics(res.data.series)


def trace_of(res: RunResult, split: str, start: int, stop: int):
    """trace() of windows [start, stop) of one split of a run, cached per trained model and selection."""
    return _trace(res.run_id, split, start, stop, res)


@st.cache_data(max_entries=8, ttl=900, show_spinner=False)  # each at most budget.max_trace_bytes
def _trace(run_id: str, split: str, start: int, stop: int, _res: RunResult):
    from rnn_core.instrument import trace

    data = _res.data
    x = getattr(data, f"x_{split}")
    stop = start + budget.trace_windows(_res.config, x.shape[1], stop - start)  # under the trace cap
    x, y = x[start:stop], getattr(data, f"y_{split}")[start:stop]
    return trace(_res.model, x, y)


def spectrum_of(res: RunResult) -> list[dict]:
    return _spectrum(res.run_id, res)


@st.cache_data(max_entries=64, show_spinner=False)
def _spectrum(run_id: str, _res: RunResult):
    from rnn_core.instrument import spectrum

    return spectrum(_res.model)


def apply_config(cfg: RunConfig) -> None:
    """Point every settings widget at ``cfg`` (call from a widget callback, before widgets draw)."""
    flat = {k: v for part in cfg.to_dict().values() for k, v in part.items()}
    st.session_state.setdefault("_ui_values", {}).update(flat)
    for k, v in flat.items():
        st.session_state[k] = v


def _on_bundle() -> None:
    from rnn_core.bundle import load_bundle
    from rnn_core.train import result_from_model

    f = st.session_state.get("bundle_file")
    if f is None:
        return
    try:
        cfg, model = load_bundle(f.getvalue())  # checked against the budget like a link
        data = prepared(cfg)
        kind = "heavy" if check_size(cfg, data).heavy else "light"
        if not SLOTS.acquire(kind, timeout=30.0):  # evaluation is bounded by the same caps as training
            st.session_state["_bundle_msg"] = ("busy", "")
            return
        try:
            res = result_from_model(cfg, model, data)
        finally:
            SLOTS.release(kind)
    except Exception as e:  # noqa: BLE001 - every failure is a message for the person, never a traceback
        st.session_state["_bundle_msg"] = ("error", str(e) if isinstance(e, ValueError) else type(e).__name__)
        return
    apply_config(cfg)
    remember(cfg, res)
    st.session_state["_bundle_msg"] = ("ok", f.name)


def load_uploaded_bundle(t) -> None:
    """Upload a run bundle: its settings fill the sidebar and its weights become the current run."""
    st.file_uploader(t("train.bundle_upload"), type=["pt"], key="bundle_file", on_change=_on_bundle)
    kind, text = st.session_state.pop("_bundle_msg", (None, None))
    if kind == "error":
        st.error(f"{t('train.bundle_failed')} {plain(text, 400)}", icon=":material/error:")
    elif kind == "busy":
        st.warning(t("run.busy"), icon=":material/hourglass_top:")
    elif kind == "ok":
        st.success(t("train.bundle_loaded", name=plain(text, 60)), icon=":material/check_circle:")

