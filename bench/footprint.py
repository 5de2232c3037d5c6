"""Server memory step by step: RSS of a fresh ``streamlit run`` at start, after one session opens
each page, after more idle sessions, and which big libraries the server process has imported by then.

Run: .venv/bin/python bench/footprint.py [--sessions 5] [--quick]
``--quick``: Home and Data, one idle session (a fresh server: seconds; the test suite runs it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load_test  # noqa: E402

STEPS = ("", "Train", "Hidden_states", "Gradients", "Data")  # the pages a newcomer opens, in order
LIBS = ("torch", "pandas", "plotly", "statsmodels", "scipy", "numpy")


def modules_of(pid: int) -> list[str]:
    """Big libraries mapped into the process (their shared objects show in /proc/<pid>/maps)."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return [lib for lib in LIBS if f"/site-packages/{lib}/" in maps]


async def _measure(port: int, pid: int, sessions: int, steps=STEPS) -> list[dict]:
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    rows = [{"step": "server started", "rss_mb": load_test.rss_mb(pid), "libs": modules_of(pid)}]
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as ws:
        s = load_test.Session(ws)
        for page in steps:
            r = await s.run(page, {})
            rows.append({"step": f"opened {page or 'Home'}", "rss_mb": load_test.rss_mb(pid),
                         "libs": modules_of(pid), "errors": r["errors"]})
        extra = [await websockets.connect(url, subprotocols=["streamlit"], max_size=None) for _ in range(sessions)]
        for w in extra:
            await load_test.Session(w).run("", {})
        rows.append({"step": f"+{sessions} idle sessions on Home", "rss_mb": load_test.rss_mb(pid)})
        for w in extra:
            await w.close()
    return rows


def main(argv=None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="Home and Data, one idle session")
    args = ap.parse_args(argv)
    steps = ("", "Data") if args.quick else STEPS
    if args.quick:
        args.sessions = 1
    port = load_test.free_port()
    proc = load_test.start_server(port, open("/tmp/footprint_server.log", "w"))
    try:
        rows = load_test.run_coroutine(_measure(port, proc.pid, args.sessions, steps))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    for r in rows:
        print(f"{r['step']:<28} {r['rss_mb']:7.0f} MB  {' '.join(r.get('libs', []))}  {r.get('errors') or ''}")
    base = next(r["rss_mb"] for r in rows if r["step"] == "opened Data")
    print(json.dumps({"per_idle_session_mb": round((rows[-1]["rss_mb"] - base) / args.sessions, 1)}))
    return rows


if __name__ == "__main__":
    main()
