"""Run history: pin runs from any page and overlay their loss curves and gradient profiles.

Pins live in this session only, a handful at most, each labelled by its config.
"""

from __future__ import annotations

import streamlit as st

from charts.gradients import grad_overlay_figure
from charts.training import loss_overlay_figure
from rnn_core.config import RunConfig
from rnn_core.train import RunResult
from ui.runs import trace_of
from ui.text_charts import chart_labels
from ui.views import chart

MAX_PINS = 6
PINS = "_pinned_runs"


def run_label(cfg: RunConfig) -> str:
    """A short name for a run, from its config: what a legend needs to tell runs apart."""
    m, d, tr = cfg.model, cfg.data, cfg.train
    cell = m.cell.upper() + (f"/{m.nonlinearity}" if m.cell in ("rnn", "scratch") and m.nonlinearity != "tanh" else "")
    init = f" {m.init}" + (f" ρ={m.rho:g}" if m.init == "spectral" else "") if m.init != "default" else ""
    what = f"{d.task} lag {d.lag}" if d.task in ("adding", "recall", "first_value") else f"{d.task} {d.dataset}"
    return f"{cell} {m.num_layers}×{m.hidden_size}{init} · {what} · lr {tr.lr:g} · seed {tr.seed}"


def pin(res: RunResult, grad_norms) -> bool:
    """Keep a run's curves for the run history (a handful per session); False when it is full."""
    pins = st.session_state.setdefault(PINS, [])
    label = run_label(res.config)
    if any(p["label"] == label for p in pins):
        return True
    if len(pins) >= MAX_PINS:
        return False
    pins.append({"label": label, "cell": res.config.model.cell, "history": res.history,
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
    st.caption(" · ".join(f"**{i + 1}.** {p['label']}" for i, p in enumerate(pins)))
    runs = [{"label": p["label"], "cell": p["cell"], "history": p["history"]} for p in pins if p["history"]["epoch"]]
    chart(loss_overlay_figure(runs, labels=chart_labels(t, "loss_overlay_figure")), "pinned_loss", key="pinned_loss")
    chart(grad_overlay_figure([{"label": p["label"], "cell": p["cell"], "grad_norms": p["grad_norms"]} for p in pins],
                              normalise=True, labels=chart_labels(t, "grad_overlay_figure")),
          "pinned_gradients", key="pinned_gradients")
    st.button(t("pin.clear"), icon=":material/delete:", on_click=clear_pins, key="pin_clear")

