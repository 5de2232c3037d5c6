"""Name-generator benchmark over seeds: held-out letter loss against the bigram table, and how many sampled
names are new, training names or real names the model never saw, by temperature.

Run: PYTHONPATH=. .venv/bin/python bench/bench_namegen.py [--seeds 0-9] [--per-lang 100] [--workers 2] [--quick]
Every run is the page's default generator (``GenConfig()``) with another training seed, on one torch thread.
Losses and names are a pure function of the settings; only the times are this machine's.
``--quick``: 16 units, 1 epoch, seeds 0-1, 60 names in two languages (seconds; the test suite runs it).
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch
from seed_runs import parse_seeds, run_jobs

from rnn_core.namegen.config import LANGUAGES, GenConfig
from rnn_core.namegen.sample import KINDS, novelty, sample_names
from rnn_core.namegen.train import train

TEMPS = (0.5, 0.8, 1.2)


def one_seed(args) -> list[dict]:
    """Rows of one training seed: one per temperature, the losses repeated."""
    base, seed, per_lang, langs = args
    torch.set_num_threads(1)
    res = train(base.replace(gen_seed=seed))
    rows = []
    for temp in TEMPS:
        counts = dict.fromkeys(KINDS, 0)
        for lang in langs:
            for k0 in range(0, per_lang, 50):  # the page draws at most 50 at once: sampling seeds 0, 1, ...
                found = novelty(sample_names(res.model, res.config.replace(
                    gen_lang=lang, gen_temp=temp, gen_count=min(50, per_lang - k0), gen_sample=k0 // 50)))
                counts = {k: counts[k] + found[k] for k in KINDS}
        total = sum(counts.values())
        rows.append({"seed": seed, "temp": temp, "test_loss": res.test_loss, "bigram_loss": res.bigram_loss,
                     "best_epoch": 1 + int(np.argmin(res.history["val_loss"])),
                     **{f"share_{k}": counts[k] / total for k in KINDS}, "elapsed": res.elapsed})
    return rows



def main(argv=None) -> pd.DataFrame:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0-9")
    ap.add_argument("--per-lang", type=int, default=100, help="names sampled per language and temperature")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    base, seeds, per_lang, langs = GenConfig(), parse_seeds(args.seeds), args.per_lang, LANGUAGES
    if args.quick:
        base, seeds, per_lang, langs = GenConfig(gen_hidden=16, gen_epochs=1), [0, 1], 60, LANGUAGES[:2]
    jobs = [(base, s, per_lang, langs) for s in seeds]
    rows = [r for chunk in run_jobs(one_seed, jobs, args.workers) for r in chunk]
    df = pd.DataFrame(rows)
    per_seed = df[df.temp == base.gen_temp]
    beats = int((per_seed.test_loss < per_seed.bigram_loss).sum())
    print(f"{base.gen_cell}, {base.gen_hidden} units, {base.gen_epochs} epochs; {len(langs)} languages × "
          f"{per_lang} names per temperature and seed")
    print(f"held-out letter loss (nats): median {per_seed.test_loss.median():.3f}, range "
          f"{per_seed.test_loss.min():.3f}–{per_seed.test_loss.max():.3f}; "
          f"bigram table {per_seed.bigram_loss.iloc[0]:.3f}; "
          f"below the bigram on {beats} of {len(per_seed)} seeds; training {per_seed.elapsed.median():.1f} s (median)")
    summary = df.groupby("temp")[[f"share_{k}" for k in KINDS]].agg(["median", "min", "max"])
    print(summary.map(lambda v: f"{v:.1%}").to_string())
    return df


if __name__ == "__main__":
    main(sys.argv[1:])
