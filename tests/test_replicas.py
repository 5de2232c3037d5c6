"""A share link gives the same numbers on any replica: two servers train one link at the same time.

Several identical servers behind a proxy (README, "Deploying a hosted demo") only serve one demo if a
link's run does not depend on which of them trains it, nor on what else it is doing meanwhile.
"""

import asyncio
import base64
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import load_test  # noqa: E402

# not the default run (which ships precomputed): dropout and mini-batches draw from the run's generator
LINK = {"cell": "gru", "num_layers": "2", "hidden_size": "12", "dropout": "0.2", "batch_size": "16",
        "epochs": "30", "patience": "0", "seed": "11", "lr": "0.005"}


def _numbers(spec: str) -> list:
    """A figure's traces: the numbers it draws (titles and layout, which name the run, left out)."""
    return [{k: v for k, v in trace.items() if k in ("x", "y", "z", "name")} for trace in json.loads(spec)["data"]]


def _count(values) -> int:
    """How many numbers a trace's ``y`` holds (plotly sends arrays as base64 ``bdata``)."""
    if isinstance(values, dict):
        return len(base64.b64decode(values["bdata"])) // int(values["dtype"][1:])
    return len(values)


@pytest.mark.slow
def test_one_link_trained_on_two_servers_at_once_gives_identical_numbers():
    logs = [open(f"/tmp/replica_{i}.log", "w") for i in range(2)]
    procs = []
    try:
        for log in logs:
            procs.append(load_test.start_server(load_test.free_port(), log))
        ports = [int(p.args[p.args.index("--server.port") + 1]) for p in procs]

        async def train(port: int):
            import websockets

            async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                          max_size=None, open_timeout=60, ping_interval=None) as ws:
                s = load_test.Session(ws)
                await s.run("Train", LINK, timeout=120)
                r = await s.run("Train", LINK, click="train", timeout=300)
                return r["errors"], dict(s.metrics), [_numbers(c) for c in s.charts.values()]

        async def both():
            return await asyncio.gather(*(train(p) for p in ports))

        (err_a, met_a, charts_a), (err_b, met_b, charts_b) = load_test.run_coroutine(both())
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=20)
    assert not err_a and not err_b, (err_a, err_b)
    time_label = next(k for k in met_a if "time" in k.lower())  # wall time: the one number allowed to differ
    met_a.pop(time_label), met_b.pop(time_label)
    assert len(met_a) == 3 and met_a == met_b, (met_a, met_b)
    numbers = sum(_count(t["y"]) for c in charts_a for t in c if "y" in t)
    print(f"{len(charts_a)} charts, {numbers} numbers, metrics {met_a}")
    assert len(charts_a) >= 2 and numbers > 100
    assert charts_a == charts_b  # loss curves of every epoch and the forecast, to the last digit
