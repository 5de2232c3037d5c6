"""The generator network and its encoding of names.

Symbols: the 57 of ``rnn_core.names.ALPHABET``; index 57 is the start on the input side and the end on the
output side. Input at step t: one-hot of the previous symbol (the start at t = 0) beside a one-hot of the
language, as in the tutorial (``category + input``); output: logits of the next symbol or the end.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from rnn_core.engine.models import RNG_LOCK
from rnn_core.namegen.config import LANGUAGES, GenConfig
from rnn_core.names import ALPHABET, INDEX

END = len(ALPHABET)  # 57: the end of a name (output), the start (input)
SYMBOLS = len(ALPHABET) + 1
IGNORE = -100  # target of a padded step
MODULES = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


class NameGenerator(nn.Module):
    def __init__(self, cell: str, hidden_size: int):
        super().__init__()
        self.cell = cell
        self.rnn = MODULES[cell](SYMBOLS + len(LANGUAGES), hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, SYMBOLS)

    def forward(self, prev: torch.Tensor, lang: torch.Tensor, state=None):
        """prev (B, T) symbol indices, lang (B,) language indices -> logits (B, T, 58), state."""
        B, T = prev.shape
        x = torch.cat([F.one_hot(prev, SYMBOLS), F.one_hot(lang, len(LANGUAGES))[:, None].expand(B, T, -1)], -1)
        out, state = self.rnn(x.float(), state)  # (B, T, H)
        return self.head(out), state


def build(cfg: GenConfig) -> NameGenerator:
    """Seeded construction: the same config gives the same initial weights whatever runs beside it."""
    with RNG_LOCK, torch.random.fork_rng(devices=[]):
        torch.manual_seed(cfg.gen_seed)
        return NameGenerator(cfg.gen_cell, cfg.gen_hidden)


def encode(names, langs) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Teacher-forcing batch: inputs (N, T+1) = start, letters; targets (N, T+1) = letters, end, padding
    ``IGNORE``; languages (N,). T is the longest name."""
    T = max(len(n) for n in names) + 1
    prev = torch.full((len(names), T), END, dtype=torch.long)
    target = torch.full((len(names), T), IGNORE, dtype=torch.long)
    for i, name in enumerate(names):
        idx = [INDEX[c] for c in name]
        prev[i, 1:len(idx) + 1] = torch.tensor(idx, dtype=torch.long)
        target[i, :len(idx) + 1] = torch.tensor(idx + [END], dtype=torch.long)
    return prev, target, torch.as_tensor(langs, dtype=torch.long)


def letter_loss(model: NameGenerator, names, langs, batch: int = 2048) -> float:
    """Mean cross-entropy per symbol (every letter and the end), in nats, of ``names`` under ``model``."""
    total, count = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(names), batch):
            prev, target, lang = encode(names[i:i + batch], langs[i:i + batch])
            logits, _ = model(prev, lang)
            total += F.cross_entropy(logits.reshape(-1, SYMBOLS), target.reshape(-1), ignore_index=IGNORE,
                                     reduction="sum").item()
            count += int((target != IGNORE).sum())
    return total / count
