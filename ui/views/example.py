"""The Home page's example without torch: the shipped default run's series, forecasts, metrics and
gradient norms, read from ``assets/default_example.json`` (written with the run file by
``scripts/make_default_run.py``; a test checks both equal a fresh training of the default config)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from charts.forecast import forecast_figure
from charts.gradients import grad_norm_figure
from rnn_core.config import RunConfig
from ui.state.layout import ROOT, Translator
from ui.text.catalog import labels
from ui.views.blocks import add_subtitle, run_subtitle

EXAMPLE_FILE = ROOT / "assets" / "default_example.json"
FORMAT = "rnn-playground-example/1"


@dataclass(frozen=True)
class Example:
    config: RunConfig
    index: pd.DatetimeIndex  # months of the whole series
    values: np.ndarray  # (N,) passengers, thousands
    n_test: int  # the holdout: the last n_test months
    one_step: np.ndarray  # (n_test,) one-step forecasts of the holdout
    recursive: np.ndarray  # (n_test,) the recursive forecast of the holdout
    mape: dict  # {"one_step": %, "recursive": %}
    elapsed: float  # seconds the run trained
    epochs: int
    grad_norms: np.ndarray  # (num_layers, seq_len) ‖∂L/∂h_t‖ over the first training windows


@st.cache_resource(max_entries=4, show_spinner=False)
def example_figures(lang: str) -> tuple:
    """Home's two charts of the example in ``lang`` (forecast, ‖∂L/∂h_t‖), built once per server and language."""
    t = Translator(lang)
    ex = home_example()
    forecast = forecast_figure(ex.index, ex.values, ex.n_test, ex.one_step, ex.recursive,
                               labels=labels(t, "chart.forecast_figure", title=t("train.forecast_title"),
                                                   y=t("unit.air_passengers")))
    grads = grad_norm_figure(ex.grad_norms, labels=labels(t, "chart.grad_norm_figure", title=t("home.grad_title")))
    return forecast, add_subtitle(grads, run_subtitle(ex.config, t))


@st.cache_resource(show_spinner=False)
def home_example() -> Example:
    """The shipped example, or, when the file is missing or of another default, the same summary of the
    run file (which imports torch: seconds on a cold server)."""
    try:
        d = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
        if d.get("format") == FORMAT and RunConfig.from_dict(d["config"]) == RunConfig():
            return _example(d)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    from rnn_core.engine.run_file import example_summary  # torch: only when the shipped file does not serve
    from ui.runs.access import default_run

    return _example(example_summary(default_run()))


def _example(d: dict) -> Example:
    return Example(RunConfig.from_dict(d["config"]),
                   pd.DatetimeIndex(pd.to_datetime(d["index"]), name=d.get("index_name")),
                   np.asarray(d["values"]), int(d["n_test"]), np.asarray(d["one_step"]),
                   np.asarray(d["recursive"]), dict(d["mape"]), float(d["elapsed"]), int(d["epochs"]),
                   np.asarray(d["grad_norms"]))
