"""Every bench script runs in its quick mode, so it cannot rot. The checks are on the shape of what each
returns (rows, columns, sane ranges), never on timings: those are the benches' business.
bench_engine and bench_scratch: tests/test_bench_engine.py; bench_estimate: tests/test_cost.py;
bench_browser: tests/browser/test_bench_browser.py."""

import math
import sys
from pathlib import Path

import pytest
import torch

from rnn_core.config import COMPARE_CELLS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

CELLS = COMPARE_CELLS  # the cells the lab and the saliency bench compare


@pytest.fixture(autouse=True)
def _threads():  # the benches pin torch's thread count; the rest of the suite keeps its own
    n = torch.get_num_threads()
    yield
    torch.set_num_threads(n)


@pytest.mark.slow  # SARIMA's fit alone takes seconds; 10 s in all on a busy 2-core machine
def test_airline_table_quick():
    import airline_table

    rows = airline_table.main(["--quick"])
    assert [r["model"] for r in rows][-4:] == list(airline_table.CELLS)
    assert {"naive", "seasonal_naive"} <= {r["model"] for r in rows}
    assert all(0 < r["one_step"] < 100 and 0 < r["recursive"] < 1000 for r in rows)
    assert all(r["seconds"] > 0 for r in rows[-4:])


def test_bench_inside_quick():
    import bench_inside

    out = bench_inside.main(["--quick"])
    assert len(out) == 5 and any(name.startswith("Lyapunov curve (10 ρ") for name in out)
    assert all(wall > 0 and cpu >= 0 for wall, cpu in out.values())


def test_bench_lab_quick():
    import bench_lab

    out = bench_lab.main(["--quick"])
    assert [r["cell"] for r in out["compare"]] == [c.upper() for c in CELLS]
    assert all(r["epochs"] == 2 for r in out["compare"])
    seeds = out["seeds"]
    assert sorted(seeds["seed"].unique()) == [0, 1] and len(seeds) == 2 * len(CELLS)
    assert (seeds["ratio"] > 0).all()
    sweep = out["sweep"]
    assert sorted(sweep["lag"].unique()) == [5, 10] and len(sweep) == 2 * len(CELLS)
    assert (sweep["baseline_loss"] > 0).all()


def test_budget_overshoot_quick():
    import budget_overshoot

    (row,) = budget_overshoot.main(["--quick"])
    assert row["budget"] == 1.0
    # the size check is a pure function of the settings (no clock in it): this run fits a 1 s budget and trains
    assert "refused" not in row, row
    assert row["batches"] >= 1 and row["wall"] > 0 and row["stopped"] in ("time budget", "completed"), row


def test_budget_peak_quick():  # one fresh process: it imports torch, trains twice and reports its memory
    import budget_peak

    (row,) = budget_peak.main(["--quick"])
    assert "error" not in row, row
    assert row["stopped"] == "completed" and row["estimate"] > 0 and row["measured"] >= 0 and row["base"] > 0


def test_inside_saliency_quick():
    import inside_saliency

    out = inside_saliency.main(["--quick"])
    assert list(out) == list(CELLS)
    for cell, r in out.items():
        assert len(r["median_share"]) == 12 and math.isclose(float(r["median_share"].sum()), 1, rel_tol=1e-5)
        (top,) = r["tops"]
        assert len(top) == 3 and all(1 <= k <= 12 for k in top), cell


def test_bench_names_quick():
    import bench_names

    df = bench_names.main(["--quick"])
    assert len(df) == 2 and df["model"].iloc[0].startswith("default: gru")
    assert df["epochs"].iloc[0] == 1 and df["stopped"].iloc[0] == "completed"
    assert df["accuracy"].between(0, 1).all() and df["balanced"].between(0, 1).all()


def test_bench_dates_quick():
    import bench_dates

    df = bench_dates.main(["--quick", "--workers", "1"])
    assert sorted(df["seed"].unique()) == [0] and set(df["attention"]) == {True, False}
    assert df["exact"].between(0, 1).all() and "len 1–9" in df


def test_bench_namegen_quick():
    import bench_namegen

    df = bench_namegen.main(["--quick", "--workers", "1"])
    assert sorted(df["seed"].unique()) == [0, 1] and sorted(df["temp"].unique()) == list(bench_namegen.TEMPS)
    shares = df[[f"share_{k}" for k in ("new", "train", "held_out")]].sum(axis=1)
    assert (shares - 1).abs().max() < 1e-12  # every sampled name is of one kind
    assert (df["test_loss"] > 0).all() and (df["best_epoch"] == 1).all()


@pytest.mark.slow
def test_footprint_quick():  # a fresh server of its own
    import footprint

    rows = footprint.main(["--quick"])
    assert [r["step"] for r in rows] == ["server started", "opened Home", "opened Data", "+1 idle sessions on Home"]
    assert not any(r.get("errors") for r in rows)
    assert 0 < rows[0]["rss_mb"] < rows[2]["rss_mb"]
    assert "torch" in rows[2]["libs"]  # the Data page trains the default run


@pytest.mark.slow
def test_load_test_quick():  # a fresh server of its own; tests/test_load.py drives several sessions
    import load_test

    (r,) = load_test.main(["--quick"])
    assert r["n"] == 1 and r["errors"] == 0, r["error_detail"]
    assert r["p50_s"] is not None and r["peak_rss_mb"] >= r["idle_rss_mb"] > 0


def test_bench_numerics_quick():
    import bench_numerics

    out = bench_numerics.main(["--quick"])
    assert out["pinned"]["numerics"] == "pinned" and out["native"]["numerics"] == "native"
    assert all(out[m][k] > 0 for m in out for k in ("step_ms", "default_run_s", "lab_s"))


def test_bench_bidir_quick():
    import bench_bidir

    df = bench_bidir.main(["--quick", "--workers", "1"])
    assert sorted(df["seed"].unique()) == [0, 1] and set(df["bidirectional"]) == {"off", "on"}
    assert (df["epochs"] == 5).all() and (df[["test_loss", "first_step", "last_step"]] > 0).all().all()
    # the error by step averages to the run's own test loss (windows of one length, one output each step)
    assert ((df["mean_step"] - df["test_loss"]).abs() < 1e-6 * df["test_loss"].abs().max() + 1e-7).all()


@pytest.mark.slow  # two fresh interpreters, each importing torch and running a page: about 10 s
def test_bench_page_time_quick():
    import bench_page_time

    rows = bench_page_time.main(["--quick"])
    assert [r["page"] for r in rows] == ["data", "learn"]
    for r in rows:
        for run in ("cold", "warm"):
            parts = r[run]
            assert parts["total"] > 0 and min(parts.values()) >= 0  # rest < 0: a part counted twice
    assert rows[1]["cold"]["figures"] > 0  # Learn builds its figures on a fresh server: the wrappers count them
