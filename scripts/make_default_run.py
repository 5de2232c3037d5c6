"""Write assets/default_run.pt: the default config trained once, for the Home page's cold start.

Run after any change that alters the default run's numbers (tests/test_run_file.py says when):
    PYTHONPATH=. .venv/bin/python scripts/make_default_run.py
"""

from pathlib import Path

import torch

from rnn_core.config import RunConfig
from rnn_core.run_file import save_run
from rnn_core.train import train

PATH = Path(__file__).resolve().parent.parent / "assets" / "default_run.pt"

if __name__ == "__main__":
    torch.set_num_threads(1)
    res = train(RunConfig(), baselines=True)  # SARIMA's fit ships too: the Train page's table needs no wait
    save_run(res, PATH)
    print(f"{PATH}: {res.stopped} at epoch {len(res.history['epoch'])}, "
          f"one-step MAPE {res.metrics['model']['one_step']['mape']:.3f} %, {PATH.stat().st_size / 1e3:.0f} kB")
