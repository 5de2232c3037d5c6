"""Config fields as widgets kept in step with the URL: one layer for every config with field metadata.

A field of ``CONFIGS`` (RunConfig's three parts, LabConfig, InsideConfig, GenConfig, DateConfig, CompareConfig;
names are unique across them) is drawn, parsed from a link and written back to the URL from its metadata in its config
(range, step, choices, options), so its limits live in one place. The URL holds the stable identifiers (``cell=lstm``)
while the widgets show human labels in the page's language: a selectbox bound to the URL by Streamlit
would write its displayed label there, so no widget here is bound: ``write_url`` writes the params, for
the whole settings block after it ran (``ui.state.settings``), for a field drawn on its own (``draw``) from its
widget's callback. ``?hide=a,b`` (a classroom link) hides fields and locks them to their URL values. This module
and ``ui.state.layout`` are the only readers of ``st.query_params`` (a test holds them to it).
"""

from __future__ import annotations

import math
from dataclasses import fields
from functools import partial
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from rnn_core.config import PARTS, CompareConfig, InsideConfig, LabConfig, format_param
from rnn_core.dates.config import DateConfig
from rnn_core.namegen.config import GenConfig
from ui.state.layout import FIELD_NAMES, PAGE_BASE_KEY, Translator
from ui.text.labels import menu_label, option_label
from ui.text.safe import code

CONFIGS = (*(cls for _, cls in PARTS), LabConfig, InsideConfig, GenConfig, DateConfig, CompareConfig)
FIELDS = {f.name: f for cls in CONFIGS for f in fields(cls)}
DEFAULTS = {f.name: getattr(cls(), f.name) for cls in CONFIGS for f in fields(cls)}
SLIDERS = frozenset({"num_layers", "dropout", "noise", "rho", "lab_forget_bias", "lab_rho", "lab_clip", "in_sample",
                     "in_t", "in_out", "in_rho", "gen_temp"})
# a row of buttons, each choice in sight
SEGMENTED = frozenset({"cmp_by", "in_view", "in_signed", "in_layer", "gen_cell", "dt_cell",
                       "dt_teacher"})
PICKS = {"hidden_size": (1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256)}  # picked from, not slid over
FORMATS = {"period": "%g", "lr": "%g", "clip": "%g", "time_budget": "%g"}


def hidden_names() -> tuple[str, ...]:
    """Every name listed in the ``hide`` URL param (classroom links), in the order given."""
    names = (n.strip() for n in st.query_params.get("hide", "").split(","))
    return tuple(dict.fromkeys(n for n in names if n))


def parse_field(name: str, raw: str):
    """A URL string as a valid value of field ``name``; ``ValueError`` if it is not allowed."""
    f = FIELDS[name]
    meta = f.metadata
    if f.type == "str":
        if "choices" in meta and raw not in meta["choices"]:
            raise ValueError(f"{name}: {raw!r} is not one of {', '.join(meta['choices'])}")
        return raw  # a free-text field is checked with the whole config
    value = int(raw) if f.type == "int" else float(raw)
    lo, hi = meta["range"]
    if not (math.isfinite(value) and lo <= value <= hi):
        raise ValueError(f"{name}: {raw!r} is outside {lo}..{hi}")
    if value not in meta.get("options", (value,)):
        raise ValueError(f"{name}: {raw!r} is not one of {', '.join(map(format_param, meta['options']))}")
    return value


def shown(t: Translator, name: str, value) -> str:
    """A field's value for people: a choice's label, a number without trailing zeros."""
    return option_label(t, name, value) if isinstance(value, str) else f"{value:g}"


def _allowed(name: str, t: Translator) -> str:
    meta = FIELDS[name].metadata
    if "choices" in meta:
        return ", ".join(option_label(t, name, o) for o in meta["choices"])
    if "options" in meta:
        return ", ".join(f"{o:g}" for o in meta["options"])
    return "{:g} – {:g}".format(*meta["range"])


def from_url(name: str, t: Translator | None = None, problems: list[str] | None = None):
    """Field ``name``'s value in the URL; its default when absent or not allowed, and then, given
    ``problems``, a message for the person saying so."""
    raw = st.query_params.get(name)
    if raw is None:
        return page_default(name)
    try:
        return parse_field(name, raw)
    except ValueError:
        if problems is not None:
            problems.append(t("set.url_ignored", field=t(f"f.{name}"), raw=code(raw), allowed=_allowed(name, t),
                              value=shown(t, name, page_default(name))))
        return page_default(name)


def use_page_base(cfg) -> None:
    """This page's address is written against ``cfg`` (a RunConfig): a field the URL leaves out holds ``cfg``'s
    value, so the page's plain path is that config (``/Names`` is the surname run). Call after ``page_setup``."""
    st.session_state[PAGE_BASE_KEY] = cfg


def page_base():
    """The RunConfig this page's address is written against, or None (the global defaults)."""
    return st.session_state.get(PAGE_BASE_KEY)


def page_default(name: str):
    """What field ``name`` is when the URL leaves it out: the page base's value, else the field's default."""
    base = page_base()
    if base is not None and name in FIELD_NAMES:
        return parse_field(name, base.to_params()[name])
    return DEFAULTS[name]


def widget(name: str, value, t: Translator, options=None, disabled: bool = False, on_change=None, bounds=None,
           format_func=None, **extra):
    """Draw field ``name`` showing ``value`` in the current container; return what it holds now.

    ``options``: the choices offered, when only some of the field's fit the other settings (or, for a row of
    buttons, the numbers offered); ``bounds``: a number's (lo, hi) when the shown run allows less than the
    field; ``format_func``: a choice's label, when it is not the field's option label; ``extra``: passed on."""
    f = FIELDS[name]
    meta = f.metadata
    # Assigned on every run: a widget's state does not carry over to another page's widget of the same key
    st.session_state[name] = value
    kw = dict(label=t(f"f.{name}"), key=name, help=_help(t, name), disabled=disabled, on_change=on_change, **extra)
    label = format_func or (lambda v: menu_label(t, name, v))
    if name in SEGMENTED:
        return st.segmented_control(options=options or meta["choices"], format_func=label, required=True, **kw)
    if "choices" in meta:
        return st.selectbox(options=options or meta["choices"], format_func=label, **kw)
    picks = meta.get("options") or PICKS.get(name)
    if picks:
        return st.select_slider(options=sorted(set(picks) | {value}), **kw)  # a link's value between them stays
    if f.type == "str":
        return st.text_input(**kw)
    lo, hi = bounds or meta["range"]
    if name in SLIDERS:
        value = st.slider(min_value=lo, max_value=hi, step=meta.get("step"), **kw)
    else:
        value = st.number_input(min_value=lo, max_value=hi, step=meta.get("step"), format=FORMATS.get(name), **kw)
    return float(f"{value:.12g}") if isinstance(value, float) else value  # drop float noise of slider steps


def _help(t: Translator, name: str) -> str | None:
    key = f"h.{name}"
    text = t(key)
    return None if text == key else text


def changed_params(values: dict) -> dict[str, str]:
    """Field values as URL params, defaults left out (a link names only what differs)."""
    return {name: format_param(v) for name, v in values.items() if v != DEFAULTS[name]}


def write_url(params: dict[str, str], names) -> None:
    """Make the URL hold ``params`` for the fields ``names``: those absent from ``params`` are dropped."""
    for name in names:
        try:
            if name in params and st.query_params.get(name) != params[name]:
                st.query_params[name] = params[name]
            elif name not in params and name in st.query_params:
                del st.query_params[name]
        except StreamlitAPIException:
            pass  # bound to a widget of this page (a page's own control), which keeps the URL itself


def current(name: str):
    """A field's value before its widget draws: its widget's state, else the link's (else the default);
    always the link's when a classroom link fixes it."""
    if name in st.session_state and name not in hidden_names():
        return st.session_state[name]
    return from_url(name)


def current_params() -> dict[str, str]:
    """Every parameter of the URL as it is now (a page's share link that keeps them all)."""
    return st.query_params.to_dict()


def to_url(name: str, auto=None) -> None:
    """Put field ``name``'s widget value into the URL: its identifier, left out when it is the default (or
    ``auto``, the value the default stands for in the run shown, see ``draw``)."""
    value = st.session_state[name]
    write_url(changed_params({name: DEFAULTS[name] if value == auto else value}), (name,))


def _fitted(name: str, value, bounds, auto, clamp: bool):
    """``value`` as the shown run allows it: the default as ``auto``; a number outside ``bounds`` moved
    inside (``clamp``: a widget's value from a run with other limits) or, from a link, the default."""
    default = DEFAULTS[name] if auto is None else auto
    if value == DEFAULTS[name]:
        value = default
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        value = min(max(value, bounds[0]), bounds[1]) if clamp else default
    return value


def draw(name: str, t: Translator, disabled: bool = False, bounds=None, auto=None, locked=None, **kw):
    """Field ``name`` on its own, where it stands (not in the settings block): its widget, whose change
    goes into the URL before the rerun, so links drawn at the top of the page carry it; or, when a
    classroom link fixes it, its value with a lock (``locked(name, value)`` draws it, if given). Returns the
    value.

    ``bounds``: a number's (lo, hi) in the run shown; ``auto``: what the field's default stands for there
    (InsideConfig's ``in_t=0``: the last step), shown by the widget and left out of the URL; ``kw``: as in
    ``widget``."""
    if name in hidden_names():
        value = _fitted(name, from_url(name), bounds, auto, clamp=False)
        if locked is None:
            locked_field(name, value, t)
        else:
            locked(name, value)
        return value
    value = _fitted(name, current(name), bounds, auto, clamp=name in st.session_state)
    return widget(name, value, t, disabled=disabled, bounds=bounds, on_change=partial(to_url, name, auto), **kw)


def locked_caption(locked, values: dict, t: Translator) -> str:
    """One line naming the fields a classroom link fixes, and their values."""
    items = (t("set.locked_item", field=t(f"f.{n}"), value=shown(t, n, values[n])) for n in locked)
    return t("set.locked", fields=t("set.locked_sep").join(items))


def locked_field(name: str, value, t: Translator) -> None:
    """A field a classroom link fixes, drawn where its widget would be: its name, value and a lock."""
    st.markdown(f"**{t('f.' + name)}**  \n{shown(t, name, value)} :material/lock:", help=t("set.fixed"))


def share_url(params: dict[str, str]) -> str:
    """The full URL of the current page with ``params``."""
    base = st.context.url or ""
    return f"{base}?{urlencode(params, safe=',')}" if params else base or "?"


def share_link(params: dict[str, str], t: Translator, where=None) -> None:
    """The share link: the current page with ``params``, on one line (a URL never wraps mid-word), copied with
    one click on its copy icon. In the sidebar unless ``where`` (a container, e.g. beside a Train button)."""
    where = where if where is not None else st.sidebar
    where.caption(f":material/link: {t('set.share')}", help=t("set.share_help"))
    where.code(share_url(params), language=None, wrap_lines=False)
