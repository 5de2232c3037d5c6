"""bench/bench_linear.py's quick mode runs, so the script cannot rot; it times nothing that is asserted."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import bench_linear  # noqa: E402

from rnn_core.cells import CELL  # noqa: E402


def test_quick_mode_gives_a_row_per_cell_and_length_and_the_budget_covers_the_saved_floats(capsys):
    rows = bench_linear.main(["--quick"])
    assert [(r["cell"], r["T"]) for r in rows] == [(c, T) for T in (10, 40) for c in ("lru", "mingru", "minlstm")]
    for r in rows:
        assert r["loop_s"] > 0 and r["blocked_s"] > 0 and r["scan_s"] > 0 and r["lstm_s"] > 0
        assert r["saved_floats"] <= CELL[r["cell"]].stored_per_unit + 1  # the budget's figure is not an underestimate
    assert "| lru | 40 |" in capsys.readouterr().out


def test_lab_lags_bench_quick_mode_tables_every_cell_lag_and_seed_with_its_budget(capsys):
    import bench_lab_lags

    df = bench_lab_lags.main(["--quick", "--cells", "lru,mingru"])
    assert sorted(set(zip(df["cell"], df["lag"], df["seed"], strict=True))) == sorted(
        (c, lag, s) for c in ("lru", "mingru") for lag in (5, 12) for s in (0, 1))
    assert set(df["epochs"]) == {2} and set(df["budget_epochs"]) == {2}
    assert df["test_ratio"].notna().all()
    out = capsys.readouterr().out
    assert "| LRU |" in out and "lag 12: learnt · test/baseline · epochs · s" in out and "of 2**" in out
    assert "budget: lag 5: up to 2 epochs" in out
