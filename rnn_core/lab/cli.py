"""The lab on the command line: ``python -m rnn_core lab`` and ``python -m rnn_core sweep``."""

from __future__ import annotations

import json
import math
import sys

from rnn_core.config import CELLS, COMPARE_CELLS, LAG_TASKS, lag_epochs
from rnn_core.lab.compare import LAB_FORGET_BIAS, LEARNT_RATIO, compare_cells, lab_config
from rnn_core.lab.sweep import LAGS, breaking_point, lag_sweep


def add_commands(sub) -> None:
    """Register the ``lab`` and ``sweep`` subcommands on the main parser's subparsers."""
    lab = sub.add_parser("lab", help="train the compared cells (RNN, LSTM, GRU, LRU, minGRU) on one lag task and "
                                     "write a JSON report")
    lab.add_argument("--lag", type=int, default=50, help="memory distance (default 50)")
    lab.set_defaults(run=_lab)
    sweep = sub.add_parser("sweep", help="train each cell at several lags and write a CSV table")
    sweep.add_argument("--lags", default=",".join(map(str, LAGS)),
                       help=f"comma-separated lags (default {','.join(map(str, LAGS))})")
    sweep.add_argument("--threshold", type=float, default=0.5,
                       help="a cell breaks at the first lag where val/baseline loss exceeds this (default 0.5)")
    sweep.set_defaults(run=_sweep)
    for p in (lab, sweep):
        p.add_argument("--task", default="adding", help=f"one of {', '.join(LAG_TASKS)} (default adding)")
        p.add_argument("--cells", default=",".join(COMPARE_CELLS),
                       help=f"comma-separated cells (default {','.join(COMPARE_CELLS)})")
        p.add_argument("--epochs", type=int, default=0,
                       help="epochs per run; 0 = by lag, as the lab page: 40 to lag 50, 100 from lag 200 (default 0)")
        p.add_argument("--budget", type=float, default=None,
                       help="wall-clock cap per run, seconds (default: what the server allows the run, 120 s, "
                            "900 s for a large one)")
        p.add_argument("--seed", type=int, default=0, help="weights and batches seed (default 0)")
        p.add_argument("--forget-bias", type=float, default=LAB_FORGET_BIAS,
                       help=f"LSTM forget-gate bias at initialisation; 0 = PyTorch's default (default "
                            f"{LAB_FORGET_BIAS:g})")
        p.add_argument("--out", help="write the report here (default: standard output)")
        p.add_argument("--quiet", action="store_true", help="no progress lines on standard error")


def _cells(text: str) -> tuple[str, ...]:
    cells = tuple(c.strip() for c in text.split(",") if c.strip())
    bad = [c for c in cells if c not in CELLS]
    if not cells or bad:
        raise ValueError(f"cells: {bad[0] if bad else text!r} is not one of {', '.join(CELLS)}")
    return cells


def _lags(text: str) -> tuple[int, ...]:
    try:
        lags = tuple(int(v) for v in text.split(","))
    except ValueError:
        raise ValueError(f"lags: expected comma-separated integers, got {text!r}") from None
    return lags


def _config(args, lag: int):
    if args.task not in LAG_TASKS:
        raise ValueError(f"task: {args.task!r} is not one of {', '.join(LAG_TASKS)}")
    return lab_config(args.task, lag, budget=args.budget, epochs=args.epochs, seed=args.seed,
                      forget_bias=args.forget_bias)


def _finite(x):
    return x if isinstance(x, float) and math.isfinite(x) else None


def _lab(args) -> int:
    cfg, cells = _config(args, args.lag), _cells(args.cells)

    def progress(cell, p):
        if not args.quiet and (p.epoch == 1 or p.epoch % 5 == 0):
            print(f"{cell:5s} epoch {p.epoch:3d}  val {p.val_loss:.5f}", file=sys.stderr)

    results = compare_cells(cfg, cells, progress)
    report = {"config": cfg.to_dict(), "cells": [{
        "cell": r.cell, "val_loss": _finite(r.val_loss), "baseline_loss": r.baseline_loss, "ratio": _finite(r.ratio),
        "test_loss": _finite(r.test_loss), "test_baseline_loss": _finite(r.test_baseline_loss),
        "test_ratio": _finite(r.test_ratio), "solved": r.solved, "solved_below": LEARNT_RATIO,
        "horizon": _finite(r.horizon["horizon"]), "regime": r.horizon["regime"], "growth": r.horizon["growth"],
        "grad_norms": r.grad_norms.tolist(), "epochs": len(r.result.history["epoch"]),
        "elapsed_s": round(r.elapsed, 3), "stopped": r.result.stopped, "message": r.result.message,
    } for r in results]}
    _write(args.out, json.dumps(report))
    return 0


def _sweep(args) -> int:
    lags, cells = _lags(args.lags), _cells(args.cells)
    cfgs = [_config(args, lag) for lag in lags]  # every lag validated before the first run

    def progress(cell, lag, p):
        if not args.quiet and p.epoch == p.epochs:
            print(f"lag {lag:3d}  {cell:5s}  val {p.val_loss:.5f}", file=sys.stderr)

    df = lag_sweep(cfgs[0], lags, cells, progress, epochs_at=None if args.epochs else lag_epochs)
    if not args.quiet:
        print(f"breaking points (ratio > {args.threshold:g}): {breaking_point(df, args.threshold)}", file=sys.stderr)
    _write(args.out, df.to_csv(index=False))
    return 0


def _write(path, text: str) -> None:
    if path:
        with open(path, "w") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
