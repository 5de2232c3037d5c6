"""Load test: N concurrent browser-free sessions against one ``streamlit run`` on 127.0.0.1.

Each session speaks Streamlit's own websocket protocol (the BackMsg/ForwardMsg protobufs a browser
sends): it opens Home, then Train (the default run or, with ``--mix``, a random small config), presses
Train, waits for the run's script to finish, and opens Hidden states and Gradients. A session fails if
any run ends in an exception or an error alert, or does not finish within ``--timeout`` seconds.

Reported: errors, p50/p95 seconds from the Train click to the result, the server's peak and final RSS,
and its RSS 60 s after every session closed (``--settle``).

    PYTHONPATH=. .venv/bin/python bench/load_test.py -n 1 5 20 30

``--quick``: one session training the default run, no settling wait (a fresh server: seconds; the test suite
runs it).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("", "Train", "Hidden_states", "Gradients")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_server(port: int, log, root: Path = ROOT, script: str = "streamlit_app.py") -> subprocess.Popen:
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
           "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=root, stdout=log, stderr=subprocess.STDOUT)
    end = time.time() + 60
    while time.time() < end:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not start")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session:
    """One browser tab, as the websocket sees it."""

    def __init__(self, ws):
        self.ws, self.pages, self.widgets, self.progress = ws, {}, {}, ""  # progress: the bar's last text
        self.metrics: dict[str, str] = {}  # the last run's st.metric boxes, label → value as shown
        self.charts: dict[tuple, str] = {}  # the last run's plotly figures as drawn at its end, by position

    async def run(self, page: str, params: dict, click: str | None = None, timeout: float = 600) -> dict:
        if page not in self.pages and page:  # the page list comes with the first run of any page
            await self.run("", params, timeout=timeout)
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = urlencode(params)
        cs.page_name = page
        if page in self.pages:
            cs.page_script_hash = self.pages[page]
        if click:
            w = cs.widget_states.widgets.add()
            w.id, w.trigger_value = self.widgets[click], True
        await self.ws.send(msg.SerializeToString())
        errors, end = [], time.monotonic() + timeout
        self.metrics, self.charts = {}, {}
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), max(0.1, end - time.monotonic()))
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind in ("new_session", "navigation"):
                for p in getattr(fm, kind).app_pages:
                    self.pages[p.url_pathname] = p.page_script_hash
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                which = el.WhichOneof("type")
                self.charts.pop(tuple(fm.metadata.delta_path), None)  # an element drawn over a live chart
                if which == "button" and el.button.id:
                    self.widgets[el.button.id.rsplit("-", 1)[-1]] = el.button.id
                elif which == "progress":
                    self.progress = el.progress.text
                elif which == "metric":
                    self.metrics[el.metric.label] = el.metric.body
                elif which == "plotly_chart":
                    self.charts[tuple(fm.metadata.delta_path)] = el.plotly_chart.spec
                elif which == "exception":
                    errors.append(f"exception: {el.exception.message[:120]}")
                elif which == "alert" and el.alert.format == 1:  # ERROR
                    errors.append(f"error: {el.alert.body[:120]}")
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(fm.script_finished)
                if status != "FINISHED_EARLY_FOR_RERUN":
                    return {"status": status, "errors": errors}


# A run of about 10 s per epoch on a 2-core CPU, in the heavy training slot: Stop lands inside its first epoch
HEAVY = {"task": "adding", "lag": "200", "n_samples": "6000", "hidden_size": "64", "num_layers": "1",
         "batch_size": "32", "epochs": "200", "patience": "0", "time_budget": "100", "snapshot_every": "0"}


def stop_work_seconds(params: dict = HEAVY) -> float:
    """One training batch of the run ``params`` and its final evaluation, timed in this process now, on the
    server's thread count: the work between a Stop click and the end of that run."""
    import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

    # isort: split
    import torch

    from rnn_core.config import RunConfig
    from rnn_core.data.datasets import prepare
    from rnn_core.engine.forecast import evaluate
    from rnn_core.engine.train import seeded_model
    from rnn_core.limits.budget import set_server_threads

    cfg = RunConfig.from_params(params)
    data = prepare(cfg.data)
    model = seeded_model(cfg, data)
    set_server_threads()
    bs = cfg.train.batch_size
    model(data.x_train[:bs])  # the first call allocates
    t0 = time.perf_counter()
    model.loss(model(data.x_train[:bs]), data.y_train[:bs]).backward()
    with torch.no_grad():
        evaluate(model, data, cfg.data.seq_len, baselines=False)
    return time.perf_counter() - t0


def small_config(rng: random.Random) -> dict:
    return {"cell": rng.choice(["rnn", "lstm", "gru", "scratch"]), "hidden_size": str(rng.choice([4, 8, 16])),
            "num_layers": str(rng.choice([1, 2])), "epochs": str(rng.choice([20, 40, 60])), "patience": "0",
            "seed": str(rng.randrange(100))}


async def one_session(port: int, idx: int, mix: bool, timeout: float, out: list, closed: list) -> None:
    rng = random.Random(idx)
    params = small_config(rng) if mix and idx % 2 else {}
    rec = {"session": idx, "params": params, "errors": []}
    try:
        async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=None, open_timeout=60, ping_interval=None) as ws:
            s = Session(ws)
            for page in ("", "Train"):
                r = await s.run(page, params, timeout=timeout)
                rec["errors"] += r["errors"]
            t0 = time.perf_counter()
            r = await s.run("Train", params, click="train", timeout=timeout)
            rec["seconds"] = time.perf_counter() - t0
            rec["errors"] += r["errors"]
            for page in ("Hidden_states", "Gradients"):
                r = await s.run(page, params, timeout=timeout)
                rec["errors"] += r["errors"]
    except TimeoutError:
        rec["errors"].append("timeout")
    except Exception as e:  # noqa: BLE001 - a failed session is a result of the load test
        rec["errors"].append(f"{type(e).__name__}: {e}"[:160])
    closed.append(time.perf_counter())
    out.append(rec)


async def _load(port: int, n: int, mix: bool, timeout: float) -> list[dict]:
    out, closed = [], []
    await asyncio.gather(*(one_session(port, i, mix, timeout, out, closed) for i in range(n)))
    return out


def run_coroutine(coro):
    """``asyncio.run`` on a thread of its own: works even where the caller's thread already runs an event
    loop (pytest after Playwright's sync API, a notebook)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def measure(n: int, mix: bool = True, timeout: float = 600, settle: float = 60, log_path: Path | None = None,
            root: Path = ROOT) -> dict:
    """Start a fresh server (of the app in ``root``), run ``n`` sessions at once, and report."""
    port = free_port()
    log = open(log_path or Path("/tmp") / f"load_test_server_{n}.log", "w")
    proc = start_server(port, log, root)
    try:
        idle = rss_mb(proc.pid)
        peak, stop = [idle], [False]

        async def sampler():
            while not stop[0]:
                peak.append(rss_mb(proc.pid))
                await asyncio.sleep(0.25)

        async def main():
            task = asyncio.create_task(sampler())
            t0 = time.perf_counter()
            res = await _load(port, n, mix, timeout)
            wall = time.perf_counter() - t0
            stop[0] = True
            await task
            return res, wall

        results, wall = run_coroutine(main())
        final = rss_mb(proc.pid)
        time.sleep(settle)
        after = rss_mb(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    secs = sorted(r["seconds"] for r in results if "seconds" in r and not r["errors"])
    errors = [r for r in results if r["errors"]]
    return {"n": n, "errors": len(errors), "error_detail": [r["errors"][:2] for r in errors][:5],
            "p50_s": statistics.median(secs) if secs else None,
            "p95_s": secs[min(len(secs) - 1, int(round(0.95 * (len(secs) - 1))))] if secs else None,
            "idle_rss_mb": idle, "peak_rss_mb": max(peak), "final_rss_mb": final,
            f"rss_{settle:g}s_after_mb": after, "wall_s": wall}


def main(argv=None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, nargs="+", default=[1, 5])
    ap.add_argument("--default-only", action="store_true", help="every session trains the default run")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--settle", type=float, default=60)
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--root", type=Path, default=ROOT, help="the app to serve (e.g. an older checkout)")
    ap.add_argument("--quick", action="store_true", help="one session, the default run, no settling wait")
    args = ap.parse_args(argv)
    if args.quick:
        args.n, args.default_only, args.settle, args.timeout = [1], True, 0.0, 120.0
    rows = []
    print("| sessions | errors | p50 s | p95 s | idle RSS MB | peak RSS MB | final RSS MB | RSS after "
          f"{args.settle:g} s MB |\n|---|---|---|---|---|---|---|---|", flush=True)
    for n in args.n:
        r = measure(n, not args.default_only, args.timeout, args.settle, root=args.root)
        rows.append(r)
        fmt = lambda v: "–" if v is None else f"{v:.1f}"  # noqa: E731
        print(f"| {n} | {r['errors']} | {fmt(r['p50_s'])} | {fmt(r['p95_s'])} | {r['idle_rss_mb']:.0f} | "
              f"{r['peak_rss_mb']:.0f} | {r['final_rss_mb']:.0f} | {r[f'rss_{args.settle:g}s_after_mb']:.0f} |",
              flush=True)
        if r["errors"]:
            print("  errors:", r["error_detail"], flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return rows


if __name__ == "__main__":
    main()
