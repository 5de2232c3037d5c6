"""The lab's seed spread: the comparison retrained over several seeds, drawn and summarised."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.lab_seeds import seed_horizon_figure, seed_ratio_figure, sig
from rnn_core.config import LabConfig
from rnn_core.engine.ending import OUTCOME_KEYS
from rnn_core.lab.seeds import SOLVED, SPREAD_SEEDS, lag_summary, seeds_of, spread
from rnn_core.lab.shipped import load_lag_rows
from ui.glue.lab import compare_seconds, finished, run_seeds, stored
from ui.text.catalog import labels
from ui.text.labels import cell_label, duration_text, fmt_horizon, fmt_num
from ui.views.blocks import chart, csv_button


def horizon_text(h: float, t) -> str:
    """A memory horizon for people: three significant digits, or "∞ (no decay)" for a flat profile."""
    return t("lab.no_decay") if h == float("inf") else sig(h)


def _median_range(s, m: str, fmt=sig) -> str:
    return f"{fmt(s[m + '_median'])} ({fmt(s[m + '_min'])} – {fmt(s[m + '_max'])})"


def seeds_view(lab: LabConfig, t) -> None:
    """A "run seeds" button; once run, every cell's val/baseline per seed and the horizon's median and range."""
    seeds = seeds_of(lab)
    rows = stored("seeds", lab)
    seconds = SPREAD_SEEDS * compare_seconds(lab)[0]
    if st.button(t("lab.seeds_go", n=SPREAD_SEEDS), icon=":material/scatter_plot:", key="lab_seeds_go",
                 help=t("lab.seeds_help", first=seeds[0], last=seeds[-1], time=duration_text(t, seconds))):
        if rows is not None and finished("seeds", rows):
            st.info(t("lab.already"), icon=":material/check_circle:")
        else:
            rows = run_seeds(lab, t)
    if not rows:
        return
    sub = t("lab.seeds_title", first=seeds[0], last=seeds[-1])
    left, right = st.columns(2)
    with left:
        chart(seed_ratio_figure(rows, SOLVED, labels=labels(t, "chart.seed_ratio_figure")), "lab_seed_ratios",
              subtitle=sub)
    with right:
        chart(seed_horizon_figure(rows, lab.lab_lag, labels=labels(t, "chart.seed_horizon_figure")),
              "lab_seed_horizons", subtitle=sub)
    inf = lambda h: horizon_text(h, t)  # noqa: E731
    table = pd.DataFrame([{
        t("compare.cell"): cell_label(t, s["cell"]),
        t("lab.seeds_solved", solved=SOLVED): t("lab.seeds_of", k=s["solved_test"], n=s["seeds"]),
        t("lab.seeds_test_ratio"): _median_range(s, "test_ratio"), t("lab.seeds_ratio"): _median_range(s, "ratio"),
        t("lab.seeds_horizon"): _median_range(s, "horizon", inf),
        t("lab.seeds_reach"): _median_range(s, "reach"),
    } for _, s in spread(pd.DataFrame(rows)).iterrows()])
    st.dataframe(table, hide_index=True, width="stretch", key="lab_seeds_table")
    csv_button(pd.DataFrame(rows), f"lab_seeds_{lab.lab_task}_lag{lab.lab_lag}", t, key="lab_seeds_csv")


def sweep_table(rows: list[dict], t) -> pd.DataFrame:
    """The lag sweep, one row per cell and lag, with translated headers and readable numbers."""
    return pd.DataFrame([{t("lab.col_cell"): cell_label(t, r["cell"]), t("lab.col_lag"): fmt_num(int(r["lag"])),
                          t("lab.val"): fmt_num(r["val_loss"]), t("lab.baseline"): fmt_num(r["baseline_loss"]),
                          t("lab.ratio"): fmt_num(r["ratio"]), t("lab.horizon"): fmt_horizon(t, r["horizon"]),
                          t("met.time") + t("num.seconds"): fmt_num(r["elapsed"]),
                          t("lab.col_epochs"): fmt_num(int(r["epochs"])),
                          t("lab.col_outcome"): t(f"lab.outcome.{OUTCOME_KEYS[r['stopped']]}")} for r in rows])


@st.cache_data(show_spinner=False)
def _lag_summary():
    rows = load_lag_rows()
    return None if rows is None else (lag_summary(rows), rows["seed"].min(), rows["seed"].max(),
                                      rows.groupby("lag")["budget_epochs"].max().to_dict())


def lags_view(t) -> None:
    """The long-lag bench's table, as shipped: per cell and lag, the seeds that learnt, the test ratio's median
    (range) and the median epochs, so the page publishes what ten seeds show beside the one it trains."""
    shipped = _lag_summary()
    if shipped is None:
        return
    summary, first, last, budgets = shipped
    lags = sorted(summary["lag"].unique())
    with st.expander(t("lab.lags_title", first=first, last=last), icon=":material/table_chart:"):
        table = pd.DataFrame([{t("compare.cell"): cell_label(t, cell), **{
            t("lab.lags_col", lag=fmt_num(int(lag))): t(
                "lab.lags_cell", k=r["learnt"], n=r["seeds"], median=sig(r["test_median"]), lo=sig(r["test_min"]),
                hi=sig(r["test_max"]), epochs=f"{r['epochs']:.0f}")
            for lag in lags for _, r in rows.loc[rows["lag"] == lag].iterrows()}}
            for cell, rows in summary.groupby("cell", sort=False)])
        st.dataframe(table, hide_index=True, width="stretch", key="lab_lags_table")
        st.caption(t("lab.lags_note", budgets=", ".join(t("lab.lags_budget", lag=fmt_num(int(k)), epochs=v)
                                                        for k, v in sorted(budgets.items())), solved=SOLVED))
