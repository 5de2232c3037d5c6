"""The translator's settings. Field names carry the ``dt_`` prefix so they never clash with another config's in
a URL; every field but ``dt_text`` makes another pair of models (with and without attention)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rnn_core.config import _choice, _Config, _range

DT_CELLS = ("rnn", "gru", "lstm")


@dataclass(frozen=True)
class DateConfig(_Config):
    dt_cell: str = field(default="gru", metadata=_choice(*DT_CELLS))  # the encoder's and the decoder's cell
    dt_hidden: int = field(default=32, metadata={"range": (8, 128), "options": (8, 16, 32, 64, 128)})  # units
    dt_epochs: int = field(default=4, metadata=_range(1, 30))  # passes over the 20,000 training dates
    dt_teacher: str = field(default="on", metadata=_choice("on", "off"))  # decoder reads the true previous symbol
    dt_seed: int = field(default=0, metadata=_range(0, 10_000))  # initial weights and batch order
    dt_text: str = "7 December 2026"  # the date the page translates (not part of training)

    def _check(self):
        if len(self.dt_text) > 200:
            raise ValueError("dt_text: at most 200 characters")

    def training(self) -> DateConfig:
        """This config with the text at its default: one key per trained pair."""
        return self.replace(dt_text=DateConfig().dt_text)
