"""The shared settings block: one sidebar widget per RunConfig field, bound to the URL query params.

Each widget uses ``bind="query-params"`` with the field name as key: the URL seeds it, every change
rewrites the URL, and default values are left out. Fields irrelevant to the current choices are not
drawn but keep their value, and ``?hide=a,b`` hides fields and locks them to their URL values.
"""

from __future__ import annotations

import math
from dataclasses import fields
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from rnn_core.config import LAG_TASKS, PARTS, RunConfig
from ui.labels import option_label
from ui.layout import FIELD_NAMES, PARAMS_KEY, Translator, current_lang, draw_nav

SLIDERS = frozenset({"num_layers", "hidden_size", "dropout", "noise", "rho"})
STEPS = {"period": 1.0, "lr": 0.001, "clip": 0.1, "time_budget": 5.0, "dropout": 0.05, "noise": 0.05,
         "rho": 0.05}
FORMATS = {"period": "%g", "lr": "%g", "clip": "%g", "time_budget": "%g"}
ICONS = {"data": ":material/dataset:", "model": ":material/account_tree:", "train": ":material/tune:"}
SERIES_TASKS = ("forecast", "multistep", "denoise")
_FIELDS = {f.name: (cls, f) for _, cls in PARTS for f in fields(cls)}
DEFAULTS = {name: getattr(cls(), name) for name, (cls, _) in _FIELDS.items()}
_VALUES = "_ui_values"  # every field's value after the last run
_LAST = "_ui_last_valid"


def relevant(name: str, v: dict) -> bool:
    """Whether a field matters for the current values ``v`` (all fields); others are not drawn."""
    task, series = v["task"], v["task"] in SERIES_TASKS
    synthetic = series and v["dataset"] not in ("air_passengers", "csv")
    rules = {
        "dataset": series, "transform": series, "scale": series, "test_size": series, "val_size": series,
        "n_points": synthetic,
        "period": (synthetic and v["dataset"] not in ("ar2", "random_walk")) or task == "classify",
        "noise": synthetic or task == "classify",
        "data_seed": synthetic or not series,
        "n_samples": not series,
        "horizon": task == "multistep",
        "lag": task in LAG_TASKS,
        "nonlinearity": v["cell"] in ("rnn", "scratch"),
        "dropout": v["num_layers"] > 1,
        "rho": v["init"] == "spectral",
    }
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


def _allowed(name: str) -> str:
    lim = _FIELDS[name][0].limits(name)
    return ", ".join(lim) if isinstance(lim[0], str) else f"{lim[0]:g}..{lim[1]:g}"


def _from_url(name: str, problems: list[str], t: Translator):
    raw = st.query_params.get(name)
    if raw is None:
        return DEFAULTS[name]
    try:
        return parse_field(name, raw)
    except ValueError:
        problems.append(t("set.url_ignored", field=name, raw=raw, allowed=_allowed(name),
                          value=DEFAULTS[name]))
        return DEFAULTS[name]


def _start_values(locked, problems: list[str], t: Translator) -> dict:
    """Every field's value before the widgets run: locked → widget state → last run → URL → default."""
    stored = st.session_state.get(_VALUES, {})
    values = {}
    for name in _FIELDS:
        if name in locked:
            values[name] = _from_url(name, problems, t)
        elif name in st.session_state:
            values[name] = st.session_state[name]
        elif name in stored:
            values[name] = stored[name]
        else:
            values[name] = _from_url(name, [], t)  # a drawn widget reports bad URL values itself
    return values


def _same(name: str, raw: str, value) -> bool:
    try:
        parsed = parse_field(name, raw)
    except ValueError:
        return False
    return math.isclose(parsed, value) if isinstance(value, float) else parsed == value


def _widget(name: str, t: Translator, problems: list[str]):
    cls, f = _FIELDS[name]
    lim, default = cls.limits(name), DEFAULTS[name]
    raw = None
    if name not in st.session_state:
        raw = st.query_params.get(name)
        stored = st.session_state.get(_VALUES, {}).get(name, default)
        if stored != default and (raw is None or _same(name, raw, stored)):
            st.session_state[name] = stored  # back on a page after one without this widget
            raw = None
    kw = dict(label=t(f"f.{name}"), key=name, bind="query-params", help=t(f"h.{name}"))
    if f.type == "str":
        # labels on screen, identifiers in the URL: a bound selectbox would write its label into the URL,
        # so this one seeds from the URL itself and writes the identifier back
        del kw["bind"]
        current = st.session_state.pop(name, None)  # re-created each run with its value as the default
        if current not in lim:
            current = raw if raw in lim else default
        value = st.selectbox(options=lim, index=lim.index(current), format_func=lambda v: option_label(t, name, v),
                             **kw)
        if value != default:
            st.query_params[name] = value
        elif name in st.query_params:
            del st.query_params[name]
    elif name in SLIDERS:
        value = st.slider(min_value=lim[0], max_value=lim[1], value=default, step=STEPS.get(name), **kw)
    else:
        value = st.number_input(min_value=lim[0], max_value=lim[1], value=default, step=STEPS.get(name),
                                format=FORMATS.get(name), **kw)
    if isinstance(value, float):
        value = float(f"{value:.12g}")  # drop float noise from slider steps
    if raw is not None and not _same(name, raw, value):
        problems.append(t("set.url_ignored", field=name, raw=raw, allowed=_allowed(name), value=value))
    return value


def _validate(values: dict, t: Translator) -> RunConfig:
    last = st.session_state.get(_LAST)
    parts = {}
    for part, cls in PARTS:
        try:
            parts[part] = cls(**{f.name: values[f.name] for f in fields(cls)})
        except ValueError as err:
            st.error(t("set.invalid", part=t(f"set.{part}").lower(), error=err), icon=":material/error:")
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


def _sync_url(cfg: RunConfig, drawn: set[str]) -> None:
    """Write the fields without a widget on this page into the URL, so it always reproduces ``cfg``."""
    params = cfg.to_params(only_changed=True)
    for name in FIELD_NAMES - drawn:
        try:
            if name in params and st.query_params.get(name) != params[name]:
                st.query_params[name] = params[name]
            elif name not in params and name in st.query_params:
                del st.query_params[name]
        except StreamlitAPIException:
            pass  # still bound to a widget that this run no longer draws; streamlit drops it


def settings_sidebar(sections: tuple[str, ...] = ("data", "model", "train")) -> RunConfig:
    """Draw the settings of ``sections`` in the sidebar and return the last valid RunConfig."""
    t = Translator(current_lang())
    locked, problems, drawn = locked_fields(), [], set()
    values = _start_values(locked, problems, t)
    for part, cls in PARTS:
        if part not in sections:
            continue
        with st.sidebar.expander(t(f"set.{part}"), expanded=part != "train", icon=ICONS[part]):
            for f in fields(cls):
                if f.name not in locked and relevant(f.name, values):
                    values[f.name] = _widget(f.name, t, problems)
                    drawn.add(f.name)
    if locked:
        st.sidebar.caption(t("set.locked", fields=", ".join(locked)))
    for message in problems:
        st.error(message, icon=":material/link_off:")
    cfg = _validate(values, t)
    st.session_state[_VALUES] = values
    st.session_state[_LAST] = cfg
    _sync_url(cfg, drawn)
    params = share_params(cfg, locked)
    st.session_state[PARAMS_KEY] = params
    draw_nav(params)
    st.sidebar.caption(f":material/link: {t('set.share')}", help=t("set.share_help"))
    st.sidebar.code(share_url(params), language=None, wrap_lines=True)
    return cfg
