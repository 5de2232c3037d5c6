"""Page scaffolding: page config, language switch and the sidebar navigation of every page."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from rnn_core.config import PARTS
from ui.text.catalog import LANG_LABELS, LANGS, text

ROOT = Path(__file__).resolve().parents[2]

# page key, script path relative to the repository root, Material icon
PAGES = (
    ("home", "streamlit_app.py", ":material/home:"),
    ("data", "pages/1_Data.py", ":material/table_chart:"),
    ("train", "pages/2_Train.py", ":material/model_training:"),
    ("hidden", "pages/3_Hidden_states.py", ":material/grid_on:"),
    ("gradients", "pages/4_Gradients.py", ":material/trending_down:"),
    ("compare", "pages/5_Compare.py", ":material/compare_arrows:"),
    ("lab", "pages/6_Long_range_lab.py", ":material/science:"),
    ("learn", "pages/7_Learn.py", ":material/school:"),
    ("inside", "pages/8_Inside_the_cell.py", ":material/memory:"),
    ("names", "pages/9_Names.py", ":material/abc:"),
    ("generate", "pages/10_Generate_names.py", ":material/auto_awesome:"),
    ("dates", "pages/11_Translate_dates.py", ":material/translate:"),
)
_ICONS = {key: icon for key, _, icon in PAGES}
FIELD_NAMES = frozenset(f.name for _, cls in PARTS for f in fields(cls))
_NAV_SLOT = "_ui_nav_slot"
CONFIG_KEY = "_ui_config"  # this session's last valid RunConfig: with the widgets' own state, where a setting lives
# the RunConfig a page's own address is written against (the Names page's surname run): fields it leaves out of
# the URL hold that config's values there. Set by the page after ``page_setup``, which clears it.
PAGE_BASE_KEY = "_ui_page_base"
_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 3rem;}
[data-testid="stSidebarHeader"] {padding-top: 0.6rem; padding-bottom: 0; margin-bottom: 0; height: 2.2rem;}
[data-testid="stSidebarUserContent"] h3 {padding-top: 0; padding-bottom: 0.3rem;}
[data-testid="stSidebarUserContent"] {padding-top: 0.5rem;}
[data-testid="stSidebarUserContent"] [data-testid="stPageLink"] a {padding-top: 0; padding-bottom: 0;}
[data-testid="stSidebarUserContent"] [data-testid="stPageLink"] {margin-bottom: -0.45rem;}
[data-testid="stSidebarUserContent"] hr {margin: 0.4rem 0;}
[data-testid="stMetricValue"] {line-height: 1.25; height: 1.25em;}
</style>"""


class Translator:
    """``t(key, **values)``: the UI string in the current language, formatted with ``values``."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else "en"

    def __call__(self, key: str, /, **values) -> str:
        return text(self.lang, key, **values)


def current_lang() -> str:
    """The language named by the ``lang`` URL parameter, English when absent or unknown."""
    lang = st.query_params.get("lang", "en")
    return lang if lang in LANGS else "en"


def existing_pages() -> list[tuple[str, str, str]]:
    """The pages of ``PAGES`` whose script exists."""
    return [p for p in PAGES if (ROOT / p[1]).is_file()]


def page_setup(page_key: str) -> Translator:
    """Call first on every page: page config, language switch and navigation. Returns ``t``."""
    t = Translator(current_lang())
    st.set_page_config(page_title=f"{t('nav.' + page_key)} · {t('app.name')}",
                       page_icon=_ICONS.get(page_key, ":material/neurology:"), layout="wide",
                       initial_sidebar_state="expanded")
    st.html(_CSS)
    with st.sidebar:
        st.markdown(f"### :material/neurology: {t('app.name')}")
        _language_switch(t)
        st.session_state[_NAV_SLOT] = st.empty()
    st.session_state.pop(PAGE_BASE_KEY, None)
    _restore_settings_in_url()
    draw_nav()
    return t


def config_params() -> dict[str, str] | None:
    """This session's settings as URL params (those that differ from the defaults); None before any."""
    cfg = st.session_state.get(CONFIG_KEY)
    return None if cfg is None else cfg.to_params(only_changed=True)


def _restore_settings_in_url() -> None:
    """Put this session's settings back into the URL when a page switch dropped them."""
    for key, value in (config_params() or {}).items():
        if key in FIELD_NAMES and key not in st.query_params:
            try:
                st.query_params[key] = value
            except StreamlitAPIException:
                pass  # bound to a widget of this page, which keeps it in the URL itself


def _on_language(key: str) -> None:
    lang = st.session_state.get(key)
    if lang == "en":
        if "lang" in st.query_params:
            del st.query_params["lang"]
    elif lang in LANGS:
        st.query_params["lang"] = lang


def _language_switch(t: Translator) -> None:
    # The widget is keyed by the language it shows, so it follows the URL after any navigation.
    key = f"_ui_lang_{t.lang}"
    st.segmented_control(t("lang.label"), options=list(LANGS), format_func=LANG_LABELS.get,
                         default=t.lang, key=key, required=True, label_visibility="collapsed",
                         on_change=_on_language, args=(key,))


def link_params(params: dict[str, str] | None = None) -> dict[str, str]:
    """Query params for links to other pages: the settings ``params`` (else this session's) plus ``lang`` and
    ``hide``."""
    url = st.query_params.to_dict()
    params = params if params is not None else config_params()
    if params is None:
        params = {k: v for k, v in url.items() if k in FIELD_NAMES}
    out = {k: v for k, v in url.items() if k not in FIELD_NAMES}
    out.update(params)
    return out


def draw_nav(params: dict[str, str] | None = None) -> None:
    """(Re)draw the page links in the sidebar slot made by ``page_setup``."""
    slot = st.session_state.get(_NAV_SLOT)
    if slot is None:
        return
    t = Translator(current_lang())
    params = link_params(params)
    with slot.container():
        st.caption(t("nav.label"))
        for key, path, icon in existing_pages():
            st.page_link(path, label=t(f"nav.{key}"), icon=icon, query_params=params or None,
                         width="stretch")
        st.divider()


def page_links(t: Translator, exclude: tuple[str, ...] = ("home",)) -> None:
    """A list of links to the other existing pages with one line of description each (for Home)."""
    params = link_params() or None
    for key, path, icon in existing_pages():
        if key in exclude:
            continue
        st.page_link(path, label=t(f"nav.{key}"), icon=icon, query_params=params)
        st.caption(t(f"desc.{key}"))
