"""The lab's initialisation tab: a vanilla RNN's W_hh and gradient before and after training, and the
LSTM's forget-gate bias before training."""

from __future__ import annotations

import streamlit as st

from charts.gradients import grad_norm_figure, grad_overlay_figure, grad_reading
from charts.lab_seeds import sig
from charts.weights import clipping_figure, spectrum_figure
from rnn_core.config import LabConfig, RunConfig
from rnn_core.lab.compare import init_run_config, lab_run_config
from ui.glue.lab import INIT, draw_fields
from ui.runs.access import lookup_run
from ui.runs.live import train_live
from ui.runs.traces import spectrum_of, trace_of
from ui.text.catalog import labels
from ui.views.blocks import chart, run_subtitle, status
from ui.views.history import pin_button

FORGET_BIASES = (0.0, 1.0)  # PyTorch's default and Keras' (Gers et al. 2000; Jozefowicz et al. 2015)


@st.cache_data(max_entries=32, show_spinner=False)
def _init_profile(cfg_json: str) -> dict:
    from rnn_core.lab.compare import init_profile

    return init_profile(RunConfig.from_json(cfg_json))


def init_view(lab: LabConfig, t) -> None:
    """Vanilla RNN: W_hh's spectrum and the gradient profile at initialisation, then after training."""
    st.markdown(t("lab.init_intro"))
    lab = draw_fields(INIT, t, lab, disabled=("lab_rho",) if _current_init(lab) != "spectral" else ())
    rcfg = init_run_config(lab)
    prof = _init_profile(rcfg.to_json())
    left, right = st.columns(2)
    with left:
        chart(spectrum_figure(prof["spectrum"], singular_values=False, labels=labels(t, "chart.spectrum_figure")),
              "init_spectrum", key="init_spectrum")
    with right:
        chart(grad_norm_figure(prof["grad_norms"],
                               labels=labels(t, "chart.grad_norm_figure", title=t("lab.at_init"))), "init_gradients",
              key="init_gradients")
    st.info(grad_reading(prof["grad_norms"], labels=labels(t, "chart.grad_reading")), icon=":material/lightbulb:")
    if st.button(t("lab.init_go"), type="primary", icon=":material/play_arrow:", key="lab_init_go"):
        train_live(rcfg, t, label="RNN")
    res = lookup_run(rcfg)
    if res is not None:
        _trained(res, t)
    forget_bias_view(lab, t)


def _current_init(lab: LabConfig) -> str:
    return st.session_state.get("lab_init", lab.lab_init)


def _trained(res, t) -> None:
    status(res, t)
    clip = res.config.train.clip
    tr = trace_of(res, "val", 0, min(len(res.data.x_val), 200))
    sub = run_subtitle(res.config, t)
    left, right = st.columns(2)
    with left:
        chart(grad_norm_figure(tr.grad_norms, labels=labels(t, "chart.grad_norm_figure",
                                                                 title=t("lab.after_training"))),
              "trained_gradients", key="trained_gradients", subtitle=sub)
        chart(spectrum_figure(spectrum_of(res), singular_values=False, labels=labels(t, "chart.spectrum_figure")),
              "trained_spectrum", key="trained_spectrum", subtitle=sub)
    with right:
        pre, post = res.steps["grad_norm_pre"], res.steps["grad_norm_post"]
        chart(clipping_figure(pre, post, clip, labels=labels(t, "chart.clipping_figure")), "clipping",
              key="init_clipping", subtitle=sub)
        st.caption(t("grad.clipped", k=res.clipped_steps, n=len(pre), clip=clip) if clip > 0 else t("lab.no_clip"))
        st.metric(t("lab.val"), sig(res.metrics["val_loss"]), border=True,
                  delta=f"{sig(res.metrics['val_loss'] / res.metrics['baseline_loss'])} × {t('lab.baseline')}",
                  delta_color="off")
    pin_button(res, t, key="pin_init")


def forget_bias_view(lab: LabConfig, t) -> None:
    """The untrained LSTM of the comparison under each forget-gate bias: how far its gradient reaches."""
    st.subheader(t("lab.fb_title"))
    st.markdown(t("lab.fb_line"))
    biases = sorted(set(FORGET_BIASES) | {lab.lab_forget_bias})
    profiles, reach = [], []
    for b in biases:
        g = _init_profile(lab_run_config(lab, "lstm").replace(forget_bias=b).to_json())["grad_norms"][-1]
        label = t("lab.fb_label", b=b)
        profiles.append({"label": label, "cell": "lstm", "grad_norms": g})
        reach.append(f"{label}: {sig(g[0] / g[-1]) if g[-1] > 0 else '–'}")
    chart(grad_overlay_figure(profiles, normalise=True,
                              labels=labels(t, "chart.grad_overlay_figure", title=t("lab.fb_profiles"))),
          "forget_bias_profiles", key="forget_bias_profiles")
    st.caption(t("lab.fb_reach", values=" · ".join(reach)))
