"""Which lags the airline forecasters use: mean saliency |∂ŷ/∂x_{T−k}| over the 24 holdout forecasts.

Default configuration (2×32, window 12, log → diff → standardise) for RNN, LSTM and GRU over seeds;
prints each cell's median share per lag and the top lags per seed. Run:
    PYTHONPATH=. .venv/bin/python bench/inside_saliency.py [seeds] [--quick]
``--quick``: one seed, 5 epochs (seconds; the test suite runs it, the shares mean nothing).
"""

import argparse

import numpy as np

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch

from rnn_core.config import COMPARE_CELLS, RunConfig
from rnn_core.engine.train import train
from rnn_core.inside.saliency import saliency


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seeds", type=int, nargs="?", default=10, help="seeds 0..N-1")
    ap.add_argument("--quick", action="store_true", help="one seed, 5 epochs (seconds)")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    seeds, cfg = (range(1), RunConfig().replace(epochs=5)) if args.quick else (range(args.seeds), RunConfig())
    out = {}
    for cell in COMPARE_CELLS:
        shares, tops = [], []
        for seed in seeds:
            res = train(cfg.replace(cell=cell, seed=seed), baselines=False)
            m = saliency(res.model, res.data.x_test)["saliency"][:, 0, ::-1].mean(0)  # (T,) lag 1 first
            share = m / m.sum()
            shares.append(share)
            tops.append([int(k) + 1 for k in np.argsort(-share)[:3]])
        med = np.median(shares, 0)
        out[cell] = {"median_share": med, "tops": tops}
        print(f"{cell.upper():5s} median share per lag 1..12: " + " ".join(f"{v:.2f}" for v in med))
        print(f"      top-3 lags per seed: {tops}")
        print(f"      lag 1 in top 3: {sum(1 in t for t in tops)}/{len(tops)}, lag 12 in top 3: "
              f"{sum(12 in t for t in tops)}/{len(tops)}")
    return out


if __name__ == "__main__":
    main()
