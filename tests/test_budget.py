"""The server budget: the biggest run a link may ask for is refused before it starts, the wall-time
budget holds inside an epoch and covers the final evaluation, Stop ends a run within one batch, and
concurrent runs keep their numbers."""

import math
import threading

import numpy as np
import pytest
import torch

from rnn_core.config import PARTS, RunConfig
from rnn_core.data.datasets import prepare
from rnn_core.engine.forecast import evaluate
from rnn_core.engine.train import train
from rnn_core.limits import budget
from rnn_core.limits.clock import frozen
from tests.clocks import Ticker


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
def test_the_biggest_run_every_cap_allows_is_refused_before_any_data_is_built(task, monkeypatch):
    extra = {"task": task}
    if task in ("multistep", "forecast"):
        extra.update(dataset="sine", transform="none")
    cfg = _biggest(**extra)
    from rnn_core.engine import train as train_mod

    prepared = []
    monkeypatch.setattr(train_mod, "prepare", lambda *a, **k: prepared.append(a))
    with pytest.raises(budget.BudgetError, match="lower") as err:
        train(cfg)
    assert not prepared  # refused on the estimate, before its data is built (that takes minutes)
    # a run this large is heavy, so it may ask for the heavy slot's 900 s; its batch is what breaks a cap
    assert budget.estimate(cfg).heavy and "batch_size" in str(err.value)


def test_a_light_run_may_take_the_servers_two_minutes_a_heavy_one_fifteen():
    light = RunConfig().replace(time_budget=budget.BUDGET.max_seconds + 5)
    assert not budget.estimate(light).heavy
    with pytest.raises(budget.BudgetError, match="time_budget: 125 s is more than this server allows .120 s."):
        budget.check(light)
    heavy = RunConfig().replace(task="adding", lag=1000, num_layers=1, n_samples=2000, batch_size=64, epochs=100,
                                time_budget=budget.BUDGET.max_heavy_seconds)
    est = budget.check(heavy)
    assert est.heavy and est.max_seconds == 900.0 and budget.BUDGET.max_seconds == 120.0


def test_memory_refusal_names_the_largest_part_and_default_runs_are_light():
    cfg = RunConfig().replace(task="adding", cell="rnn", hidden_size=128, num_layers=1, batch_size=64, lag=500,
                              n_samples=6000)
    with pytest.raises(budget.BudgetError, match="462 MB of memory; this server allows 400 MB.*validation passes"):
        budget.check(cfg)
    est = budget.check(RunConfig())
    assert not est.heavy and est.total_bytes < 20e6
    # the estimate's parameter count is torch's own
    data = prepare(RunConfig().data)
    from rnn_core.engine.train import seeded_model

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


@pytest.mark.parametrize("name,extra,limit", [
    # one epoch is 200 batches, the evaluation two passes over 400 windows
    ("adding", dict(task="adding", lag=50, n_samples=2000, hidden_size=16, num_layers=1, batch_size=8), 2.0),
    # a series whose evaluation is long: validation, test and one-step passes over 300 windows and a
    # recursive forecast of 300 one-window steps, one epoch of 150 batches
    ("multistep", dict(task="multistep", dataset="sine", transform="none", n_points=2000, cell="lstm",
                       hidden_size=16, num_layers=1, seq_len=40, horizon=1, test_size=300, val_size=300,
                       batch_size=8), 4.0),
])
def test_a_run_whose_first_epoch_exceeds_its_budget_ends_evaluated_within_its_overshoot(name, extra, limit):
    """On a clock that moves 10 ms at every reading, a batch "takes" about 40 ms, so the first epoch alone is
    over the budget on any machine: the run is cut inside it, at the same batch every time."""
    cfg = RunConfig().replace(epochs=5, patience=0, snapshot_every=0, time_budget=limit, **extra)
    clock = Ticker(0.01)
    res = train(cfg, baselines=False, timer=clock)  # data preparation, training and the final evaluation
    # cut inside the first epoch: no epoch finished, the initial weights are kept and evaluated
    assert res.stopped == "time budget" and res.best_epoch == 0 and not res.history["epoch"], res.message
    assert len(res.steps["grad_norm_pre"]) >= 2  # it trained until the evaluation had to start
    assert res.elapsed <= limit + budget.BUDGET.overshoot_s, (name, res.elapsed)
    assert res.elapsed == pytest.approx(clock.t - clock.step)  # the run's own time includes its evaluation
    again = train(cfg, baselines=False, timer=Ticker(0.01))
    assert again.steps == res.steps and again.elapsed == res.elapsed  # the same cut, wherever it runs
    m = res.metrics
    assert np.isfinite([m["val_loss"], m["test_loss"]]).all()
    if name == "multistep":
        fc, n = m["forecasts"], res.data.series.n_test
        assert len(fc["one_step"]) == len(fc["recursive"]) == n and np.isfinite(fc["one_step"]).all()
        if "forecast_cut" in m:  # the recursive forecast got what was left of the budget
            done = m["forecast_cut"]["done"]
            assert np.isfinite(fc["recursive"][:done]).all() and np.isnan(fc["recursive"][done:]).all()
            assert math.isnan(m["model"]["recursive"]["mape"]) and m["forecast_error"] == "cut"
        else:
            assert np.isfinite(fc["recursive"]).all()


def test_the_recursive_forecast_stops_at_the_deadline_and_says_so():
    cfg = RunConfig().replace(epochs=3)
    res = train(cfg, baselines=False)
    m = evaluate(res.model, res.data, cfg.data.seq_len, baselines=False, deadline=0.0, timer=frozen)
    assert m["forecast_cut"] == {"done": 0, "total": res.data.series.n_test}
    assert m["forecast_error"] == "cut" and math.isnan(m["model"]["recursive"]["mape"])
    assert m["model"]["one_step"] == res.metrics["model"]["one_step"]  # the rest is the run's own evaluation
    assert m["val_loss"] == res.metrics["val_loss"] and "forecast_cut" not in res.metrics
    later = evaluate(res.model, res.data, cfg.data.seq_len, baselines=False, deadline=1.0, timer=frozen)
    assert later == res.metrics


def test_a_budget_smaller_than_the_evaluation_itself_is_refused_before_training():
    big_eval = RunConfig().replace(task="forecast", dataset="sine", transform="none", n_points=5000, cell="lstm",
                                   hidden_size=14, num_layers=4, seq_len=500, test_size=330, val_size=330,
                                   batch_size=8)
    est = budget.check(big_eval.replace(time_budget=60.0))  # fits with time for its evaluation
    with pytest.raises(budget.BudgetError, match="time_budget: the final evaluation.*raise time_budget") as err:
        train(big_eval.replace(time_budget=1.0))
    assert "330 windows of 500 steps" in str(err.value)
    seconds = 3 * est.eval_macs / budget.BUDGET.eval_rate  # validation, test and one-step passes
    budget.check(big_eval.replace(time_budget=seconds - budget.BUDGET.overshoot_s + 0.1))
    budget.check(RunConfig().replace(time_budget=0.1))  # the default run's evaluation takes milliseconds


def test_should_stop_ends_a_run_within_one_batch():
    cfg = RunConfig().replace(task="adding", lag=50, n_samples=2000, hidden_size=16, num_layers=1, batch_size=16,
                              epochs=50, patience=0, snapshot_every=0)
    calls = []

    def stop():
        calls.append(1)
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
