"""Encoder–decoder with optional attention (Luong et al. 2015, "general" score).

The encoder reads the text (embedded symbols) and gives every step's state; the decoder starts from the
encoder's state at the text's last symbol and writes the ten ISO symbols one by one, reading the previous one
(the true one under teacher forcing, else its own). With attention, every decoder step scores all encoder
states against its own state, takes their softmax-weighted mean (the context) and reads out from both; without,
that last encoder state is all the decoder knows of the text: a fixed-size bottleneck.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from rnn_core.dates.data import INDEX, OUT, OUT_LEN, PAD, clean
from rnn_core.engine.models import RNG_LOCK

EMBED = 16
MODULES = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}
CELLS = {"rnn": nn.RNNCell, "gru": nn.GRUCell, "lstm": nn.LSTMCell}
START = len(OUT)  # the decoder's first input


class Translator(nn.Module):
    def __init__(self, cell: str, hidden_size: int, attention: bool):
        super().__init__()
        self.cell, self.attention = cell, attention
        self.embed_in = nn.Embedding(len(INDEX) + 1, EMBED, padding_idx=PAD)
        self.encoder = MODULES[cell](EMBED, hidden_size, batch_first=True)
        self.embed_out = nn.Embedding(len(OUT) + 1, EMBED)
        self.decoder = CELLS[cell](EMBED, hidden_size)
        self.score = nn.Linear(hidden_size, hidden_size, bias=False) if attention else None
        self.mix = nn.Linear(hidden_size * (2 if attention else 1), hidden_size)
        self.head = nn.Linear(hidden_size, len(OUT))

    def encode(self, x: torch.Tensor):
        """x (B, T) symbol indices, end-padded -> every step's state (B, T, H), the state at each text's end."""
        out, _ = self.encoder(self.embed_in(x))  # (B, T, H)
        last = (x != PAD).sum(1).clamp_min(1) - 1  # (B,)
        end = out[torch.arange(len(x)), last]  # (B, H): padding after the end never reaches the decoder
        return out, end

    def forward(self, x: torch.Tensor, target: torch.Tensor | None = None, teacher: bool = False):
        """Logits (B, 10, 11) and attention weights (B, 10, T) (zeros without attention). ``target`` (B, 10)
        is read back under ``teacher`` forcing; otherwise each step reads the previous step's argmax."""
        enc, h = self.encode(x)
        state = (h, torch.zeros_like(h)) if self.cell == "lstm" else h
        mask = x == PAD  # (B, T)
        prev = torch.full((len(x),), START, dtype=torch.long)
        logits, weights = [], []
        for t in range(OUT_LEN):
            state = self.decoder(self.embed_out(prev), state)
            s = state[0] if self.cell == "lstm" else state  # (B, H)
            if self.attention:
                scores = torch.bmm(enc, self.score(s).unsqueeze(2)).squeeze(2).masked_fill(mask, -torch.inf)
                a = torch.softmax(scores, -1)  # (B, T)
                feats = torch.cat([s, torch.bmm(a.unsqueeze(1), enc).squeeze(1)], -1)  # (B, 2H): state, context
            else:
                a, feats = torch.zeros_like(mask, dtype=s.dtype), s
            step = self.head(torch.tanh(self.mix(feats)))  # (B, 11)
            logits.append(step)
            weights.append(a)
            prev = target[:, t] if teacher and target is not None else step.argmax(-1)
        return torch.stack(logits, 1), torch.stack(weights, 1)


def build(cell: str, hidden_size: int, attention: bool, seed: int) -> Translator:
    """Seeded construction; with and without attention start from the same encoder and decoder weights."""
    with RNG_LOCK, torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = Translator(cell, hidden_size, attention)
    return model


def encode_texts(texts) -> torch.Tensor:
    """Cleaned texts as an end-padded (N, T) index batch (T the longest, at least 1)."""
    rows = [[INDEX[c] for c in clean(t)] for t in texts]
    x = torch.full((len(rows), max([len(r) for r in rows] + [1])), PAD, dtype=torch.long)
    for i, r in enumerate(rows):
        x[i, :len(r)] = torch.tensor(r, dtype=torch.long)
    return x


def encode_iso(isos) -> torch.Tensor:
    return torch.tensor([[OUT.index(c) for c in s] for s in isos], dtype=torch.long)


def decode(logits: torch.Tensor) -> list[str]:
    return ["".join(OUT[i] for i in row) for row in logits.argmax(-1).tolist()]


def loss_of(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return F.cross_entropy(logits.reshape(-1, len(OUT)), target.reshape(-1))
