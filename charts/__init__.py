"""Pure plotly figure builders (no streamlit, no torch): pages pass data and translated labels in."""

from charts.theme import CELL_COLORS, DIVERGING, TEMPLATE, cell_color, new_figure, png_config

__all__ = ["CELL_COLORS", "DIVERGING", "TEMPLATE", "cell_color", "new_figure", "png_config"]
