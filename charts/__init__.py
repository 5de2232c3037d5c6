"""Pure plotly figure builders (no streamlit, no torch): pages pass data and translated labels in.

Every builder takes ``labels``, a required keyword: its words are written only in the locale catalogs
(``chart.<builder>.<label>`` keys, read by ``ui.text.catalog.labels``), never here."""

from charts.theme import CELL_COLORS, DIVERGING, TEMPLATE, cell_color, new_figure, png_config

__all__ = ["CELL_COLORS", "DIVERGING", "TEMPLATE", "cell_color", "new_figure", "png_config"]
