"""The comparison's verdict and reading are built from its table's figures, for every outcome a cell can have,
and the shipped default comparison's verdict agrees with the table the page draws beside it."""

import math
from functools import partial
from types import SimpleNamespace

import numpy as np
import pytest

from charts.lab_seeds import sig
from rnn_core.config import LabConfig
from rnn_core.lab.compare import LEARNT_RATIO, CellResult, lab_run_config
from rnn_core.lab.horizon import memory_horizon
from rnn_core.lab.shipped import load_comparison
from rnn_core.lab.verdict import REACH_FLOOR, kept_share, verdict
from ui.glue.lab_seeds import horizon_text
from ui.glue.lab_verdict import reading_line, verdict_lines
from ui.text.catalog import text
from ui.text.labels import shapes_line

T = 50
STEPS = np.arange(1, T + 1)


def _cell(cell: str, test_ratio: float, profile, stopped: str = "completed") -> CellResult:
    g = np.asarray(profile, dtype=float)
    run = SimpleNamespace(stopped=stopped, history={"epoch": [1, 2]}, elapsed=1.0, snapshots=[])
    return CellResult(cell, run, test_ratio * 0.16, 0.16, g[None], memory_horizon(g), {}, test_ratio * 0.15, 0.15)


FADES = np.exp((STEPS - T) / 3.0)  # τ = 3: nothing is left 47 steps back
REACHES = np.exp((STEPS - T) / 70.0)  # τ = 70: most of it is
FLAT = np.full(T, 0.01)
ONE_OF_EACH = [
    _cell("lstm", 0.012, FLAT, "early stop"),  # learnt
    _cell("rnn", 1.01, FADES),  # failed, its gradient fades
    _cell("lru", 0.97, REACHES),  # failed, though its gradient reaches back
    _cell("gru", math.nan, np.full(T, np.nan), "diverged"),
    _cell("mingru", 0.8, REACHES, "stopped"),  # unfinished: no verdict
]


def test_every_outcome_gets_its_sentence_naming_its_cells_with_the_tables_figures():
    v = verdict(ONE_OF_EACH)
    assert [c.outcome for c in v.cells] == ["learnt", "fades", "reaches", "diverged", "unfinished"]
    for c, r in zip(v.cells, ONE_OF_EACH, strict=True):  # the same figures as the table's columns
        assert c.test_ratio == r.test_ratio or math.isnan(r.test_ratio)
        assert c.horizon == r.horizon["horizon"] or math.isnan(r.horizon["horizon"])
        assert (c.outcome == "learnt") == r.solved
    fades, reaches = v.of("fades")[0], v.of("reaches")[0]
    assert fades.kept < REACH_FLOOR <= reaches.kept and v.of("learnt")[0].kept == 1.0
    lines = verdict_lines(ONE_OF_EACH, partial(text, "en"), lag=T, epochs=40)
    assert len(lines) == 5 and lines[0].startswith("**Learnt**: LSTM (test/baseline 0.012)")
    assert "below 0.1 × the trivial answer" in lines[0]
    assert lines[1].startswith("**Did not learn, and the gradient fades**: RNN (test/baseline 1.01, τ 3")
    assert "Less than 0.001 of the gradient" in lines[1]
    assert lines[2].startswith("**Did not learn, although the gradient reaches back**: LRU (test/baseline 0.97, τ 70")
    assert f"keeps {sig(reaches.kept)} of its gradient from step {T - 2} back to step 1" in lines[2]
    assert "The gradient is not what limits these cells here" in lines[2]
    assert lines[3].startswith("**Diverged**: GRU") and lines[4].startswith("**Not finished**: minGRU")
    zh = verdict_lines(ONE_OF_EACH, partial(text, "zh"), lag=T, epochs=40)
    assert zh[0].startswith("**学会了**：LSTM（测试/基线 0.012）") and "限制这些单元的不是梯度" in zh[2]


def test_no_cell_learnt_closes_with_the_lag_and_the_epochs():
    lines = verdict_lines(ONE_OF_EACH[1:3], partial(text, "en"), lag=1000, epochs=100)
    assert lines[-1] == "No cell learnt the task at lag 1000 within 100 epochs."
    assert not any(line.startswith("**Learnt**") for line in lines)


def test_kept_share_reads_the_fit_the_table_shows():
    h = memory_horizon(FADES)
    assert kept_share(h) == pytest.approx(math.exp(-(len(h["t"]) - 1) / h["horizon"]))
    assert kept_share(memory_horizon(FLAT)) == 1.0 and kept_share(memory_horizon(np.exp((T - STEPS) / 10.0))) == 1.0
    assert math.isnan(kept_share(memory_horizon(np.full(T, np.nan))))


@pytest.fixture(scope="module")
def shipped():
    results = load_comparison(lab_run_config(LabConfig()))
    assert results is not None, "assets/lab_compare.pt is missing or not of the lab's defaults"
    return results


def test_the_shipped_comparisons_verdict_and_reading_agree_with_its_table(shipped):
    t = partial(text, "en")
    learnt = {r.cell for r in shipped if r.test_ratio < LEARNT_RATIO}  # the table's "Learnt" column
    assert {c.cell for c in verdict(shipped).of("learnt")} == learnt and "rnn" not in learnt
    assert {"lstm", "gru", "lru"} <= learnt  # LRU in its two-layer shape learns lag 50
    joined = " ".join(verdict_lines(shipped, t, lag=50, epochs=40))
    for r in shipped:
        assert sig(r.test_ratio) in joined  # every cell's test ratio as the table shows it
        line = reading_line(r, t)
        if r.horizon["regime"] == "flat":
            assert horizon_text(r.horizon["horizon"], t) == "∞ (no decay)" and "no decay" in line
            assert "fades" not in line and "vanish" not in line
        elif r.horizon["regime"] == "vanishes":
            assert f"τ ≈ {horizon_text(r.horizon['horizon'], t)} steps" in line


def test_the_shape_line_names_each_cells_layers(shipped):
    line = shapes_line(lab_run_config(LabConfig()), partial(text, "en"))
    assert "RNN, LSTM, GRU, minGRU 1 × 32" in line and "LRU 2 × 32" in line and "two layers learn" in line
    assert [r.result.config.model.num_layers for r in shipped] == [1, 1, 1, 2, 1]
