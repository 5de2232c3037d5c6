"""Seeded training of the generator by teacher forcing, its held-out letter loss and a bigram baseline.

The names are the Names page's split (``rnn_core.names.dataset(DATA_SEED)``): the model learns the training
names, keeps the weights of its best validation epoch, and is judged on the test names it never saw.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from rnn_core.namegen.config import DATA_SEED, LANGUAGES, GenConfig
from rnn_core.namegen.model import END, IGNORE, SYMBOLS, NameGenerator, build, encode, letter_loss
from rnn_core.names import ALPHABET, INDEX, bucket_by_length, dataset

BATCH, LR, CLIP = 64, 3e-3, 5.0  # Adam on batches of similar length; clipping keeps the plain RNN stable
SHIPPED = Path(__file__).resolve().parents[2] / "assets" / "namegen.pt"  # the default model, trained


@dataclass
class GenResult:
    config: GenConfig  # its training fields; the sampling fields are the defaults
    model: NameGenerator  # eval mode, the best validation epoch's weights
    history: dict = field(default_factory=dict)  # per epoch: epoch, train_loss, val_loss (nats per symbol)
    test_loss: float = float("nan")  # nats per symbol on the held-out test names
    bigram_loss: float = float("nan")  # the same for a per-language letter-bigram table (add-½ smoothing)
    elapsed: float = 0.0  # seconds of training (varies by machine; nothing else does)
    stopped: str = "completed"  # completed | stopped


def names_of(split: str) -> tuple[tuple[str, ...], np.ndarray]:
    """The names of a split and their language indices."""
    names, _, y = dataset(DATA_SEED)[split]
    return names, y.numpy()


def train(cfg: GenConfig, progress: Callable[[dict], bool | None] | None = None,
          should_stop: Callable[[], bool] | None = None) -> GenResult:
    """Train ``cfg.training()``. ``progress`` gets {epoch, epochs, train_loss, val_loss, elapsed} after every
    epoch; if it returns True the run stops there, keeping its best epoch so far. ``should_stop`` is asked after
    every batch: True ends the epoch there (it is still validated) and the run with it."""
    cfg = cfg.training()
    model = build(cfg)
    names, langs = names_of("train")
    val_names, val_langs = names_of("val")
    lengths = torch.tensor([len(n) for n in names])
    gen = torch.Generator().manual_seed(cfg.gen_seed)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    history = {"epoch": [], "train_loss": [], "val_loss": []}
    best, best_state, stopped, start = float("inf"), None, "completed", time.perf_counter()
    for epoch in range(1, cfg.gen_epochs + 1):
        model.train()
        order = bucket_by_length(torch.randperm(len(names), generator=gen), lengths, BATCH, gen)
        total = count = 0
        for idx in order.split(BATCH):
            prev, target, lang = encode([names[i] for i in idx], langs[idx.numpy()])
            logits, _ = model(prev, lang)  # (B, T, 58)
            loss = F.cross_entropy(logits.reshape(-1, SYMBOLS), target.reshape(-1), ignore_index=IGNORE)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
            opt.step()
            n = int((target != IGNORE).sum())
            total, count = total + loss.item() * n, count + n
            if should_stop is not None and should_stop():
                stopped = "stopped"
                break
        model.eval()
        val = letter_loss(model, val_names, val_langs)
        if val < best:
            best, best_state = val, {k: v.clone() for k, v in model.state_dict().items()}
        for key, value in zip(history, (epoch, total / count, val), strict=True):
            history[key].append(value)
        report = {"epoch": epoch, "epochs": cfg.gen_epochs, "train_loss": total / count, "val_loss": val,
                  "elapsed": time.perf_counter() - start}
        if progress is not None and progress(report):
            stopped = "stopped"
        if stopped == "stopped":
            break
    model.load_state_dict(best_state)
    model.eval()
    test_names, test_langs = names_of("test")
    return GenResult(cfg, model, history, letter_loss(model, test_names, test_langs), bigram_loss(),
                     time.perf_counter() - start, stopped)


def bigram_loss(alpha: float = 0.5) -> float:
    """Test nats per symbol of a per-language table P(next | previous symbol) counted on the training names:
    what a model with one letter of memory reaches, the floor an RNN must beat."""
    counts = np.full((len(LANGUAGES), SYMBOLS, SYMBOLS), alpha)
    np.add.at(counts, _pairs("train"), 1.0)
    logp = np.log(counts / counts.sum(-1, keepdims=True))
    return float(-logp[_pairs("test")].mean())


def _pairs(split: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(language, symbol, next symbol) of every step of a split's names, start and end included."""
    names, langs = names_of(split)
    rows = []
    for name, k in zip(names, langs, strict=True):
        idx = [END] + [INDEX[c] for c in name] + [END]
        rows += [(k, a, b) for a, b in zip(idx[:-1], idx[1:], strict=True)]
    k, a, b = np.array(rows).T
    return k, a, b


def save(res: GenResult, path: Path = SHIPPED) -> None:
    torch.save({"config": res.config.to_json(), "state": res.model.state_dict(), "history": res.history,
                "test_loss": res.test_loss, "bigram_loss": res.bigram_loss, "elapsed": res.elapsed,
                "stopped": res.stopped, "alphabet": ALPHABET}, path)


def load(path: Path = SHIPPED) -> GenResult:
    blob = torch.load(path, weights_only=True)
    if blob["alphabet"] != ALPHABET:
        raise ValueError(f"{path.name}: trained on another alphabet")
    cfg = GenConfig.from_json(blob["config"])
    model = build(cfg)
    model.load_state_dict(blob["state"])
    model.eval()
    return GenResult(cfg, model, blob["history"], blob["test_loss"], blob["bigram_loss"], blob["elapsed"],
                     blob["stopped"])
