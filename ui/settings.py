"""The shared settings block: one sidebar widget per RunConfig field, kept in step with the URL.

The URL seeds the widgets and every change rewrites it (default values are left out), so a link always
reproduces the config. The URL holds the stable identifiers (``cell=lstm``) while the widgets show human
labels in the page's language; that is why the widgets are not bound to the URL by Streamlit (a bound
selectbox writes its displayed label) and ``_sync_url`` writes the params instead. Model settings come
first; fields irrelevant to the current choices are not drawn but keep their value; choices offer only
options that fit the other settings (``rnn_core.fit``); ``?hide=a,b`` hides fields and locks them to
their URL values.
"""

from __future__ import annotations

import math
from dataclasses import fields
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from rnn_core.config import (
    APERIODIC_SERIES,
    CLASS_TASKS,
    ELMAN_CELLS,
    LAG_TASKS,
    PARTS,
    REAL_SERIES,
    SERIES_TASKS,
    TUTORIAL_CELLS,
    RunConfig,
)
from rnn_core.fit import GLOBAL_DEFAULTS, fit, follow_choice, options
from ui.labels import option_label
from ui.layout import FIELD_NAMES, PARAMS_KEY, Translator, current_lang, draw_nav
from ui.safe import plain

SECTIONS = ("model", "data", "train")  # drawing order: what a newcomer changes first comes first
SLIDERS = frozenset({"num_layers", "dropout", "noise", "rho"})
HIDDEN_SIZES = (1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256)  # picked from, not slid over
STEPS = {"period": 1.0, "lr": 0.001, "clip": 0.1, "time_budget": 5.0, "dropout": 0.05, "noise": 0.05,
         "rho": 0.05}
FORMATS = {"period": "%g", "lr": "%g", "clip": "%g", "time_budget": "%g"}
ICONS = {"data": ":material/dataset:", "model": ":material/account_tree:", "train": ":material/tune:"}
_FIELDS = {f.name: (cls, f) for _, cls in PARTS for f in fields(cls)}
DEFAULTS = GLOBAL_DEFAULTS  # every field's default value, by its flat name
VALUES_KEY = "_ui_values"  # every field's value after the last run of the settings block
_LAST = "_ui_last_valid"
UPLOAD_POSITIVE_KEY = "_ui_upload_positive"  # None without an uploaded series, else whether it is > 0


def relevant(name: str, v: dict) -> bool:
    """Whether a field matters for the current values ``v`` (all fields); others are not drawn."""
    task, series = v["task"], v["task"] in SERIES_TASKS
    synthetic = series and v["dataset"] not in REAL_SERIES
    rules = {
        "dataset": series, "transform": series, "scale": series, "test_size": series, "val_size": series,
        "n_points": synthetic,
        "period": (synthetic and v["dataset"] not in APERIODIC_SERIES) or task == "classify",
        "noise": synthetic or task == "classify",
        "data_seed": synthetic or not series,
        "n_samples": not series,
        "horizon": task == "multistep",
        "lag": task in LAG_TASKS,
        "nonlinearity": v["cell"] in ELMAN_CELLS,
        "dropout": v["num_layers"] > 1,
        "rho": v["init"] == "spectral",
        "forget_bias": v["cell"] == "lstm",
        "class_weight": task in CLASS_TASKS,
        "num_layers": v["cell"] not in TUTORIAL_CELLS,
        "threads": False,  # the server sets one torch thread for the process; a link cannot change it
    }
    if task == "names":  # surnames: fixed data, split by data_seed
        rules.update(dict.fromkeys(("dataset", "transform", "scale", "test_size", "val_size", "n_points", "period",
                                    "noise", "seq_len", "horizon", "lag", "n_samples"), False))
    if v["cell"] in TUTORIAL_CELLS:
        rules.update(nonlinearity=False, dropout=False)
    return rules.get(name, True)


def hidden_names() -> tuple[str, ...]:
    """Every name listed in the ``hide`` URL param (classroom links), in the order given."""
    names = (n.strip() for n in st.query_params.get("hide", "").split(","))
    return tuple(dict.fromkeys(n for n in names if n))


def locked_fields() -> tuple[str, ...]:
    """The RunConfig fields among ``hidden_names()``."""
    return tuple(n for n in hidden_names() if n in FIELD_NAMES)


def parse_field(name: str, raw: str):
    """A URL string as a valid value of field ``name``; ``ValueError`` if it is not allowed."""
    cls, f = _FIELDS[name]
    lim = cls.limits(name)
    if f.type == "str":
        if raw not in lim:
            raise ValueError(f"{name}: {raw!r} is not one of {', '.join(lim)}")
        return raw
    value = int(raw) if f.type == "int" else float(raw)
    if not (math.isfinite(value) and lim[0] <= value <= lim[1]):
        raise ValueError(f"{name}: {raw!r} is outside {lim[0]}..{lim[1]}")
    return value


def _allowed(name: str, t: Translator) -> str:
    lim = _FIELDS[name][0].limits(name)
    if isinstance(lim[0], str):
        return ", ".join(option_label(t, name, o) for o in lim)
    return f"{lim[0]:g} – {lim[1]:g}"


def _from_url(name: str, problems: list[str], t: Translator):
    raw = st.query_params.get(name)
    if raw is None:
        return DEFAULTS[name]
    try:
        return parse_field(name, raw)
    except ValueError:
        problems.append(t("set.url_ignored", field=t(f"f.{name}"), raw=plain(raw), allowed=_allowed(name, t),
                          value=_shown(t, name, DEFAULTS[name])))
        return DEFAULTS[name]


def _shown(t: Translator, name: str, value) -> str:
    return option_label(t, name, value) if isinstance(value, str) else f"{value:g}"


def _start_values(locked, problems: list[str], t: Translator) -> dict:
    """Every field's value before the widgets run: locked → widget state → last run → URL → default."""
    stored = st.session_state.get(VALUES_KEY, {})
    values = {}
    for name in _FIELDS:
        if name in locked:
            values[name] = _from_url(name, problems, t)
        elif name in st.session_state:
            values[name] = st.session_state[name]
        elif name in stored:
            values[name] = stored[name]
        else:
            values[name] = _from_url(name, problems, t)
    # a classroom link's values stay as the link has them, whatever a task's or cell's defaults say
    values = {**follow_choice(stored, values), **{name: values[name] for name in locked}}
    return fit(values, st.session_state.get(UPLOAD_POSITIVE_KEY))  # the widgets then show fitted values


def _widget(name: str, value, values: dict, t: Translator):
    """Draw field ``name`` showing ``value``; return what it holds now."""
    cls, f = _FIELDS[name]
    lim = cls.limits(name)
    # Assigned on every run: a widget's state does not carry over to another page's widget of the same key
    st.session_state[name] = value
    kw = dict(label=t(f"f.{name}"), key=name, help=t(f"h.{name}"))
    if f.type == "str":
        opts = options(name, values, st.session_state.get(UPLOAD_POSITIVE_KEY)) or lim
        return st.selectbox(options=opts, format_func=lambda v: option_label(t, name, v), **kw)
    if name == "hidden_size":
        sizes = sorted(set(HIDDEN_SIZES) | {int(st.session_state[name])})
        return st.select_slider(options=sizes, **kw)
    if name in SLIDERS:
        value = st.slider(min_value=lim[0], max_value=lim[1], step=STEPS.get(name), **kw)
    else:
        value = st.number_input(min_value=lim[0], max_value=lim[1], step=STEPS.get(name),
                                format=FORMATS.get(name), **kw)
    return float(f"{value:.12g}") if isinstance(value, float) else value  # drop float noise of slider steps


def _validate(values: dict, t: Translator, problems: list[str]) -> RunConfig:
    last = st.session_state.get(_LAST)
    parts = {}
    for part, cls in PARTS:
        try:
            parts[part] = cls(**{f.name: values[f.name] for f in fields(cls)})
        except ValueError as err:
            problems.append(t("set.invalid", part=t(f"set.{part}").lower(), error=err))
            parts[part] = getattr(last, part) if last is not None else cls()
    return RunConfig(**parts)


def share_params(cfg: RunConfig, locked: tuple[str, ...] = ()) -> dict[str, str]:
    """The URL params that reproduce ``cfg``: non-default settings, plus ``hide`` and ``lang``."""
    params = cfg.to_params(only_changed=True)
    if locked:
        params["hide"] = ",".join(locked)
    if current_lang() != "en":
        params["lang"] = current_lang()
    return params


def share_url(params: dict[str, str]) -> str:
    """The full URL of the current page with ``params``."""
    base = st.context.url or ""
    return f"{base}?{urlencode(params, safe=',')}" if params else base or "?"


def _sync_url(cfg: RunConfig) -> None:
    """Write every setting into the URL (defaults left out), so it always reproduces ``cfg``."""
    params = cfg.to_params(only_changed=True)
    for name in FIELD_NAMES:
        try:
            if name in params and st.query_params.get(name) != params[name]:
                st.query_params[name] = params[name]
            elif name not in params and name in st.query_params:
                del st.query_params[name]
        except StreamlitAPIException:
            pass  # bound to a widget of this page (a page's own control), which keeps the URL itself


def _locked_caption(locked: tuple[str, ...], values: dict, t: Translator) -> str:
    shown = ", ".join(f"{t(f'f.{n}')}: {_shown(t, n, values[n])}" for n in locked)
    return t("set.locked", fields=shown)


def settings_sidebar(sections: tuple[str, ...] = SECTIONS) -> RunConfig:
    """Draw the settings of ``sections`` in the sidebar and return the last valid RunConfig.

    Messages about the link (values that are not allowed) are drawn where this is called: call it after
    the page title."""
    t = Translator(current_lang())
    locked, problems = locked_fields(), []
    values = _start_values(locked, problems, t)
    classes = dict(PARTS)
    for part in SECTIONS:
        if part not in sections:
            continue
        with st.sidebar.expander(t(f"set.{part}"), expanded=part != "train", icon=ICONS[part]):
            for f in fields(classes[part]):
                if f.name not in locked and relevant(f.name, values):
                    values[f.name] = _widget(f.name, values[f.name], values, t)
    if locked:
        st.sidebar.caption(_locked_caption(locked, values, t))
    cfg = _validate(values, t, problems)
    for message in problems:
        st.error(message, icon=":material/link_off:")
    st.session_state[VALUES_KEY] = values
    st.session_state[_LAST] = cfg
    _sync_url(cfg)
    params = share_params(cfg, locked)
    st.session_state[PARAMS_KEY] = params
    draw_nav(params)
    st.sidebar.caption(f":material/link: {t('set.share')}", help=t("set.share_help"))
    st.sidebar.code(share_url(params), language=None, wrap_lines=True)
    return cfg
