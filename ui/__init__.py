"""Streamlit glue shared by all pages: page scaffolding, translations and the settings block."""

from ui.layout import Translator, page_setup
from ui.settings import settings_sidebar

__all__ = ["Translator", "page_setup", "settings_sidebar"]
