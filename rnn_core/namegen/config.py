"""The generator's settings: what is trained (``gen_cell`` … ``gen_seed``) and what is sampled from it.

Field names carry the ``gen_`` prefix so they never clash with another config's in a URL. Changing a sampling
field (language, first letter, temperature, count, sample seed) redraws from the trained model; changing a
training field trains another model.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field, fields
from pathlib import Path

from rnn_core.config import _choice, _Config, _range

# the 18 languages of the surname files (rnn_core.names reads them; this module stays free of torch, so any page
# can parse a link without loading the engine)
LANGUAGES = tuple(sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "assets" / "names").glob("*.txt")))
FIRST = ("any", *string.ascii_uppercase)  # a first letter the name must start with, or the model's own
GEN_CELLS = ("rnn", "lstm", "gru")  # fused torch cells: the tutorial's generator is a plain RNN
TRAIN_FIELDS = ("gen_cell", "gen_hidden", "gen_epochs", "gen_seed")  # the fields that make another model


@dataclass(frozen=True)
class GenConfig(_Config):
    gen_cell: str = field(default="gru", metadata=_choice(*GEN_CELLS))  # the recurrent cell
    gen_hidden: int = field(default=128, metadata={"range": (16, 256), "options": (16, 32, 64, 128, 256)})  # units
    gen_epochs: int = field(default=8, metadata=_range(1, 40))  # passes over the training names
    gen_seed: int = field(default=0, metadata=_range(0, 10_000))  # initial weights and batch order
    gen_lang: str = field(default="Russian", metadata=_choice(*LANGUAGES))  # the language the names are drawn in
    gen_first: str = field(default="any", metadata=_choice(*FIRST))  # a forced first letter, or any
    gen_temp: float = field(default=0.8, metadata=_range(0.1, 2.0, step=0.1))  # softmax temperature of sampling
    gen_count: int = field(default=10, metadata=_range(1, 50))  # names drawn at once
    gen_sample: int = field(default=0, metadata=_range(0, 10_000))  # seed of the draws: a link redraws them

    def training(self) -> GenConfig:
        """This config with the sampling fields at their defaults: one key per trained model."""
        base = GenConfig()
        return self.replace(**{f.name: getattr(base, f.name) for f in fields(self) if f.name not in TRAIN_FIELDS})


DATA_SEED = 0  # the names' train/validation/test split: the Names page's default run uses the same
