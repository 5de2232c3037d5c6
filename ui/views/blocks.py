"""Drawing blocks shared by pages: a chart with PNG export, a run's summary, its downloads."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import streamlit as st

from charts import png_config
from charts.theme import MUTED
from ui.text import labels

if TYPE_CHECKING:  # views draw runs; Home draws its example before torch is imported
    from rnn_core.engine.train import RunResult


def chart(fig, name: str, key: str | None = None, subtitle: str | None = None) -> None:
    """Every chart the same way: full width, the camera button saves ``<name>.png``.

    ``subtitle`` (see ``run_subtitle``) names the run the chart shows, so an exported PNG keeps it."""
    if subtitle:
        add_subtitle(fig, subtitle)
    # theme=None: the figures carry the playground's own template (fonts, colours per cell)
    st.plotly_chart(fig, width="stretch", theme=None, config=png_config(name), key=key)


def add_subtitle(fig, subtitle: str):
    """Put ``subtitle`` under the title (or as the title), growing the top margin by its line; once per figure."""
    top = fig.layout.margin.t if fig.layout.margin.t is not None else fig.layout.template.layout.margin.t
    legend = fig.layout.legend
    on_top = 30 if legend.orientation == "h" and (legend.y or 0) >= 1 else 0  # a legend row above the plot
    if fig.layout.title.text:
        fig.update_layout(title_subtitle_text=subtitle, title_subtitle_font=dict(size=13, color=MUTED),
                          margin_t=(top or 50) + 20 + on_top)
    else:
        fig.update_layout(title_text=subtitle, margin_t=(top or 50) + on_top)
    return fig


def cached_figure(builder, *args, **kwargs):
    """``builder(*args, **kwargs)`` built once per server and shared: for figures that depend on nothing but
    plain arguments (words, numbers), such as the Learn page's; building a plotly figure costs 0.05–0.2 s.
    The figure is drawn as it is (``chart`` changes a figure only to add a subtitle)."""
    key = json.dumps([args, kwargs], sort_keys=True, ensure_ascii=False)
    return _built(f"{builder.__module__}.{builder.__qualname__}", key, builder, args, kwargs)


@st.cache_resource(max_entries=256, show_spinner=False)
def _built(name: str, key: str, _builder, _args, _kwargs):
    return _builder(*_args, **_kwargs)


def run_subtitle(cfg, t) -> str:
    """One line naming a run for chart subtitles: cell, layers × hidden, data, seed, in words."""
    return labels.run_subtitle(cfg, t)


def csv_button(df: pd.DataFrame, name: str, t, key: str | None = None) -> None:
    st.download_button(t("run.csv"), df.to_csv(index=False).encode(), file_name=f"{name}.csv",
                       mime="text/csv", icon=":material/download:", key=key or f"csv_{name}")


def status(res: RunResult, t) -> None:
    """Why training ended, in the right tone, worded from the ending's key and numbers."""
    end = res.ending
    key = "completed_one" if end.key == "completed" and end.values.get("epochs") == 1 else end.key
    text = t(f"stop.{key}", **end.values, s=res.elapsed)
    if res.stopped == "diverged":
        st.error(text, icon=":material/warning:")
    elif res.stopped in ("stopped", "time budget"):
        st.warning(text, icon=":material/pause_circle:")
    else:
        st.success(text, icon=":material/check_circle:")
    cut = res.metrics.get("forecast_cut")
    if cut:
        st.warning(t("run.forecast_cut", **cut), icon=":material/warning:")
    elif res.metrics.get("forecast_error"):
        why = t(f"run.no_forecast.{res.metrics['forecast_error']}")
        st.warning(t("run.no_forecast", why=why), icon=":material/warning:")


def metric_row(res: RunResult, t) -> None:
    """The headline numbers of a run."""
    m = res.metrics
    cols = st.columns(4)
    if "model" in m:
        from rnn_core.engine.metrics import headline_metric

        key = headline_metric(res.data.series.values)
        why = t(f"met.why_{key}")
        show = _pct if key == "mape" else (lambda v: f"{v:.3g}")
        cols[0].metric(t(f"met.one_step_{key}"), show(m["model"]["one_step"][key]), border=True,
                       help=f"{t('met.one_step_help')} {why}")
        cols[1].metric(t(f"met.recursive_{key}"), show(m["model"]["recursive"][key]), border=True,
                       help=f"{t('met.recursive_help', n=res.data.series.n_test)} {why}")
    else:
        cols[0].metric(t("met.val_loss"), f"{m.get('val_loss', float('nan')):.4g}", border=True)
        if "val_accuracy" in m:
            cols[1].metric(t("met.accuracy"), _pct(100 * m["val_accuracy"]), border=True)
        else:
            cols[1].metric(t("met.baseline"), f"{m['baseline_loss']:.4g}", border=True,
                           help=t("met.baseline_help", name=res.data.trivial_name()))
    cols[2].metric(t("met.time"), t("met.seconds", s=res.elapsed), border=True)
    cols[3].metric(t("met.epochs"), f"{res.best_epoch} / {len(res.history['epoch'])}", border=True,
                   help=t("met.epochs_help"))


def _pct(v: float) -> str:
    return "—" if v is None or not np.isfinite(v) else f"{v:.2f} %"


def history_frame(res: RunResult) -> pd.DataFrame:
    return pd.DataFrame(res.history)


def forecast_frame(res: RunResult) -> pd.DataFrame | None:
    sd = res.data.series
    if sd is None or "forecasts" not in res.metrics:
        return None
    idx = sd.index[sd.origin:]
    return pd.DataFrame({"time": [str(i)[:10] for i in idx], "actual": sd.values[sd.origin:],
                         "one_step": res.metrics["forecasts"]["one_step"],
                         "recursive": res.metrics["forecasts"]["recursive"]})


def downloads(res: RunResult, t, prefix: str = "run") -> None:
    """CSV of the losses and forecasts, the run report as JSON, and a bundle that loads again."""
    from rnn_core.engine.bundle import save_bundle

    cols = st.columns(4)
    with cols[0]:
        csv_button(history_frame(res), f"{prefix}_losses", t)
    fc = forecast_frame(res)
    if fc is not None:
        with cols[1]:
            st.download_button(t("run.forecast_csv"), fc.to_csv(index=False).encode(),
                               file_name=f"{prefix}_forecasts.csv", mime="text/csv",
                               icon=":material/download:")
    with cols[2]:
        metrics = res.metrics
        if res.data.series is not None and "model" in metrics:
            from ui.runs.access import baselines_of

            metrics = {**metrics, "baselines": baselines_of(res)}
        report = {"config": res.config.to_dict(), "stopped": res.stopped, "ending": res.ending.to_dict(),
                  "elapsed_s": res.elapsed, "metrics": metrics, "history": res.history}
        st.download_button(t("run.json"), json.dumps(report, default=float).encode(),
                           file_name=f"{prefix}.json", mime="application/json", icon=":material/data_object:")
    with cols[3]:
        buf = io.BytesIO()
        save_bundle(res.model, res.config, buf)
        st.download_button(t("run.bundle"), buf.getvalue(), file_name=f"{prefix}.pt",
                           mime="application/octet-stream", icon=":material/deployed_code:",
                           help=t("run.bundle_help"))


def need_run(res: RunResult | None, t) -> RunResult:
    """The run to show, or a stop: the banner above (estimate and Train button) or an error explains."""
    if res is None:
        st.stop()
    return res


def window_picker(res: RunResult, t) -> tuple[str, int]:
    """Which split and which window of it to look inside."""
    splits = [s for s in ("test", "val", "train") if len(getattr(res.data, f"x_{s}"))]
    c1, c2 = st.columns([2, 3])
    split = c1.segmented_control(t("view.split"), splits, default=splits[0], key="view_split",
                                 format_func=lambda s: t(f"data.{s}")) or splits[0]
    n = len(getattr(res.data, f"x_{split}"))
    # windows are counted from 1 on screen, like units and time steps
    i = c2.slider(t("view.window"), 1, n, 1, key=f"view_window_{split}") - 1 if n > 1 else 0
    return split, i


def run_states_frame(tr) -> pd.DataFrame:
    """Hidden (and cell) states of the first window in long form: layer, t, unit (all from 1), h[, c]."""
    L, _, T, H = tr.hiddens.shape
    layer, step, unit = np.meshgrid(np.arange(1, L + 1), np.arange(1, T + 1), np.arange(1, H + 1), indexing="ij")
    df = pd.DataFrame({"layer": layer.ravel(), "t": step.ravel(), "unit": unit.ravel(),
                       "h": tr.hiddens[:, 0].ravel()})
    if tr.cells is not None:
        df["c"] = tr.cells[:, 0].ravel()
    if tr.hiddens_imag is not None:  # LRU: h is Re x_t of the complex state
        df["h_imag"] = tr.hiddens_imag[:, 0].ravel()
    for name, g in tr.gates.items():
        df[f"gate_{name}"] = g[:, 0].ravel()
    return df
