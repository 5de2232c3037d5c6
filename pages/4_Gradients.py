"""Gradients: how strongly the loss reaches back to each timestep, and how that changes in training."""

import pandas as pd
import streamlit as st

from charts.disk import disk_figure
from charts.gradients import (
    grad_evolution_figure,
    grad_norm_figure,
    grad_reading,
    grad_snapshot_frames_figure,
)
from charts.weights import clipping_figure, spectrum_figure
from rnn_core.config import LINEAR_CELLS
from rnn_core.lab.horizon import memory_horizon
from ui import page_setup, settings_sidebar
from ui.runs.flow import page_run
from ui.runs.traces import disk_of, spectrum_of, trace_of
from ui.text.catalog import labels
from ui.text.labels import spectrum_caption
from ui.views.blocks import chart, csv_button, need_run, run_subtitle

BATCH = 128  # training windows whose loss the gradient is taken of

t = page_setup("gradients")
st.title(f":material/trending_down: {t('nav.gradients')}")
st.caption(t("grad.caption"))
cfg = settings_sidebar()
res = need_run(page_run(cfg, t), t)  # views read res.config: an earlier run, dimmed, while a change waits
n = min(len(res.data.x_train), BATCH)
tr = trace_of(res, "train", 0, n)
L, T = tr.grad_norms.shape
fit = memory_horizon(tr.grad_norms[-1])
st.info(grad_reading(tr.grad_norms, labels=labels(t, "chart.grad_reading")), icon=":material/lightbulb:")
if res.config.model.directions == 2:
    st.caption(t("grad.bidir_note"))
chart(grad_norm_figure(tr.grad_norms, fit={"layer": L - 1, **fit} if fit["regime"] == "vanishes" else None,
                       labels=labels(t, "chart.grad_norm_figure", title=t("grad.profile_title", n=n))), "grad_norms",
      subtitle=run_subtitle(res.config, t))
horizon = t(f"grad.horizon_{fit['regime']}", tau=fit["horizon"], growth=fit["growth"], L=L)
st.caption(f"{t('read.grad')} {horizon}")
frame = pd.DataFrame({"t": range(1, T + 1), **{f"layer_{k + 1}": tr.grad_norms[k] for k in range(L)}})
csv_button(frame, "grad_norms", t)

st.subheader(t("grad.evolution"))
if res.snapshots:
    tabs = st.tabs([t("grad.heatmap"), t("grad.film")])
    with tabs[0]:
        chart(grad_evolution_figure(res.snapshots, labels=labels(t, "chart.grad_evolution_figure")),
              "grad_evolution", subtitle=run_subtitle(res.config, t))
        st.caption(t("read.grad_evolution"))
    with tabs[1]:
        chart(grad_snapshot_frames_figure(res.snapshots, labels=labels(t, "chart.grad_snapshot_frames_figure")),
              "grad_film", subtitle=run_subtitle(res.config, t))
        st.caption(t("read.grad_film"))
    snaps = pd.DataFrame([{"epoch": s["epoch"], "layer": k + 1, "t": j + 1, "grad_norm": s["grad_norms"][k, j]}
                          for s in res.snapshots for k in range(L) for j in range(T)])
    csv_button(snaps, "grad_snapshots", t)
else:
    st.info(t("grad.no_snapshots"), icon=":material/info:")

left, right = st.columns(2)
with left:
    st.subheader(t("grad.clipping"))
    pre, post, clip = res.steps["grad_norm_pre"], res.steps["grad_norm_post"], res.config.train.clip
    if pre:
        chart(clipping_figure(pre, post, clip, labels=labels(t, "chart.clipping_figure")), "clipping",
              subtitle=run_subtitle(res.config, t))
        st.caption(f"{t('grad.clipped', k=res.clipped_steps, n=len(pre), clip=clip)} {t('read.clipping')}")
with right:
    cell = res.config.model.cell
    st.subheader(t("grad.disk" if cell in LINEAR_CELLS else "grad.spectrum"))
    layer = st.segmented_control(t("hidden.layer"), list(range(1, L + 1)), default=1, key="spec_layer") or 1
    if cell in LINEAR_CELLS:  # no W_hh: the recurrence's own decays, before and after training
        before, after = disk_of(res)
        chart(disk_figure(before, after, layer=layer - 1, cell=cell, labels=labels(t, "chart.disk_figure")),
              "eigen_disk", subtitle=run_subtitle(res.config, t))
    else:
        chart(spectrum_figure(spectrum_of(res), layer=layer - 1, labels=labels(t, "chart.spectrum_figure")),
              "spectrum", subtitle=run_subtitle(res.config, t))
    st.caption(spectrum_caption(t, cell))
