"""Long-range lab: where each cell stops remembering, why, and what initialisation and clipping change."""

import pandas as pd
import streamlit as st

from charts.gradients import (
    grad_overlay_figure,
    grad_reading,
    grad_snapshot_frames_figure,
)
from charts.lab import sweep_figure
from charts.states import gate_saturation_figure
from charts.training import loss_overlay_figure
from rnn_core.lab import TRACE_BATCH
from ui import page_setup
from ui.history import pin_button, pinned_view
from ui.lab import (
    CELLS,
    DEFAULT_LAGS,
    init_view,
    lab_settings,
    parse_lags,
    results_table,
    run_compare,
    run_sweep,
    stored_compare,
    stored_sweep,
    sweep_table,
)
from ui.labels import cell_label, compare_subtitle, saturation_caption
from ui.text_charts import chart_labels
from ui.views import chart, csv_button, run_subtitle

t = page_setup("lab")
st.title(f":material/science: {t('nav.lab')}")
st.caption(t("lab.caption"))
cfg = lab_settings(t)
st.markdown(t(f"task.{cfg.data.task}"))
tabs = st.tabs([t("lab.tab_compare"), t("lab.tab_sweep"), t("lab.tab_init"), t("lab.tab_history")])

with tabs[0]:
    results = stored_compare(cfg)
    if st.button(t("lab.go"), type="primary", icon=":material/play_arrow:", key="lab_go"):
        results = run_compare(cfg, t)
    if not results:
        st.info(t("lab.none", lag=cfg.data.lag), icon=":material/info:")
    else:
        st.dataframe(results_table(results, t), hide_index=True, width="stretch")
        raw = pd.DataFrame([{"cell": r.cell, "val_loss": r.val_loss, "baseline_loss": r.baseline_loss, "ratio": r.ratio,
                             "horizon": r.horizon["horizon"], "elapsed_s": r.elapsed} for r in results])
        csv_button(raw, f"lab_{cfg.data.task}_lag{cfg.data.lag}", t, key="lab_csv")
        profiles = [{"label": cell_label(t, r.cell), "cell": r.cell, "grad_norms": r.grad_norms[-1],
                     "fit": {"t": r.horizon["t"], "values": r.horizon["values"], "horizon": r.horizon["horizon"]}
                     if r.horizon["regime"] == "vanishes" else None}
                    for r in results]
        chart(grad_overlay_figure(profiles, normalise=True,
                                  labels=chart_labels(t, "grad_overlay_figure", title=t("lab.profiles_title"))),
              "lab_gradients", subtitle=compare_subtitle(cfg, t))
        reading = chart_labels(t, "grad_reading")
        st.caption(t("read.grad_overlay") + " " + " ".join(
            f"**{cell_label(t, r.cell)}**: {grad_reading(r.grad_norms, labels=reading)}" for r in results))
        chart(loss_overlay_figure([{"label": cell_label(t, r.cell), "cell": r.cell, "history": r.result.history}
                                   for r in results], labels=chart_labels(t, "loss_overlay_figure")), "lab_loss",
              subtitle=compare_subtitle(cfg, t))
        pick = st.segmented_control(t("lab.cell_pick"), [r.cell for r in results], default=results[-1].cell,
                                    format_func=lambda c: cell_label(t, c), key="lab_cell") or results[-1].cell
        chosen = next(r for r in results if r.cell == pick)
        left, right = st.columns(2)
        with left:
            chart(grad_snapshot_frames_figure(chosen.snapshots, labels=chart_labels(t, "grad_snapshot_frames_figure")),
                  f"lab_film_{pick}", subtitle=run_subtitle(chosen.result.config, t))
            st.caption(t("read.grad_film"))
        with right:
            if chosen.saturation:
                chart(gate_saturation_figure({k: {"low": v["low"][-1], "high": v["high"][-1]}
                                              for k, v in chosen.saturation.items()},
                                             labels=chart_labels(t, "gate_saturation_figure")), f"lab_gates_{pick}",
                      subtitle=run_subtitle(chosen.result.config, t))
                st.caption(saturation_caption(t, chosen.cell, TRACE_BATCH))
            else:
                st.info(t("hidden.no_gates"), icon=":material/info:")
        pin_button(chosen.result, t, key=f"pin_lab_{pick}")

with tabs[1]:
    text = st.text_input(t("lab.lags"), DEFAULT_LAGS, key="lab_lags", bind="query-params", help=t("lab.lags_help"))
    try:
        lags = parse_lags(text)
    except ValueError as e:
        st.error(str(e), icon=":material/error:")
        lags = None
    if lags:
        rows = stored_sweep(cfg, lags)
        if st.button(t("lab.sweep_go"), type="primary", icon=":material/stacked_line_chart:", key="lab_sweep_go"):
            rows = run_sweep(cfg, lags, t)
        if rows:
            chart(sweep_figure(rows, labels=chart_labels(t, "sweep_figure")), "lab_sweep",
                  subtitle=compare_subtitle(cfg, t))
            st.dataframe(sweep_table(rows, t), hide_index=True, width="stretch")
            csv_button(pd.DataFrame(rows), "lab_sweep", t, key="sweep_csv")
        else:
            st.info(t("lab.sweep_none", n=len(lags) * len(CELLS)), icon=":material/info:")

with tabs[2]:
    init_view(cfg, t)

with tabs[3]:
    pinned_view(t)
