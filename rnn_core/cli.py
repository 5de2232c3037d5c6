"""Headless experiments: ``python -m rnn_core train ... --out run.json``.

Every config field is a flag (``--hidden-size``, with short aliases ``--hidden`` and ``--layers``);
a bad flag or value exits with status 2 and one line saying why.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields

import numpy as np

from rnn_core.config import PARTS, RunConfig
from rnn_core.engine.train import train
from rnn_core.lab.cli import add_commands as add_lab_commands

ALIASES = {"hidden_size": ["--hidden"], "num_layers": ["--layers"]}


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m rnn_core", description="Train and inspect recurrent networks headless.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    t = sub.add_parser("train", help="train one configuration and write a JSON report")
    for part, cls in PARTS:
        group = t.add_argument_group(part)
        for f in fields(cls):
            flag = "--" + f.name.replace("_", "-")
            meta = cls.limits(f.name)
            hint = f"one of {', '.join(meta)}" if isinstance(meta[0], str) else f"{meta[0]}..{meta[1]}"
            group.add_argument(flag, *ALIASES.get(f.name, []), dest=f.name, metavar=f.name.upper(),
                               help=f"{hint} (default {f.default})")
    t.add_argument("--csv", help="a CSV file with the series (with --dataset csv)")
    t.add_argument("--out", help="write the JSON report here (default: standard output)")
    t.add_argument("--bundle", help="also save the trained model as a run bundle here")
    t.add_argument("--quiet", action="store_true", help="no progress lines on standard error")
    add_lab_commands(sub)
    return p


def report(res, n_trace: int = 1) -> dict:
    """The JSON-ready summary of a run: config, losses, metrics, and a trace of one test window."""
    from rnn_core.engine.instrument import spectrum, trace

    data = res.data
    tr = trace(res.model, data.x_test[:n_trace], data.y_test[:n_trace])
    return {
        "config": res.config.to_dict(),
        "stopped": res.stopped, "message": res.message, "best_epoch": res.best_epoch,
        "elapsed_s": round(res.elapsed, 4),
        "history": res.history,
        "clipping": {"clip": res.config.train.clip, "clipped_steps": res.clipped_steps,
                     "steps": len(res.steps["grad_norm_pre"])},
        "metrics": res.metrics,
        "snapshots": [{"epoch": s["epoch"], "grad_norms": s["grad_norms"].tolist()} for s in res.snapshots],
        "trace": {"hiddens": tr.hiddens[:, 0].tolist(), "cells": None if tr.cells is None else
                  tr.cells[:, 0].tolist(), "gates": {k: v[:, 0].tolist() for k, v in tr.gates.items()},
                  "grad_norms": tr.grad_norms.tolist(), "loss": tr.loss},
        "spectral_radius": [s["spectral_radius"] for s in spectrum(res.model)],
    }


def _train(args) -> int:
    from rnn_core.data.csv_series import load_csv
    from rnn_core.data.datasets import prepare

    params = {k: v for k, v in vars(args).items()
              if v is not None and k not in ("command", "csv", "out", "bundle", "quiet")}
    cfg = RunConfig.from_params(params, strict=True)
    upload = load_csv(args.csv) if args.csv else None
    data = prepare(cfg.data, upload)

    def progress(p):
        if not args.quiet and (p.epoch == 1 or p.epoch % 25 == 0):
            print(f"epoch {p.epoch:4d}  train {p.train_loss:.5f}  val {p.val_loss:.5f}", file=sys.stderr)

    res = train(cfg, data, progress)
    if not args.quiet:
        print(res.message, file=sys.stderr)
    text = json.dumps(report(res), default=_jsonable)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text)
    else:
        print(text)
    if args.bundle:
        from rnn_core.engine.bundle import save_bundle
        save_bundle(res.model, cfg, args.bundle)
    return 0


def _jsonable(o):
    if isinstance(o, np.ndarray | np.generic):
        return o.tolist()
    if isinstance(o, complex):
        return [o.real, o.imag]
    raise TypeError(type(o).__name__)


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return getattr(args, "run", _train)(args)
    except (ValueError, OSError) as e:
        print(f"python -m rnn_core: error: {e}".splitlines()[0], file=sys.stderr)
        return 2
