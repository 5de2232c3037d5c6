"""Inside the cell: one step of the recurrence with live numbers, input saliency, and the Jacobian."""

import numpy as np
import pandas as pd
import streamlit as st

from charts.inside import lyapunov_figure, memory_figure, saliency_bars, saliency_figure, singular_figure, step_figure
from charts.states import state_heatmap
from rnn_core.config import ELMAN_CELLS
from rnn_core.inside.lyapunov import EDGE_TOL, STARTS, regime
from rnn_core.inside.saliency import by_offset
from ui import page_setup, settings_sidebar
from ui.glue.inside import (
    LATEX,
    LYAP_STEPS,
    free_run_of,
    holdout_size,
    int_slider,
    jacobian_of,
    locked_value,
    lyapunov_at,
    lyapunov_curve,
    saliency_of,
    sample_trace,
    step,
    step_caption,
    url_choice,
    window_label,
)
from ui.runs.flow import page_run
from ui.runs.traces import spectrum_of
from ui.state.fields import hidden_names
from ui.text.catalog import chart_labels, inside_labels
from ui.views.blocks import chart, csv_button, need_run, run_subtitle

MAX_JACOBIAN_BYTES = 3e8  # the step Jacobians of one window, L × T × S × S floats: beyond this the view says so

t = page_setup("inside")
cfg = settings_sidebar()
st.title(f":material/memory: {t('nav.inside')}")
st.caption(t("in.caption"))
res = need_run(page_run(cfg, t), t)
cfg = res.config  # the run drawn (an earlier one, dimmed, while a costly change waits for Train)
sub = run_subtitle(cfg, t)
cell, L = cfg.model.cell, cfg.model.num_layers
n = holdout_size(res)
if n == 0:
    st.info(t("view.no_run"), icon=":material/info:")
    st.stop()
T = res.data.x_test.shape[1]
pick, note = st.columns([2, 3], vertical_alignment="bottom")
i = int_slider(pick, "in_sample", 1, n, 1, t) - 1
date = window_label(res, i)
note.caption(t("in.window_date", i=i + 1, n=n, date=date) if date else t("in.window_sample", i=i + 1, n=n))
VIEWS = ("step", "saliency", "jacobian")  # the URL keeps these names, whatever the language
view = url_choice(st, "in_view", VIEWS, "step", t, lambda v: t(f"in.tab_{v}"), label_visibility="collapsed")


def step_view() -> None:
    T_all = sample_trace(res, i).hiddens.shape[2]
    playing = "in_t" not in hidden_names() and st.toggle(t("f.in_play"), key="in_play", help=t("h.in_play"))
    for line in LATEX["rnn" if cell == "scratch" else cell]:
        st.latex(line)
    note = {"gru": "in.gru_note", "mingru": "in.linear_note", "minlstm": "in.linear_note", "lru": "in.lru_note"}
    st.caption(t("in.notation") + (" " + t(note[cell]) if cell in note else ""))
    if T_all > T:
        st.caption(t("in.generated", T=T))

    def frame():
        if playing:
            st.session_state["in_t"] = int(st.session_state.get("in_t", T)) % T_all + 1
        tt = int_slider(st, "in_t", 1, T_all, T, t)
        g = "ReLU" if cfg.model.nonlinearity == "relu" else "tanh"
        rows = []
        for k, terms in enumerate(step(res, i, tt - 1)):
            x_name = t("in.input_x") if k == 0 else t("in.input_below", k=k)
            chart(step_figure(terms, cell, k + 1, tt, labels=inside_labels(t, "step_figure"), x_name=x_name, g_name=g),
                  f"step_layer{k + 1}_t{tt}", key=f"in_step_{k}", subtitle=sub)
            st.markdown(step_caption(t, cell, k, tt, terms))
            rows += [{"layer": k + 1, "t": tt, "term": name, "unit": u + 1, "value": float(v)}
                     for name, vec in terms.items() for u, v in enumerate(vec)]
        csv_button(pd.DataFrame(rows), f"step_t{tt}", t, key="in_step_csv")

    if playing:  # only this part reruns, once a second
        st.fragment(frame, run_every=1.0)()
    else:
        frame()


def saliency_view() -> None:
    st.markdown(t("in.sal_intro"))
    if res.data.loss == "nll":
        st.caption(t("in.sal_class"))
    measure = url_choice(st, "in_signed", ("abs", "gxi"), "abs", t, lambda m: t(f"in.sal_{m}"))
    s = saliency_of(res)
    values, size = s["grad_x_input" if measure == "gxi" else "saliency"], s["saliency"]
    value_name = t(f"in.sal_{measure}")
    mode = res.data.output_mode
    if mode == "all":  # many-to-many: output step × input step, averaged over the holdout
        grid, rows = values.mean(0), [int(o) + 1 for o in s["outputs"]]
        cols, bars_x = list(range(1, T + 1)), list(range(T))
        bars, item = by_offset(size, s["outputs"]), "in.offset_item"
        axes = dict(x=chart_labels(t, "state_heatmap")["x"], y=t("f.in_out"), row=t("f.in_out"), col="t")
        st.caption(t("in.denoise_note", n=n))
    elif res.data.series is not None:  # forecasts × lag; lag 1 is the input just before the forecast
        o = int_slider(st, "in_out", 1, len(s["outputs"]), 1, t) - 1 if len(s["outputs"]) > 1 else 0
        grid = values[:, o, ::-1]
        rows = [window_label(res, j + o) or j + 1 for j in range(n)]
        cols = bars_x = list(range(1, T + 1))
        bars, item = size[:, o, ::-1].mean(0), "in.lag_item"
        axes = {}
    else:  # sample tasks: holdout sample × time step
        grid, rows = values[:, 0], list(range(1, n + 1))
        cols = bars_x = list(range(1, T + 1))
        bars, item = size[:, 0].mean(0), "in.step_item"
        step_word = chart_labels(t, "state_heatmap")["x"]
        axes = dict(x=step_word, y=t("f.in_sample"), row=t("f.in_sample"), col="t")
    bar_axes = {k: v for k, v in axes.items() if k in ("x", "col")}
    chart(saliency_figure(grid, rows, cols, signed=measure == "gxi",
                          labels=inside_labels(t, "saliency_figure", value=value_name, **axes)),
          f"saliency_{measure}", key="in_sal_map", subtitle=sub)
    chart(saliency_bars(bars, bars_x, labels=inside_labels(t, "saliency_bars", **bar_axes)), "saliency_mean",
          key="in_sal_bars", subtitle=sub)
    share = np.nan_to_num(bars) / max(float(np.nansum(bars)), 1e-300)
    top = [int(j) for j in np.argsort(-share, kind="stable")[:3]]
    key = {"in.lag_item": "in.sal_top_lag", "in.step_item": "in.sal_top_step"}.get(item, "in.sal_top_offset")
    st.info(t(key, items=", ".join(t(item, k=bars_x[j], share=share[j]) for j in top)) + " " + t("in.sal_share"),
            icon=":material/lightbulb:")
    N, O, _ = size.shape
    frame = pd.DataFrame({"sample": np.repeat(np.arange(1, N + 1), O * T), "output": np.tile(
        np.repeat(s["outputs"] + 1, T), N), "t": np.tile(np.arange(1, T + 1), N * O),
        "saliency": size.ravel(), "grad_x_input": s["grad_x_input"].ravel()})
    csv_button(frame, "saliency", t, key="in_sal_csv")


def jacobian_view() -> None:
    st.markdown(t("in.jac_intro"))
    notes = ([t("in.jac_window")] if res.data.output_mode == "generate" else []) + \
        ([t("in.jac_lstm")] if cell == "lstm" else [])
    if notes:
        st.caption(" ".join(notes))
    layer = L
    if L > 1:
        layer = st.segmented_control(t("f.in_layer"), list(range(1, L + 1)), default=L, key="in_layer",
                                     bind="query-params") or L
    S = cfg.model.hidden_size * (2 if cell == "lstm" else 1)
    if L * sample_trace(res, i).hiddens.shape[2] * S * S * 8 > MAX_JACOBIAN_BYTES:
        st.info(t("in.jac_too_big", T=T, H=cfg.model.hidden_size), icon=":material/memory:")
    else:
        memory_view(layer)
    lyapunov_view()


def memory_view(layer: int) -> None:
    jac = jacobian_of(res, i)[layer - 1]
    chart(memory_figure(jac["memory"], jac["loss"], layer, cell, labels=inside_labels(t, "memory_figure")),
          "memory_jacobian", key="in_memory", subtitle=sub)
    mem, loss = float(jac["memory"][0]), float(jac["loss"][0])
    st.info(t("in.jac_reading", T=T, mem=f"{mem:.2g}", loss=f"{loss:.2g}") + " "
            + t("in.jac_forgets" if mem < 1e-2 else "in.jac_loss_less" if loss < mem / 10 else "in.jac_keeps"),
            icon=":material/lightbulb:")
    chart(singular_figure(jac["sv"], layer, labels=inside_labels(t, "singular_figure")), "step_singular_values",
          key="in_sv", subtitle=sub)
    st.caption(t("in.sv_caption", share=float((jac["sv"][:, 0] < 1).mean())))
    sv = jac["sv"]
    csv_button(pd.DataFrame({"t": np.arange(1, T + 1), "memory": jac["memory"], "loss_relative": jac["loss"],
                             "sv_max": sv[:, 0], "sv_min": sv[:, -1]}), "jacobian", t, key="in_jac_csv")


def lyapunov_view() -> None:
    st.subheader(t("in.lyap_h"))
    seed = cfg.train.seed
    st.markdown(t("in.lyap_intro", steps=LYAP_STEPS, seed=seed, k=STARTS, tol=EDGE_TOL))
    if "in_rho" in hidden_names():
        rho = locked_value("in_rho", 1.0, 0.1, 3.0)
        st.markdown(f"**{t('f.in_rho')}**: {rho:g} :material/lock: *{t('in.locked')}*")
    else:
        rho = st.slider(t("f.in_rho"), 0.1, 3.0, 1.0, 0.05, key="in_rho", bind="query-params", help=t("h.in_rho"))
    rho = float(f"{rho:.12g}")
    curve = lyapunov_curve(seed)
    lam, low, high = lyapunov_at(rho, seed)
    trained = None
    if cell in ELMAN_CELLS and cfg.model.nonlinearity == "tanh":
        trained = spectrum_of(res)[0]["spectral_radius"]["h"]
    metric, message = st.columns([3, 5], vertical_alignment="center")  # room for "λ ± half-width"
    metric.metric(t("in.lyap_metric", rho=rho), t("in.lyap_value", lam=lam, half=(high - low) / 2), border=True,
                  help=t("in.lyap_interval", k=STARTS, lo=low, hi=high))
    with message:
        kind = regime(low, high)
        icon = {"contracting": "trending_down", "edge": "balance", "chaotic": "trending_up"}[kind]
        st.info(t(f"in.regime.{kind}", f=float(np.exp(lam)), lo=low, hi=high, tol=EDGE_TOL), icon=f":material/{icon}:")
    fmt = lambda v: f"{v:.2f}" if v is not None else t("in.none")  # noqa: E731
    chart(lyapunov_figure(curve["rho"], curve["lam"], rho, lam, curve["edge"], curve["chaos"], 64,
                          trained_rho=trained, labels=inside_labels(t, "lyapunov_figure"),
                          band=(curve["low"], curve["high"]), starts=STARTS), "lyapunov", key="in_lyap")
    st.caption(t("in.lyap_cross", tol=EDGE_TOL, edge=fmt(curve["edge"]), chaos=fmt(curve["chaos"])))
    states = free_run_of(rho, seed)
    chart(state_heatmap(states, t("in.free_title", rho=rho, n=len(states)),
                        labels=chart_labels(t, "state_heatmap"), height=320), "free_run", key="in_free")
    csv_button(pd.DataFrame({"rho": curve["rho"], "lyapunov": curve["lam"], "low_95": curve["low"],
                             "high_95": curve["high"]}), "lyapunov", t, key="in_lyap_csv")


{"step": step_view, "saliency": saliency_view, "jacobian": jacobian_view}[view]()
