"""A progress bar for the small trainers of the language examples (generator, translator): they train through
``ui.runs.live.live`` like the playground's runs, report after every epoch (``show``) and ask after every batch
whether to stop; the script thread redraws the bar, which is where a click or a closed tab arrives."""

from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st

from ui.runs.live import T, live


class TickBar:
    def __init__(self, text: str):
        self.shown = [0.0, text]  # the bar's value and words, redrawn by every tick
        self.bar = st.progress(*self.shown)
        self.lock = threading.Lock()
        self.interrupted: list[BaseException] = []

    def show(self, value: float, text: str) -> None:
        """From the trainer's thread: the value and words the next redraw shows (a Stop reaches the trainer
        through its ``stopping``, not through this report)."""
        with self.lock:
            self.shown[:] = [value, text]

    def run(self, work: Callable[[Callable[[], bool]], T], queued: Callable[[int], str]) -> T:
        """``work(stopping)`` in a light training slot, ``queued(position)`` the words while it waits."""
        def draw():
            with self.lock:
                value, text = self.shown
            self.bar.progress(value, text=text)

        out, self.interrupted = live(lambda stopping, _workers: work(stopping), draw, "light",
                                     lambda k: self.bar.progress(0.0, text=queued(k)))
        return out

    def done(self) -> None:
        """After the caller has stored what was trained: re-raise a click's rerun, else clear the bar."""
        if self.interrupted:
            raise self.interrupted[0]
        self.bar.empty()


def trained_or_button(found, t, note: str, label: str, key: str, train):
    """``found`` if a model is there; else a note and a Train button, whose press returns ``train()``; else stop
    the page (nothing to draw yet)."""
    if found is None:
        st.info(note, icon=":material/info:")
        if st.button(label, type="primary", icon=":material/play_arrow:", key=key):
            found = train()
        if found is None:
            st.stop()
    return found
