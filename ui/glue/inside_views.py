"""The Inside-the-cell page's three views of the run shown: one step through time, input saliency, and the
Jacobian behind the gradient with the Lyapunov exponent of a free-running network."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from charts.inside import lyapunov_figure, memory_figure, saliency_bars, saliency_figure, singular_figure, step_figure
from charts.states import state_heatmap
from rnn_core.cells import CELL
from rnn_core.config import ELMAN_CELLS, InsideConfig
from rnn_core.engine.train import RunResult
from rnn_core.inside.lyapunov import EDGE_TOL, STARTS, regime
from rnn_core.inside.saliency import by_offset
from ui.glue.inside import (
    LYAP_HIDDEN,
    LYAP_STEPS,
    control,
    free_run_of,
    holdout_size,
    jacobian_of,
    lyapunov_at,
    lyapunov_curve,
    saliency_of,
    sample_trace,
    step,
    window_label,
)
from ui.glue.inside_text import LATEX, step_caption
from ui.runs.traces import spectrum_of
from ui.state.fields import hidden_names, to_url
from ui.text.catalog import labels
from ui.views.blocks import chart, csv_button, run_subtitle

MAX_JACOBIAN_BYTES = 3e8  # the step Jacobians of one window, L × T × S × S floats: beyond this the view says so


def draw_view(res: RunResult, ic: InsideConfig, t) -> None:
    """The view ``ic.in_view`` of the run ``res`` for holdout window ``ic.in_sample``."""
    {"step": step_view, "saliency": saliency_view, "jacobian": jacobian_view}[ic.in_view](res, ic.in_sample - 1, t)


def step_view(res: RunResult, i: int, t) -> None:
    """One step of the recurrence for window ``i``, term by term, with a slider for t (or Play)."""
    cfg, cell, T, sub = res.config, res.config.model.cell, res.data.x_test.shape[1], run_subtitle(res.config, t)
    T_all = sample_trace(res, i).hiddens.shape[2]
    playing = "in_t" not in hidden_names() and st.toggle(t("f.in_play"), key="in_play", help=t("h.in_play"))
    for line in LATEX["rnn" if cell == "scratch" else cell]:
        st.latex(line)
    note = CELL[cell].inside_note_key
    st.caption(t("in.notation") + (" " + t(note) if note else ""))
    if T_all > T:
        st.caption(t("in.generated", T=T))

    def frame():
        if playing:  # the next step, kept in the URL as a moved slider would be
            st.session_state["in_t"] = int(st.session_state.get("in_t") or T) % T_all + 1
            to_url("in_t", auto=T)
        tt = control("in_t", t, bounds=(1, T_all), auto=T) if T_all > 1 or "in_t" in hidden_names() else 1
        g = "ReLU" if cfg.model.nonlinearity == "relu" else "tanh"
        rows = []
        for k, terms in enumerate(step(res, i, tt - 1)):
            x_name = t("in.input_x") if k == 0 else t("in.input_below", k=k)
            chart(step_figure(terms, cell, k + 1, tt, labels=labels(t, "chart.step_figure"), x_name=x_name, g_name=g),
                  f"step_layer{k + 1}_t{tt}", key=f"in_step_{k}", subtitle=sub)
            st.markdown(step_caption(t, cell, k, tt, terms))
            rows += [{"layer": k + 1, "t": tt, "term": name, "unit": u + 1, "value": float(v)}
                     for name, vec in terms.items() for u, v in enumerate(vec)]
        csv_button(pd.DataFrame(rows), f"step_t{tt}", t, key="in_step_csv")

    if playing:  # only this part reruns, once a second
        st.fragment(frame, run_every=1.0)()
    else:
        frame()


def saliency_view(res: RunResult, i: int, t) -> None:
    """Which inputs drive each output: |∂ŷ/∂x_t| or gradient × input over the holdout, and its mean."""
    n, T, sub = holdout_size(res), res.data.x_test.shape[1], run_subtitle(res.config, t)
    st.markdown(t("in.sal_intro"))
    if res.data.loss == "nll":
        st.caption(t("in.sal_class"))
    measure = control("in_signed", t, format_func=lambda m: t(f"in.sal_{m}"))
    s = saliency_of(res)
    values, size = s["grad_x_input" if measure == "gxi" else "saliency"], s["saliency"]
    value_name = t(f"in.sal_{measure}")
    mode = res.data.output_mode
    if mode == "all":  # many-to-many: output step × input step, averaged over the holdout
        grid, rows = values.mean(0), [int(o) + 1 for o in s["outputs"]]
        cols, bars_x = list(range(1, T + 1)), list(range(T))
        bars, item = by_offset(size, s["outputs"]), "in.offset_item"
        axes = dict(x=labels(t, "chart.state_heatmap")["x"], y=t("f.in_out"), row=t("f.in_out"), col="t")
        st.caption(t("in.denoise_note", n=n))
    elif res.data.series is not None:  # forecasts × lag; lag 1 is the input just before the forecast
        o = control("in_out", t, bounds=(1, len(s["outputs"]))) - 1 if len(s["outputs"]) > 1 else 0
        grid = values[:, o, ::-1]
        rows = [window_label(res, j + o) or j + 1 for j in range(n)]
        cols = bars_x = list(range(1, T + 1))
        bars, item = size[:, o, ::-1].mean(0), "in.lag_item"
        axes = {}
    else:  # sample tasks: holdout sample × time step
        grid, rows = values[:, 0], list(range(1, n + 1))
        cols = bars_x = list(range(1, T + 1))
        bars, item = size[:, 0].mean(0), "in.step_item"
        step_word = labels(t, "chart.state_heatmap")["x"]
        axes = dict(x=step_word, y=t("f.in_sample"), row=t("f.in_sample"), col="t")
    bar_axes = {k: v for k, v in axes.items() if k in ("x", "col")}
    chart(saliency_figure(grid, rows, cols, signed=measure == "gxi",
                          labels=labels(t, "chart.saliency_figure", value=value_name, **axes)),
          f"saliency_{measure}", key="in_sal_map", subtitle=sub)
    chart(saliency_bars(bars, bars_x, labels=labels(t, "chart.saliency_bars", **bar_axes)), "saliency_mean",
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


def jacobian_view(res: RunResult, i: int, t) -> None:
    """‖∂h_T/∂h_t‖ beside ‖∂L/∂h_t‖ for window ``i`` and a layer, the step Jacobians' singular values, and the
    Lyapunov exponent of a free-running network."""
    cfg, cell, L, T = res.config, res.config.model.cell, res.config.model.num_layers, res.data.x_test.shape[1]
    st.markdown(t("in.jac_intro"))
    notes = ([t("in.jac_window")] if res.data.output_mode == "generate" else []) + \
        ([t("in.jac_lstm")] if cell == "lstm" else [])
    if notes:
        st.caption(" ".join(notes))
    layer = control("in_layer", t, options=list(range(1, L + 1)), bounds=(1, L), auto=L) if L > 1 else L
    S = cfg.model.hidden_size * (2 if CELL[cell].cell_state else 1)
    if L * sample_trace(res, i).hiddens.shape[2] * S * S * 8 > MAX_JACOBIAN_BYTES:
        st.info(t("in.jac_too_big", T=T, H=cfg.model.hidden_size), icon=":material/memory:")
    else:
        memory_view(res, i, layer, t)
    lyapunov_view(res, t)


def memory_view(res: RunResult, i: int, layer: int, t) -> None:
    cell, T, sub = res.config.model.cell, res.data.x_test.shape[1], run_subtitle(res.config, t)
    jac = jacobian_of(res, i)[layer - 1]
    chart(memory_figure(jac["memory"], jac["loss"], layer, cell, labels=labels(t, "chart.memory_figure")),
          "memory_jacobian", key="in_memory", subtitle=sub)
    mem, loss = float(jac["memory"][0]), float(jac["loss"][0])
    st.info(t("in.jac_reading", T=T, mem=f"{mem:.2g}", loss=f"{loss:.2g}") + " "
            + t("in.jac_forgets" if mem < 1e-2 else "in.jac_loss_less" if loss < mem / 10 else "in.jac_keeps"),
            icon=":material/lightbulb:")
    chart(singular_figure(jac["sv"], layer, labels=labels(t, "chart.singular_figure")), "step_singular_values",
          key="in_sv", subtitle=sub)
    st.caption(t("in.sv_caption", share=float((jac["sv"][:, 0] < 1).mean())))
    sv = jac["sv"]
    csv_button(pd.DataFrame({"t": np.arange(1, T + 1), "memory": jac["memory"], "loss_relative": jac["loss"],
                             "sv_max": sv[:, 0], "sv_min": sv[:, -1]}), "jacobian", t, key="in_jac_csv")


def lyapunov_view(res: RunResult, t) -> None:
    cfg, cell = res.config, res.config.model.cell
    st.subheader(t("in.lyap_h"))
    seed = cfg.train.seed
    st.markdown(t("in.lyap_intro", steps=LYAP_STEPS, seed=seed, k=STARTS, tol=EDGE_TOL))
    rho = control("in_rho", t)
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
    chart(lyapunov_figure(curve["rho"], curve["lam"], rho, lam, curve["edge"], curve["chaos"], LYAP_HIDDEN,
                          trained_rho=trained, labels=labels(t, "chart.lyapunov_figure"),
                          band=(curve["low"], curve["high"]), starts=STARTS), "lyapunov", key="in_lyap")
    st.caption(t("in.lyap_cross", tol=EDGE_TOL, edge=fmt(curve["edge"]), chaos=fmt(curve["chaos"])))
    states = free_run_of(rho, seed)
    chart(state_heatmap(states, t("in.free_title", rho=rho, n=len(states)),
                        labels=labels(t, "chart.state_heatmap"), height=320), "free_run", key="in_free")
    csv_button(pd.DataFrame({"rho": curve["rho"], "lyapunov": curve["lam"], "low_95": curve["low"],
                             "high_95": curve["high"]}), "lyapunov", t, key="in_lyap_csv")


