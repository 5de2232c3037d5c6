"""Streamlit glue shared by all pages: page scaffolding, translations and the settings block.

Its first import is ``rnn_core``, which pins torch's CPU numerics before any page module can load torch."""

import rnn_core  # noqa: F401
from ui.state.layout import Translator, page_setup
from ui.state.settings import settings_sidebar

__all__ = ["Translator", "page_setup", "settings_sidebar"]
