"""Which lags the airline forecasters use: mean saliency |∂ŷ/∂x_{T−k}| over the 24 holdout forecasts.

Default configuration (2×32, window 12, log → diff → standardise) for RNN, LSTM and GRU over seeds;
prints each cell's median share per lag and the top lags per seed. Run:
    PYTHONPATH=. .venv/bin/python bench/inside_saliency.py [seeds]
"""

import sys

import numpy as np
import torch

from rnn_core.config import COMPARE_CELLS, RunConfig
from rnn_core.saliency import saliency
from rnn_core.train import train

torch.set_num_threads(1)
seeds = range(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
for cell in COMPARE_CELLS:
    shares, tops = [], []
    for seed in seeds:
        res = train(RunConfig().replace(cell=cell, seed=seed), baselines=False)
        m = saliency(res.model, res.data.x_test)["saliency"][:, 0, ::-1].mean(0)  # (T,) lag 1 first
        share = m / m.sum()
        shares.append(share)
        tops.append([int(k) + 1 for k in np.argsort(-share)[:3]])
    med = np.median(shares, 0)
    print(f"{cell.upper():5s} median share per lag 1..12: " + " ".join(f"{v:.2f}" for v in med))
    print(f"      top-3 lags per seed: {tops}")
    print(f"      lag 1 in top 3: {sum(1 in t for t in tops)}/{len(tops)}, lag 12 in top 3: "
          f"{sum(12 in t for t in tops)}/{len(tops)}")
