"""Where a page's server seconds go: each page's script, run in-process by Streamlit's AppTest in a fresh
interpreter (cold: nothing cached), then rerun in the same session (warm), split into the parts a view pays for.

Parts count the outermost call only, so nothing is counted twice:
- imports: torch, plotly, pandas and Streamlit, before the page runs: a fresh server
  pays them once, whichever page it serves first;
- run loading: reading a shipped or stored run (``run_file.load_payload`` and ``run_from_payload``, and
  ``rnn_core.dates.train.load_pair`` for Translate dates' model pairs);
- training: ``rnn_core.engine.train.train``;
- traces: ``rnn_core.engine.instrument.trace``, the hidden states, gates and gradients the views draw;
- figures: building plotly figures (every public function of ``charts/``);
- chart JSON: ``st.plotly_chart``, which serialises a figure for the browser;
- rest: the script's own work and Streamlit's (widgets, tables, text).

What the browser then does (Streamlit's page files, its 4.7 MB Plotly component, drawing) is
``bench/bench_browser.py``'s business; this bench says which of a page's seconds are the server's.

    PYTHONPATH=. .venv/bin/python bench/bench_page_time.py           # every page
    PYTHONPATH=. .venv/bin/python bench/bench_page_time.py --quick   # Data and Learn (the suite)
"""

from __future__ import annotations

import argparse
import functools
import importlib
import inspect
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("run loading", "training", "traces", "figures", "chart JSON")
QUICK = ("data", "learn")


def _timed(spent: dict, part: str, active: list, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if active:  # inside another counted call: that one holds the time
            return fn(*args, **kwargs)
        active.append(part)
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[part] = spent.get(part, 0.0) + time.perf_counter() - t0
            active.pop()
    return wrapper


def _instrument(spent: dict) -> None:
    """Count the parts' calls: wrap each where pages and views look it up (module attributes, bound early)."""
    import streamlit as st
    from streamlit.elements.plotly_chart import PlotlyMixin

    from rnn_core.dates import train as dates
    from rnn_core.engine import instrument, run_file, train

    active: list = []
    for mod, name, part in ((run_file, "load_payload", "run loading"), (run_file, "run_from_payload", "run loading"),
                            (dates, "load_pair", "run loading"), (train, "train", "training"),
                            (instrument, "trace", "traces")):
        setattr(mod, name, _timed(spent, part, active, getattr(mod, name)))
    for path in sorted((ROOT / "charts").glob("*.py")):
        mod = importlib.import_module(f"charts.{path.stem}")
        for name, fn in inspect.getmembers(mod, inspect.isfunction):
            if fn.__module__ == mod.__name__ and not name.startswith("_"):
                setattr(mod, name, _timed(spent, "figures", active, fn))
    PlotlyMixin.plotly_chart = _timed(spent, "chart JSON", active, PlotlyMixin.plotly_chart)
    st.plotly_chart = _timed(spent, "chart JSON", active, st.plotly_chart)


def one_page(key: str) -> dict:
    """This interpreter's first run of page ``key`` and a rerun, with their parts."""
    t0 = time.perf_counter()
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401
    import streamlit  # noqa: F401
    import torch  # noqa: F401 - Home draws without it, but its warm-up loads it at once

    import rnn_core  # noqa: F401 - first: pins torch's CPU numerics
    imports = time.perf_counter() - t0
    from streamlit.testing.v1 import AppTest

    from ui.state.layout import PAGES

    spent: dict = {}
    _instrument(spent)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
    script = dict((k, p) for k, p, _ in PAGES)[key]
    if key != "home":
        at.switch_page(script)
    out = {"page": key, "imports": imports}
    for run in ("cold", "warm"):
        spent.clear()
        t0 = time.perf_counter()
        at.run()
        total = time.perf_counter() - t0
        if at.exception:
            raise RuntimeError(f"{key}: {at.exception[0].value}")
        out[run] = {"total": total, **{p: spent.get(p, 0.0) for p in PARTS},
                    "rest": total - sum(spent.values())}
    return out


def run(pages) -> list[dict]:
    rows = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for key in pages:  # one fresh interpreter per page: its cold run is a fresh server's first view of it
        p = subprocess.run([sys.executable, __file__, "--one", key], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=900)
        if p.returncode:
            raise RuntimeError(p.stderr[-2000:])
        rows.append(json.loads(p.stdout.strip().splitlines()[-1]))
    return rows


def table(rows: list[dict]) -> str:
    head = "| page | imports | cold: total | " + " | ".join(PARTS) + " | rest | warm: total |"
    lines = [head, "|" + "---|" * (len(PARTS) + 5)]
    for r in rows:
        c = r["cold"]
        lines.append(f"| {r['page']} | {r['imports']:.2f} | {c['total']:.2f} | "
                     + " | ".join(f"{c[p]:.2f}" for p in PARTS) + f" | {c['rest']:.2f} | {r['warm']['total']:.2f} |")
    return "\n".join(lines)


def main(argv=None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", help="comma-separated page keys (default: every page)")
    ap.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)}")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one_page(args.one)))
        return []
    from ui.state.layout import PAGES

    pages = QUICK if args.quick else (args.pages.split(",") if args.pages else [k for k, _, _ in PAGES])
    rows = run(pages)
    print(table(rows))
    print("seconds, one torch thread; parts: outermost calls only; rest = the script's own work and Streamlit's")
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
