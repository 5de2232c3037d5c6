"""Glue for the long-range lab: LabConfig's fields as widgets bound to the URL, and its live runs, cached.

Widgets are drawn from the field metadata of ``rnn_core.config.LabConfig`` (ranges, choices, steps),
so limits live in one place. A finished comparison, sweep or seed spread is stored server-wide under
its settings, so a revisit or a shared link is instant; stored results are read-only. A run
interrupted by a click is kept for this session only.
"""

from __future__ import annotations

import threading
from dataclasses import fields

import streamlit as st

from rnn_core.config import COMPARE_CELLS, LabConfig
from rnn_core.lab import compare_cells, lab_run_config
from rnn_core.seeds import seed_runs
from rnn_core.sweep import lag_sweep
from ui.labels import cell_label, option_label
from ui.runs import TRAIN_SLOTS, guarded
from ui.settings import hidden_names, share_url

TOP = ("lab_task", "lab_lag", "lab_epochs", "lab_seed", "lab_forget_bias")  # the row above the tabs
INIT = ("lab_init", "lab_rho", "lab_act", "lab_clip", "lab_lr")  # the initialisation lab's row
SPREAD_SEEDS = 5  # seeds the "run seeds" action trains
_FIELDS = {f.name: f for f in fields(LabConfig)}
DEFAULTS = LabConfig()
_SESSION = "_lab_runs"  # session: kind -> key -> partial or finished result
_DONE = ("completed", "early stop")  # outcomes that are a pure function of the settings


@st.cache_resource
def _store() -> dict:
    return {"lock": threading.Lock(), "compare": {}, "sweep": {}, "seeds": {}}


def _url_value(name: str):
    """A field's value from the URL, or its default when absent or not allowed."""
    raw = st.query_params.get(name)
    try:
        return getattr(LabConfig.from_params({name: raw}), name) if raw is not None else getattr(DEFAULTS, name)
    except ValueError:
        return getattr(DEFAULTS, name)


def _current(name: str):
    """A field without a widget in this spot: its widget's state, else the URL, else the default."""
    return st.session_state[name] if name in st.session_state else _url_value(name)


def _widget(name: str, t, where, disabled: bool = False):
    f, default = _FIELDS[name], getattr(DEFAULTS, name)
    if name in hidden_names():  # a classroom link fixes this one
        value = _url_value(name)
        where.markdown(f"**{t('f.' + name)}**  \n{t(f'opt.{name}.{value}') if 'choices' in f.metadata else value} "
                       f":material/lock:", help=t("lab.locked"))
        return value
    meta = f.metadata
    if "choices" in meta:
        return url_select(where, t(f"f.{name}"), meta["choices"], default, name,
                          lambda v: option_label(t, name, v), help=t(f"h.{name}"), disabled=disabled)
    kw = dict(label=t(f"f.{name}"), key=name, bind="query-params", help=t(f"h.{name}"), disabled=disabled)
    if "options" in meta:
        return where.select_slider(options=meta["options"], value=default, **kw)
    if f.type == "str":
        return where.text_input(value=default, **kw)
    lo, hi = meta["range"]
    if f.type == "float":
        return float(f"{where.slider(min_value=lo, max_value=hi, value=default, step=meta.get('step'), **kw):.12g}")
    return int(where.number_input(min_value=lo, max_value=hi, value=default, step=1, **kw))


def _to_url(key: str, default) -> None:
    value = st.session_state.get(key, default)
    if value == default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = value


def url_select(container, label: str, options, default, key: str, format_func, **kw):
    """A selectbox that shows labels but keeps the option's identifier in the URL under ``key``.

    (A selectbox bound to the query params would write its formatted label there, so a link made in one
    language would not open in the other.) The URL seeds it once per visit; every change rewrites it."""
    if key not in st.session_state:
        raw = st.query_params.get(key)
        st.session_state[key] = raw if raw in options else default
    return container.selectbox(label, options, key=key, format_func=format_func, on_change=_to_url,
                               args=(key, default), **kw)


def draw_fields(names, t, lab: LabConfig | None = None, disabled=()) -> LabConfig:
    """Draw ``names`` side by side and return ``lab`` (or the current settings) with their values."""
    values = {f: _current(f) for f in _FIELDS} if lab is None else lab.to_dict()
    for col, name in zip(st.columns(len(names)), names, strict=True):
        values[name] = _widget(name, t, col, disabled=name in disabled)
    try:
        return LabConfig(**values)
    except ValueError:  # only the free-text lag ladder can be invalid; lags_setting reports it
        return LabConfig(**{**values, "lab_lags": DEFAULTS.lab_lags})


def lab_settings(t) -> LabConfig:
    """The row of lab settings above the tabs, and the share link in the sidebar."""
    lab = draw_fields(TOP, t)
    st.sidebar.caption(f":material/link: {t('set.share')}", help=t("set.share_help"))
    st.sidebar.code(share_url(st.query_params.to_dict()), language=None, wrap_lines=True)
    return lab


def lags_setting(t) -> tuple[int, ...] | None:
    """The sweep's lag ladder as a text box; a bad ladder gets a message and ``None``."""
    text = _widget("lab_lags", t, st)
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
    key = _key(kind, lab)
    return st.session_state.get(_SESSION, {}).get(kind, {}).get(key) or _store()[kind].get(key)


def _live(kind: str, lab: LabConfig, total: int, work, t):
    """Run ``work(on_progress)`` with one progress bar over ``total`` trainings and keep what it returns."""
    bar, box, units = st.progress(0.0, text=t("lab.sweep_start")), [], []

    def on_progress(unit, text, p):  # text(k): the bar's line once k trainings are done
        if unit not in units:
            units.append(unit)
        frac = (len(units) - 1 + p.epoch / p.epochs) / total
        return guarded(box, lambda: bar.progress(min(1.0, frac), text=text(len(units) - 1)))

    with TRAIN_SLOTS:
        out = work(on_progress)
    key = _key(kind, lab)
    st.session_state.setdefault(_SESSION, {}).setdefault(kind, {})[key] = out
    outcomes = [r.result.stopped for r in out] if kind == "compare" else [r["stopped"] for r in out]
    if len(outcomes) == total and all(s in _DONE for s in outcomes):
        with _store()["lock"]:
            _store()[kind][key] = out
    if box:
        raise box[0]
    bar.empty()
    return out


def run_compare(lab: LabConfig, t):
    """Train RNN, LSTM and GRU on the lab task, one after the other, under one progress bar."""
    def work(on_progress):
        return compare_cells(lab_run_config(lab), COMPARE_CELLS, lambda cell, p: on_progress(cell, lambda k: t(
            "lab.progress", cell=cell_label(t, cell), epoch=p.epoch, epochs=p.epochs, val=p.val_loss, s=p.elapsed), p))
    return _live("compare", lab, len(COMPARE_CELLS), work, t)


def run_sweep(lab: LabConfig, t):
    """All cells over the lag ladder; returns the table's rows."""
    n = len(lab.lags) * len(COMPARE_CELLS)

    def work(on_progress):
        def cb(cell, lag, p):
            return on_progress((cell, lag), lambda k: t("lab.sweep_progress", cell=cell_label(t, cell), lag=lag,
                                                        k=k, n=n), p)
        return lag_sweep(lab_run_config(lab), lab.lags, COMPARE_CELLS, cb).to_dict("records")
    return _live("sweep", lab, n, work, t)


def run_seeds(lab: LabConfig, t):
    """The comparison over ``seeds_of(lab)``; returns one row per seed and cell."""
    seeds, n = seeds_of(lab), SPREAD_SEEDS * len(COMPARE_CELLS)

    def work(on_progress):
        def cb(seed, cell, p):
            return on_progress((seed, cell), lambda k: t("lab.seeds_progress", seed=seed, cell=cell_label(t, cell),
                                                         k=k, n=n), p)
        return seed_runs(lab_run_config(lab), seeds, COMPARE_CELLS, cb).to_dict("records")
    return _live("seeds", lab, n, work, t)
