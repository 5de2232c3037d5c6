"""Training slots, shared by every session of the server.

At most ``SIZES["light"]`` default-size trainings and ``SIZES["heavy"]`` large ones run at once; the
others wait in a first-come queue and see their position. Heavy runs (``budget.Estimate.heavy``) have
their own slot, so a class pressing Train on the default run never waits behind them. A waiting
session redraws its position a few times a second: that redraw is where Streamlit delivers a click
(Stop), a closed tab or a lost session, which then leaves the queue at once.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

SIZES = {"light": 2, "heavy": 1}  # concurrent trainings per kind: the machine has 2 cores
POLL_S = 0.25  # how often a waiting session redraws its position


def _libc():
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-8, 2)  # M_ARENA_MAX: few malloc arenas, not one per session thread (glibc)
        return libc
    except (OSError, AttributeError):
        return None


_LIBC = _libc()


def give_back_memory() -> None:
    """Return freed heap pages to the system (glibc keeps them otherwise), so RSS falls after runs."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


class Slots:
    def __init__(self, sizes: dict[str, int] | None = None):
        self.sizes = dict(sizes or SIZES)
        self._cond = threading.Condition()
        self._running = {k: 0 for k in self.sizes}
        self._queue: dict[str, list[object]] = {k: [] for k in self.sizes}

    def acquire(self, kind: str, wait: Callable[[int], None] | None = None, timeout: float | None = None) -> bool:
        """Take a slot of ``kind``; while queued, call ``wait(position)`` every POLL_S (it may raise to
        leave the queue). False if ``timeout`` seconds pass first."""
        ticket, end = object(), None if timeout is None else time.monotonic() + timeout
        with self._cond:
            self._queue[kind].append(ticket)
        try:
            while True:
                with self._cond:
                    q = self._queue[kind]
                    if q[0] is ticket and self._running[kind] < self.sizes[kind]:
                        q.pop(0)
                        self._running[kind] += 1
                        self._cond.notify_all()
                        return True
                    position = q.index(ticket) + 1
                if end is not None and time.monotonic() > end:
                    self._leave(kind, ticket)
                    return False
                if wait is not None:
                    wait(position)
                with self._cond:
                    self._cond.wait(POLL_S)
        except BaseException:
            self._leave(kind, ticket)
            raise

    def _leave(self, kind: str, ticket: object) -> None:
        with self._cond:
            if ticket in self._queue[kind]:
                self._queue[kind].remove(ticket)
                self._cond.notify_all()

    def release(self, kind: str) -> None:
        with self._cond:
            self._running[kind] -= 1
            idle = not any(self._running.values())
            self._cond.notify_all()
        if idle:
            give_back_memory()

    @contextmanager
    def slot(self, kind: str = "light", wait: Callable[[int], None] | None = None):
        self.acquire(kind, wait)
        try:
            yield
        finally:
            self.release(kind)


class _KindSlot:
    """``with TRAIN_SLOTS:`` for code that trains a default-size run without a queue message."""

    def __init__(self, slots: Slots, kind: str):
        self.slots, self.kind = slots, kind

    def __enter__(self):
        self.slots.acquire(self.kind)
        return self

    def __exit__(self, *exc):
        self.slots.release(self.kind)
        return False


SLOTS = Slots()  # one per server process: module state is shared by every session
TRAIN_SLOTS = _KindSlot(SLOTS, "light")
