import math

import numpy as np
import pytest
import torch

from rnn_core.config import RunConfig
from rnn_core.data.datasets import prepare
from rnn_core.engine.bundle import load_bundle, save_bundle
from rnn_core.engine.instrument import trace
from rnn_core.engine.train import train
from rnn_core.limits import budget
from tests.clocks import Ticker

FAST = RunConfig().replace(epochs=20, patience=0, hidden_size=8, snapshot_every=5)


def test_same_seed_gives_bit_identical_runs_and_another_seed_differs():
    a, b, c = train(FAST), train(FAST), train(FAST.replace(seed=1))
    assert a.history["train_loss"] == b.history["train_loss"]
    for (k, v), w in zip(a.model.state_dict().items(), b.model.state_dict().values(), strict=True):
        assert torch.equal(v, w), k
    assert a.metrics["model"] == b.metrics["model"]
    assert a.history["train_loss"] != c.history["train_loss"]
    assert a.run_id != b.run_id  # same numbers, but each trained model has its own identity for caches


def test_training_does_not_disturb_the_callers_random_state():
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    train(FAST.replace(epochs=2))
    assert torch.equal(torch.rand(3), expected)


def test_history_snapshots_and_clipping_stats():
    res = train(FAST.replace(clip=0.05))
    assert res.history["epoch"] == list(range(1, 21))
    assert [s["epoch"] for s in res.snapshots] == [1, 5, 10, 15, 20]
    assert res.snapshots[0]["grad_norms"].shape == (2, 12)
    pre, post = np.array(res.steps["grad_norm_pre"]), np.array(res.steps["grad_norm_post"])
    assert len(pre) == 20 and (post <= 0.05 + 1e-9).all() and np.allclose(post, np.minimum(pre, 0.05))
    assert res.clipped_steps == int((pre > 0.05).sum()) > 0


def test_nan_guard_stops_an_exploding_relu_rnn_and_explains():
    cfg = FAST.replace(cell="rnn", nonlinearity="relu", lr=100.0, clip=0.0, optimizer="sgd", epochs=50)
    res = train(cfg)
    assert res.stopped == "diverged"
    assert "exploded" in res.message and "learning rate" in res.message
    assert all(torch.isfinite(p).all() for p in res.model.parameters())  # the last good weights are kept
    assert len(res.history["epoch"]) < 50


def test_early_stopping_restores_the_best_epoch():
    res = train(RunConfig().replace(patience=5, epochs=300, hidden_size=8, snapshot_every=0))
    assert res.stopped == "early stop"
    assert res.history["epoch"][-1] == res.best_epoch + 5
    best = min(res.history["val_loss"])
    assert res.history["val_loss"][res.best_epoch - 1] == best
    assert res.metrics["val_loss"] == pytest.approx(best, rel=1e-5)


def test_callback_can_stop_and_time_budget_ends_runs():
    seen = []
    res = train(FAST, callback=lambda p: seen.append(p.epoch) or p.epoch < 3)
    assert res.stopped == "stopped" and seen == [1, 2, 3] and res.metrics
    res = train(FAST.replace(epochs=5000, time_budget=0.3), timer=Ticker(0.001))  # 1 ms a reading
    assert res.stopped == "time budget" and 0.2 < res.elapsed <= 0.3 + budget.BUDGET.overshoot_s
    assert res.history["epoch"] and res.history["epoch"] == train(
        FAST.replace(epochs=5000, time_budget=0.3), timer=Ticker(0.001)).history["epoch"]  # the same cut, always


@pytest.mark.parametrize("task,extra", [
    ("multistep", {"horizon": 3}), ("classify", {"n_samples": 200, "seq_len": 16}),
    ("denoise", {"dataset": "noisy_sine", "transform": "none", "n_samples": 200}),
    ("adding", {"lag": 10, "n_samples": 200}), ("recall", {"lag": 5, "n_samples": 200}),
    ("first_value", {"lag": 8, "n_samples": 200}),
])
def test_every_task_trains_and_reports(task, extra):
    res = train(FAST.replace(task=task, epochs=5, **extra))
    m = res.metrics
    assert math.isfinite(m["val_loss"]) and math.isfinite(m["baseline_loss"])
    if task in ("classify", "first_value"):
        assert 0 <= m["val_accuracy"] <= 1
    if task == "multistep":
        assert len(m["forecasts"]["recursive"]) == 24


def test_bundle_round_trip_and_hostile_files(tmp_path):
    res = train(FAST.replace(epochs=3))
    blob = save_bundle(res.model, res.config)
    cfg, model = load_bundle(blob)
    assert cfg == res.config
    x = res.data.x_test
    assert torch.equal(model(x), res.model(x))
    for bad in (b"", b"not a bundle", b"PK\x03\x04garbage", blob[: len(blob) // 2]):
        with pytest.raises(ValueError, match="bundle"):
            load_bundle(bad)

    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    path = tmp_path / "evil.pt"
    torch.save({"format": "x", "obj": Evil()}, path)
    with pytest.raises(ValueError, match="bundle"):
        load_bundle(path.read_bytes())


@pytest.mark.slow
def test_vanilla_rnn_gradient_vanishes_far_faster_than_lstm_on_a_lag_task():
    """Adding problem, lag 50, 30 epochs: the LSTM learns it and keeps ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ near 0.1;
    the vanilla RNN stays at the trivial baseline and its ratio falls below 1e-4."""
    base = RunConfig().replace(task="adding", lag=50, n_samples=2000, num_layers=1, hidden_size=32,
                               batch_size=64, epochs=30, patience=0, snapshot_every=0)
    data = prepare(base.data)
    ratio, val = {}, {}
    for cell in ("rnn", "lstm"):
        res = train(base.replace(cell=cell), data)
        g = trace(res.model, data.x_val[:100], data.y_val[:100]).grad_norms[0]
        ratio[cell], val[cell] = g[0] / g[-1], res.metrics["val_loss"]
    assert ratio["rnn"] < 1e-3 * ratio["lstm"], ratio
    assert val["lstm"] < 0.05 < 0.1 < val["rnn"], val


@pytest.mark.slow
def test_default_airline_run_beats_sarima_multistep_median_of_five_seeds():
    cfg = RunConfig()
    data = prepare(cfg.data)
    one, rec = [], []
    for seed in range(5):
        m = train(cfg.replace(seed=seed), data).metrics["model"]
        one.append(m["one_step"]["mape"])
        rec.append(m["recursive"]["mape"])
    assert np.median(one) <= 3.5 and np.median(rec) <= 8.5, (one, rec)


def test_absurd_sizes_are_refused_before_training_with_a_clear_message():
    cfg = RunConfig().replace(task="adding", lag=400, n_samples=20000, hidden_size=256, num_layers=4, cell="lstm",
                              batch_size=0)
    with pytest.raises(ValueError, match="batch_size.*lower batch_size"):
        train(cfg)
    small = cfg.replace(n_samples=2000, lag=50, batch_size=16, epochs=1, hidden_size=8, num_layers=1, time_budget=1.0)
    train(small)  # fine


def test_a_run_is_the_same_alone_or_beside_model_builds_and_other_dropout_runs():
    """Weights are built under ``models.RNG_LOCK`` and dropout draws from the run's own stream, so neither a
    loop of model builds (the lab's, a loaded run file's, a bundle's) nor another dropout run beside it
    changes a single number of a dropout run."""
    import threading

    from rnn_core.config import ModelConfig
    from rnn_core.engine.models import build_model

    cfg = FAST.replace(dropout=0.3, batch_size=16, epochs=8)
    alone = train(cfg, baselines=False)
    done, built, results = threading.Event(), [], {}

    def builder():
        while not done.is_set():
            built.append(build_model(ModelConfig(cell="gru", num_layers=2, dropout=0.5), 1, 1, seed=len(built)))

    def other():
        results["other"] = train(cfg.replace(seed=7), baselines=False)

    threads = [threading.Thread(target=builder), threading.Thread(target=builder), threading.Thread(target=other)]
    for th in threads:
        th.start()
    beside = train(cfg, baselines=False)
    done.set()
    for th in threads:
        th.join()
    assert len(built) > 5  # the builds really ran beside the run
    assert beside.history["train_loss"] == alone.history["train_loss"]
    assert beside.history["val_loss"] == alone.history["val_loss"]
    for (k, v), w in zip(alone.model.state_dict().items(), beside.model.state_dict().values(), strict=True):
        assert torch.equal(v, w), k
    first = build_model(ModelConfig(cell="gru", num_layers=2, dropout=0.5), 1, 1, seed=0)
    assert all(torch.equal(a, b) for a, b in zip(first.state_dict().values(), built[0].state_dict().values(),
                                                 strict=True))
    assert results["other"].history["train_loss"] != alone.history["train_loss"]
