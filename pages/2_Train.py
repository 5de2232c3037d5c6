"""Train: the settings in the sidebar, one click, live progress, then forecasts and metrics."""

import streamlit as st

from charts.forecast import forecast_figure, metrics_table
from charts.prediction import sample_prediction_figure
from charts.training import loss_figure
from rnn_core.engine.forecast import predict_sample
from rnn_core.engine.metrics import headline_metric
from ui import page_setup, settings_sidebar
from ui.runs.access import baselines_of
from ui.runs.bundles import load_uploaded_bundle
from ui.runs.flow import page_run
from ui.state.fields import share_link
from ui.state.settings import locked_fields, share_params
from ui.text.catalog import labels
from ui.text.labels import fmt_frame, subscript
from ui.views.blocks import chart, downloads, metric_row, run_subtitle, status
from ui.views.history import pin_button

t = page_setup("train")
st.title(f":material/model_training: {t('nav.train')}")
st.caption(t("train.caption"))
cfg = settings_sidebar()

left, right, link = st.columns([1, 1, 4], vertical_alignment="bottom")
go = left.button(t("train.go"), type="primary", icon=":material/play_arrow:", width="stretch", key="train")
right.button(t("train.stop"), icon=":material/stop:", width="stretch", key="stop", help=t("train.stop_help"))
with link.container(key="train_share"):
    share_link(share_params(cfg, locked_fields()), t, where=st)
res = page_run(cfg, t, go=go, train_button=False)
if res is None:  # the banner of a large run, or the reason it cannot run, is already drawn
    with st.expander(t("train.load"), icon=":material/upload_file:"):
        load_uploaded_bundle(t)
    st.stop()

status(res, t)
metric_row(res, t)
sd = res.data.series
if sd is not None and "forecasts" in res.metrics:
    fc = res.metrics["forecasts"]
    chart(forecast_figure(sd.index, sd.values, sd.n_test, fc["one_step"], fc["recursive"],
                          labels=labels(t, "chart.forecast_figure", title=t("train.forecast_title"),
                                              y=t(f"unit.{res.config.data.dataset}"))),
          "forecast", subtitle=run_subtitle(res.config, t))
chart(loss_figure(res.history, best_epoch=res.best_epoch,
                  labels=labels(t, "chart.loss_figure", title=t("train.loss_title"))), "loss",
      subtitle=run_subtitle(res.config, t))
if sd is not None and "model" in res.metrics:
    st.subheader(t("train.metrics"))
    headline = headline_metric(sd.values)
    table = metrics_table(res.metrics["model"], baselines_of(res), labels=labels(t, "chart.metrics_table"),
                          metrics=(headline, "mae" if headline == "rmse" else "rmse"))
    st.dataframe(fmt_frame(table), hide_index=True)
    sarima = t("train.metrics_sarima", s=subscript(sd.season)) if "sarima" in baselines_of(res) else ""
    st.caption(t("train.metrics_caption", n=sd.n_test, s=sd.season) + sarima)
elif sd is None:
    kind = "classify" if res.data.loss == "nll" else res.data.output_mode
    chart(sample_prediction_figure(*predict_sample(res.model, res.data), kind,
                                   class_names=[labels(t, "class").get(n, n) for n in res.data.class_names],
                                   labels=labels(t, "chart.sample_prediction_figure")), "prediction",
          subtitle=run_subtitle(res.config, t))
pin_button(res, t, key="pin_train")
with st.expander(t("run.downloads"), icon=":material/download:"):
    downloads(res, t)
with st.expander(t("train.load"), icon=":material/upload_file:"):
    load_uploaded_bundle(t)
