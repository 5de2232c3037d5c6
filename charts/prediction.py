"""A trained model on one sample of a sequence task: the input, the target and the prediction.

Outputs at every step, one answer after the last step, or class probabilities beside the input.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.common import _marker_mode, as_float32, empty_note, legend_on_top, run_styles
from charts.theme import ROLE_COLORS, TEMPLATE, new_figure

INPUT_COLORS = ("#0ea5e9", "#64748b", "#0891b2", "#94a3b8")


def _channels(x) -> np.ndarray:
    arr = as_float32(x)
    return arr[:, None] if arr.ndim == 1 else arr


def _input_traces(fig: go.Figure, x, lab: dict, **where) -> np.ndarray:
    """One line per input channel over t = 1..T; returns t."""
    xs = _channels(x)
    t = np.arange(1, xs.shape[0] + 1, dtype=np.int32)
    for k in range(xs.shape[1]):
        if lab.get("channel_names"):
            name = lab["channel_names"][k]
        else:
            name = lab["input"] if xs.shape[1] == 1 else lab["channel"].format(k=k + 1)
        fig.add_trace(go.Scatter(x=t, y=xs[:, k], name=name, mode=_marker_mode(len(t)),
                                 line=dict(color=INPUT_COLORS[k % len(INPUT_COLORS)], width=1.8),
                                 marker=dict(size=4),
                                 hovertemplate=f"{name}<br>t %{{x}}: %{{y:.3f}}<extra></extra>"), **where)
    return t


def sample_prediction_figure(x, y_true, y_pred, kind: str, class_names: list[str] | None = None,
                             *, labels: dict, height: int = 380) -> go.Figure:
    """One sample of a sequence task, by output kind.

    ``x`` is the input (T,) or (T, D). ``kind`` "all": targets and predictions (T,) at every step;
    "last": one answer (or a few) after the whole sequence, drawn at the last step t = T;
    "classify": ``y_true`` is the class index and ``y_pred`` the class probabilities (log-probabilities,
    all <= 0, are turned into probabilities), drawn as bars next to the input with the true class
    highlighted.
    """
    lab = labels
    if kind == "classify":
        return _classify_figure(x, y_true, y_pred, class_names, lab, height)
    if kind not in ("all", "last"):
        raise ValueError(f"kind: {kind!r} is not one of all, last, classify")
    fig = new_figure(lab[f"title_{kind}"], height=height)
    t = _input_traces(fig, x, lab)
    target, pred = as_float32(y_true).ravel(), as_float32(y_pred).ravel()
    if kind == "all":
        for y, name, line in ((target, lab["target"], dict(color=ROLE_COLORS["output"], width=3)),
                              (pred, lab["prediction"], dict(color=ROLE_COLORS["hidden"], width=2.5, dash="dash"))):
            fig.add_trace(go.Scatter(x=t[:len(y)], y=y, name=name, mode=_marker_mode(len(y)), line=line,
                                     marker=dict(size=5),
                                     hovertemplate=f"{name}<br>t %{{x}}: %{{y:.3f}}<extra></extra>"))
    else:
        end = np.full(max(len(target), len(pred)), t[-1] if len(t) else 1, dtype=np.int32)
        for y, name, marker in ((target, lab["target"], dict(size=16, symbol="star", color=ROLE_COLORS["output"])),
                                (pred, lab["prediction"], dict(size=13, symbol="diamond",
                                                               color=ROLE_COLORS["hidden"]))):
            fig.add_trace(go.Scatter(x=end[:len(y)], y=y, name=name, mode="markers",
                                     marker={**marker, "line": dict(color="white", width=1)},
                                     hovertemplate=f"{name} (t %{{x}}): %{{y:.4g}}<extra></extra>"))
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y"])
    return legend_on_top(fig)


def _classify_figure(x, y_true, y_pred, class_names, lab: dict, height: int) -> go.Figure:
    probs = np.asarray(y_pred, dtype=float).ravel()
    if probs.size and np.all(probs <= 0) and np.any(probs < 0):
        probs = np.exp(probs)
    names = list(class_names) if class_names is not None else [str(k) for k in range(probs.size)]
    true = int(np.asarray(y_true).ravel()[0])
    fig = make_subplots(rows=1, cols=2, column_widths=[0.62, 0.38], horizontal_spacing=0.1,
                        subplot_titles=(lab["sequence"], lab["probabilities"]))
    fig.update_layout(template=TEMPLATE, height=height, title_text=lab["title_classify"], margin=dict(t=80),
                      showlegend=_channels(x).shape[1] > 1)
    _input_traces(fig, x, lab, row=1, col=1)
    colors = [ROLE_COLORS["output"] if k == true else "#cbd5e1" for k in range(len(names))]
    fig.add_trace(go.Bar(x=names, y=probs.astype(np.float32), marker=dict(color=colors), showlegend=False,
                         name=lab["probability"],
                         hovertemplate=f"%{{x}}<br>{lab['probability']}: %{{y:.1%}}<extra></extra>"),
                  row=1, col=2)
    if 0 <= true < len(names):
        fig.add_annotation(x=names[true], y=float(probs[true]), text=lab["true_class"].format(name=names[true]),
                           showarrow=True, arrowhead=2, ay=-28, row=1, col=2,
                           font=dict(color=ROLE_COLORS["output"], size=12))
    fig.update_xaxes(title_text=lab["x"], row=1, col=1)
    fig.update_yaxes(title_text=lab["y"], row=1, col=1)
    fig.update_xaxes(title_text=lab["class"], row=1, col=2)
    fig.update_yaxes(title_text=lab["probability"], range=[0, 1.15], tickformat=".0%", row=1, col=2)
    return fig


def step_error_figure(profiles: list[dict], *, labels: dict, height: int = 360) -> go.Figure:
    """Several runs' error at each step of an output window, on one axis: where in a window each one errs.

    Each profile is ``{"label", "cell", "errors": (T,)}``; runs that share a cell get another shade and dash.
    """
    lab = labels
    fig = new_figure(lab["title"], height=height)
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y"], yaxis_rangemode="tozero")
    if not profiles:
        return empty_note(fig, lab["empty"])
    for p, (color, dash) in zip(profiles, run_styles([p["cell"] for p in profiles]), strict=True):
        e = as_float32(p["errors"])
        fig.add_trace(go.Scatter(x=np.arange(1, e.size + 1), y=e, name=p["label"], mode="lines+markers",
                                 line=dict(color=color, width=2.5, dash=dash), marker=dict(size=6),
                                 hovertemplate=f"{p['label']}<br>{lab['t']} %{{x}}: %{{y:.4g}}<extra></extra>"))
    fig.update_xaxes(dtick=1 if len(as_float32(profiles[0]["errors"])) <= 24 else None)
    return legend_on_top(fig)
