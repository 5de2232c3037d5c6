"""Streamlit glue shared by all pages: page scaffolding, translations and the settings block."""

from ui.state.layout import Translator, page_setup
from ui.state.settings import settings_sidebar

__all__ = ["Translator", "page_setup", "settings_sidebar"]
