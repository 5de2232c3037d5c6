"""The run store: a session keeps at most MAX_SESSION results of a kind, its partial result never hides the
server's finished one, and the server keeps finished results only."""

import pytest
import streamlit as st

from ui.runs import store


@pytest.fixture
def session(monkeypatch):
    state = {}
    monkeypatch.setattr(st, "session_state", state)
    server = store._server()
    with server["lock"]:
        saved = dict(server["results"]), dict(server["bytes"])
        server["results"].clear()
        server["bytes"].clear()
    yield state
    with server["lock"]:
        server["results"].clear()
        server["results"].update(saved[0])
        server["bytes"].clear()
        server["bytes"].update(saved[1])


def test_a_hundred_seed_changes_keep_the_session_within_its_cap(session):
    for seed in range(100):
        store.remember("run", f"seed={seed}", f"run {seed}", finished=seed % 3 != 0)
    mine = session[store.session_key("run")]
    assert len(mine) == store.MAX_SESSION
    assert list(mine) == [f"seed={s}" for s in range(100 - store.MAX_SESSION, 100)]  # the most recent
    assert session[store.session_key("run") + "_partial"] <= set(mine)  # no flag outlives its result
    assert store.lookup("run", "seed=99") == "run 99"
    assert store.lookup("run", "seed=70") == "run 70"  # evicted here, kept by the server: it finished
    assert store.lookup("run", "seed=69") is None  # evicted, and partial: the server never had it
    assert store.lookup("run", "seed=1") is None  # finished, but past the server's cap too
    assert len(store._server()["results"]) <= store.MAX_STORED


def test_a_partial_run_never_hides_the_servers_finished_one(session):
    store.remember("run", "k", "stopped here", finished=False)
    assert store.lookup("run", "k") == "stopped here"
    server = store._server()
    with server["lock"]:
        server["results"][("run", "k")] = "finished elsewhere"
    assert store.lookup("run", "k") == "finished elsewhere"
    store.remember("run", "k", "finished here", finished=True)
    assert store.lookup("run", "k") == "finished here"
