"""Write assets/default_run.pt (the default config trained once, for a cold server's first views), its
variants with Compare's other cells (assets/default_run_<cell>.pt), and assets/default_example.json (what
Home draws of the default run, readable without torch); with ``--names``, only assets/names_run.pt (the
Names page's default surname run, about 15 s of training).

Run after any change that alters the default run's numbers (tests/test_run_file.py says when):
    PYTHONPATH=. .venv/bin/python scripts/make_default_run.py [--names]
"""

import json
import sys
from pathlib import Path

import torch

from rnn_core.config import COMPARE_CELLS, TASK_DEFAULTS, RunConfig
from rnn_core.run_file import example_summary, load_run, save_run
from rnn_core.train import train

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PATH, EXAMPLE, NAMES = ASSETS / "default_run.pt", ASSETS / "default_example.json", ASSETS / "names_run.pt"
NAMES_DEFAULT = RunConfig().replace(task="names", **TASK_DEFAULTS["names"])  # the Names page's default run


def write_example(path: Path = PATH, out: Path = EXAMPLE) -> None:
    """The Home summary of the shipped run file (the run as loaded, as the app loads it)."""
    out.write_text(json.dumps(example_summary(load_run(path, RunConfig())), indent=None) + "\n", encoding="utf-8")


def write_names() -> None:
    res = train(NAMES_DEFAULT, baselines=False)
    assert res.stopped == "completed", f"the surname run did not complete ({res.stopped}): use a quieter machine"
    save_run(res, NAMES)
    print(f"{NAMES.name}: {len(res.history['epoch'])} epochs in {res.elapsed:.1f} s, "
          f"{NAMES.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    torch.set_num_threads(1)
    if "--names" in sys.argv:
        write_names()
        sys.exit()
    for cell in COMPARE_CELLS:
        cfg = RunConfig().replace(cell=cell)
        path = PATH if cfg == RunConfig() else ASSETS / f"default_run_{cell}.pt"
        res = train(cfg, baselines=cfg == RunConfig())  # the default ships SARIMA's fit: no wait for its table
        save_run(res, path)
        print(f"{path.name}: {res.stopped} at epoch {len(res.history['epoch'])}, "
              f"one-step MAPE {res.metrics['model']['one_step']['mape']:.3f} %, {path.stat().st_size / 1e3:.0f} kB")
    write_example()
    print(f"{EXAMPLE.name} {EXAMPLE.stat().st_size / 1e3:.0f} kB")
