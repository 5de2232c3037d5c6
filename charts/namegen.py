"""Figures of the name generator: the next-letter distribution as a name grows, and its letter loss.

Rows of the distribution are letters with upper and lower case summed (a name's first letter is a capital,
every other a small letter: the case carries no choice), then the other symbols and the end of the name.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from charts.common import as_float32
from charts.theme import MUTED, new_figure
from charts.training import loss_figure

FLOOR = 0.01  # a row is shown if some step gives it at least this probability (or it was drawn)
DRAWN = "#ea580c"


def _rows(probs: np.ndarray, chosen, alphabet: str) -> tuple[np.ndarray, list[str], list[int]]:
    """Case-folded probabilities (steps, rows), each row's symbol and the row drawn at each step."""
    end = len(alphabet)
    keys = sorted({c.lower() for c in alphabet}, key=lambda c: (not c.isalpha(), c))
    row_of = {c: keys.index(c.lower()) for c in alphabet}
    folded = np.zeros((len(probs), len(keys) + 1))
    for i, c in enumerate(alphabet):
        folded[:, row_of[c]] += probs[:, i]
    folded[:, -1] = probs[:, end]
    drawn = [len(keys) if s == end else row_of[alphabet[s]] for s in chosen]
    keep = sorted(set(np.flatnonzero(folded.max(0) >= FLOOR)) | set(drawn))
    where = {r: k for k, r in enumerate(keep)}
    return folded[:, keep], [(keys + [None])[r] for r in keep], [where[r] for r in drawn]


def next_letter_figure(name: str, probs: np.ndarray, chosen, alphabet: str, *, labels: dict) -> go.Figure:
    """Heatmap: step (the symbol drawn there under it) × next symbol, coloured by the probability sampled
    from; the drawn symbol of each step outlined. ``probs`` (steps, len(alphabet) + 1), the last column the end."""
    lab = labels
    z, symbols, drawn = _rows(probs, chosen, alphabet)
    names = [lab["end"] if s is None else lab["space"] if s == " " else s for s in symbols]
    steps = np.arange(1, len(z) + 1)
    shown = [alphabet[s] if s < len(alphabet) else lab["end"] for s in chosen]
    prefix = ["·" + name[:k] for k in range(len(z))]
    fig = new_figure(lab["title"], height=max(340, 150 + 19 * len(names)))
    fig.add_trace(go.Heatmap(
        x=steps, y=names, z=as_float32(z.T), zmin=0, zmax=max(float(z.max()), 1e-9), colorscale="Blues",
        customdata=np.array([prefix] * len(names)),
        colorbar=dict(title=dict(text=lab["prob"]), tickformat=".0%", thickness=14),
        hovertemplate=lab["hover"] + "<extra></extra>", xgap=1, ygap=1))
    fig.add_trace(go.Scatter(
        x=steps, y=[names[r] for r in drawn], mode="markers", name=lab["drawn"], showlegend=True,
        marker=dict(symbol="square-open", size=15, color=DRAWN, line=dict(width=2.5)),
        hovertemplate=lab["drawn"] + ": %{y}<extra></extra>"))
    fig.update_xaxes(title_text=lab["x"], tickvals=list(steps),
                     ticktext=[f"{k}<br><b>{s}</b>" for k, s in zip(steps, shown, strict=True)], showgrid=False)
    # every row named: a skipped tick would read as the row above or below
    fig.update_yaxes(title_text=lab["y"], autorange="reversed", showgrid=False, type="category",
                     tickmode="array", title_standoff=14, tickvals=names, ticktext=names)
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.0, x=1, xanchor="right"),
                      margin=dict(t=90, b=70, l=80))
    return fig


def gen_loss_figure(history: dict, bigram: float, *, labels: dict, loss_labels: dict) -> go.Figure:
    """Training and validation loss (nats per symbol) by epoch, with the bigram table's test loss as a line."""
    fig = loss_figure(history, labels=loss_labels, log_y=False, height=340)
    fig.add_hline(y=bigram, line=dict(color=MUTED, dash="dash", width=1.5),
                  annotation_text=labels["bigram"].format(loss=bigram), annotation_position="top right",
                  annotation_font_color=MUTED)
    fig.update_layout(title_text=labels["title"], yaxis_title=labels["y"])
    return fig
