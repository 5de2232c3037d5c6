"""Figures of the surname classifier: the prediction letter by letter, hidden states and ‖∂L/∂h_t‖
over the letters, the confusion matrix and accuracy per language.

Letters are numbered 1..T on the axes (a name may repeat a letter), units 1..H.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.common import as_float32, log_axis, positive
from charts.theme import DIVERGING, MUTED, TEMPLATE, new_figure

# one colour per language, fixed by its index, so a flip from one language to another shows as a colour change
LANGUAGE_COLORS = ("#2563eb", "#e4572e", "#16a34a", "#9333ea", "#ca8a04", "#0891b2", "#db2777", "#4b5563",
                   "#65a30d", "#7c3aed", "#ea580c", "#0d9488", "#be123c", "#1d4ed8", "#a16207", "#15803d",
                   "#c026d3", "#334155")
PER_ROW = 6  # letters per row of the per-letter bar charts



def _letter_ticks(name: str) -> tuple[list[int], list[str]]:
    return list(range(1, len(name) + 1)), [f"{c}<br><sub>{k}</sub>" for k, c in enumerate(name, 1)]


def letter_predictions_figure(name: str, probs: np.ndarray, languages: list[str], k: int = 3,
                              *, labels: dict) -> go.Figure:
    """A small bar chart per letter: the top-``k`` languages and their probabilities if the name ended there.

    ``probs`` (T, classes); ``languages`` are the display names in class order.
    """
    lab = labels
    T = len(name)
    cols = min(T, PER_ROW)
    rows = max(1, math.ceil(T / PER_ROW))
    titles = [lab["panel"].format(k=t + 1, prefix=_prefix(name[:t + 1])) for t in range(T)]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.02,
                        vertical_spacing=0.22 / rows + 0.04)
    for t in range(T):
        top = np.argsort(-probs[t])[:k][::-1]  # the likeliest on top
        fig.add_trace(go.Bar(
            x=as_float32(probs[t, top]), y=[languages[j] for j in top], orientation="h",
            marker_color=[LANGUAGE_COLORS[j % len(LANGUAGE_COLORS)] for j in top],
            text=[f"{languages[j]} {probs[t, j]:.0%}" for j in top], textposition="outside", cliponaxis=False,
            textfont=dict(size=11), showlegend=False,
            hovertemplate="%{y}: %{x:.1%}<extra></extra>"), row=t // PER_ROW + 1, col=t % PER_ROW + 1)
    fig.update_layout(template=TEMPLATE, height=70 + 150 * rows, title_text=lab["title"],
                      margin=dict(l=10, r=10, t=80, b=20), bargap=0.15)
    fig.update_xaxes(range=[0, 2.1], showticklabels=False, showgrid=False, ticks="")  # room for the labels
    fig.update_yaxes(showticklabels=False, ticks="")
    fig.update_annotations(font_size=13)
    return fig


def _prefix(text: str, keep: int = 9) -> str:
    return text if len(text) <= keep else "…" + text[-keep + 1:]


def name_states_figure(name: str, hiddens: np.ndarray, labels: dict) -> go.Figure:
    """Heatmap of the hidden state over the letters: units (rows, from 1) × letters (columns). ``hiddens`` (T, H)."""
    lab = labels
    T, H = hiddens.shape
    ticks, text = _letter_ticks(name)
    lim = float(np.abs(hiddens).max()) or 1.0
    fig = new_figure(lab["title"], height=max(300, min(700, 140 + 6 * H)))
    fig.add_trace(go.Heatmap(
        z=as_float32(hiddens.T), x=ticks, y=np.arange(1, H + 1), colorscale=DIVERGING, zmid=0, zmin=-lim, zmax=lim,
        colorbar=dict(title=dict(text=lab["value"])),
        hovertemplate=f"{lab['x']} %{{x}}<br>{lab['unit']} %{{y}}<br>{lab['value']} = %{{z:.3f}}<extra></extra>"))
    fig.update_xaxes(title_text=lab["x"], tickvals=ticks, ticktext=text, showgrid=False)
    fig.update_yaxes(title_text=lab["y"], autorange="reversed", showgrid=False)
    return fig


def name_grad_figure(name: str, grad_norms: np.ndarray, labels: dict) -> go.Figure:
    """‖∂L/∂h_t‖ of one name at each of its letters (log scale; an exact zero is left out)."""
    lab = labels
    ticks, text = _letter_ticks(name)
    fig = new_figure(lab["title"], height=320)
    fig.add_trace(go.Scatter(x=ticks, y=positive(grad_norms), mode="lines+markers", line=dict(color="#dc2626"),
                             hovertemplate=f"{lab['x']} %{{x}}: %{{y:.3g}}<extra></extra>", showlegend=False))
    fig.update_xaxes(title_text=lab["x"], tickvals=ticks, ticktext=text)
    log_axis(fig, [positive(grad_norms)])
    fig.update_yaxes(title_text=lab["y"])
    return fig


def confusion_figure(confusion: np.ndarray, languages: list[str], labels: dict) -> go.Figure:
    """The confusion matrix normalised per true language (rows sum to 1)."""
    lab = labels
    total = confusion.sum(1, keepdims=True)
    share = np.divide(confusion, total, out=np.zeros(confusion.shape), where=total > 0)
    text = np.where(share >= 0.005, np.char.mod("%.0f", 100 * share), "")
    fig = new_figure(lab["title"], height=640)
    fig.add_trace(go.Heatmap(
        z=as_float32(share), x=languages, y=languages, colorscale="Blues", zmin=0, zmax=1, text=text,
        texttemplate="%{text}", textfont=dict(size=10), colorbar=dict(title=dict(text=lab["share"])),
        hovertemplate=f"{lab['y']}: %{{y}}<br>{lab['x']}: %{{x}}<br>%{{z:.1%}}<extra></extra>"))
    fig.update_xaxes(title_text=lab["x"], tickangle=-45, showgrid=False)
    fig.update_yaxes(title_text=lab["y"], autorange="reversed", showgrid=False)
    return fig


def per_class_figure(recall: np.ndarray, frequency: np.ndarray, languages: list[str],
                     balanced: float | None = None, *, labels: dict) -> go.Figure:
    """Accuracy per language (y) against its share of the training names (x, log): rare languages suffer."""
    lab = labels
    fig = new_figure(lab["title"], height=440)
    fig.add_trace(go.Scatter(
        x=as_float32(frequency), y=as_float32(recall), mode="markers+text", text=languages,
        textposition=label_positions(frequency, recall, languages, balanced), cliponaxis=False, textfont=dict(size=12),
        marker=dict(size=10, color=list(LANGUAGE_COLORS[:len(languages)])),
        showlegend=False, hovertemplate="%{text}<br>%{x:.1%} · %{y:.0%}<extra></extra>"))
    if balanced is not None:
        fig.add_hline(y=balanced, line=dict(color=MUTED, dash="dash"),
                      annotation_text=lab["balanced"].format(v=balanced), annotation_position="bottom right")
    log_axis(fig, [as_float32(frequency)], axis="x")
    fig.update_xaxes(title_text=lab["x"])
    fig.update_yaxes(title_text=lab["y"], range=[-0.05, 1.08], tickformat=".0%")
    return fig


# Label placement on the per-language scatter, in pixels of its plot area at half the page's width (1280×800)
PLOT_W, PLOT_H, CHAR_W, TEXT_H, GAP = 300.0, 290.0, 6.6, 15.0, 7.0
PLACES = ("top center", "bottom center", "middle right", "middle left", "top right", "top left", "bottom right",
          "bottom left")


def label_positions(frequency: np.ndarray, recall: np.ndarray, texts: list[str], balanced: float | None = None,
                    ) -> list[str]:
    """Where each point's label goes (plotly ``textposition``) so that none leaves the plot or lies on another
    label, a marker or the balanced-accuracy note: the first of ``PLACES`` that is free, points taken from the
    most crowded; the least covered place when none is."""
    lx = np.log10(np.clip(np.asarray(frequency, float), 1e-12, None))
    u = (lx - lx.min()) / max(lx.max() - lx.min(), 1e-9) * PLOT_W  # pixels from the left
    v = (np.nan_to_num(np.asarray(recall, float)) + 0.05) / 1.13 * PLOT_H  # pixels from the bottom
    taken = [(u[k] - GAP, u[k] + GAP, v[k] - GAP, v[k] + GAP) for k in range(len(u))]  # the markers
    if balanced is not None:  # its note sits under the dashed line, at the right
        b = (balanced + 0.05) / 1.13 * PLOT_H
        taken.append((PLOT_W - 130, PLOT_W, b - TEXT_H - 2, b))
    crowd = [sum(abs(u - u[k]) < 60) + sum(abs(v - v[k]) < 20) for k in range(len(u))]
    out = [""] * len(u)
    for k in sorted(range(len(u)), key=lambda k: -crowd[k]):
        width = CHAR_W * sum(2 if ord(c) >= 0x2E80 else 1 for c in texts[k])  # a CJK character is about two wide
        boxes = [(place, _box(place, u[k], v[k], width)) for place in PLACES]
        inside = [(p, b) for p, b in boxes if b[0] >= -4 and b[1] <= PLOT_W + 4 and b[3] <= PLOT_H + TEXT_H]
        place, box = min(inside or boxes, key=lambda pb: sum(_overlap(pb[1], t) for t in taken))
        out[k] = place
        taken.append(box)
    return out


def _box(place: str, x: float, y: float, w: float) -> tuple[float, float, float, float]:
    vert, horiz = place.split()
    x0 = {"center": x - w / 2, "right": x + GAP, "left": x - GAP - w}[horiz]
    y0 = {"top": y + GAP, "bottom": y - GAP - TEXT_H, "middle": y - TEXT_H / 2}[vert]
    return x0, x0 + w, y0, y0 + TEXT_H


def _overlap(a, b) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[2], b[2]))


def accuracy_compare_figure(rows: list[dict], labels: dict) -> go.Figure:
    """Accuracy and balanced accuracy of several models side by side; ``rows``: {"label", "accuracy", "balanced"}."""
    lab = labels
    fig = new_figure(lab["title"], height=340)
    names = [r["label"] for r in rows]
    for key, color in (("accuracy", "#2563eb"), ("balanced", "#e4572e")):
        vals = [r[key] for r in rows]
        fig.add_trace(go.Bar(x=names, y=as_float32(vals), name=lab[key], marker_color=color,
                             text=[f"{v:.0%}" for v in vals], textposition="outside"))
    fig.update_layout(barmode="group", legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    fig.update_yaxes(title_text=lab["y"], range=[0, 1.1], tickformat=".0%")
    return fig
