"""Write assets/default_run.pt (the default config trained once, for a cold server's first views), its
variants with Compare's other cells (assets/default_run_<cell>.pt), and assets/default_example.json (what
Home draws of the default run, readable without torch) and assets/fingerprints.json (the fingerprint table,
``rnn_core.fingerprint``); with ``--names``, only assets/names_run.pt (the Names page's default surname
run, about 15 s of training); with ``--namegen``, only assets/namegen.pt (the Generate-names page's default
generator, about 25 s); with ``--dates``, only assets/dates.pt and assets/dates_free.pt (the Translate-dates
page's default pair, with and without attention, about 40 s, trained with teacher forcing and without; ``--dates
--free``: only the second); with ``--fingerprints``, only the table; with ``--lab``, only the lab's default
comparisons (assets/lab_compare*.pt: lags 50 and 200, about 5 minutes on two cores) and lag sweep
(assets/lab_sweep.json).

Every file is made under the pinned numerics (``rnn_core.numerics``: the script refuses otherwise). Run after
any change that alters a default run's numbers (tests/test_run_file.py and tests/test_fingerprints.py say when):
    PYTHONPATH=. .venv/bin/python scripts/make_default_run.py [--names | --namegen | --dates | --fingerprints | --lab]
"""

import json
import sys
from pathlib import Path

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch

from rnn_core import fingerprint, numerics
from rnn_core.config import COMPARE_CELLS, NAMES_DEFAULT, LabConfig, RunConfig, in_shape
from rnn_core.engine.run_file import ASSETS, NAMES_RUN_FILE, example_summary, load_run, save_run, shipped_file
from rnn_core.engine.train import train
from rnn_core.lab import shipped
from rnn_core.lab.compare import compare_cells, lab_run_config
from rnn_core.lab.jobs import default_workers
from rnn_core.lab.sweep import lag_sweep

PATH, EXAMPLE = shipped_file(RunConfig().model.cell), ASSETS / "default_example.json"


def write_example(path: Path = PATH, out: Path = EXAMPLE) -> None:
    """The Home summary of the shipped run file (the run as loaded, as the app loads it)."""
    out.write_text(json.dumps(example_summary(load_run(path, RunConfig())), indent=None) + "\n", encoding="utf-8")


def write_names() -> None:
    res = train(NAMES_DEFAULT, baselines=False)
    assert res.stopped == "completed", f"the surname run did not complete ({res.stopped}): use a quieter machine"
    save_run(res, NAMES_RUN_FILE)
    print(f"{NAMES_RUN_FILE.name}: {len(res.history['epoch'])} epochs in {res.elapsed:.1f} s, "
          f"{NAMES_RUN_FILE.stat().st_size / 1e3:.0f} kB")


def write_namegen() -> None:
    from rnn_core.namegen import train as gen

    res = gen.train(gen.GenConfig())
    gen.save(res)
    print(f"{gen.SHIPPED.name}: test loss {res.test_loss:.4f} (bigram {res.bigram_loss:.4f}) in {res.elapsed:.1f} s, "
          f"{gen.SHIPPED.stat().st_size / 1e3:.0f} kB")


def write_dates() -> None:
    from rnn_core.dates import train as dates

    for teacher in ("on", "off") if "--free" not in sys.argv else ("off",):
        cfg = dates.DateConfig(dt_teacher=teacher)
        path = dates.shipped_file(cfg)
        pair = tuple(dates.train(cfg, attention) for attention in (True, False))
        dates.save_pair(pair, path)
        print(f"{path.name}: exact match {pair[0].exact:.3f} with attention, {pair[1].exact:.3f} without, in "
              f"{sum(r.elapsed for r in pair):.1f} s, {path.stat().st_size / 1e3:.0f} kB")


def write_fingerprints() -> None:
    table = fingerprint.make_table()
    fingerprint.TABLE.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(f"{fingerprint.TABLE.name}: {len(table['cases'])} cases, made on {table['made_on']}")


def write_lab(lags=shipped.SHIPPED_LAGS) -> None:
    for lag in lags:
        base, path = lab_run_config(LabConfig(lab_lag=lag)), shipped.comparison_file(lag)
        results = compare_cells(base, workers=default_workers())
        outcomes = {r.cell: r.result.stopped for r in results}
        assert all(o in ("completed", "early stop") for o in outcomes.values()), f"unfinished: {outcomes}"
        shipped.save_comparison(base, results, path)
        print(f"{path.name}: {outcomes}, {path.stat().st_size / 1e3:.0f} kB", flush=True)
    lab = LabConfig()
    base = lab_run_config(lab)
    rows = lag_sweep(base, lab.lags, epochs_at=lab.epochs_at, workers=default_workers()).to_dict("records")
    assert all(r["stopped"] in ("completed", "early stop") for r in rows), "a sweep run did not finish"
    shipped.save_sweep(shipped.action_key("sweep", lab), rows)
    print(f"{shipped.SWEEP_FILE.name}: {len(rows)} rows")


if __name__ == "__main__":
    if numerics.state != "pinned":
        sys.exit(f"numerics are {numerics.state!r}, not pinned: the shipped files must be made under the pin")
    torch.set_num_threads(1)
    if "--names" in sys.argv:
        write_names()
        sys.exit()
    if "--namegen" in sys.argv:
        write_namegen()
        sys.exit()
    if "--dates" in sys.argv:
        write_dates()
        sys.exit()
    if "--fingerprints" in sys.argv:
        write_fingerprints()
        sys.exit()
    if "--lab" in sys.argv:  # --lab [LAG,LAG...]: only those comparisons, then the sweep
        given = sys.argv[sys.argv.index("--lab") + 1:]
        write_lab(tuple(int(v) for v in given[0].split(",")) if given else shipped.SHIPPED_LAGS)
        sys.exit()
    for cell in COMPARE_CELLS:
        cfg = in_shape(RunConfig(), cell)
        path = shipped_file(cell)
        res = train(cfg, baselines=cfg == RunConfig())  # the default ships SARIMA's fit: no wait for its table
        save_run(res, path)
        print(f"{path.name}: {res.stopped} at epoch {len(res.history['epoch'])}, "
              f"one-step MAPE {res.metrics['model']['one_step']['mape']:.3f} %, {path.stat().st_size / 1e3:.0f} kB")
    write_example()
    print(f"{EXAMPLE.name} {EXAMPLE.stat().st_size / 1e3:.0f} kB")
    write_fingerprints()
