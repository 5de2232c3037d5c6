"""Glue for the long-range lab: its own few settings (in the URL), live comparisons and sweeps, cached.

Results are stored server-wide under their settings, so a revisit or a shared link is instant;
they are read-only once stored. A run interrupted by a click is kept for this session only.
"""

from __future__ import annotations

import threading

import pandas as pd
import streamlit as st

from charts.gradients import grad_norm_figure, grad_reading
from charts.weights import clipping_figure, spectrum_figure
from rnn_core.config import LAG_TASKS, RunConfig
from rnn_core.lab import compare_cells, lab_config
from rnn_core.sweep import LAGS, lag_sweep
from ui.history import pin_button
from ui.labels import cell_label, fmt_horizon, fmt_num, option_label
from ui.runs import TRAIN_SLOTS, guarded, lookup, spectrum_of, trace_of, train_live
from ui.settings import hidden_names, share_url
from ui.text_charts import chart_labels
from ui.views import chart, run_subtitle, status

CELLS = ("rnn", "lstm", "gru")
LAB_FIELDS = {  # URL key -> (kind, default, options or range)
    "lab_task": ("choice", "adding", LAG_TASKS),
    "lab_lag": ("int", 50, (2, 200)),
    "lab_epochs": ("int", 20, (1, 200)),
    "lab_seed": ("int", 0, (0, 10_000)),
}


@st.cache_resource
def _store() -> dict:
    return {"lock": threading.Lock(), "compare": {}, "sweep": {}}


def lab_settings(t) -> RunConfig:
    """The lab's settings as widgets bound to the URL; ``?hide=lab_lag`` locks one to its link value."""
    values, hidden = {}, set(hidden_names())
    cols = st.columns(len(LAB_FIELDS))
    for col, (key, (kind, default, lim)) in zip(cols, LAB_FIELDS.items(), strict=True):
        if key in hidden:
            values[key] = _url_value(key, kind, default, lim)
            shown = option_label(t, "task", values[key]) if kind == "choice" else values[key]
            col.markdown(f"**{t('f.' + key)}**  \n{shown} :material/lock:")
            continue
        if kind == "choice":
            values[key] = url_select(col, t(f"f.{key}"), lim, default, key, lambda v: option_label(t, "task", v),
                                     help=t(f"h.{key}"))
        else:
            values[key] = col.number_input(label=t(f"f.{key}"), key=key, bind="query-params", help=t(f"h.{key}"),
                                           min_value=lim[0], max_value=lim[1], value=default, step=1)
    st.sidebar.caption(f":material/link: {t('set.share')}", help=t("set.share_help"))
    st.sidebar.code(share_url(st.query_params.to_dict()), language=None, wrap_lines=True)
    return lab_config(task=values["lab_task"], lag=int(values["lab_lag"]), epochs=int(values["lab_epochs"]),
                      seed=int(values["lab_seed"]))


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


def _url_value(key, kind, default, lim):
    raw = st.query_params.get(key)
    if raw is None:
        return default
    if kind == "choice":
        return raw if raw in lim else default
    try:
        v = int(raw)
    except ValueError:
        return default
    return v if lim[0] <= v <= lim[1] else default


def stored_compare(cfg: RunConfig):
    return st.session_state.get("_lab_compare", {}).get(cfg.to_json()) or _store()["compare"].get(cfg.to_json())


def run_compare(cfg: RunConfig, t):
    """Train RNN, LSTM and GRU on the lab task with one progress bar each."""
    bars = {c: st.progress(0.0, text=t("lab.waiting", cell=cell_label(t, c))) for c in CELLS}
    box = []

    def on_progress(cell, p):
        return guarded(box, lambda: bars[cell].progress(
            min(1.0, p.epoch / p.epochs), text=t("lab.progress", cell=cell_label(t, cell), epoch=p.epoch,
                                                 epochs=p.epochs, val=p.val_loss, s=p.elapsed)))

    with TRAIN_SLOTS:
        results = compare_cells(cfg, CELLS, on_progress)
    key = cfg.to_json()
    st.session_state.setdefault("_lab_compare", {})[key] = results
    complete = len(results) == len(CELLS) and all(r.result.stopped == "completed" for r in results)
    if complete:
        with _store()["lock"]:
            _store()["compare"][key] = results
    if box:
        raise box[0]
    for b in bars.values():
        b.empty()
    return results


def sweep_key(cfg: RunConfig, lags) -> str:
    return cfg.replace(lag=2).to_json() + repr(tuple(lags))


def stored_sweep(cfg: RunConfig, lags):
    k = sweep_key(cfg, lags)
    return st.session_state.get("_lab_sweep", {}).get(k) or _store()["sweep"].get(k)


def run_sweep(cfg: RunConfig, lags, t):
    """All cells over the lag ladder, one progress bar for the whole sweep."""
    total = len(lags) * len(CELLS)
    done: list[tuple[str, int]] = []
    bar = st.progress(0.0, text=t("lab.sweep_start"))
    box = []

    def on_progress(cell, lag, p):
        if (cell, lag) not in done and p.epoch == p.epochs:
            done.append((cell, lag))
        frac = (len(done) + (p.epoch / p.epochs if (cell, lag) not in done else 0)) / total
        return guarded(box, lambda: bar.progress(min(1.0, frac), text=t(
            "lab.sweep_progress", cell=cell_label(t, cell), lag=lag, k=len(done), n=total)))

    with TRAIN_SLOTS:
        df = lag_sweep(cfg, tuple(lags), CELLS, on_progress)
    rows = df.to_dict("records")
    k = sweep_key(cfg, lags)
    st.session_state.setdefault("_lab_sweep", {})[k] = rows
    if len(rows) == total and all(r["stopped"] == "completed" for r in rows):
        with _store()["lock"]:
            _store()["sweep"][k] = rows
    if box:
        raise box[0]
    bar.empty()
    return rows


def parse_lags(text: str) -> tuple[int, ...]:
    """'5, 10, 20' -> (5, 10, 20); raises ValueError with a readable message."""
    try:
        lags = tuple(sorted({int(s) for s in text.replace(";", ",").split(",") if s.strip()}))
    except ValueError:
        raise ValueError("lags: write whole numbers separated by commas, e.g. 5, 10, 20, 40, 80") from None
    if not lags or len(lags) > 8 or lags[0] < 2 or lags[-1] > 200:
        raise ValueError("lags: give 1 to 8 lags between 2 and 200")
    return lags


DEFAULT_LAGS = ", ".join(str(x) for x in LAGS)
LRS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)  # Adam: the step size is the learning rate, whatever the gradient


@st.cache_data(max_entries=32, show_spinner=False)
def _init_profile(cfg_json: str) -> dict:
    from rnn_core.lab import init_profile

    return init_profile(RunConfig.from_json(cfg_json))


def init_view(cfg: RunConfig, t) -> None:
    """Vanilla RNN: W_hh's spectrum and the gradient profile at initialisation, then after training."""
    st.markdown(t("lab.init_intro"))
    c = st.columns(5)
    init = url_select(c[0], t("f.init"), ("default", "orthogonal", "identity", "spectral"), "spectral", "lab_init",
                      lambda v: option_label(t, "init", v))
    rho = c[1].slider(t("f.rho"), 0.1, 2.0, 1.0, 0.05, key="lab_rho", bind="query-params", disabled=init != "spectral")
    act = url_select(c[2], t("f.nonlinearity"), ("tanh", "relu"), "tanh", "lab_act",
                     lambda v: option_label(t, "nonlinearity", v))
    clip = c[3].slider(t("f.clip"), 0.0, 10.0, 1.0, 0.1, key="lab_clip", bind="query-params", help=t("h.clip"))
    lr = c[4].select_slider(t("f.lr"), LRS, value=0.01, key="lab_lr", bind="query-params", help=t("lab.lr_help"))
    rcfg = cfg.replace(cell="rnn", init=init, rho=float(f"{rho:.12g}"), nonlinearity=act, clip=float(f"{clip:.12g}"),
                       lr=float(lr))
    prof = _init_profile(rcfg.to_json())
    left, right = st.columns(2)
    with left:
        chart(spectrum_figure(prof["spectrum"], singular_values=False, labels=chart_labels(t, "spectrum_figure")),
              "init_spectrum", key="init_spectrum", subtitle=run_subtitle(rcfg, t))
    with right:
        chart(grad_norm_figure(prof["grad_norms"],
                               labels=chart_labels(t, "grad_norm_figure", title=t("lab.at_init"))), "init_gradients",
              key="init_gradients", subtitle=run_subtitle(rcfg, t))
        st.caption(t("read.grad"))
    st.info(grad_reading(prof["grad_norms"], labels=chart_labels(t, "grad_reading")), icon=":material/lightbulb:")
    if st.button(t("lab.init_go"), type="primary", icon=":material/play_arrow:", key="lab_init_go"):
        train_live(rcfg, t, label="RNN")
    res = lookup(rcfg)
    if res is None:
        return
    status(res, t)
    n = min(len(res.data.x_val), 200)
    tr = trace_of(res, "val", 0, n)
    left, right = st.columns(2)
    with left:
        chart(grad_norm_figure(tr.grad_norms,
                               labels=chart_labels(t, "grad_norm_figure", title=t("lab.after_training"))),
              "trained_gradients", key="trained_gradients", subtitle=run_subtitle(rcfg, t))
        st.caption(t("read.grad"))
        chart(spectrum_figure(spectrum_of(res), singular_values=False,
                              labels=chart_labels(t, "spectrum_figure")), "trained_spectrum",
              key="trained_spectrum", subtitle=run_subtitle(rcfg, t))
    with right:
        pre, post = res.steps["grad_norm_pre"], res.steps["grad_norm_post"]
        chart(clipping_figure(pre, post, clip, labels=chart_labels(t, "clipping_figure")), "clipping",
              key="init_clipping", subtitle=run_subtitle(rcfg, t))
        clipped = t("grad.clipped", k=res.clipped_steps, n=len(pre), clip=clip) if clip > 0 else t("lab.no_clip")
        st.caption(f"{clipped} {t('read.clipping')}")
        st.metric(t("lab.val"), fmt_num(res.metrics["val_loss"]), border=True,
                  delta=f"{fmt_num(res.metrics['val_loss'] / res.metrics['baseline_loss'])} × {t('lab.baseline')}",
                  delta_color="off")
    pin_button(res, t, key="pin_init")


def results_table(results, t) -> pd.DataFrame:
    """The comparison of the three cells, one row each, numbers formatted for reading."""
    return pd.DataFrame([{t("compare.cell"): cell_label(t, r.cell), t("lab.val"): fmt_num(r.val_loss),
                          t("lab.baseline"): fmt_num(r.baseline_loss), t("lab.ratio"): fmt_num(r.ratio),
                          t("lab.horizon"): fmt_horizon(t, r.horizon["horizon"]),
                          t("met.time") + t("num.seconds"): fmt_num(r.elapsed)} for r in results])


def sweep_table(rows: list[dict], t) -> pd.DataFrame:
    """The lag sweep, one row per cell and lag, with translated headers and readable numbers."""
    return pd.DataFrame([{t("lab.col_cell"): cell_label(t, r["cell"]), t("lab.col_lag"): fmt_num(int(r["lag"])),
                          t("lab.val"): fmt_num(r["val_loss"]), t("lab.baseline"): fmt_num(r["baseline_loss"]),
                          t("lab.ratio"): fmt_num(r["ratio"]), t("lab.horizon"): fmt_horizon(t, r["horizon"]),
                          t("met.time") + t("num.seconds"): fmt_num(r["elapsed"]),
                          t("lab.col_epochs"): fmt_num(int(r["epochs"])),
                          t("lab.col_outcome"): t(f"lab.outcome.{r['stopped']}")} for r in rows])
