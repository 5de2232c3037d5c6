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


@pytest.mark.slow
def test_a_hundred_seed_changes_through_the_train_page_keep_its_store_within_the_cap():
    """The page, not the store alone: a cheap run trains by itself on each change, and the session keeps the
    newest MAX_SESSION of them, the last one the run shown."""
    from test_pages import RUNS, open_page

    at = open_page("pages/2_Train.py", cell="rnn", hidden_size="4", epochs="1", patience="0", seq_len="4")
    for seed in range(1, 101):
        at.sidebar.number_input(key="seed").set_value(seed).run()
        assert not at.exception, [e.value for e in at.exception]
    runs = at.session_state[RUNS]
    assert len(runs) == store.MAX_SESSION
    assert [r.config.train.seed for r in runs.values()] == list(range(101 - store.MAX_SESSION, 101))
    assert at.session_state["_ui_last_shown"].config.train.seed == 100
    assert len(store._server()["results"]) <= store.MAX_STORED
