"""The engine benches run in their quick modes, so they cannot rot; their numbers are checked for sense only
(timings are the benches' business, not the tests')."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import bench_engine  # noqa: E402
import bench_scratch  # noqa: E402


def test_engine_bench_accounts_for_every_part_of_the_default_run():
    out = bench_engine.main(["--quick"])
    wall, epochs, parts, counts, cpu, step_wall, step_cpu = out["default_run"]
    assert epochs == 12 and counts["training steps"] == counts["validation passes"] == 12
    assert counts["gradient snapshots"] == 2  # epochs 1 and 10
    measured = ("training steps", "validation passes", "gradient snapshots", "final evaluation")
    assert all(parts[k] > 0 for k in measured), parts  # each part was timed by the run's own clock
    assert set(parts) == {*measured, "everything else"}
    assert parts["everything else"] >= 0, parts  # the timed parts fit inside the run's wall time: none counted twice
    assert out["fused_step_s"] > 0 and step_wall > 0 and step_cpu > 0 and cpu > 0


def test_scratch_bench_times_every_window_and_way():
    out = bench_scratch.main(["--quick"])  # it also checks the unbound loop gives the sliced loop's numbers
    assert len(out["rows"]) == len(out["windows"]) == 3
    assert all(len(r) == 3 and min(r.values()) > 0 for r in out["rows"])
