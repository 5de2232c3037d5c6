"""Data: the series or task, raw, transformed and scaled, cut into windows and split in time."""

import pandas as pd
import streamlit as st

from charts.data import samples_figure, series_split_figure, transformed_figure, window_figure
from rnn_core.data.csv_series import DataError, SeveralColumns, load_csv, season_of
from ui import page_setup, settings_sidebar
from ui.runs.access import prepared, upload, use_upload
from ui.state.settings import note_upload
from ui.text.catalog import labels
from ui.text.errors import error_text
from ui.text.labels import data_subtitle
from ui.text.safe import code, short
from ui.views.blocks import chart, csv_button

t = page_setup("data")
st.title(f":material/table_chart: {t('nav.data')}")
st.caption(t("data.caption"))
cfg = settings_sidebar(sections=("data",))


def _use(series, name: str) -> None:
    use_upload(series)
    note_upload(series)
    st.session_state["dataset"] = "csv"
    if not cfg.data.forecasts:
        st.session_state["task"] = "forecast"
    season = season_of(series.index)
    if season is not None:  # the dates' step suggests it; the Period setting shows it and can change it
        st.session_state["period"] = float(season)
    st.session_state["_csv_msg"] = ("ok", (name, season))


def _load(raw: bytes, name: str, column: str | None = None) -> None:
    """Load an uploaded file; several numeric columns keep the file and offer a choice."""
    try:
        _use(load_csv(raw, value_column=column), name)
        st.session_state.pop("_csv_pick", None)
    except SeveralColumns as e:
        st.session_state["_csv_pick"] = (raw, name, e.columns)
    except Exception as e:  # noqa: BLE001 - every failure is a message for the person, never a traceback
        st.session_state["_csv_msg"] = ("error", e if isinstance(e, DataError) else type(e).__name__)
        st.session_state.pop("_csv_pick", None)


def _on_upload():
    f = st.session_state.get("csv_file")
    if f is not None:
        _load(f.getvalue(), f.name)


def _on_pick():
    raw, name, _ = st.session_state["_csv_pick"]
    _load(raw, name, st.session_state["csv_column"])


with st.expander(t("data.upload"), icon=":material/upload_file:", expanded=cfg.data.dataset == "csv"):
    st.file_uploader(t("data.upload_label"), type=["csv", "txt", "tsv"], key="csv_file", on_change=_on_upload,
                     help=t("data.upload_help"))
    pick = st.session_state.get("_csv_pick")
    if pick is not None:  # the labels are a stranger's column names: shown as plain text
        st.selectbox(t("data.pick_column"), pick[2], index=None, key="csv_column", on_change=_on_pick,
                     format_func=lambda c: short(c, 60), help=t("data.pick_help"))
    kind, text = st.session_state.pop("_csv_msg", (None, None))
    if kind == "error":
        st.error(f"{t('data.upload_failed')} {error_text(t, text)}", icon=":material/error:")
    elif kind == "ok":
        name, season = text
        found = t("data.season_found", s=season) if season else t("data.season_none", s=f"{cfg.data.period:g}")
        st.success(f"{t('data.upload_ok', name=code(name), n=len(upload()))} {found}", icon=":material/check_circle:")
    if cfg.data.dataset == "csv":
        st.caption(t("data.csv_share_note"))

try:
    data = prepared(cfg)
except ValueError as e:
    st.error(error_text(t, e), icon=":material/error:")
    st.stop()

sd = data.series
if sd is not None:
    unit = t(f"unit.{cfg.data.dataset}")
    c = st.columns(4)
    c[0].metric(t("data.points"), len(sd.values), border=True)
    c[1].metric(f"{t('data.train')} · {t('data.windows')}", len(data.x_train), border=True)
    c[2].metric(f"{t('data.val')} · {t('data.windows')}", len(data.x_val), border=True)
    c[3].metric(f"{t('data.test')} · {t('data.points_short')}", sd.n_test, border=True)
    split_labels = labels(t, "chart.series_split_figure", split_title=t("data.split_title"), y=unit,
                                train=t("data.train"), val=t("data.val"), test=t("data.test"))
    chart(series_split_figure(sd.index, sd.values, sd.n_train, sd.n_val, labels=split_labels), "series",
          subtitle=data_subtitle(cfg, t))
    off = sd.pipeline.offset
    chart(transformed_figure(sd.index[off:], sd.z, sd.n_train - off, sd.n_val,
                             labels=labels(t, "chart.transformed_figure", split_title=t("data.split_title"), y=unit,
                                                 train=t("data.train"), val=t("data.val"), test=t("data.test"),
                                                 z_title=t("data.z_title"), z=t("data.z"))),
          "transformed", subtitle=data_subtitle(cfg, t, steps=True))
    n_windows = len(data.x_train)
    k = st.slider(t("data.window_pick"), 1, max(1, n_windows), 1, key="window_pick") - 1  # counted from 1
    chart(window_figure(sd.z, cfg.data.seq_len, k, data.horizon,
                        labels=labels(t, "chart.window_figure", window_title=t("data.window_title"),
                                           window=t("data.window"), target=t("data.target"), t=t("data.t"),
                                           z=t("data.z"))), "window", subtitle=data_subtitle(cfg, t, steps=True))
    frame = pd.DataFrame({"time": [str(i)[:10] for i in sd.index], "value": sd.values})
    frame["transformed"] = [None] * off + list(sd.z)
    csv_button(frame, f"data_{cfg.data.dataset}", t)
else:
    c = st.columns(3)
    for col, split in zip(c, ("train", "val", "test"), strict=True):
        col.metric(t(f"data.{split}"), f"{len(getattr(data, f'x_{split}'))} {t('data.sequences')}", border=True)
    st.markdown(t(f"task.{cfg.data.task}"))
    y = data.y_train[:4].numpy()
    names = labels(t, "class")
    chart(samples_figure(data.x_train[:4].numpy(), y, class_names=[names.get(n, n) for n in data.class_names],
                         labels=labels(t, "chart.samples_figure", samples_title=t("data.samples_title"),
                                             t=t("data.t"), sample=t("data.sample"), y=t("data.value"))),
          "samples", subtitle=data_subtitle(cfg, t))
