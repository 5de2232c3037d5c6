"""The shared settings block: one sidebar widget per RunConfig field, kept in step with the URL.

The URL seeds the widgets and every run rewrites it (default values are left out), so a link always
reproduces the config; widgets, URL parsing and writing are ``ui.state.fields``. Model settings come first;
fields irrelevant to the current choices are not drawn but keep their value; choices offer only options
that fit the other settings (``rnn_core.fit``); ``?hide=a,b`` hides fields and locks them to their URL
values.
"""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

from rnn_core.config import (
    APERIODIC_SERIES,
    BIDIR_CELLS,
    BIDIR_TASKS,
    CLASS_TASKS,
    ELMAN_CELLS,
    LAG_TASKS,
    LINEAR_CELLS,
    PARTS,
    REAL_SERIES,
    SERIES_TASKS,
    TUTORIAL_CELLS,
    RunConfig,
)
from rnn_core.fit import GLOBAL_DEFAULTS, fit, follow_choice, options
from ui.state.fields import from_url, hidden_names, locked_caption, page_base, share_link, widget, write_url
from ui.state.layout import CONFIG_KEY, FIELD_NAMES, Translator, current_lang, draw_nav
from ui.text.errors import error_text
from ui.text.labels import option_label

SECTIONS = ("model", "data", "train")  # drawing order: what a newcomer changes first comes first
ICONS = {"data": ":material/dataset:", "model": ":material/account_tree:", "train": ":material/tune:"}
DEFAULTS = GLOBAL_DEFAULTS  # every field's default value, by its flat name
_UPLOAD_POSITIVE = "_ui_upload_positive"  # None without an uploaded series, else whether it is > 0


def relevant(name: str, v: dict) -> bool:
    """Whether a field matters for the current values ``v`` (all fields); others are not drawn."""
    task, series = v["task"], v["task"] in SERIES_TASKS
    synthetic = series and v["dataset"] not in REAL_SERIES
    rules = {
        "dataset": series, "transform": series, "scale": series, "test_size": series, "val_size": series,
        "n_points": synthetic,
        # an upload's season: found from its dates on upload, shown so that it can be seen and changed
        "period": (synthetic and v["dataset"] not in APERIODIC_SERIES) or task == "classify" or
                  (series and v["dataset"] == "csv"),
        "noise": synthetic or task == "classify",
        "data_seed": synthetic or not series,
        "n_samples": not series,
        "horizon": task == "multistep",
        "lag": task in LAG_TASKS,
        "nonlinearity": v["cell"] in ELMAN_CELLS,
        "dropout": v["num_layers"] > 1,
        "rho": v["init"] == "spectral" and v["cell"] not in LINEAR_CELLS,
        "init": v["cell"] not in LINEAR_CELLS,  # no W_hh: LRU starts on its ring, the min cells need none
        "forget_bias": v["cell"] == "lstm",
        "class_weight": task in CLASS_TASKS,
        "num_layers": v["cell"] not in TUTORIAL_CELLS,
        "bidirectional": task in BIDIR_TASKS and v["cell"] in BIDIR_CELLS,
        "threads": False,  # the server sets one torch thread for the process; a link cannot change it
    }
    if task == "names":  # surnames: fixed data, split by data_seed
        rules.update(dict.fromkeys(("dataset", "transform", "scale", "test_size", "val_size", "n_points", "period",
                                    "noise", "seq_len", "horizon", "lag", "n_samples"), False))
    if v["cell"] in TUTORIAL_CELLS:
        rules.update(nonlinearity=False, dropout=False)
    return rules.get(name, True)


def locked_fields() -> tuple[str, ...]:
    """The RunConfig fields among ``hidden_names()``."""
    return tuple(n for n in hidden_names() if n in FIELD_NAMES)


def _start_values(locked, problems: list[str], t: Translator) -> dict:
    """Every field's value before the widgets run: locked → widget state → this session's config → URL →
    default."""
    stored = _flat(st.session_state.get(CONFIG_KEY))
    values = {}
    for name in DEFAULTS:
        if name in locked:
            values[name] = from_url(name, t, problems)
        elif name in st.session_state:
            values[name] = st.session_state[name]
        elif name in stored:
            values[name] = stored[name]
        else:
            values[name] = from_url(name, t, problems)
    # a classroom link's values stay as the link has them, whatever a task's or cell's defaults say
    values = {**follow_choice(stored, values), **{name: values[name] for name in locked}}
    fitted = fit(values, st.session_state.get(_UPLOAD_POSITIVE))  # the widgets then show fitted values
    if values["dataset"] == "csv" and fitted["dataset"] != "csv":  # a link naming someone else's upload
        problems.append(t("set.csv_missing", fallback=option_label(t, "dataset", fitted["dataset"])))
    if values["bidirectional"] != fitted["bidirectional"]:  # a forecast, a lag task or a cell without a backward pass
        problems.append(t("set.one_way", task=option_label(t, "task", values["task"]),
                          cell=option_label(t, "cell", values["cell"])))
    return fitted


def note_upload(series) -> None:
    """An uploaded series is there: log transforms are offered for it only when it stays above zero."""
    st.session_state[_UPLOAD_POSITIVE] = bool((series > 0).all())


def apply_config(cfg: RunConfig, all_widgets: bool = True, url: bool = False) -> None:
    """Make ``cfg`` what the settings block shows on its next draw.

    From a widget callback every widget's state is set (``all_widgets``); in a script run before the
    settings block, only that of widgets already holding one, so a first visit sets no widget value
    through the Session State API. ``url``: write the URL too, so it reproduces ``cfg`` at once."""
    values = _flat(cfg)
    st.session_state[CONFIG_KEY] = cfg
    for name, value in values.items():
        if all_widgets or name in st.session_state:
            st.session_state[name] = value
    if url:
        write_url(cfg.to_params(only_changed=True), values)


def _flat(cfg: RunConfig | None) -> dict:
    """Every field's value by its flat name ({} for no config)."""
    return {} if cfg is None else {k: v for part in cfg.to_dict().values() for k, v in part.items()}


def _validate(values: dict, t: Translator, problems: list[str]) -> RunConfig:
    last = st.session_state.get(CONFIG_KEY)
    parts = {}
    for part, cls in PARTS:
        try:
            parts[part] = cls(**{f.name: values[f.name] for f in fields(cls)})
        except ValueError as err:
            problems.append(t("set.invalid", part=t(f"set.{part}").lower(), error=error_text(t, err)))
            parts[part] = getattr(last, part) if last is not None else cls()
    return RunConfig(**parts)


def share_params(cfg: RunConfig, locked: tuple[str, ...] = (), base: RunConfig | None = None) -> dict[str, str]:
    """The URL params that reproduce ``cfg``: settings that differ from ``base`` (the defaults), plus ``hide``
    and ``lang``."""
    params = cfg.to_params(only_changed=True, base=base)
    if locked:
        params["hide"] = ",".join(locked)
    if current_lang() != "en":
        params["lang"] = current_lang()
    return params


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
                    offered = options(f.name, values, st.session_state.get(_UPLOAD_POSITIVE)) or None
                    values[f.name] = widget(f.name, values[f.name], t, options=offered)
    if locked:
        st.sidebar.caption(locked_caption(locked, values, t))
    cfg = _validate(values, t, problems)
    for message in problems:
        st.error(message, icon=":material/link_off:")
    st.session_state[CONFIG_KEY] = cfg
    write_url(cfg.to_params(only_changed=True, base=page_base()), FIELD_NAMES)
    draw_nav(share_params(cfg, locked))  # against the global defaults: what links to the other pages carry
    share_link(share_params(cfg, locked, page_base()), t)  # this page's link: against its own base
    return cfg
