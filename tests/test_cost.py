"""The training-time estimate: early stopping is expected after a few patiences, every epoch counted
otherwise, the budget caps both; its bench runs in quick mode."""

import sys
from pathlib import Path

import pytest

from rnn_core.config import RunConfig
from rnn_core.data.datasets import prepare
from rnn_core.limits.cost import estimate_seconds, expected_epochs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))


def test_expected_epochs_follow_patience_task_and_series():
    assert expected_epochs(RunConfig()) == 90  # 3 patiences of 30 on the airline series
    assert expected_epochs(RunConfig().replace(patience=0)) == 300
    assert expected_epochs(RunConfig().replace(patience=200)) == 300  # never more than the epochs
    assert expected_epochs(RunConfig().replace(task="multistep")) == 180
    assert expected_epochs(RunConfig().replace(dataset="sine", transform="none")) == 300


def test_estimate_is_below_every_epoch_and_capped_by_the_budget():
    cfg = RunConfig()
    data = prepare(cfg.data)
    assert 0 < estimate_seconds(cfg, data) < estimate_seconds(cfg.replace(patience=0), data)  # every epoch
    long = cfg.replace(epochs=5000, patience=0, time_budget=5.0)
    assert estimate_seconds(long, data) < 6.0


def test_estimate_bench_quick():
    import bench_estimate

    rows = bench_estimate.main(["--quick"])
    assert len(rows) == 3 and all(r["estimate"] > 0 and r["cpu"] > 0 and r["epochs"] >= 1 for r in rows)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_more_units_cost_more(cell):
    cfg = RunConfig().replace(cell=cell)
    data = prepare(cfg.data)
    assert estimate_seconds(cfg.replace(hidden_size=128), data) > estimate_seconds(cfg, data)
