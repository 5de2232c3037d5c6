"""Sampling names letter by letter, and how new each one is.

Each name has its own random stream (``numpy`` seeded by the sample seed and the name's place), so the first
ten names stay the same when twenty are asked for, and a link redraws exactly its names. A draw is the inverse
CDF of one uniform number over the temperature-scaled distribution, in float64.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import torch

from rnn_core.namegen.config import LANGUAGES, GenConfig
from rnn_core.namegen.model import END, NameGenerator
from rnn_core.names import ALPHABET, INDEX, MAX_LEN, load

KINDS = ("new", "train", "held_out")  # a generated name is new, a training name, or a name the model never saw


@dataclass(frozen=True)
class Sample:
    name: str
    probs: np.ndarray  # (len(name) + 1, 58): the distribution sampled from at each step (after temperature)
    chosen: tuple[int, ...]  # the symbol drawn at each step; the last is the end (or the 20th letter)
    log_prob: float  # log-probability of the name under the model at temperature 1
    kind: str  # one of KINDS


def sample_names(model: NameGenerator, cfg: GenConfig) -> list[Sample]:
    """``cfg.gen_count`` names in ``cfg.gen_lang``, each from its own seeded stream."""
    lang = LANGUAGES.index(cfg.gen_lang)
    first = None if cfg.gen_first == "any" else INDEX[cfg.gen_first]
    return [_one(model, lang, first, cfg.gen_temp, np.random.default_rng([cfg.gen_sample, i]))
            for i in range(cfg.gen_count)]


@torch.no_grad()
def _one(model: NameGenerator, lang: int, first: int | None, temp: float, rng: np.random.Generator) -> Sample:
    prev, state, rows, chosen, logp = END, None, [], [], 0.0
    lang_t = torch.tensor([lang])
    for step in range(MAX_LEN + 1):
        logits, state = model(torch.tensor([[prev]]), lang_t, state)
        logits = logits[0, -1].double()
        if step == 0:
            logits[END] = -torch.inf  # a name has at least one letter
        p = torch.softmax(logits / temp, -1).numpy()
        rows.append(p)
        if step == MAX_LEN:
            symbol = END  # the longest name in the data: stop there
        elif step == 0 and first is not None:
            symbol = first
        else:
            symbol = min(int(np.searchsorted(np.cumsum(p), rng.random() * p.sum(), side="right")), len(p) - 1)
        logp += float(torch.log_softmax(logits, -1)[symbol])
        chosen.append(symbol)
        if symbol == END:
            break
        prev = symbol
    name = "".join(ALPHABET[s] for s in chosen if s != END)
    return Sample(name, np.stack(rows), tuple(chosen), logp, kind_of(name))


def kind_of(name: str) -> str:
    """new | train (a training name in any language) | held_out (a validation or test name only)."""
    key = name.casefold()
    if key in _known("train"):
        return "train"
    return "held_out" if key in _known("all") else "new"


@lru_cache(maxsize=2)
def _known(which: str) -> frozenset[str]:
    from rnn_core.namegen.train import names_of

    if which == "train":
        return frozenset(n.casefold() for n in names_of("train")[0])
    return frozenset(n.casefold() for group in load()[1] for n in group)


def novelty(samples: list[Sample]) -> dict[str, int]:
    """How many of ``samples`` are of each kind."""
    return {k: sum(s.kind == k for s in samples) for k in KINDS}
