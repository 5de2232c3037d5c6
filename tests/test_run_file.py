"""The shipped runs equal fresh trainings of their configs, fresh trainings equal the fingerprint table (so
every machine that runs the suite checks that its CPU trains the same runs), and run files round-trip.

Fresh runs train on the frozen clock (``clock.frozen``): a slow machine cannot cut them at their time
budget, so what is compared is a pure function of the settings and the numerics."""

from pathlib import Path

import numpy as np
import pytest
import torch

from rnn_core import fingerprint, numerics
from rnn_core.config import COMPARE_CELLS, RunConfig
from rnn_core.engine.run_file import load_run, save_run, shipped_file

ASSET = Path(__file__).resolve().parent.parent / "assets" / "default_run.pt"
CASES = fingerprint.cases()
TABLE = fingerprint.load_table()
_FRESH: dict = {}


def fresh_case(name: str):
    """Case ``name`` trained here once per test process."""
    if name not in _FRESH:
        _FRESH[name] = fingerprint.train_case(CASES[name])
    return _FRESH[name]


@pytest.fixture(scope="module")
def fresh():
    return fresh_case(RunConfig().model.cell)


@pytest.mark.parametrize("name", sorted(set(CASES) - fingerprint.SLOW))
def test_a_fresh_training_has_the_tables_fingerprint(name):
    """Bit for bit: the losses of every epoch, the epoch count, the best epoch and the stop reason. A failure
    here means this machine trains other runs than the one that made the shipped assets (see the README's
    "Same run on every machine")."""
    assert TABLE is not None, "assets/fingerprints.json is missing: run scripts/make_default_run.py"
    assert numerics.state == "pinned"
    differs = fingerprint.compare(name, fresh_case(name), TABLE)
    assert not differs, (f"{name}: {differs}; here {numerics.describe()}, the table was made on "
                         f"{TABLE['made_on']}")
    assert CASES[name].to_params(only_changed=True) == TABLE["cases"][name]["config"], "the case changed"


def test_the_probe_agrees_with_the_table_and_a_changed_loss_changes_the_fingerprint():
    p = fingerprint.probe()
    assert p.same and not p.differs, (p.here, p.made_on)
    res = fresh_case("gru")
    history = {**res.history, "val_loss": [*res.history["val_loss"][:-1], np.nextafter(res.history["val_loss"][-1], 9)]}
    assert fingerprint.loss_hash(history) != fingerprint.loss_hash(res.history)  # one ulp, another hash
    assert fingerprint.loss_hash(history, 5) == fingerprint.loss_hash(res.history, 5)


@pytest.mark.parametrize("cell", [c for c in COMPARE_CELLS if c != RunConfig().model.cell])
def test_the_shipped_compare_runs_are_fresh_trainings(cell):
    """Compare's other cells on the default config ship too (assets/default_run_<cell>.pt)."""
    cfg = RunConfig().replace(cell=cell)
    shipped, fresh = load_run(shipped_file(cell), cfg), fresh_case(cell)
    assert shipped is not None, f"assets/default_run_{cell}.pt is missing: run scripts/make_default_run.py"
    assert shipped.history["epoch"] == fresh.history["epoch"] and shipped.best_epoch == fresh.best_epoch
    assert shipped.history["val_loss"] == fresh.history["val_loss"] and shipped.shipped  # bit for bit
    for k, v in fresh.model.state_dict().items():
        torch.testing.assert_close(shipped.model.state_dict()[k], v, rtol=0, atol=0)


def test_the_shipped_example_is_the_default_run(fresh):
    shipped = load_run(ASSET, RunConfig())
    assert shipped is not None, "assets/default_run.pt is missing: run scripts/make_default_run.py"
    assert shipped.history["epoch"] == fresh.history["epoch"] and shipped.best_epoch == fresh.best_epoch
    for k, v in fresh.model.state_dict().items():
        torch.testing.assert_close(shipped.model.state_dict()[k], v, rtol=0, atol=0)
    for kind in ("one_step", "recursive"):
        assert shipped.metrics["model"][kind]["mape"] == fresh.metrics["model"][kind]["mape"]
    np.testing.assert_allclose(shipped.snapshots[-1]["grad_norms"], fresh.snapshots[-1]["grad_norms"], rtol=1e-4)
    assert set(shipped.metrics["baselines"]) == {"naive", "seasonal_naive", "sarima"}


def test_a_run_file_round_trips_and_refuses_another_config(fresh, tmp_path):
    path = tmp_path / "run.pt"
    save_run(fresh, path)
    back = load_run(path)
    assert back.config == fresh.config and back.metrics == fresh.metrics and back.steps == fresh.steps
    x = fresh.data.x_test
    torch.testing.assert_close(back.model(x), fresh.model(x))
    assert load_run(path, RunConfig().replace(seed=1)) is None
    (tmp_path / "junk.pt").write_bytes(b"not a run")
    assert load_run(tmp_path / "junk.pt") is None and load_run(tmp_path / "missing.pt") is None


def test_the_shipped_home_summary_is_the_default_run(fresh):
    """Home draws assets/default_example.json without torch: it must be the shipped run file's summary
    (exactly) and a fresh training's (to float tolerance)."""
    import json

    from rnn_core.engine.run_file import example_summary
    from ui.views.example import EXAMPLE_FILE, home_example

    shipped = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(example_summary(load_run(ASSET, RunConfig())))), \
        "assets/default_example.json is stale: run scripts/make_default_run.py"
    new = example_summary(fresh)
    assert (shipped["index"], shipped["epochs"], shipped["config"]) == (new["index"], new["epochs"], new["config"])
    for key in ("values", "one_step", "recursive", "grad_norms"):
        np.testing.assert_allclose(shipped[key], new[key], rtol=1e-4, err_msg=key)
    ex = home_example.__wrapped__() if hasattr(home_example, "__wrapped__") else home_example()
    assert ex.config == RunConfig() and ex.grad_norms.shape == (2, 12) and len(ex.one_step) == ex.n_test == 24
