"""Figures for the Learn page: activations, their derivatives, and repeated multiplication."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from charts.common import log_axis
from charts.theme import MUTED, ROLE_COLORS, new_figure

ACTIVATIONS = ("tanh", "sigmoid", "relu")

_NAMES = {"tanh": "tanh", "sigmoid": "sigmoid", "relu": "ReLU"}


def activation(name: str, z) -> np.ndarray:
    """tanh, sigmoid or ReLU applied elementwise."""
    z = np.asarray(z, dtype=float)
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "relu":
        return np.maximum(z, 0.0)
    raise ValueError(f"activation: {name!r} is not one of {', '.join(ACTIVATIONS)}")


def derivative(name: str, z) -> np.ndarray:
    """The derivative f'(z); ReLU'(0) is taken as 0."""
    z = np.asarray(z, dtype=float)
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "sigmoid":
        s = activation("sigmoid", z)
        return s * (1.0 - s)
    if name == "relu":
        return (z > 0).astype(float)
    raise ValueError(f"activation: {name!r} is not one of {', '.join(ACTIVATIONS)}")


def activation_figure(name: str, z_range: tuple[float, float] = (-5.0, 5.0), n: int = 401,
                      *, labels: dict, height: int = 380) -> go.Figure:
    """f and f' on one axis, with the maximum of f' marked."""
    lab = labels
    z = np.linspace(z_range[0], z_range[1], n)
    f, df = activation(name, z), derivative(name, z)
    fig = new_figure(lab["title"].format(name=_NAMES[name]), height=height)
    fig.add_trace(go.Scatter(x=z, y=f, name=lab["f"], mode="lines",
                             line=dict(color=ROLE_COLORS["hidden"], width=3)))
    fig.add_trace(go.Scatter(x=z, y=df, name=lab["df"], mode="lines",
                             line=dict(color=ROLE_COLORS["derivative"], width=3, dash="dash")))
    i = int(np.argmax(df))
    fig.add_annotation(x=z[i], y=df[i], text=lab["max"].format(value=round(float(df[i]), 4)),
                       showarrow=True, arrowhead=2, ax=60, ay=-30, font=dict(color=ROLE_COLORS["derivative"]))
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y"], hovermode="x unified",
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1.0))
    return fig


def gradient_factor(w: float, z: float = 0.0, name: str = "tanh") -> float:
    """|w · f'(z)|: what one step back in time multiplies the gradient by (scalar RNN)."""
    return float(abs(w * derivative(name, z)))


def gradient_product(w: float, steps: int, z: float = 0.0, name: str = "tanh") -> np.ndarray:
    """|w · f'(z)|^k for k = 0..steps."""
    k = np.arange(steps + 1, dtype=float)
    return gradient_factor(w, z, name) ** k


def vanishing_figure(w: float, steps: int, z: float = 0.0, name: str = "tanh",
                     *, labels: dict, height: int = 380) -> go.Figure:
    """|w · f'(z)|^k against k on a log axis: below 1 it vanishes, above 1 it explodes."""
    lab = labels
    d = float(derivative(name, z))
    factor = gradient_factor(w, z, name)
    values = gradient_product(w, steps, z, name)
    shown = np.maximum(values, 1e-300)  # a log axis cannot show exact zeros
    color = ROLE_COLORS["derivative"] if factor > 1 else ("#2563eb" if factor < 1 else MUTED)
    fig = new_figure(lab["title"].format(w=w, d=d, factor=factor), height=height)
    fig.add_trace(go.Scatter(x=np.arange(steps + 1), y=shown, name=lab["trace"], mode="lines+markers",
                             marker=dict(size=5), line=dict(color=color, width=3)))
    fig.add_hline(y=1.0, line=dict(color=MUTED, dash="dot"))
    # annotation positions on a log axis are given in log10 units
    fig.add_annotation(x=0, xref="x domain", y=0.0, yref="y", text=lab["one"], showarrow=False,
                       xanchor="left", yanchor="bottom", font=dict(color=MUTED, size=12))
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y"], showlegend=False)
    log_axis(fig, [shown, np.array([1.0])])  # the dotted line at 1 stays in view
    return fig


def time_series_figure(window: int = 12, n: int = 72, seed: int = 3, *, labels: dict,
                       height: int = 320) -> go.Figure:
    """A seasonal series with one input window and the value to predict highlighted."""
    lab = labels
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    y = 10 + 0.08 * t + 2.0 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 0.35, n)
    start = n - window - 8
    fig = new_figure(lab["title"], height=height)
    fig.add_vrect(x0=start - 0.5, x1=start + window - 0.5, fillcolor=ROLE_COLORS["input"], opacity=0.12,
                  line_width=0)
    fig.add_trace(go.Scatter(x=t, y=y, name=lab["series"], mode="lines+markers",
                             line=dict(color="#4b5563", width=2), marker=dict(size=4)))
    fig.add_trace(go.Scatter(x=t[start:start + window], y=y[start:start + window],
                             name=lab["window"].format(T=window), mode="markers",
                             marker=dict(size=8, color=ROLE_COLORS["input"])))
    fig.add_trace(go.Scatter(x=[t[start + window]], y=[y[start + window]], name=lab["target"],
                             mode="markers", marker=dict(size=13, color=ROLE_COLORS["output"],
                                                         symbol="star")))
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y"],
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1.0))
    return fig
