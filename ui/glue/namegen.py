"""Glue of the Generate-names page: GenConfig's fields as widgets kept in the URL, the trained generator and
its samples.

A trained generator is a pure function of its training fields, so it is kept in the run store
(``ui.runs.store``, kind ``namegen``) server-wide once finished; the default one ships in ``assets/``. Samples
are cached per model and sampling fields: moving the temperature redraws from the same weights.
"""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

from rnn_core.namegen.config import TRAIN_FIELDS, GenConfig
from ui.runs import store
from ui.runs.ticks import TickBar
from ui.state.fields import current, draw
from ui.text.catalog import labels
from ui.text.labels import option_label

KIND = "namegen"
SAMPLING = ("gen_lang", "gen_first", "gen_temp", "gen_count", "gen_sample")  # the row above the names
SECONDS_PER_EPOCH = 3.2  # default model, two cores (README): the wait a Train button announces


def gen_settings(t) -> GenConfig:
    """The sampling row and, in an expander, the model's fields; the config they make."""
    values = {f.name: current(f.name) for f in fields(GenConfig)}
    lang_names = labels(t, "names.lang")
    formats = {"gen_lang": lambda v: lang_names.get(v, v), "gen_first": lambda v: option_label(t, "gen_first", v)}
    for col, name in zip(st.columns([3, 2, 3, 2, 2]), SAMPLING, strict=True):
        with col:
            values[name] = draw(name, t, format_func=formats.get(name))
    with st.expander(t("gen.model"), icon=":material/tune:", expanded=False):
        for col, name in zip(st.columns(len(TRAIN_FIELDS)), TRAIN_FIELDS, strict=True):
            with col:
                fmt = (lambda v: option_label(t, "cell", v)) if name == "gen_cell" else None
                values[name] = draw(name, t, format_func=fmt)
        st.caption(t("gen.model_note"))
    return GenConfig(**values)


def key_of(cfg: GenConfig) -> str:
    return cfg.training().to_json()


def gen_model(cfg: GenConfig):
    """The trained generator of ``cfg``: stored, else the shipped default, else None."""
    res = store.lookup(KIND, key_of(cfg))
    if res is None and cfg.training() == GenConfig().training():
        res = _shipped()
    return res


@st.cache_resource(show_spinner=False)
def _shipped():
    from rnn_core.namegen.train import SHIPPED, load

    return load() if SHIPPED.is_file() else None


def train_gen(cfg: GenConfig, t):
    """Train ``cfg``'s model with a progress bar; a click ends it after the current batch and keeps it (this
    session only), then the click's rerun goes on."""
    from rnn_core.namegen.train import train

    bar = TickBar(t("gen.starting"))
    res = bar.run(lambda stopping: train(cfg, lambda p: bar.show(p["epoch"] / p["epochs"], t("gen.progress", **p)),
                                         stopping), lambda k: t("gen.queued", k=k))
    store.remember(KIND, key_of(cfg), res, finished=res.stopped == "completed")
    bar.done()
    return res


def samples_of(res, cfg: GenConfig):
    return _samples(key_of(cfg), cfg, res)


@st.cache_data(max_entries=64, show_spinner=False)
def _samples(key: str, cfg: GenConfig, _res):
    from rnn_core.namegen.sample import sample_names

    return sample_names(_res.model, cfg)
