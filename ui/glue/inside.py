"""Glue for the Inside-the-cell page: its own controls (``InsideConfig``, kept in the URL as ``in_*`` by
``ui.state.fields``) and cached engine calls.

Every computation is cached per trained model (``run_id``) and selection, so moving a slider redraws
from numbers already computed. ``?hide=in_t,in_rho`` locks a control to its link value (classroom links).
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import fields

import numpy as np
import streamlit as st

from rnn_core.config import InsideConfig
from rnn_core.engine.train import RunResult
from rnn_core.inside.lyapunov import EDGE_TOL, crossing, free_run, interval, lyapunov_starts
from ui.runs.traces import trace_of
from ui.state.fields import current, draw, hidden_names

SPLIT = "test"  # the holdout: the windows a forecast is judged on
LYAP_HIDDEN, LYAP_STEPS = 64, 500
RHOS = np.round(np.arange(0.1, 3.0001, 0.05), 2)  # the ρ grid of the curve, and the slider's steps


def _locked(t, format_func=None):
    """How this page shows a control a classroom link fixes: its name, its value and "fixed by the link"."""
    fmt = format_func or (lambda v: f"{v:g}" if isinstance(v, float) else str(v))
    return lambda name, value: st.markdown(f"**{t('f.' + name)}**: {fmt(value)} :material/lock: *{t('in.locked')}*")


def control(name: str, t, container=None, format_func=None, **kw):
    """InsideConfig's field ``name`` drawn by the settings layer (``ui.state.fields.draw``: kept in the URL,
    locked by ``?hide=``) in ``container``; ``kw``: ``bounds``, ``auto``, ``options``, as ``draw`` takes them."""
    with container if container is not None else nullcontext():
        return draw(name, t, locked=_locked(t, format_func), format_func=format_func, **kw)


def inside_settings(res: RunResult, t) -> InsideConfig:
    """The controls above the view (the holdout window, with its date, and the view) and the page's config:
    those two as drawn, the others as they stand until their view draws them."""
    n = holdout_size(res)
    pick, note = st.columns([2, 3], vertical_alignment="bottom")
    i = control("in_sample", t, pick, bounds=(1, n)) if n > 1 or "in_sample" in hidden_names() else 1
    date = window_label(res, i - 1)
    note.caption(t("in.window_date", i=i, n=n, date=date) if date else t("in.window_sample", i=i, n=n))
    view = control("in_view", t, format_func=lambda v: t(f"in.tab_{v}"), label_visibility="collapsed")
    return InsideConfig(**{**{f.name: current(f.name) for f in fields(InsideConfig)}, "in_sample": i, "in_view": view})


def holdout_size(res: RunResult) -> int:
    return len(res.data.x_test)


def sample_trace(res: RunResult, i: int):
    """The trace of holdout window ``i`` alone (its own loss, so ∂L/∂h_t is this window's)."""
    return trace_of(res, SPLIT, i, i + 1)


def window_label(res: RunResult, i: int) -> str | None:
    """The date (or step) of the first forecast of holdout window ``i`` of a series run, else None."""
    sd = res.data.series
    if sd is None:
        return None
    stamp = sd.index[sd.origin + i]
    if hasattr(stamp, "strftime"):
        return stamp.strftime("%Y-%m" if stamp.day == 1 else "%Y-%m-%d")
    return str(stamp)


def step(res: RunResult, i: int, t_index: int) -> list[dict]:
    return _step(res.run_id, i, t_index, res)


@st.cache_data(max_entries=256, show_spinner=False)
def _step(run_id: str, i: int, t_index: int, _res: RunResult):
    from rnn_core.inside.terms import step_through

    x = _res.data.x_test[i:i + 1]
    return step_through(_res.model, x.numpy(), sample_trace(_res, i), 0, t_index)


def saliency_of(res: RunResult) -> dict:
    return _saliency(res.run_id, res)


@st.cache_data(max_entries=32, show_spinner=False)
def _saliency(run_id: str, _res: RunResult):
    from rnn_core.inside.saliency import saliency

    return saliency(_res.model, _res.data.x_test)


def jacobian_of(res: RunResult, i: int) -> list[dict]:
    """Per layer: ‖∂h_T/∂h_t‖, ‖∂L/∂h_t‖ relative to t = T and the step Jacobians' singular values, over the
    input window (one-to-many runs: the steps that read real inputs)."""
    return _jacobian(res.run_id, i, res)


@st.cache_data(max_entries=64, show_spinner=False)
def _jacobian(run_id: str, i: int, _res: RunResult):
    from rnn_core.inside.jacobian import memory_norms, singular_values, step_jacobians

    tr = sample_trace(_res, i)
    T, H = _res.data.x_test.shape[1], _res.model.rnn.hidden_size
    out = []
    for k, J in enumerate(step_jacobians(_res.model, _res.data.x_test[i:i + 1].numpy(), tr, 0)):
        g = tr.grad_norms[k, :T].astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            loss = g / g[T - 1] if g[T - 1] > 0 else np.full(T, np.nan)
        out.append({"memory": memory_norms(J[:T], H), "loss": loss, "sv": singular_values(J[:T][:, :H, :H])})
    return out


@st.cache_data(max_entries=16, show_spinner=False)
def lyapunov_curve(seed: int) -> dict:
    """λ over the ρ grid for one seed (mean over the starting states, its 95 % interval ``low``/``high``),
    and where the mean crosses −tol and +tol."""
    lam, low, high = interval(lyapunov_starts(RHOS, hidden=LYAP_HIDDEN, steps=LYAP_STEPS, seed=seed))
    return {"rho": RHOS, "lam": lam, "low": low, "high": high, "edge": crossing(RHOS, lam, -EDGE_TOL),
            "chaos": crossing(RHOS, lam, EDGE_TOL)}


@st.cache_data(max_entries=64, show_spinner=False)
def lyapunov_at(rho: float, seed: int) -> tuple[float, float, float]:
    """(λ, low, high) at one ρ: the curve's own row on the grid, else its own estimate (a locked link value)."""
    curve = lyapunov_curve(seed)
    on_grid = np.flatnonzero(np.isclose(RHOS, rho))
    if on_grid.size:
        j = int(on_grid[0])
        return float(curve["lam"][j]), float(curve["low"][j]), float(curve["high"][j])
    lam, low, high = interval(lyapunov_starts([rho], hidden=LYAP_HIDDEN, steps=LYAP_STEPS, seed=seed))
    return float(lam[0]), float(low[0]), float(high[0])


@st.cache_data(max_entries=64, show_spinner=False)
def free_run_of(rho: float, seed: int, steps: int = 60) -> np.ndarray:
    return free_run(rho, LYAP_HIDDEN, steps, seed)
