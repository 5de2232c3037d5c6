"""Run history: pin runs from any page and overlay their loss curves and gradient profiles.

Pins live in this session only, a handful at most, each named by its config in the page's language;
legends number the runs ("1. LSTM") and the caption above the charts names them in full.
"""

from __future__ import annotations

import streamlit as st

from charts.gradients import grad_overlay_figure
from charts.training import loss_overlay_figure
from rnn_core.engine.train import RunResult
from ui.runs.traces import trace_of
from ui.text.catalog import labels
from ui.text.labels import cell_label, run_label
from ui.views.blocks import chart

MAX_PINS = 6
PINS = "_pinned_runs"


def pin(res: RunResult, grad_norms) -> bool:
    """Keep a run's curves for the run history (a handful per session); False when it is full.

    A pin keeps its config and is named when drawn, so the names follow the page's language."""
    pins = st.session_state.setdefault(PINS, [])
    key = res.config.to_json()
    if any(p["key"] == key for p in pins):
        return True
    if len(pins) >= MAX_PINS:
        return False
    pins.append({"key": key, "config": res.config, "cell": res.config.model.cell, "history": res.history,
                 "grad_norms": grad_norms})
    return True


def pinned() -> list[dict]:
    return st.session_state.get(PINS, [])


def clear_pins() -> None:
    st.session_state[PINS] = []


def pin_button(res: RunResult, t, key: str) -> None:
    """Add this run to the session's run history (overlaid on the Compare and lab pages)."""
    if st.button(t("pin.add"), icon=":material/push_pin:", key=key, help=t("pin.help", n=MAX_PINS)):
        n = min(len(res.data.x_train), 128)
        tr = trace_of(res, "train", 0, n)
        if pin(res, tr.grad_norms[-1]):
            st.toast(t("pin.done"), icon=":material/push_pin:")
        else:
            st.warning(t("pin.full", n=MAX_PINS), icon=":material/warning:")


def pinned_view(t) -> None:
    """The run history: pinned runs' loss curves and gradient profiles overlaid."""
    pins = pinned()
    if not pins:
        st.info(t("pin.none"), icon=":material/push_pin:")
        return
    names = [run_label(p["config"], t) for p in pins]
    st.caption("\n".join(f"{i + 1}. {name}" for i, name in enumerate(names)))
    named = [{**p, "label": f"{i + 1}. {cell_label(t, p['cell'])}"} for i, p in enumerate(pins)]
    runs = [{"label": p["label"], "cell": p["cell"], "history": p["history"]} for p in named if p["history"]["epoch"]]
    chart(loss_overlay_figure(runs, labels=labels(t, "chart.loss_overlay_figure")), "pinned_loss", key="pinned_loss")
    chart(grad_overlay_figure([{"label": p["label"], "cell": p["cell"], "grad_norms": p["grad_norms"]} for p in named],
                              normalise=True, labels=labels(t, "chart.grad_overlay_figure")),
          "pinned_gradients", key="pinned_gradients")
    st.button(t("pin.clear"), icon=":material/delete:", on_click=clear_pins, key="pin_clear")

