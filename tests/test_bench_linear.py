"""bench/bench_linear.py's quick mode runs, so the script cannot rot; it times nothing that is asserted."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import bench_linear  # noqa: E402

from rnn_core.budget import _STORED_PER_UNIT  # noqa: E402


def test_quick_mode_gives_a_row_per_cell_and_length_and_the_budget_covers_the_saved_floats(capsys):
    rows = bench_linear.main(["--quick"])
    assert [(r["cell"], r["T"]) for r in rows] == [(c, T) for T in (10, 40) for c in ("lru", "mingru", "minlstm")]
    for r in rows:
        assert r["loop_s"] > 0 and r["scan_s"] > 0 and r["lstm_s"] > 0
        assert r["saved_floats"] <= _STORED_PER_UNIT[r["cell"]] + 1  # the budget's figure is not an underestimate
    assert "| lru | 40 |" in capsys.readouterr().out
