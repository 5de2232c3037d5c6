"""What a trained run shows inside: traces of its windows and its weights' spectra, cached per run."""

from __future__ import annotations

import streamlit as st

from rnn_core.engine.train import RunResult
from rnn_core.limits import budget


def trace_of(res: RunResult, split: str, start: int, stop: int):
    """trace() of windows [start, stop) of one split of a run, cached per trained model and selection."""
    return _trace(res.run_id, split, start, stop, res)


@st.cache_data(max_entries=8, ttl=900, show_spinner=False)  # each at most budget.max_trace_bytes
def _trace(run_id: str, split: str, start: int, stop: int, _res: RunResult):
    from rnn_core.engine.instrument import trace

    data = _res.data
    x = getattr(data, f"x_{split}")
    stop = start + budget.trace_windows(_res.config, x.shape[1], stop - start)  # under the trace cap
    x, y = x[start:stop], getattr(data, f"y_{split}")[start:stop]
    return trace(_res.model, x, y)


def disk_of(res: RunResult) -> tuple[list[dict], list[dict]]:
    """A linear cell's decays on the unit disk before and after training (rnn_core.inside.eigen), cached per run."""
    return _disk(res.run_id, res)


@st.cache_data(max_entries=16, show_spinner=False)
def _disk(run_id: str, _res: RunResult):
    from rnn_core.engine.train import seeded_model
    from rnn_core.inside.eigen import disk_points

    x = _res.data.x_train[:128]
    return disk_points(seeded_model(_res.config, _res.data), x), disk_points(_res.model, x)


def spectrum_of(res: RunResult) -> list[dict]:
    return _spectrum(res.run_id, res)


@st.cache_data(max_entries=64, show_spinner=False)
def _spectrum(run_id: str, _res: RunResult):
    from rnn_core.engine.instrument import spectrum

    return spectrum(_res.model)


def step_errors_of(res: RunResult):
    """A sequence-output run's test error at each step of its windows (rnn_core.engine.forecast.step_errors),
    cached per run."""
    return _step_errors(res.run_id, res)


@st.cache_data(max_entries=64, show_spinner=False)
def _step_errors(run_id: str, _res: RunResult):
    from rnn_core.engine.forecast import step_errors

    return step_errors(_res.model, _res.data)
