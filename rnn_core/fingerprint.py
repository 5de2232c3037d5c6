"""Fingerprints of a handful of runs: whether this machine trains the same runs as the one that made the
shipped assets.

A fingerprint is a run's epoch count, best epoch, stop reason and a SHA-256 of its loss history (every
epoch's training and validation loss, as the float64 values the run recorded): one ulp anywhere changes
it. ``assets/fingerprints.json`` holds the table, written by ``scripts/make_default_run.py`` beside the
shipped runs; ``tests/test_fingerprints.py`` retrains each case on the CI machine and compares, and the app
asks ``probe()`` (the first 20 epochs of three cases, a fraction of a second) whether it may call the shipped
runs this server's own.

Every case trains on a frozen clock (``clock.frozen``), so a slow or busy machine cannot end it at its
time budget: the fingerprint is a pure function of the settings and the numerics.
"""

from __future__ import annotations

import functools
import hashlib
import json
import struct
from dataclasses import dataclass
from pathlib import Path

from rnn_core import numerics
from rnn_core.config import COMPARE_CELLS, NAMES_DEFAULT, RunConfig
from rnn_core.limits.clock import frozen

TABLE = Path(__file__).resolve().parents[1] / "assets" / "fingerprints.json"
FORMAT = "rnn-playground-fingerprints/1"
PROBE_EPOCHS = 20  # the probe trains this many epochs of each PROBE case and compares their prefix hash:
# unpinned AVX-512 kernels first part from the pinned ones at epoch 9 of the LSTM case, oneDNN alone at epoch 11
PROBE = ("lstm", "gru", "lru")  # oneDNN's fused LSTM, ATen's GRU over MKL products, ATen's own scan kernels


def cases() -> dict[str, RunConfig]:
    """The table's runs: the default with each compared cell, the default with dropout and mini-batches
    (per-run dropout and batch-order generators), a lab run and the Names page's default."""
    from rnn_core.lab.compare import lab_config

    out = {cell: RunConfig().replace(cell=cell) for cell in COMPARE_CELLS}
    out["dropout"] = RunConfig().replace(dropout=0.2, batch_size=32, epochs=40)
    out["lab_gru"] = lab_config("adding", 50, "gru", epochs=3)
    out["names"] = NAMES_DEFAULT
    return out


SLOW = frozenset({"names"})  # cases over 10 s of training: the suite checks them in its slow tests


def loss_hash(history: dict, epochs: int | None = None) -> str:
    """SHA-256 of the first ``epochs`` (all by default) training and validation losses, bit for bit."""
    n = len(history["epoch"]) if epochs is None else epochs
    values = list(history["train_loss"][:n]) + list(history["val_loss"][:n])
    return hashlib.sha256(struct.pack(f"<{len(values)}d", *values)).hexdigest()


def of(res) -> dict:
    """A finished run's fingerprint."""
    return {"epochs": len(res.history["epoch"]), "best_epoch": res.best_epoch, "stopped": res.stopped,
            "loss_sha256": loss_hash(res.history),
            "probe_sha256": loss_hash(res.history, min(PROBE_EPOCHS, len(res.history["epoch"])))}


def train_case(cfg: RunConfig, **kwargs):
    """``cfg`` trained as the table trains it: on the frozen clock, without the holdout baselines."""
    from rnn_core.engine.train import train

    return train(cfg, baselines=False, timer=frozen, **kwargs)


def make_table() -> dict:
    """Train every case here and return the table, with what this machine computes with."""
    trained = {name: {"config": cfg.to_params(only_changed=True), **of(train_case(cfg))}
               for name, cfg in cases().items()}
    # described after training: torch is loaded by then, so its version and kernels are known
    return {"format": FORMAT, "made_on": numerics.describe(), "cases": trained}


def load_table(path: Path = TABLE) -> dict | None:
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return table if isinstance(table, dict) and table.get("format") == FORMAT else None


def compare(name: str, res, table: dict | None = None) -> list[str]:
    """What differs between ``res`` (a fresh run of case ``name``) and the table's entry; empty if nothing."""
    table = table if table is not None else load_table()
    want = (table or {}).get("cases", {}).get(name)
    if want is None:
        return [f"case {name!r} is not in {TABLE.name}"]
    got = of(res)
    return [f"{k}: {got[k]} here, {want[k]} in the table" for k in ("epochs", "best_epoch", "stopped", "loss_sha256")
            if got[k] != want[k]]


@dataclass(frozen=True)
class Probe:
    same: bool  # this process trains the probe cases exactly as the table's machine did
    differs: tuple[str, ...]  # the probe cases that came out otherwise
    here: dict  # numerics.describe() of this process
    made_on: dict  # the same of the machine that made the table (and the shipped runs)


@functools.cache
def probe() -> Probe:
    """The first ``PROBE_EPOCHS`` epochs of the ``PROBE`` cases, trained here and compared with the table
    (about 0.5 s, once per process)."""
    table = load_table() or {"cases": {}, "made_on": {}}
    all_cases, differs = cases(), []
    for name in PROBE:
        want = table["cases"].get(name)
        res = train_case(all_cases[name].replace(epochs=PROBE_EPOCHS, patience=0))
        if want is None or loss_hash(res.history) != want["probe_sha256"]:
            differs.append(name)
    return Probe(not differs, tuple(differs), numerics.describe(), table.get("made_on", {}))
