"""The server budget: the biggest run a link may ask for is refused before it starts, the wall-time
budget holds inside an epoch, Stop ends a run within one batch, and concurrent runs keep their numbers."""

import threading
import time

import pytest
import torch

from rnn_core import budget
from rnn_core.config import PARTS, RunConfig
from rnn_core.datasets import prepare
from rnn_core.train import train


def _biggest(**extra) -> RunConfig:
    """Every size setting at the top of its allowed range."""
    top = {}
    for _, cls in PARTS:
        for name in ("n_samples", "seq_len", "lag", "hidden_size", "num_layers", "epochs", "batch_size",
                     "time_budget", "horizon", "n_points"):
            if name in {f for f in cls.__dataclass_fields__}:
                top[name] = cls.limits(name)[1]
    return RunConfig().replace(cell="lstm", **{**top, **extra})


@pytest.mark.parametrize("task", ["adding", "multistep", "classify", "forecast"])
def test_the_biggest_run_every_cap_allows_is_refused_before_any_data_is_built(task):
    extra = {"task": task}
    if task in ("multistep", "forecast"):
        extra.update(dataset="sine", transform="none")
    cfg = _biggest(**extra)
    t0 = time.perf_counter()
    with pytest.raises(budget.BudgetError, match="lower") as err:
        train(cfg)
    assert time.perf_counter() - t0 < 1.0  # refused on the estimate, nothing prepared
    assert "time_budget" in str(err.value)  # the first cap it breaks: 600 s is above the server's 120 s
    with pytest.raises(budget.BudgetError, match="lower batch_size|allows"):
        train(cfg.replace(time_budget=budget.BUDGET.max_seconds))


def test_memory_refusal_names_the_largest_part_and_default_runs_are_light():
    cfg = RunConfig().replace(task="classify", cell="rnn", hidden_size=64, num_layers=2, batch_size=32, seq_len=500,
                              n_samples=4000)
    with pytest.raises(budget.BudgetError, match="MB of memory.*largest part"):
        budget.check(cfg)
    est = budget.check(RunConfig())
    assert not est.heavy and est.total_bytes < 20e6
    # the estimate's parameter count is torch's own
    data = prepare(RunConfig().data)
    from rnn_core.train import seeded_model

    model = seeded_model(RunConfig(), data)
    assert est.params == sum(p.numel() for p in model.parameters())


def test_shape_is_derived_by_the_engine_for_every_task():
    for task, extra in [("adding", {}), ("recall", {}), ("first_value", {}), ("classify", {}),
                        ("denoise", {"dataset": "sine", "transform": "none"}), ("multistep", {"horizon": 7})]:
        cfg = RunConfig().replace(task=task, **extra).data
        s = budget.shape_of(cfg)
        full = prepare(cfg)
        assert (s.input_size, s.output_size, s.output_mode, s.loss, s.horizon) == \
            (full.input_size, full.output_size, full.output_mode, full.loss, full.horizon), task
        assert s.steps == full.x_train.shape[1]


@pytest.mark.slow
def test_a_run_whose_first_epoch_exceeds_its_budget_ends_within_a_second_of_it():
    cfg = RunConfig().replace(task="adding", lag=200, n_samples=6000, hidden_size=64, num_layers=1, batch_size=32,
                              epochs=5, patience=0, snapshot_every=0, time_budget=0.5)
    data = prepare(cfg.data)
    t0 = time.perf_counter()
    one = train(cfg.replace(time_budget=10.0, epochs=1), data, baselines=False)  # how long one epoch takes
    epoch_s = time.perf_counter() - t0
    assert epoch_s > 1.5, epoch_s  # the first epoch alone exceeds the budget by a wide margin
    t0 = time.perf_counter()
    res = train(cfg, data, baselines=False)
    wall = time.perf_counter() - t0
    assert res.stopped == "time budget" and res.best_epoch == 0 and not res.history["epoch"]
    assert one.history["epoch"] == [1] or one.stopped == "time budget"
    # the training loop (budget checked before every batch) ends within a second of the budget; the final
    # evaluation of the kept weights follows, bounded by the per-pass work cap (well under a second when
    # the machine is quiet)
    assert res.elapsed < cfg.train.time_budget + 1.0, (res.elapsed, wall)


def test_should_stop_ends_a_run_within_one_batch():
    cfg = RunConfig().replace(task="adding", lag=50, n_samples=2000, hidden_size=16, num_layers=1, batch_size=16,
                              epochs=50, patience=0, snapshot_every=0)
    calls = []

    def stop():
        calls.append(time.perf_counter())
        return len(calls) > 5

    res = train(cfg, should_stop=stop, baselines=False)
    assert res.stopped == "stopped" and len(calls) == 6 and len(res.steps["grad_norm_pre"]) == 5


def test_a_runs_threads_setting_never_changes_the_process():
    train(RunConfig().replace(epochs=2, threads=16, hidden_size=4), baselines=False)
    assert torch.get_num_threads() == budget.set_server_threads() == 1  # the budget's count, not the link's


@pytest.mark.slow
def test_concurrent_dropout_runs_are_bit_identical_to_a_run_alone():
    cfg = RunConfig().replace(dropout=0.3, seed=1, epochs=25, patience=0, hidden_size=16, snapshot_every=0)
    other = cfg.replace(seed=7, dropout=0.5, cell="gru")
    alone = train(cfg, baselines=False)
    results = {}

    def run(name, c):
        results[name] = train(c, baselines=False)

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in
               (("a", cfg), ("b", cfg), ("x", other), ("y", other))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for name in ("a", "b"):
        assert results[name].history["train_loss"] == alone.history["train_loss"], name
        for (k, v), w in zip(alone.model.state_dict().items(), results[name].model.state_dict().values(),
                             strict=True):
            assert torch.equal(v, w), (name, k)
    assert results["x"].history["train_loss"] == results["y"].history["train_loss"]
    # dropout is really on: without it the same seed gives other numbers
    assert train(cfg.replace(dropout=0.0), baselines=False).history["train_loss"] != alone.history["train_loss"]
