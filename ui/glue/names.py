"""Glue of the Names page: the surname run, and what a typed name does inside it (cached per run)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from rnn_core.config import CELL_DEFAULTS, NAMES_DEFAULT, RunConfig
from rnn_core.engine.train import RunResult
from ui.runs.flow import page_run
from ui.state.fields import current, use_page_base
from ui.state.settings import apply_config
from ui.text.labels import cell_label, with_direction

TUTORIAL_EPOCHS = 1  # per-name SGD: about 16,000 optimiser steps per epoch
MAX_CHARS = 30


def ensure_names_task() -> bool:
    """Call before the sidebar: if it holds another task, load the surname defaults. True if it did.

    The defaults go where the sidebar reads them (the URL, the last values, and any widget state
    already there), so a first visit sets no widget value through the Session State API."""
    use_page_base(NAMES_DEFAULT)  # plain /Names is the default surname run: its address names only changes
    if current("task") == "names":
        return False
    apply_config(NAMES_DEFAULT, all_widgets=False, url=True)
    return True


def names_run(cfg: RunConfig, t) -> RunResult | None:
    """The run of ``cfg``: stored or shipped (the default), else the default trained here once; another
    missing run waits for the page's Train button."""
    res = page_run(cfg, t, auto=False)
    if res is None and cfg == NAMES_DEFAULT:
        note = st.empty()
        note.caption(t("names.training"))
        res = page_run(cfg, t, go=True, auto=False, label=t("names.label_run"))
        note.empty()
    return res


def subtitle(cfg: RunConfig, t) -> str:
    """One line naming a surname run on its charts (and their PNGs)."""
    m = cfg.model
    return t("names.subtitle", cell=with_direction(t, cell_label(t, m.cell), m), L=m.num_layers, H=m.hidden_size,
             seed=cfg.train.seed)


def report_of(res: RunResult) -> dict:
    """Test-set report (accuracy, balanced accuracy, confusion, mistakes) of a run, computed once."""
    return _report(res.run_id, res)


@st.cache_data(max_entries=16, show_spinner=False)
def _report(run_id: str, _res: RunResult) -> dict:
    from rnn_core.names import report

    return report(_res.model, _res.data)


def several_languages(res: RunResult) -> dict:
    """Test names (``n``), those listed under several languages (``m``) and how many distinct names they are (``k``)."""
    ok = res.data.accepted.get("test")
    multi = np.zeros(len(res.data.y_test), bool) if ok is None else ok.numpy().sum(1) > 1
    names = dataset_names(res)
    return {"n": len(multi), "m": int(multi.sum()), "k": len({names[i].casefold() for i in np.flatnonzero(multi)})}


def dataset_names(res: RunResult) -> tuple[str, ...]:
    from rnn_core.names import dataset

    return dataset(res.config.data.data_seed)["test"][0]


def letters_of(res: RunResult, name: str):
    """(probabilities after each letter (T, classes), trace of the name) for an ASCII name."""
    return _letters(res.run_id, name, res)


@st.cache_data(max_entries=256, show_spinner=False)
def _letters(run_id: str, name: str, _res: RunResult):
    import torch

    from rnn_core.engine.instrument import trace
    from rnn_core.names import encode, per_letter

    probs = per_letter(_res.model, name)
    target = torch.tensor([int(probs[-1].argmax())])  # explain the model's own answer
    return probs, trace(_res.model, encode([name]), target)


def flips(probs: np.ndarray) -> list[tuple[int, int]]:
    """(letter index from 1, class) wherever the first guess changes, starting with the first letter."""
    top = probs.argmax(1)
    return [(k + 1, int(c)) for k, c in enumerate(top) if k == 0 or c != top[k - 1]]


def letters_frame(name: str, probs: np.ndarray, languages) -> pd.DataFrame:
    """Per-letter probabilities in wide form: letter index, letter, prefix, one column per language."""
    df = pd.DataFrame(probs, columns=list(languages))
    df.insert(0, "prefix", [name[:k + 1] for k in range(len(name))])
    df.insert(0, "letter", list(name))
    df.insert(0, "position", range(1, len(name) + 1))
    return df


def name_states_frame(name: str, hiddens: np.ndarray) -> pd.DataFrame:
    """Hidden state of one name in long form: position, letter, unit (from 1), h."""
    T, H = hiddens.shape
    pos, unit = np.meshgrid(np.arange(1, T + 1), np.arange(1, H + 1), indexing="ij")
    return pd.DataFrame({"position": pos.ravel(), "letter": np.repeat(list(name), H), "unit": unit.ravel(),
                         "h": hiddens.ravel()})


def tutorial_configs(cfg: RunConfig) -> dict[str, RunConfig]:
    """The tutorial's model without and with tanh, trained as the tutorial does, on this run's split."""
    return {c: cfg.replace(cell=c, hidden_size=128, class_weight="none", epochs=TUTORIAL_EPOCHS, patience=0,
                           bidirectional="off", **CELL_DEFAULTS[c]) for c in ("tutorial", "tutorial_tanh")}
