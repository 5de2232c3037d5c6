"""Runs for the pages: the data of a config, its run in the store, the shipped example and baselines.

A run is kept in ``ui.runs.store`` under its config plus the uploaded series' hash (kind ``run``): a
finished one server-wide, a stopped one in its session only. Live training is ``ui.runs.live``; traces and
spectra of a run are ``ui.runs.traces``; run bundles are ``ui.runs.bundles``.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from rnn_core.config import COMPARE_CELLS, NAMES_DEFAULT, RunConfig
from rnn_core.data.datasets import Prepared, prepare
from rnn_core.engine.run_file import NAMES_RUN_FILE, load_run, shipped_file
from rnn_core.engine.train import REPRODUCIBLE, RunResult, train
from rnn_core.limits import budget
from ui.runs import store
from ui.runs.slots import SLOTS

UPLOAD_KEY = "upload_series"  # session: the uploaded pd.Series, set by the Data page
KIND = "run"  # the store's namespace of single runs
FINISHED = REPRODUCIBLE  # outcomes that are a pure function of the settings: kept server-wide
# The default config ships trained with each compared cell (the LSTM is the default): a cold server's Home,
# Train and Compare show them without training; scripts/make_default_run.py writes them, a test checks them.
SHIPPED_CELLS = COMPARE_CELLS


def shipped_config(cfg: RunConfig) -> bool:
    """Whether ``cfg`` is the default config with one of the shipped cells."""
    return cfg.model.cell in SHIPPED_CELLS and cfg == RunConfig().replace(cell=cfg.model.cell)


def upload() -> pd.Series | None:
    return st.session_state.get(UPLOAD_KEY)


def use_upload(series: pd.Series) -> None:
    """Make ``series`` this session's uploaded series (``dataset=csv``)."""
    st.session_state[UPLOAD_KEY] = series


def run_key(cfg: RunConfig) -> str:
    key = cfg.to_json()
    series = upload() if cfg.data.dataset == "csv" and cfg.data.forecasts else None
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


def lookup_run(cfg: RunConfig) -> RunResult | None:
    """This session's run of ``cfg`` if any, else the server's finished one."""
    return store.lookup(KIND, run_key(cfg))


def remember_run(cfg: RunConfig, res: RunResult) -> None:
    finished = res.stopped in FINISHED
    store.remember(KIND, run_key(cfg), res, finished, budget.result_bytes(res) if finished else 0)


@st.cache_resource(show_spinner=False)
def shipped_run(cell: str) -> RunResult:
    """The default configuration with ``cell`` as shipped in ``assets`` (a test checks each equals a fresh
    training), trained once per server only if the file does not match the config."""
    cfg = RunConfig().replace(cell=cell)
    res = load_run(shipped_file(cell), cfg)
    if res is not None:
        return res
    with SLOTS.slot("light"):
        return train(cfg, baselines=False)


@st.cache_resource(show_spinner=False)
def shipped_names_run() -> RunResult | None:
    """The default surname run as shipped in ``assets/names_run.pt`` (a test checks it equals a fresh
    training), so the Names page answers on its first visit; None when the file is missing or of another
    default."""
    return load_run(NAMES_RUN_FILE, NAMES_DEFAULT)


def default_run() -> RunResult:
    """The ready example: the default configuration, shipped."""
    return shipped_run(RunConfig().model.cell)


def baselines_of(res: RunResult) -> dict:
    """The holdout baselines of a series run (computed once per series and split, then cached)."""
    from rnn_core.engine.forecast import baseline_metrics

    if "baselines" in res.metrics:
        return res.metrics["baselines"]
    if res.config.data == RunConfig().data:  # any network on the default data: the shipped example's
        return default_run().metrics.get("baselines") or baseline_metrics(res.data.series)
    return baseline_metrics(res.data.series)
