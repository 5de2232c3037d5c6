"""The run store: results kept under their settings, by kind (``run``, ``compare``, ``sweep``, ``seeds``).

A finished result is a pure function of its settings, so it is kept server-wide: a share link opened in
any session shows the identical result at once. The server keeps at most ``MAX_STORED`` results and
``MAX_STORED_BYTES`` together; the least recently used go first. Stored results are read-only: nothing
trains or mutates one. Every result, partial ones too (stopped, out of time), is also kept in its own
session, at most ``MAX_SESSION`` per kind (the least recently used go first), which sees its own first,
unless its own is partial and the server has the finished one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import streamlit as st

from rnn_core.limits import budget

MAX_STORED = 48  # results kept per server; the least recently used go first
MAX_STORED_BYTES = 150e6  # and their bytes together (weights, data, snapshots), so memory comes back down
MAX_SESSION = 16  # results of one kind a session keeps; the rest are the server's (finished) or gone


@st.cache_resource
def _server() -> dict:
    budget.set_server_threads()  # once per server, before any run: runs never change torch's thread count
    return {"lock": threading.Lock(), "results": OrderedDict(), "bytes": {}}


def session_key(kind: str) -> str:
    """The session-state key holding this session's results of ``kind``: ``{key: result}``."""
    return f"_store_{kind}"


def _partial(kind: str) -> set:
    return st.session_state.setdefault(f"{session_key(kind)}_partial", set())


def lookup(kind: str, key: str):
    """This session's finished result of ``kind`` under ``key`` if any, else the server's finished one, else
    this session's partial one, else None."""
    mine = st.session_state.get(session_key(kind), {}).get(key)
    if mine is not None and key not in _partial(kind):
        return mine
    server = _server()
    with server["lock"]:
        res = server["results"].get((kind, key))
        if res is not None:
            server["results"].move_to_end((kind, key))
    return res if res is not None else mine


def remember(kind: str, key: str, res, finished: bool, nbytes: int = 0) -> None:
    """Keep ``res`` in this session; a ``finished`` one (a pure function of its settings) server-wide too.

    ``nbytes``: what it holds in memory, counted against ``MAX_STORED_BYTES``."""
    mine, partial = st.session_state.setdefault(session_key(kind), {}), _partial(kind)
    mine.pop(key, None)
    mine[key] = res  # the most recent last
    if finished:
        partial.discard(key)
    else:
        partial.add(key)
    while len(mine) > MAX_SESSION:
        oldest = next(iter(mine))
        del mine[oldest]
        partial.discard(oldest)
    if not finished:
        return
    server = _server()
    with server["lock"]:
        results, sizes = server["results"], server["bytes"]
        results[(kind, key)] = res
        results.move_to_end((kind, key))
        sizes[(kind, key)] = nbytes
        while len(results) > 1 and (len(results) > MAX_STORED or sum(sizes.values()) > MAX_STORED_BYTES):
            old, _ = results.popitem(last=False)
            sizes.pop(old, None)
