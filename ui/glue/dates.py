"""Glue of the Translate-dates page: DateConfig's fields as widgets kept in the URL, the trained pair (with and
without attention) and the typed date's translation.

A trained pair is a pure function of its training fields: kept in the run store (kind ``dates``) server-wide once
finished; the default pair ships in ``assets/dates.pt``, and trained without teacher forcing in
``assets/dates_free.pt``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from rnn_core.dates.config import DateConfig
from ui.runs import store
from ui.runs.ticks import TickBar
from ui.state.fields import current, draw
from ui.text.labels import option_label

KIND = "dates"
MODEL = ("dt_cell", "dt_hidden", "dt_epochs", "dt_teacher", "dt_seed")
SECONDS_PER_EPOCH = 10.0  # both models of the default, two cores (README): the wait the Train button announces


def date_settings(t) -> DateConfig:
    """The date to translate and, in an expander, the models' fields; the config they make."""
    values = {name: current(name) for name in (*MODEL, "dt_text")}
    values["dt_text"] = draw("dt_text", t, max_chars=60)
    with st.expander(t("dt.model"), icon=":material/tune:", expanded=False):
        for col, name in zip(st.columns(len(MODEL)), MODEL, strict=True):
            with col:
                fmt = (lambda v: option_label(t, "cell", v)) if name == "dt_cell" else None
                values[name] = draw(name, t, format_func=fmt)
    try:
        return DateConfig(**values)
    except ValueError:  # only the free text can be invalid (too long): the page says so and uses the default
        return DateConfig(**{**values, "dt_text": DateConfig().dt_text})


def key_of(cfg: DateConfig) -> str:
    return cfg.training().to_json()


def date_pair(cfg: DateConfig):
    """(with attention, without) of ``cfg``: stored, else shipped (the default, with teacher forcing on or off),
    else None."""
    from rnn_core.dates.train import shipped_file

    pair = store.lookup(KIND, key_of(cfg))
    path = shipped_file(cfg) if pair is None else None
    return _shipped(str(path)) if path is not None else pair


def other_teacher(cfg: DateConfig) -> DateConfig:
    """``cfg`` trained the other way: teacher forcing off where it is on, and on where it is off."""
    return cfg.replace(dt_teacher="off" if cfg.dt_teacher == "on" else "on")


@st.cache_resource(show_spinner=False)
def _shipped(path: str):
    from rnn_core.dates.train import load_pair

    return load_pair(Path(path)) if Path(path).is_file() else None


def train_pair(cfg: DateConfig, t):
    """Train both models with a progress bar; a click ends the run after the current batch and keeps it in this
    session (partial), then the click's rerun goes on."""
    from rnn_core.dates.train import train

    bar = TickBar(t("dt.starting"))

    def both(stopping):  # the pair one after the other; a Stop skips the second
        pair = []
        for k, attention in enumerate((True, False)):
            name = t("dt.with" if attention else "dt.without")
            pair.append(train(cfg, attention, lambda p, k=k, name=name: bar.show(
                (k + p["epoch"] / p["epochs"]) / 2, t("dt.progress", model=name, **p)), stopping))
            if stopping():
                break
        return pair

    pair = bar.run(both, lambda k: t("gen.queued", k=k))
    if len(pair) == 2:
        store.remember(KIND, key_of(cfg), tuple(pair), finished=all(r.stopped == "completed" for r in pair))
    bar.done()
    return tuple(pair) if len(pair) == 2 else None


def translation(pair, text: str):
    """Per model: (ISO string, attention weights (10, T)) of ``text``, cached per pair and text."""
    return _translation(key_of(pair[0].config), text, pair)


@st.cache_data(max_entries=256, show_spinner=False)
def _translation(key: str, text: str, _pair):
    from rnn_core.dates.train import translate

    out = []
    for r in _pair:
        iso, weights = translate(r.model, [text])
        out.append((iso[0], weights[0]))
    return out
