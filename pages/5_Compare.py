"""Compare: RNN, LSTM, GRU, LRU and minGRU on the same data and seed, side by side."""

import streamlit as st

from charts.forecast import forecast_overlay_figure
from charts.gradients import grad_overlay_figure
from charts.training import loss_overlay_figure
from rnn_core.config import COMPARE_CELLS, in_shape
from ui import page_setup, settings_sidebar
from ui.runs.flow import cached_run, seconds_text, sized
from ui.runs.live import train_live
from ui.runs.provenance import shipped_note
from ui.runs.traces import trace_of
from ui.text.catalog import labels
from ui.text.labels import cell_label, compare_subtitle, compare_table, shapes_line
from ui.views.blocks import chart
from ui.views.history import pinned_view

t = page_setup("compare")
st.title(f":material/compare_arrows: {t('nav.compare')}")
st.caption(t("compare.caption"))
cfg = settings_sidebar()
with st.expander(t("pin.title"), icon=":material/push_pin:"):
    pinned_view(t)
cfgs = {c: in_shape(cfg, c) for c in COMPARE_CELLS}
missing = {c: ccfg for c, ccfg in cfgs.items() if cached_run(ccfg) is None}
sizes = {c: sized(ccfg, t) for c, ccfg in missing.items()}  # each run checked once per click
seconds = sum(s[1] for s in sizes.values() if s is not None)
go = st.button(t("compare.go"), type="primary", icon=":material/play_arrow:", key="compare_go",
               help=t("compare.go_help", s=seconds_text(seconds)) if missing else None)
if missing and (go or all(s is not None and not s[0].heavy for s in sizes.values())):  # light runs start by themselves
    for c, ccfg in missing.items():
        if sizes[c] is not None:  # one that cannot run has its reason drawn already
            train_live(ccfg, t, label=cell_label(t, c), size=sizes[c][0])
runs = {c: cached_run(ccfg) for c, ccfg in cfgs.items()}
done = {c: r for c, r in runs.items() if r is not None}
if not done:
    st.info(t("compare.none"), icon=":material/info:")
    st.stop()
shipped_note(t, done.values())
if len(done) < len(COMPARE_CELLS):
    st.warning(t("compare.partial", cells=", ".join(cell_label(t, c) for c in COMPARE_CELLS if c not in done)),
               icon=":material/pending:")

if any(c.model.num_layers != cfg.model.num_layers for c in cfgs.values()):  # a cell needs more layers
    st.caption(shapes_line(cfg, t))
st.dataframe(compare_table(done, t), hide_index=True, width="stretch",
             column_config={t("compare.stopped"): st.column_config.TextColumn(width="large",
                                                                              help=t("compare.stopped_help"))})

chart(loss_overlay_figure([{"label": cell_label(t, c), "cell": c, "history": r.history} for c, r in done.items()],
                          labels=labels(t, "chart.loss_overlay_figure")), "compare_loss",
      subtitle=compare_subtitle(cfg, t))
profiles = []
for c, r in done.items():
    n = min(len(r.data.x_train), 128)
    tr = trace_of(r, "train", 0, n)
    profiles.append({"label": cell_label(t, c), "cell": c, "grad_norms": tr.grad_norms[-1]})
chart(grad_overlay_figure(profiles, normalise=True, labels=labels(t, "chart.grad_overlay_figure")),
      "compare_gradients", subtitle=compare_subtitle(cfg, t))
st.caption(t("compare.grad_caption"))
first = next(iter(done.values()))
sd = first.data.series
if sd is not None and all("forecasts" in r.metrics for r in done.values()):
    fcs = {cell_label(t, c): (c, r.metrics["forecasts"]["recursive"]) for c, r in done.items()}
    chart(forecast_overlay_figure(sd.index, sd.values, sd.n_test, fcs,
                                  labels=labels(t, "chart.forecast_overlay_figure", y=t(f"unit.{cfg.data.dataset}"))),
          "compare_forecasts", subtitle=compare_subtitle(cfg, t))
