"""Long-range lab: where each cell stops remembering, why, whether it holds over seeds, and what
initialisation and clipping change."""

import pandas as pd
import streamlit as st

from charts.gradients import grad_overlay_figure, grad_snapshot_frames_figure
from charts.lab import sweep_figure
from charts.states import gate_saturation_figure
from charts.training import loss_overlay_figure
from rnn_core.config import COMPARE_CELLS
from rnn_core.lab.compare import LEARNT_RATIO, TRACE_BATCH, lab_run_config
from rnn_core.lab.seeds import SPREAD_SEEDS
from ui import page_setup
from ui.glue.lab import compare_seconds, finished, lab_settings, lags_setting, run_compare, run_sweep, stored
from ui.glue.lab_init import init_view
from ui.glue.lab_seeds import horizon_text, lags_view, seeds_view, sweep_table
from ui.glue.lab_verdict import reading_line, verdict_lines
from ui.text.catalog import labels
from ui.text.labels import cell_label, duration_text, saturation_caption, shapes_line
from ui.views.blocks import chart, csv_button
from ui.views.history import pin_button, pinned_view

t = page_setup("lab")
st.title(f":material/science: {t('nav.lab')}")
st.caption(t("lab.caption"))
lab = lab_settings(t)
st.markdown(t(f"task.{lab.lab_task}"))
sub = t("lab.subtitle", task=t(f"opt.lab_task.{lab.lab_task}"), lag=lab.lab_lag, seed=lab.lab_seed,
        epochs=lab.epochs)
tabs = st.tabs([t("lab.tab_compare"), t("lab.tab_sweep"), t("lab.tab_init"), t("lab.tab_history")])


with tabs[0]:
    results = stored("compare", lab)
    done = results is not None and finished("compare", results)
    seconds, heavy = compare_seconds(lab)
    st.caption(shapes_line(lab_run_config(lab), t))
    if st.button(t("lab.go"), type="primary", icon=":material/play_arrow:", key="lab_go",
                 help=t("lab.go_help", time=duration_text(t, seconds))):
        if done:
            st.info(t("lab.already"), icon=":material/check_circle:")
        else:
            results = run_compare(lab, t, heavy)
            done = finished("compare", results)
    if not done and heavy:
        st.warning(t("lab.long", time=duration_text(t, seconds), lag=lab.lab_lag), icon=":material/schedule:")
    if not results:
        st.info(t("lab.none", lag=lab.lab_lag, time=duration_text(t, seconds)), icon=":material/info:")
    else:
        st.markdown(t("lab.seed_line", seed=lab.lab_seed, n=SPREAD_SEEDS))
        table = pd.DataFrame([{t("compare.cell"): cell_label(t, r.cell), t("lab.val"): r.val_loss,
                               t("lab.baseline"): r.baseline_loss, t("lab.ratio"): r.ratio,
                               t("lab.test_ratio"): r.test_ratio, t("lab.solved_col", solved=LEARNT_RATIO): r.solved,
                               t("lab.horizon"): horizon_text(r.horizon["horizon"], t),
                               t("lab.epochs_col"): len(r.result.history["epoch"]),
                               t("lab.seconds_col"): round(r.elapsed, 1)} for r in results])
        number = st.column_config.NumberColumn(format="%.3g")
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={t(k): number for k in ("lab.val", "lab.baseline", "lab.ratio", "lab.test_ratio")})
        with st.container(border=True, key="lab_verdict"):
            st.markdown(f"**{t('lab.verdict.title')}**  \n" + "  \n".join(
                verdict_lines(results, t, lab.lab_lag, lab.epochs)))
        st.caption(t("lab.verdict_note", solved=LEARNT_RATIO))
        csv_button(table.assign(**{t("lab.horizon"): [r.horizon["horizon"] for r in results]}),
                   f"lab_{lab.lab_task}_lag{lab.lab_lag}_seed{lab.lab_seed}", t, key="lab_csv")
        profiles = [{"label": cell_label(t, r.cell), "cell": r.cell, "grad_norms": r.grad_norms[-1],
                     "fit": {"t": r.horizon["t"], "values": r.horizon["values"], "horizon": r.horizon["horizon"]}
                     if r.horizon["regime"] == "vanishes" else None}
                    for r in results]
        chart(grad_overlay_figure(profiles, normalise=True,
                                  labels=labels(t, "chart.grad_overlay_figure", title=t("lab.profiles_title"))),
              "lab_gradients", subtitle=sub)
        st.caption(t("read.grad_overlay") + " " + t("lab.reading.fit") + " " + " ".join(
            reading_line(r, t) for r in results))
        chart(loss_overlay_figure([{"label": cell_label(t, r.cell), "cell": r.cell, "history": r.result.history}
                                   for r in results], labels=labels(t, "chart.loss_overlay_figure")), "lab_loss",
              subtitle=sub)
        first = "gru" if any(r.cell == "gru" for r in results) else results[-1].cell  # a gated cell to start with
        pick = st.segmented_control(t("lab.cell_pick"), [r.cell for r in results], default=first,
                                    format_func=lambda c: cell_label(t, c), key="lab_cell") or first
        chosen = next(r for r in results if r.cell == pick)
        left, right = st.columns(2)
        with left:
            chart(grad_snapshot_frames_figure(chosen.snapshots, labels=labels(t, "chart.grad_snapshot_frames_figure")),
                  f"lab_film_{pick}", subtitle=sub)
            st.caption(t("read.grad_film"))
        with right:
            if chosen.saturation:
                chart(gate_saturation_figure({k: {"low": v["low"][-1], "high": v["high"][-1]}
                                              for k, v in chosen.saturation.items()},
                                             labels=labels(t, "chart.gate_saturation_figure")), f"lab_gates_{pick}",
                      subtitle=sub)
                st.caption(saturation_caption(t, chosen.cell, TRACE_BATCH))
            else:
                st.info(t("hidden.no_gates"), icon=":material/info:")
        pin_button(chosen.result, t, key=f"pin_lab_{pick}")
        seeds_view(lab, t)
    lags_view(t)

with tabs[1]:
    lags = lags_setting(t)
    if lags:
        rows = stored("sweep", lab)
        if st.button(t("lab.sweep_go"), type="primary", icon=":material/stacked_line_chart:", key="lab_sweep_go"):
            if rows is not None and finished("sweep", rows):
                st.info(t("lab.already"), icon=":material/check_circle:")
            else:
                rows = run_sweep(lab, t)
        if rows:
            sweep_labels = labels(t, "chart.sweep_figure", cell_names=labels(t, "opt.cell"))
            chart(sweep_figure(rows, labels=sweep_labels), "lab_sweep", subtitle=sub)
            st.dataframe(sweep_table(rows, t), hide_index=True, width="stretch")
            csv_button(pd.DataFrame(rows), "lab_sweep", t, key="sweep_csv")
        else:
            st.info(t("lab.sweep_none", n=len(lags) * len(COMPARE_CELLS)), icon=":material/info:")

with tabs[2]:
    init_view(lab, t)

with tabs[3]:
    pinned_view(t)
