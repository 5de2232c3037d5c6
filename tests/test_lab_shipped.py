"""The lab's shipped default comparison and sweep (assets/lab_compare.pt, assets/lab_sweep.json) are what the
engine trains from the lab's defaults here, under the pinned numerics; other settings find nothing shipped."""

import pytest

from rnn_core.config import COMPARE_CELLS, LabConfig, in_shape
from rnn_core.data.datasets import prepare
from rnn_core.engine.train import train
from rnn_core.lab.compare import compare_cells, lab_run_config
from rnn_core.lab.seeds import lag_summary
from rnn_core.lab.shipped import action_key, comparison_file, load_comparison, load_lag_rows, load_sweep, shipped_lab
from rnn_core.lab.sweep import lag_sweep

LAB = LabConfig()
BASE = lab_run_config(LAB)


@pytest.fixture(scope="module")
def shipped():
    results = load_comparison(BASE)
    assert results is not None, "run: PYTHONPATH=. .venv/bin/python scripts/make_default_run.py --lab"
    return results


@pytest.mark.parametrize("lag, epochs", [(50, 2), (200, 1)])
def test_every_cell_ships_finished_in_its_shape_and_starts_as_a_fresh_training(lag, epochs):
    base = lab_run_config(LabConfig(lab_lag=lag))
    shipped = load_comparison(base, comparison_file(lag))
    assert shipped is not None and [r.cell for r in shipped] == list(COMPARE_CELLS)
    assert shipped_lab(LabConfig(lab_lag=lag, lab_epochs=LabConfig(lab_lag=lag).epochs)) == LabConfig(lab_lag=lag)
    data = prepare(base.data)
    for r in shipped:
        cfg = r.result.config
        assert cfg == in_shape(base, r.cell).replace(time_budget=cfg.train.time_budget)
        assert r.result.stopped in ("completed", "early stop") and r.result.shipped
        fresh = train(cfg.replace(epochs=epochs, snapshot_every=0), data, baselines=False)
        for k in ("train_loss", "val_loss"):  # bit for bit: the same numbers, not close ones
            assert fresh.history[k] == r.result.history[k][:epochs], (r.cell, k)


@pytest.mark.slow  # about 20 s on two cores
def test_a_fresh_default_comparison_is_the_shipped_one_and_shows_the_labs_contrast(shipped):
    """The lab's claim at its own defaults (adding problem, lag 50, seed 0), trained here for RNN, LSTM and GRU:
    the shipped runs bit for bit, and the contrast the page draws from them (README, "The long-range lab")."""
    fresh = {r.cell: r for r in compare_cells(BASE, ("rnn", "lstm", "gru"), workers=2)}  # LRU, minGRU: 2 epochs above
    for old in shipped:
        if old.cell not in fresh:
            continue
        new = fresh[old.cell]
        assert new.result.history["val_loss"] == old.result.history["val_loss"], old.cell
        assert (new.result.stopped, new.test_ratio, new.horizon["horizon"]) == \
            (old.result.stopped, old.test_ratio, old.horizon["horizon"])
    assert all(r.result.stopped in ("completed", "early stop") for r in fresh.values())
    assert not fresh["rnn"].solved and fresh["rnn"].ratio > 0.9 and fresh["rnn"].result.stopped == "completed"
    assert fresh["lstm"].solved and fresh["gru"].solved  # on the held-out test split
    assert all(r.solved for r in shipped if r.cell in ("lru", "mingru"))  # the shipped runs, equal to fresh ones
    rnn_g = fresh["rnn"].grad_norms[-1]
    assert rnn_g[0] / rnn_g[-1] < 1e-4 and fresh["rnn"].horizon["horizon"] < 5
    assert fresh["lstm"].horizon["horizon"] > 20 and fresh["gru"].horizon["horizon"] > 20


def test_the_shipped_sweep_is_the_default_ladder_and_its_rows_train_again():
    rows = load_sweep(action_key("sweep", LAB))
    assert rows is not None and len(rows) == len(LAB.lags) * len(COMPARE_CELLS)
    assert {(r["cell"], r["lag"]) for r in rows} == {(c, lag) for c in COMPARE_CELLS for lag in LAB.lags}
    assert all(r["stopped"] in ("completed", "early stop") for r in rows)
    for r in rows:  # each lag its own epochs: 40 up to lag 50, 60 at lag 80; a solved cell stops sooner
        assert r["epochs"] == LAB.epochs_at(r["lag"]) if r["stopped"] == "completed" else r["epochs"] < LAB.epochs_at(
            r["lag"])
    assert LAB.epochs_at(80) == 60 and any(r["lag"] == 80 and r["stopped"] == "completed" for r in rows)
    [fresh] = lag_sweep(BASE, (5,), ("gru",), epochs_at=LAB.epochs_at).to_dict("records")
    [old] = [r for r in rows if r["cell"] == "gru" and r["lag"] == 5]
    assert {k: v for k, v in fresh.items() if k != "elapsed"} == {k: v for k, v in old.items() if k != "elapsed"}


def test_other_settings_find_nothing_shipped():
    assert load_comparison(BASE.replace(seed=1)) is None and shipped_lab(LabConfig(lab_seed=1)) is None
    assert shipped_lab(LabConfig(lab_lag=1000)) is None
    assert load_sweep(action_key("sweep", LabConfig(lab_lags="5, 10"))) is None
    assert action_key("compare", LabConfig(lab_epochs=40)) == action_key("compare", LAB)  # the same runs
    assert action_key("sweep", LabConfig(lab_epochs=40)) != action_key("sweep", LAB)  # 40 at lag 80 too


def test_the_shipped_long_lag_table_holds_ten_seeds_per_cell_and_lag_and_the_readmes_verdicts():
    """assets/lab_lags.csv (bench/bench_lab_lags.py --asset) is the table the README's "The lab at long lags"
    prints: seeds 0-9 of every cell at lags 50, 200 and 1,000, with the counts its bullets state."""
    rows = load_lag_rows()
    assert rows is not None
    got = {(r.cell, r.lag): (r.seeds, r.learnt) for r in lag_summary(rows).itertuples()}
    assert set(got) == {(c, lag) for c in COMPARE_CELLS for lag in (50, 200, 1000)}
    assert all(n == 10 for n, _ in got.values())
    assert all(sorted(g["seed"]) == list(range(10)) for _, g in rows.groupby(["cell", "lag"]))
    learnt = {k: v for k, (_, v) in got.items()}
    assert [learnt["rnn", lag] for lag in (50, 200, 1000)] == [0, 0, 0]
    assert [learnt["gru", lag] for lag in (50, 200, 1000)] == [10, 10, 10]
    assert all(learnt[c, lag] == 10 for c in ("lstm", "lru", "mingru") for lag in (50, 200))
    assert (learnt["lstm", 1000], learnt["mingru", 1000], learnt["lru", 1000]) == (5, 5, 0)
