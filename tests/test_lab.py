import json
import math

import numpy as np
import pandas as pd
import pytest

from rnn_core.cli import main
from rnn_core.config import COMPARE_CELLS, LabConfig, lag_epochs
from rnn_core.data.datasets import prepare
from rnn_core.engine.train import train
from rnn_core.lab.compare import compare_cells, init_profile, lab_config
from rnn_core.lab.horizon import gate_saturation, memory_horizon
from rnn_core.lab.seeds import seed_runs
from rnn_core.lab.sweep import breaking_point, lag_sweep

TINY = lab_config(lag=5, epochs=2).replace(n_samples=200, snapshot_every=1)


@pytest.mark.parametrize("tau", [3.0, 12.0, 40.0])
def test_memory_horizon_recovers_a_known_decay_through_noise(tau):
    T, rng = 60, np.random.default_rng(7)
    t = np.arange(1, T + 1)
    g = 0.5 * np.exp((t - T) / tau) * np.exp(rng.normal(0.0, 0.1, T))
    fit = memory_horizon(g)
    assert fit["regime"] == "vanishes" and fit["growth"] is None
    assert fit["horizon"] == pytest.approx(tau, rel=0.05)
    assert fit["slope"] == pytest.approx(1 / fit["horizon"])
    assert fit["fit_from"] == 2 and list(fit["t"]) == list(range(1, T - 1))
    assert fit["values"].shape == (T - 2,) and fit["r2"] > 0.7
    assert fit["values"][-1] == pytest.approx(math.exp(fit["intercept"] - 2 / fit["horizon"]))


def test_memory_horizon_flat_and_growing_profiles():
    rng = np.random.default_rng(0)
    for flat in (np.ones(40), 1.0 + 0.3 * rng.random(40)):
        fit = memory_horizon(flat)
        assert fit["regime"] == "flat" and fit["horizon"] == math.inf and fit["growth"] is None
    t = np.arange(1, 41)
    grow = memory_horizon(np.exp(-(t - 40) / 8.0), fit_from=0)
    assert grow["regime"] == "explodes" and grow["horizon"] == math.inf
    assert grow["growth"] == pytest.approx(8.0) and grow["slope"] < 0


def test_memory_horizon_zeros_short_and_broken_profiles():
    decay = np.exp(-np.arange(12)[::-1] / 2.0)
    underflowed = np.concatenate([np.zeros(10), decay])  # float32 underflow far back
    assert memory_horizon(underflowed)["horizon"] == pytest.approx(2.0)
    died = memory_horizon(np.r_[np.zeros(10), 1.0, 1.0])  # nothing reaches past the last two steps
    assert died["regime"] == "vanishes" and died["horizon"] == 0.0
    for broken in ([], [1.0], [0.0, 0.0, 0.0], [1.0, math.nan, 1.0, 2.0], [1.0, math.inf, 2.0]):
        fit = memory_horizon(broken)
        assert fit["regime"] == "undefined" and math.isnan(fit["horizon"])
    two = memory_horizon([0.25, 1.0])
    assert two["regime"] == "vanishes" and two["horizon"] == pytest.approx(1 / math.log(4))
    with pytest.raises(ValueError, match="negative"):
        memory_horizon([1.0, -1.0, 2.0])
    with pytest.raises(ValueError, match="1-D"):
        memory_horizon(np.ones((2, 5)))


def test_gate_saturation_counts_each_unit_over_batch_and_time():
    f = np.full((1, 2, 5, 3), 0.5)  # (L, B, T, H)
    f[0, :, :, 0] = 0.05  # unit 0 always closed
    f[0, 0, :, 1] = 0.95  # unit 1 open in half the (batch, time) cells
    f[0, 1, 0, 2] = np.nan  # NaNs count as neither
    g = np.full((1, 2, 5, 3), -0.95)  # a saturated tanh candidate, read by magnitude
    g[0, :, :4, 2] = 0.0
    sat = gate_saturation({"f": f, "g": g})
    assert set(sat) == {"f", "g"} and sat["f"]["low"].shape == (1, 3)
    np.testing.assert_allclose(sat["f"]["low"], [[1.0, 0.0, 0.0]])
    np.testing.assert_allclose(sat["f"]["high"], [[0.0, 0.5, 0.0]])
    np.testing.assert_allclose(sat["g"]["high"], [[1.0, 1.0, 0.2]])
    np.testing.assert_allclose(sat["g"]["low"], [[0.0, 0.0, 0.8]])
    with pytest.raises(ValueError, match="L, B, T, H"):
        gate_saturation({"f": f[0]})


def test_lab_config_defaults():
    cfg = lab_config()
    assert (cfg.data.task, cfg.data.lag, cfg.model.cell, cfg.model.hidden_size, cfg.model.num_layers) == \
        ("adding", 50, "rnn", 32, 1)
    assert (cfg.train.optimizer, cfg.train.lr, cfg.train.batch_size, cfg.train.clip, cfg.train.patience) == \
        ("adam", 0.01, 64, 1.0, 0)
    assert cfg.train.epochs == 40 and cfg.train.snapshot_every > 0 and cfg.train.time_budget > 0
    assert cfg.model.forget_bias == 1.0 and cfg.model.init == "default"
    assert lab_config(task="recall", lag=7, cell="gru", budget=3.0).replace(seed=0).data.lag == 7


def test_init_profile_spectral_radius_sets_how_fast_the_gradient_fades():
    """At initialisation a tanh RNN with ρ = 0.5 loses the gradient within a few steps; at ρ = 1.5 it does not."""
    cfg = lab_config(lag=20).replace(n_samples=200, init="spectral")
    data = prepare(cfg.data)
    ratio = {}
    for rho in (0.5, 1.5):
        p = init_profile(cfg.replace(rho=rho), data)
        g = p["grad_norms"][-1]
        assert p["grad_norms"].shape == (1, 20) and p["spectral_radius"] == pytest.approx(rho, rel=1e-5)
        assert np.abs(p["eigenvalues"]).max() == pytest.approx(rho, rel=1e-5)
        ratio[rho] = g[0] / g[-1]
    assert ratio[0.5] < 1e-4 and ratio[1.5] > 1e3 * ratio[0.5]
    assert init_profile(cfg.replace(rho=0.5), data)["horizon"]["horizon"] < 3


def test_relu_rnn_with_a_large_learning_rate_diverges():
    """ReLU, spectral radius 1.5 and Adam at lr 1.0: the weights blow up in the first epoch, clipping or not."""
    cfg = lab_config(lag=20, epochs=3).replace(n_samples=200, nonlinearity="relu", init="spectral", rho=1.5,
                                               lr=1.0, snapshot_every=0)
    res = train(cfg)
    assert res.stopped == "diverged" and "diverged" in res.message


def test_compare_cells_shares_data_and_stops_on_request():
    seen = []
    results = compare_cells(TINY, ("rnn", "gru"), lambda cell, p: seen.append((cell, p.epoch)))
    assert [r.cell for r in results] == ["rnn", "gru"] and seen == [("rnn", 1), ("rnn", 2), ("gru", 1), ("gru", 2)]
    for r in results:
        assert r.grad_norms.shape == (1, 5) and r.ratio == pytest.approx(r.val_loss / r.baseline_loss)
        assert r.test_loss == pytest.approx(r.result.metrics["test_loss"])
        assert r.test_baseline_loss == pytest.approx(r.result.data.trivial_loss("test"))
        assert r.solved == (r.test_ratio < 0.1)
        assert r.baseline_loss == results[0].baseline_loss and len(r.snapshots) == 2
    assert results[0].saturation == {} and set(results[1].saturation) == {"r", "z", "n"}
    stopped = compare_cells(TINY, ("rnn", "gru"), lambda cell, p: False)
    assert [r.cell for r in stopped] == ["rnn"] and stopped[0].result.stopped == "stopped"


def test_lag_sweep_tiny_ladder_table_and_progress():
    calls = []
    df = lag_sweep(TINY, lags=(5, 10), cells=("rnn",), callback=lambda c, lag, p: calls.append((c, lag, p.epoch)))
    assert list(df.columns[:7]) == ["cell", "lag", "val_loss", "baseline_loss", "ratio", "horizon", "elapsed"]
    assert df.shape[0] == 2 and list(df["lag"]) == [5, 10] and set(df["cell"]) == {"rnn"}
    assert calls == [("rnn", 5, 1), ("rnn", 5, 2), ("rnn", 10, 1), ("rnn", 10, 2)]
    np.testing.assert_allclose(df["ratio"], df["val_loss"] / df["baseline_loss"])
    again = lag_sweep(TINY, lags=(5, 10), cells=("rnn",))
    pd.testing.assert_frame_equal(df.drop(columns="elapsed"), again.drop(columns="elapsed"))


def test_the_default_sweep_trains_every_compared_cell_linear_ones_included():
    """The page's sweep (every cell of COMPARE_CELLS, the linear recurrences among them) on a tiny ladder:
    a finished row per cell and lag, each the same numbers as that cell trained alone at that lag."""
    assert {"lru", "mingru"} <= set(COMPARE_CELLS)
    df = lag_sweep(TINY, lags=(5, 8))
    assert df.shape[0] == 2 * len(COMPARE_CELLS) and set(df["cell"]) == set(COMPARE_CELLS)
    assert (df["stopped"] == "completed").all() and (df["epochs"] == 2).all()
    assert np.isfinite(df["ratio"]).all() and (df["ratio"] > 0).all()
    for cell in ("lru", "mingru"):
        [alone] = compare_cells(TINY.replace(lag=8, snapshot_every=0), (cell,))
        row = df[(df["cell"] == cell) & (df["lag"] == 8)].iloc[0]
        assert row["val_loss"] == pytest.approx(alone.val_loss) and row["ratio"] == pytest.approx(alone.ratio)


def test_longer_lags_get_more_epochs_and_the_sweep_trains_each_lag_its_own():
    assert [lag_epochs(lag) for lag in (2, 50, 80, 100, 200, 1000)] == [40, 40, 60, 70, 100, 100]
    assert LabConfig().epochs == 40 and LabConfig(lab_lag=1000).epochs == 100
    assert LabConfig(lab_lag=1000, lab_epochs=7).epochs == 7 and LabConfig(lab_epochs=7).epochs_at(200) == 7
    assert lab_config(lag=200).train.epochs == 100 and lab_config(lag=200, epochs=3).train.epochs == 3
    df = lag_sweep(TINY, lags=(5, 10), cells=("rnn",), epochs_at={5: 1, 10: 3}.get)
    assert list(df["epochs"]) == [1, 3]
    assert list(lag_sweep(TINY, lags=(5,), cells=("rnn",))["epochs"]) == [2]  # else the base's epochs


def test_breaking_point_is_the_first_lag_past_the_threshold():
    df = pd.DataFrame({"cell": ["rnn"] * 3 + ["gru"] * 3, "lag": [5, 10, 20] * 2,
                       "ratio": [0.1, 0.7, 0.4, 0.01, 0.02, 0.03]})
    assert breaking_point(df) == {"rnn": 10, "gru": None}
    assert breaking_point(df, threshold=0.05) == {"rnn": 5, "gru": None}


def test_cli_lab_and_sweep_write_reports(tmp_path):
    out = tmp_path / "lab.json"
    assert main(["lab", "--lag", "5", "--epochs", "1", "--cells", "rnn,lstm", "--out", str(out), "--quiet"]) == 0
    report = json.loads(out.read_text())
    assert [c["cell"] for c in report["cells"]] == ["rnn", "lstm"] and report["config"]["data"]["lag"] == 5
    assert len(report["cells"][1]["grad_norms"][0]) == 5 and report["cells"][0]["baseline_loss"] > 0
    for c in report["cells"]:  # the held-out verdict: test loss over the trivial answer on the test split
        assert c["test_ratio"] == pytest.approx(c["test_loss"] / c["test_baseline_loss"])
        assert c["solved"] == (c["test_ratio"] < c["solved_below"]) and c["solved_below"] == 0.1
        assert c["test_baseline_loss"] != c["baseline_loss"]  # its own split's baseline, not validation's
    csv = tmp_path / "sweep.csv"
    assert main(["sweep", "--lags", "5,6", "--cells", "rnn", "--epochs", "1", "--out", str(csv), "--quiet"]) == 0
    table = pd.read_csv(csv)
    assert list(table["lag"]) == [5, 6] and {"ratio", "horizon"} <= set(table.columns)


@pytest.mark.parametrize("argv", [
    ["sweep", "--lags", "5,x"], ["sweep", "--lags", "1"], ["lab", "--cells", "rnn,cnn"],
    ["lab", "--task", "forecast"], ["lab", "--epochs", "-1"], ["lab", "--lag", "many"],
])
def test_cli_lab_bad_input_exits_2_with_one_line(argv, capsys):
    with pytest.raises(SystemExit) as e:  # argparse type errors exit from the parser
        code = main(argv + ["--quiet"])
        raise SystemExit(code)
    assert e.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err and len(err.splitlines()) == 1


def test_two_workers_give_the_same_numbers_in_the_same_order():
    cells = ("rnn", "lstm", "gru")
    one = lag_sweep(TINY, lags=(5, 10), cells=cells)
    two = lag_sweep(TINY, lags=(5, 10), cells=cells, workers=2)
    pd.testing.assert_frame_equal(one.drop(columns="elapsed"), two.drop(columns="elapsed"))
    a, b = compare_cells(TINY, cells), compare_cells(TINY, cells, workers=2)
    assert [r.cell for r in b] == list(cells)
    for x, y in zip(a, b, strict=True):
        assert x.result.history["val_loss"] == y.result.history["val_loss"]
        np.testing.assert_array_equal(x.grad_norms, y.grad_norms)
    s1, s2 = seed_runs(TINY, (0, 1), ("rnn", "gru")), seed_runs(TINY, (0, 1), ("rnn", "gru"), workers=2)
    pd.testing.assert_frame_equal(s1.drop(columns="elapsed"), s2.drop(columns="elapsed"))


def test_a_stop_with_two_workers_ends_the_running_trainings_and_skips_the_rest():
    calls = []

    def stop_at_first(cell, lag, p):
        calls.append((cell, lag))
        return False

    df = lag_sweep(TINY, lags=(5, 10, 20), cells=("rnn", "gru"), callback=stop_at_first, workers=2)
    assert 1 <= len(df) <= 2 and set(df["stopped"]) == {"stopped"}  # the two running runs end, four never start
    assert len(calls) <= 2
