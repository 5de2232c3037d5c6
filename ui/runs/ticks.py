"""A progress bar for the small trainers of the language examples (generator, translator): they report after
every epoch and ask after every batch whether to stop, and this bar turns both into redraws, where a click or a
closed tab arrives (as ``ui.runs.live`` does for the playground's runs)."""

from __future__ import annotations

import time

import streamlit as st

from ui.runs.live import TICK_S, guarded


class TickBar:
    def __init__(self, text: str):
        self.shown = [0.0, text]  # the bar's value and words, redrawn by every tick
        self.bar = st.progress(*self.shown)
        self.interrupted: list[BaseException] = []
        self.last = 0.0

    def show(self, value: float, text: str) -> bool:
        """Redraw with new value and words; True if a click asked for a rerun (the trainer should stop)."""
        self.shown[:] = [value, text]
        return self._redraw()

    def should_stop(self) -> bool:
        """Per batch: redraw at most every ``TICK_S``; True once a click has asked for a rerun."""
        return bool(self.interrupted) or (time.perf_counter() - self.last >= TICK_S and self._redraw())

    def _redraw(self) -> bool:
        self.last = time.perf_counter()
        return guarded(self.interrupted, lambda: self.bar.progress(self.shown[0], text=self.shown[1])) is False

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
