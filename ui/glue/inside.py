"""Glue for the Inside-the-cell page: its own widgets (bound to the URL as ``in_*``) and cached engine calls.

Every computation is cached per trained model (``run_id``) and selection, so moving a slider redraws
from numbers already computed. ``?hide=in_t,in_rho`` locks a widget to its link value (classroom links).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnn_core.config import ELMAN_CELLS
from rnn_core.engine.train import RunResult
from rnn_core.inside.lyapunov import EDGE_TOL, crossing, free_run, interval, lyapunov_starts
from rnn_core.inside.terms import summary
from ui.runs.traces import trace_of
from ui.state.fields import hidden_names
from ui.text.catalog import TEXT

SPLIT = "test"  # the holdout: the windows a forecast is judged on
LYAP_HIDDEN, LYAP_STEPS = 64, 500
RHOS = np.round(np.arange(0.1, 3.0001, 0.05), 2)  # the ρ grid of the curve, and the slider's steps


def locked_value(key: str, default, lo, hi):
    """A locked widget's value: the link's, when it is a number within lo..hi; else the default."""
    raw = st.query_params.get(key)
    try:
        value = type(default)(float(raw)) if raw is not None else default
    except ValueError:
        return default
    return value if lo <= value <= hi else default


def int_slider(container, key: str, lo: int, hi: int, default: int, t) -> int:
    """A URL-bound integer slider, or the link's value as text when ``key`` is hidden."""
    if key in hidden_names():
        value = locked_value(key, default, lo, hi)
        container.markdown(f"**{t('f.' + key)}**: {value} :material/lock: *{t('in.locked')}*")
        return value
    if hi <= lo:
        return lo
    kw = dict(key=key, bind="query-params", help=t(f"h.{key}") if f"h.{key}" in TEXT else None)
    if key in st.session_state:  # the widget's own value, or one set by the play control: no default then
        st.session_state[key] = min(max(int(st.session_state[key]), lo), hi)  # another run had other limits
        return container.slider(t(f"f.{key}"), lo, hi, **kw)
    return container.slider(t(f"f.{key}"), lo, hi, min(max(default, lo), hi), **kw)


def url_choice(container, key: str, options: tuple, default, t, format_func, **kw):
    """A segmented control whose choice lives in the URL as its identifier (``?in_view=saliency``), so a link
    means the same in every language (a bound widget would write its translated label)."""
    raw = st.query_params.get(key)
    start = raw if raw in options else default
    if key in hidden_names():
        container.markdown(f"**{t('f.' + key)}**: {format_func(start)} :material/lock: *{t('in.locked')}*")
        return start
    value = container.segmented_control(t(f"f.{key}"), options, default=start, key=f"_{key}", required=True,
                                        format_func=format_func, on_change=_to_url, args=(key, default), **kw)
    return value if value in options else start


def _to_url(key: str, default) -> None:
    value = st.session_state.get(f"_{key}")
    if value == default or value is None:
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = value


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


_A, _AP, _X = r"a^{\langle t \rangle}", r"a^{\langle t-1 \rangle}", r"x^{\langle t \rangle}"


def _gate(name: str, sub: str, f: str = r"\sigma") -> str:
    return rf"{name}^{{\langle t \rangle}} = {f}\left(W_{{{sub}x}}\, {_X} + W_{{{sub}a}}\, {_AP} + b_{sub}\right)"


LATEX = {  # the tutorial's notation; one W and b per gate
    "rnn": [rf"{_A} = g\left(W_{{ax}}\, {_X} + W_{{aa}}\, {_AP} + b_a\right)"],
    "lstm": [_gate("f", "f") + r",\qquad " + _gate("i", "i"),
             _gate("o", "o") + r",\qquad " + _gate(r"\tilde c", "c", r"\tanh"),
             rf"c^{{\langle t \rangle}} = f \odot c^{{\langle t-1 \rangle}} + i \odot \tilde c^{{\langle t \rangle}},"
             rf"\qquad {_A} = o \odot \tanh c^{{\langle t \rangle}}"],
    "gru": [_gate("r", "r") + r",\qquad " + _gate("z", "z"),
            rf"\tilde a^{{\langle t \rangle}} = \tanh\left(W_{{ax}}\, {_X} + b + r \odot (W_{{aa}}\, {_AP} + b)\right),"
            rf"\qquad {_A} = (1 - z) \odot \tilde a^{{\langle t \rangle}} + z \odot {_AP}"],
    "mingru": [rf"z^{{\langle t \rangle}} = \sigma\left(W_z\, {_X}\right),\qquad "
               rf"\tilde h^{{\langle t \rangle}} = g\left(W_h\, {_X}\right)",
               rf"{_A} = (1 - z^{{\langle t \rangle}}) \odot {_AP} + z^{{\langle t \rangle}} \odot "
               rf"\tilde h^{{\langle t \rangle}}"],
    "minlstm": [rf"f' = \frac{{\sigma(W_f\, {_X})}}{{\sigma(W_f\, {_X}) + \sigma(W_i\, {_X})}},\qquad "
                rf"i' = 1 - f',\qquad \tilde h^{{\langle t \rangle}} = g\left(W_h\, {_X}\right)",
                rf"{_A} = f' \odot {_AP} + i' \odot \tilde h^{{\langle t \rangle}}"],
    "lru": [rf"{_A} = \lambda \odot {_AP} + \gamma \odot \left(B\, {_X}\right),\qquad "
            rf"y^{{\langle t \rangle}} = \mathrm{{Re}}\left(C\, {_A}\right) + D\, {_X}",
            r"\lambda = \exp\left(-e^{\nu} + i\, e^{\theta}\right),\qquad \gamma = \sqrt{1 - |\lambda|^2},"
            r"\qquad \text{next layer: } y + \mathrm{GELU}(W y + b)"],
}


def step_caption(t, cell: str, k: int, tt: int, terms: dict) -> str:
    """One step in words: which terms drive which units (layer ``k``, step ``tt``)."""
    s = summary(cell, terms)
    value = lambda d: ", ".join(t("in.cap_unit_value", u=u + 1, v=v) for u, v in d.items())  # noqa: E731
    if cell in ELMAN_CELLS:
        units = ", ".join(t("in.cap_unit_rnn", u=u + 1, z=s["z"][u], term=t(f"in.term.{s['dominant'][u]}"))
                          for u in s["units"])
        return t("in.cap_rnn", layer=k + 1, t=tt, units=units, **s["shares"])
    if cell == "lstm":
        return t("in.cap_lstm", layer=k + 1, t=tt, forget=s["forget"], input=s["input"], written=value(s["i_g"]),
                 erased=value(s["f"]))
    if cell in ("mingru", "minlstm", "lru"):
        return t(f"in.cap_{cell}", layer=k + 1, t=tt, units=value(s["change"]),
                 **{key: v for key, v in s.items() if key in ("keep", "r_min", "r_max")})
    return t("in.cap_gru", layer=k + 1, t=tt, keep=s["keep"], units=value(s["change"]))
