"""Seeded training of the translator, with and without attention, and its exact-match accuracy by input length.

A translation is right only if all ten ISO symbols are; the decoder is judged free-running (its own previous
symbol at each step), as a user's date is translated, whatever it was trained with.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from rnn_core.dates.config import DateConfig
from rnn_core.dates.data import clean, split
from rnn_core.dates.model import Translator, build, decode, encode_iso, encode_texts, loss_of

BATCH, LR, CLIP = 64, 1e-2, 1.0
LENGTHS = (10, 15, 20, 25, 41)  # upper bounds (exclusive) of the input-length bands the accuracy is given by
SHIPPED = Path(__file__).resolve().parents[2] / "assets" / "dates.pt"  # the default pair, trained
SHIPPED_FREE = SHIPPED.with_name("dates_free.pt")  # the default pair trained without teacher forcing


def shipped_file(cfg: DateConfig) -> Path | None:
    """Where the pair that ``cfg`` trains ships: the default with teacher forcing on or off; else None."""
    for teacher, path in (("on", SHIPPED), ("off", SHIPPED_FREE)):
        if cfg.training() == DateConfig(dt_teacher=teacher).training():
            return path
    return None


@dataclass
class DateResult:
    config: DateConfig  # its training fields
    attention: bool
    model: Translator  # eval mode, the best validation epoch's weights
    history: dict = field(default_factory=dict)  # per epoch: epoch, train_loss, val_exact
    exact: float = float("nan")  # test exact-match accuracy
    by_length: dict = field(default_factory=dict)  # band label "a–b" -> (accuracy, count) on the test dates
    by_format: dict = field(default_factory=dict)  # format name -> accuracy on the test dates
    elapsed: float = 0.0
    stopped: str = "completed"  # completed | stopped


def translate(model: Translator, texts) -> tuple[list[str], np.ndarray]:
    """ISO strings and attention weights (N, 10, T) of ``texts`` (free-running decoder)."""
    model.eval()
    with torch.no_grad():
        logits, weights = model(encode_texts(texts))
    return decode(logits), weights.double().numpy()


def exact_match(model: Translator, texts, isos, batch: int = 1000) -> np.ndarray:
    """Per text: was every symbol right?"""
    got = [s for i in range(0, len(texts), batch) for s in translate(model, texts[i:i + batch])[0]]
    return np.array([a == b for a, b in zip(got, isos, strict=True)])


BANDS = tuple(f"{a}–{b - 1}" for a, b in zip((1, *LENGTHS[:-1]), LENGTHS, strict=True))  # "1–9", … "25–40"


def bands(texts) -> list[str]:
    """The input-length band of each text (its length as the model reads it)."""
    return [BANDS[int(np.searchsorted(LENGTHS, len(clean(t)), side="right"))] for t in texts]


def train(cfg: DateConfig, attention: bool, progress: Callable[[dict], bool | None] | None = None,
          should_stop: Callable[[], bool] | None = None) -> DateResult:
    """Train one model of ``cfg``; ``progress`` after every epoch (True stops), ``should_stop`` after every batch."""
    cfg = cfg.training()
    model = build(cfg.dt_cell, cfg.dt_hidden, attention, cfg.dt_seed)
    texts, isos, _ = split("train")
    x, y = encode_texts(texts), encode_iso(isos)
    val_texts, val_isos, _ = split("val")
    gen = torch.Generator().manual_seed(cfg.dt_seed)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    history = {"epoch": [], "train_loss": [], "val_exact": []}
    best, best_state, stopped, start = -1.0, None, "completed", time.perf_counter()
    for epoch in range(1, cfg.dt_epochs + 1):
        model.train()
        total = n = 0
        for idx in torch.randperm(len(x), generator=gen).split(BATCH):
            xb = x[idx][:, :int((x[idx] != 0).sum(1).max())]  # this batch's longest text
            logits, _ = model(xb, y[idx], teacher=cfg.dt_teacher == "on")
            loss = loss_of(logits, y[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
            opt.step()
            total, n = total + loss.item() * len(idx), n + len(idx)
            if should_stop is not None and should_stop():
                stopped = "stopped"
                break
        val = float(exact_match(model, val_texts, val_isos).mean())
        if val > best:
            best, best_state = val, {k: v.clone() for k, v in model.state_dict().items()}
        for key, value in zip(history, (epoch, total / n, val), strict=True):
            history[key].append(value)
        report = {"epoch": epoch, "epochs": cfg.dt_epochs, "train_loss": total / n, "val_exact": val,
                  "elapsed": time.perf_counter() - start}
        if (progress is not None and progress(report)) or stopped == "stopped":
            stopped = "stopped"
            break
    model.load_state_dict(best_state)
    model.eval()
    return _judged(DateResult(cfg, attention, model, history, elapsed=time.perf_counter() - start, stopped=stopped))


def _judged(res: DateResult) -> DateResult:
    texts, isos, fmts = split("test")
    right = exact_match(res.model, texts, isos)
    res.exact = float(right.mean())
    band = np.array(bands(texts))
    res.by_length = {b: (float(right[band == b].mean()), int((band == b).sum())) for b in BANDS if (band == b).any()}
    fmts = np.array(fmts)
    res.by_format = {f: float(right[fmts == f].mean()) for f in dict.fromkeys(fmts.tolist())}
    return res


def save_pair(pair: tuple[DateResult, DateResult], path: Path = SHIPPED) -> None:
    torch.save([{"config": r.config.to_json(), "attention": r.attention, "state": r.model.state_dict(),
                 "history": r.history, "elapsed": r.elapsed, "stopped": r.stopped} for r in pair], path)


def load_pair(path: Path = SHIPPED) -> tuple[DateResult, ...]:
    out = []
    for blob in torch.load(path, weights_only=True):
        cfg = DateConfig.from_json(blob["config"])
        model = build(cfg.dt_cell, cfg.dt_hidden, blob["attention"], cfg.dt_seed)
        model.load_state_dict(blob["state"])
        model.eval()
        out.append(_judged(DateResult(cfg, blob["attention"], model, blob["history"], elapsed=blob["elapsed"],
                                      stopped=blob["stopped"])))
    return tuple(out)
