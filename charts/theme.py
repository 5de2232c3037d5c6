"""One look for every figure: fonts, colours per cell, colour scales, export settings."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# "Source Sans" is the face Streamlit serves with the app (its body font), so charts match the page;
# Chinese characters fall through to a CJK face.
FONT_FAMILY = ('"Source Sans", "Source Sans 3", "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", '
               '"PingFang SC", sans-serif')
TEXT_COLOR = "#1f2937"
GRID_COLOR = "#e5e7eb"
MUTED = "#6b7280"

CELL_COLORS = {
    "rnn": "#e4572e",      # warm red: the plain cell that forgets
    "lstm": "#2563eb",     # blue
    "gru": "#16a34a",      # green
    "scratch": "#9333ea",  # violet: the hand-written Elman cell
    "tutorial": "#ca8a04",  # amber: the names tutorial's i2h/i2o model, no nonlinearity
    "tutorial_tanh": "#0891b2",  # teal: the same model with tanh
    "lru": "#db2777",      # pink: the linear recurrences
    "mingru": "#0d9488",   # dark teal
    "minlstm": "#4f46e5",  # indigo
}

# Role colours for diagrams and explanatory plots.
ROLE_COLORS = {
    "input": "#0ea5e9",
    "hidden": "#f59e0b",
    "output": "#16a34a",
    "derivative": "#dc2626",
    "reference": "#9ca3af",
}

# Diverging scale for hidden states and gradients: blue < 0 < red, white at 0.
# Use with zmid=0 so that zero is always white.
DIVERGING = [
    [0.0, "#1e3a8a"], [0.15, "#2563eb"], [0.3, "#60a5fa"], [0.45, "#dbeafe"],
    [0.5, "#ffffff"],
    [0.55, "#fee2e2"], [0.7, "#f87171"], [0.85, "#dc2626"], [1.0, "#7f1d1d"],
]
# Sequential scale for non-negative magnitudes (norms, gate activations in 0..1).
SEQUENTIAL = "Viridis"

TEMPLATE_NAME = "rnn_playground"

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=14, color=TEXT_COLOR),
        title=dict(font=dict(size=17), x=0.0, xanchor="left", y=0.97),
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        colorway=[CELL_COLORS["lstm"], CELL_COLORS["rnn"], CELL_COLORS["gru"], CELL_COLORS["scratch"],
                  "#0891b2", "#ca8a04", "#db2777", "#4b5563"],
        margin=dict(l=60, r=20, t=50, b=50),
        xaxis=dict(gridcolor=GRID_COLOR, zerolinecolor="#cbd5e1", linecolor="#9ca3af",
                   ticks="outside", tickcolor="#9ca3af", showline=True, automargin=True),
        yaxis=dict(gridcolor=GRID_COLOR, zerolinecolor="#cbd5e1", linecolor="#9ca3af",
                   ticks="outside", tickcolor="#9ca3af", showline=True, automargin=True),
        legend=dict(bgcolor="rgba(255,255,255,0.8)", bordercolor=GRID_COLOR, borderwidth=1),
        hoverlabel=dict(font=dict(family=FONT_FAMILY)),
        coloraxis=dict(colorbar=dict(outlinewidth=0, thickness=14)),
    ),
    data=dict(heatmap=[go.Heatmap(colorscale=DIVERGING, zmid=0)]),
)
pio.templates[TEMPLATE_NAME] = TEMPLATE


def cell_color(cell: str) -> str:
    """The colour of one cell type; unknown cells get a neutral grey."""
    return CELL_COLORS.get(cell, "#4b5563")


def new_figure(title: str | None = None, height: int = 360, **layout) -> go.Figure:
    """An empty figure with the playground template applied."""
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE, height=height, **layout)
    if title:
        fig.update_layout(title_text=title)
    return fig


def png_config(filename: str) -> dict:
    """``config`` for ``st.plotly_chart``: the camera button downloads a 2x PNG named ``filename``."""
    stem = filename[:-4] if filename.lower().endswith(".png") else filename
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": stem, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }
