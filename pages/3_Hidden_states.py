"""Hidden states: every unit over time for one window, per layer; the gates of LSTM and GRU."""

import streamlit as st

from charts.states import gate_figure, gate_saturation_figure, layer_states_figure, unit_traces_figure
from rnn_core.lab.horizon import gate_saturation
from ui import page_setup, settings_sidebar
from ui.runs.flow import page_run
from ui.runs.traces import trace_of
from ui.text.catalog import labels
from ui.text.labels import cell_label, saturation_caption
from ui.views.blocks import chart, csv_button, need_run, run_states_frame, run_subtitle, window_picker

t = page_setup("hidden")
st.title(f":material/grid_on: {t('nav.hidden')}")
st.caption(t("hidden.caption"))
cfg = settings_sidebar()
res = need_run(page_run(cfg, t), t)  # views read res.config: an earlier run, dimmed, while a change waits
split, i = window_picker(res, t)
tr = trace_of(res, split, i, i + 1)
L, _, T, H = tr.hiddens.shape
st.markdown(t("hidden.reading", cell=cell_label(t, res.config.model.cell, res.config.model.nonlinearity), L=L, H=H,
               T=T))
if tr.hiddens_imag is not None:
    st.caption(t("hidden.lru_note"))
per_pass = res.config.model.hidden_size if res.config.model.directions == 2 else None  # units of each pass
if per_pass:
    st.caption(t("hidden.bidir_note", H=per_pass, H1=per_pass + 1, H2=2 * per_pass))

tabs = st.tabs([t("hidden.tab_states"), t("hidden.tab_gates"), t("hidden.tab_units")])
with tabs[0]:
    cells = tr.cells[:, 0] if tr.cells is not None else None
    chart(layer_states_figure(tr.hiddens[:, 0], cells, split=per_pass,
                              labels=labels(t, "chart.layer_states_figure", title=t("hidden.states_title"))),
          "hidden_states", subtitle=run_subtitle(res.config, t))
    csv_button(run_states_frame(tr), "hidden_states", t)
with tabs[1]:
    if not tr.gates:
        st.info(t("hidden.no_gates"), icon=":material/info:")
    else:
        layer = st.segmented_control(t("hidden.layer"), list(range(1, L + 1)), default=L, key="gate_layer") or L
        chart(gate_figure({k: v[layer - 1, 0] for k, v in tr.gates.items()}, res.config.model.cell,
                          labels=labels(t, "chart.gate_figure", cell_names=labels(t, "opt.cell"))),
              "gates", subtitle=run_subtitle(res.config, t))
        batch = getattr(res.data, f"x_{split}")
        many = trace_of(res, split, 0, min(len(batch), 256))
        sat = gate_saturation(many.gates)
        chart(gate_saturation_figure({k: {"low": v["low"][layer - 1], "high": v["high"][layer - 1]}
                                      for k, v in sat.items()},
                                     labels=labels(t, "chart.gate_saturation_figure")), "gate_saturation",
              subtitle=run_subtitle(res.config, t))
        st.caption(saturation_caption(t, res.config.model.cell, many.hiddens.shape[1]))
with tabs[2]:
    layer_u = st.segmented_control(t("hidden.layer"), list(range(1, L + 1)), default=L, key="unit_layer") or L
    # 0-based unit indices, shown as 1..H like every legend and axis
    units = st.multiselect(t("hidden.units"), list(range(H)), default=list(range(min(4, H))), key="units",
                           format_func=lambda u: str(u + 1))
    chart(unit_traces_figure(tr.hiddens[layer_u - 1, 0], units, labels=labels(t, "chart.unit_traces_figure")),
          "hidden_units", subtitle=run_subtitle(res.config, t))
