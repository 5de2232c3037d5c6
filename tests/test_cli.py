"""The headless CLI: a real training run writes its report; bad input exits 2 with one line."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rnn_core.cli import main
from rnn_core.engine.bundle import load_bundle

ROOT = Path(__file__).resolve().parent.parent


def test_train_writes_a_complete_report_and_bundle(tmp_path):
    out, bundle = tmp_path / "run.json", tmp_path / "run.pt"
    rc = main(["train", "--dataset", "air_passengers", "--cell", "gru", "--layers", "1", "--hidden", "8",
               "--epochs", "20", "--seed", "3", "--out", str(out), "--bundle", str(bundle), "--quiet"])
    assert rc == 0
    report = json.loads(out.read_text())
    assert report["config"]["model"]["cell"] == "gru" and report["config"]["train"]["seed"] == 3
    assert len(report["history"]["train_loss"]) == 20
    assert set(report["metrics"]["baselines"]) >= {"naive", "seasonal_naive"}
    assert report["metrics"]["model"]["one_step"]["mape"] > 0
    trace = report["trace"]
    assert len(trace["grad_norms"]) == 1 and len(trace["grad_norms"][0]) == 12  # (L, T)
    assert set(trace["gates"]) == {"r", "z", "n"}
    cfg, _ = load_bundle(bundle.read_bytes())
    assert cfg.model.hidden_size == 8


def test_module_entry_point_help_and_csv(tmp_path):
    help_text = subprocess.run([sys.executable, "-m", "rnn_core", "train", "--help"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout
    for flag in ("--hidden-size", "--num-layers", "--seq-len", "--snapshot-every", "--lag"):
        assert flag in help_text
    csv = tmp_path / "series.csv"
    csv.write_text("t,value\n" + "\n".join(f"{i},{10 + (i % 12) + i / 10}" for i in range(120)))
    rc = main(["train", "--dataset", "csv", "--csv", str(csv), "--transform", "diff", "--epochs", "3",
               "--test-size", "12", "--quiet", "--out", str(tmp_path / "r.json")])
    assert rc == 0


@pytest.mark.parametrize("argv,words", [
    (["train", "--hidden", "9999"], "hidden_size"),
    (["train", "--cell", "transformer"], "cell"),
    (["train", "--lr", "fast"], "lr"),
    (["train", "--bogus", "1"], "unrecognized"),
    (["train", "--dataset", "csv", "--csv", "/nonexistent.csv"], "error"),
    (["train", "--dataset", "sine", "--transform", "log"], "transform"),
])
def test_bad_input_exits_2_with_one_line(argv, words, capsys):
    with pytest.raises(SystemExit) as e:
        sys.exit(main(argv))
    assert e.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err
