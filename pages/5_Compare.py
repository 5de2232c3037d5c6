"""Compare: RNN, LSTM, GRU, LRU and minGRU on the same data and seed, side by side; or one network one way and
both ways."""

import streamlit as st

from charts.forecast import forecast_overlay_figure
from charts.gradients import grad_overlay_figure
from charts.prediction import step_error_figure
from charts.training import loss_overlay_figure
from rnn_core.config import compared_runs
from ui import page_setup, settings_sidebar
from ui.glue.compare import compare_settings, run_label
from ui.runs.flow import cached_run, seconds_text, sized
from ui.runs.live import train_live
from ui.runs.provenance import shipped_note
from ui.runs.traces import step_errors_of, trace_of
from ui.text.catalog import labels
from ui.text.labels import compare_subtitle, compare_table, shapes_line
from ui.views.blocks import chart
from ui.views.history import pinned_view

t = page_setup("compare")
st.title(f":material/compare_arrows: {t('nav.compare')}")
cfg = settings_sidebar()
cmp = compare_settings(t)
cfgs = compared_runs(cfg, cmp)
two_ways = set(cfgs) == {"off", "on"}  # the task and the cell allow both ways
st.caption(t("compare.caption_direction" if two_ways else "compare.caption"))
if cmp.cmp_by == "direction" and not two_ways:
    st.info(t("compare.direction_needs"), icon=":material/info:")
elif cfg.model.directions == 2 and not two_ways:  # the sidebar's network runs both ways, the cells one way
    st.caption(t("compare.cells_one_way"))
with st.expander(t("pin.title"), icon=":material/push_pin:"):
    pinned_view(t)
names = {k: run_label(t, k, cfg) for k in cfgs}
missing = {k: kcfg for k, kcfg in cfgs.items() if cached_run(kcfg) is None}
sizes = {k: sized(kcfg, t) for k, kcfg in missing.items()}  # each run checked once per click
seconds = sum(s[1] for s in sizes.values() if s is not None)
go = st.button(t("compare.go_direction" if two_ways else "compare.go"), type="primary",
               icon=":material/play_arrow:", key="compare_go",
               help=t("compare.go_help", s=seconds_text(seconds)) if missing else None)
if missing and (go or all(s is not None and not s[0].heavy for s in sizes.values())):  # light runs start by themselves
    for k, kcfg in missing.items():
        if sizes[k] is not None:  # one that cannot run has its reason drawn already
            train_live(kcfg, t, label=names[k], size=sizes[k][0])
runs = {k: cached_run(kcfg) for k, kcfg in cfgs.items()}
done = {k: r for k, r in runs.items() if r is not None}
if not done:
    st.info(t("compare.none_direction" if two_ways else "compare.none"), icon=":material/info:")
    st.stop()
shipped_note(t, done.values())
if len(done) < len(cfgs):
    st.warning(t("compare.partial", cells=", ".join(names[k] for k in cfgs if k not in done)),
               icon=":material/pending:")

if not two_ways and any(c.model.num_layers != cfg.model.num_layers for c in cfgs.values()):  # a cell needs more layers
    st.caption(shapes_line(cfg, t))
st.dataframe(compare_table(done, t, names), hide_index=True, width="stretch",
             column_config={t("compare.stopped"): st.column_config.TextColumn(width="large",
                                                                              help=t("compare.stopped_help"))})
subtitle = compare_subtitle(cfg, t, two_ways)
chart(loss_overlay_figure([{"label": names[k], "cell": r.config.model.cell, "history": r.history}
                           for k, r in done.items()], labels=labels(t, "chart.loss_overlay_figure")),
      "compare_loss", subtitle=subtitle)
if two_ways and cfg.data.task == "denoise":
    chart(step_error_figure([{"label": names[k], "cell": r.config.model.cell, "errors": step_errors_of(r)}
                             for k, r in done.items()], labels=labels(t, "chart.step_error_figure")),
          "compare_steps", subtitle=subtitle)
    st.caption(t("compare.steps_caption"))
profiles = []
for k, r in done.items():
    n = min(len(r.data.x_train), 128)
    tr = trace_of(r, "train", 0, n)
    profiles.append({"label": names[k], "cell": r.config.model.cell, "grad_norms": tr.grad_norms[-1]})
chart(grad_overlay_figure(profiles, normalise=True, labels=labels(t, "chart.grad_overlay_figure")),
      "compare_gradients", subtitle=subtitle)
st.caption(t("compare.grad_caption_direction" if two_ways else "compare.grad_caption"))
first = next(iter(done.values()))
sd = first.data.series
if sd is not None and all("forecasts" in r.metrics for r in done.values()):
    fcs = {names[k]: (r.config.model.cell, r.metrics["forecasts"]["recursive"]) for k, r in done.items()}
    chart(forecast_overlay_figure(sd.index, sd.values, sd.n_test, fcs,
                                  labels=labels(t, "chart.forecast_overlay_figure", y=t(f"unit.{cfg.data.dataset}"))),
          "compare_forecasts", subtitle=subtitle)
