"""Unrolled-network diagrams of the five RNN kinds, drawn with plotly shapes and arrows."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.theme import MUTED, ROLE_COLORS, new_figure

KINDS = ("one_to_one", "one_to_many", "many_to_one", "many_to_many", "encoder_decoder")

_DX = 1.4          # distance between time steps
_W, _H = 0.8, 0.5  # node size
_ROWS = {"x": 0.0, "a": 1.3, "y": 2.6}
_FILL = {"x": "#e0f2fe", "a": "#fef3c7", "y": "#dcfce7"}
_LINE = {"x": ROLE_COLORS["input"], "a": ROLE_COLORS["hidden"], "y": ROLE_COLORS["output"]}


def _spec(kind: str) -> tuple[int, list[int], list[int]]:
    """Number of steps, steps that take an input, steps that emit an output."""
    if kind == "one_to_one":
        return 1, [0], [0]
    if kind == "one_to_many":
        return 4, [0], [0, 1, 2, 3]
    if kind == "many_to_one":
        return 4, [0, 1, 2, 3], [3]
    if kind == "many_to_many":
        return 4, [0, 1, 2, 3], [0, 1, 2, 3]
    if kind == "encoder_decoder":
        return 6, [0, 1, 2], [3, 4, 5]
    raise ValueError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")


def _node(fig: go.Figure, row: str, step: int, text: str) -> None:
    x, y = step * _DX, _ROWS[row]
    fig.add_shape(type="rect", x0=x - _W / 2, x1=x + _W / 2, y0=y - _H / 2, y1=y + _H / 2,
                  line=dict(color=_LINE[row], width=2), fillcolor=_FILL[row], layer="below")
    fig.add_annotation(x=x, y=y, text=text, showarrow=False, font=dict(size=16))


def _arrow(fig: go.Figure, x0: float, y0: float, x1: float, y1: float, dash: bool = False) -> None:
    fig.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y", text="",
                       showarrow=True, arrowhead=2, arrowsize=1.2, arrowwidth=1.8,
                       arrowcolor=MUTED if dash else "#374151", opacity=0.6 if dash else 1.0)


def rnn_kind_figure(kind: str, *, labels: dict, height: int = 250) -> go.Figure:
    """Inputs x (bottom), hidden states a (middle) and outputs y (top) unrolled in time."""
    lab = labels
    steps, inputs, outputs = _spec(kind)
    fig = new_figure(height=height, margin=dict(l=10, r=10, t=10, b=10), showlegend=False)
    half = _H / 2
    for k in range(steps):
        _node(fig, "a", k, f"a<sub>{k + 1}</sub>")
        if k:
            _arrow(fig, (k - 1) * _DX + _W / 2, _ROWS["a"], k * _DX - _W / 2, _ROWS["a"])
    for i, k in enumerate(inputs):
        _node(fig, "x", k, f"x<sub>{i + 1}</sub>")
        _arrow(fig, k * _DX, _ROWS["x"] + half, k * _DX, _ROWS["a"] - half)
    for i, k in enumerate(outputs):
        _node(fig, "y", k, f"y<sub>{i + 1}</sub>")
        _arrow(fig, k * _DX, _ROWS["a"] + half, k * _DX, _ROWS["y"] - half)
    if kind in ("one_to_many", "encoder_decoder"):
        # generation: each output is fed back as the next step's input
        for k in outputs[:-1]:
            _arrow(fig, k * _DX + _W / 2, _ROWS["y"] - half, (k + 1) * _DX - _W / 2, _ROWS["a"] + half,
                   dash=True)
    if steps > 1:
        _arrow(fig, -_DX * 0.75, _ROWS["a"], -_W / 2, _ROWS["a"])
        fig.add_annotation(x=-_DX * 0.75, y=_ROWS["a"], text="a<sub>0</sub>", showarrow=False,
                           xanchor="right", font=dict(size=14, color=MUTED))
    if kind == "encoder_decoder":
        # the encoder has no outputs and the decoder no inputs: label each where its arrows are not
        for text, lo, hi, side in ((lab["encoder"], 0, 2, 1), (lab["decoder"], 3, 5, -1)):
            fig.add_shape(type="rect", x0=lo * _DX - 0.55, x1=hi * _DX + 0.55, y0=_ROWS["a"] - 0.42,
                          y1=_ROWS["a"] + 0.42, line=dict(color=MUTED, dash="dot", width=1), layer="below")
            fig.add_annotation(x=(lo + hi) * _DX / 2, y=_ROWS["a"] + side * 0.42, text=text, showarrow=False,
                               yanchor="bottom" if side > 0 else "top", font=dict(size=13, color=MUTED))
    span = max(steps - 1, 0) * _DX
    left = -_DX * 1.1 if steps > 1 else -1.5
    fig.update_xaxes(visible=False, range=[left, max(span + 1.0, 1.5)], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-0.45, _ROWS["y"] + 0.45], fixedrange=True)
    return fig
