"""The load test runs (two sessions, browser-free), and Stop on a heavy run frees its slot for others."""

import asyncio
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import load_test  # noqa: E402

HEAVY = {"task": "adding", "lag": "200", "n_samples": "6000", "hidden_size": "64", "num_layers": "1",
         "batch_size": "32", "epochs": "200", "patience": "0", "time_budget": "100", "snapshot_every": "0"}


@pytest.mark.slow
def test_two_sessions_train_without_errors():
    r = load_test.measure(2, mix=True, timeout=300, settle=0)
    assert r["errors"] == 0, r["error_detail"]
    assert r["p50_s"] is not None and r["peak_rss_mb"] > r["idle_rss_mb"]


@pytest.mark.slow
def test_stop_ends_a_heavy_run_within_about_a_second_and_frees_its_slot():
    port = load_test.free_port()
    proc = load_test.start_server(port, open("/tmp/load_test_stop.log", "w"))
    try:
        async def main():
            import websockets

            url = f"ws://127.0.0.1:{port}/_stcore/stream"
            async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as a, \
                    websockets.connect(url, subprotocols=["streamlit"], max_size=None) as b:
                sa, sb = load_test.Session(a), load_test.Session(b)
                await sa.run("Train", HEAVY)
                await sb.run("Train", HEAVY)
                first = asyncio.create_task(sa.run("Train", HEAVY, click="train"))
                await asyncio.sleep(8)  # the heavy run is training
                assert not first.done()
                second = asyncio.create_task(sb.run("Train", HEAVY, click="train"))  # queued behind it
                await asyncio.sleep(2)
                assert not second.done() and "queued, position 1" in sb.progress, sb.progress
                t0 = time.perf_counter()
                stop = BackStop(sa)
                await stop.click()
                await first  # the Stop click's rerun replaces the run
                stopped_in = time.perf_counter() - t0
                for _ in range(40):  # the second heavy run now has the slot and trains
                    if "epoch" in sb.progress:
                        break
                    await asyncio.sleep(0.25)
                assert "epoch" in sb.progress, sb.progress
                second.cancel()
                return stopped_in

        stopped_in = asyncio.run(main())
        assert stopped_in < 3.0, stopped_in
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class BackStop:
    def __init__(self, session):
        self.session = session

    async def click(self):
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        cs = msg.rerun_script
        cs.page_name = "Train"
        cs.page_script_hash = self.session.pages.get("Train", "")
        cs.query_string = "&".join(f"{k}={v}" for k, v in HEAVY.items())
        w = cs.widget_states.widgets.add()
        w.id, w.trigger_value = self.session.widgets["stop"], True
        await self.session.ws.send(msg.SerializeToString())
