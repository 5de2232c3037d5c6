"""Surnames and their languages: a character-level, many-to-one classification task.

The data are the 20,074 surnames in 18 languages of PyTorch's "classifying names with a
character-level RNN" tutorial (``assets/names/<Language>.txt``). Letters are folded to ASCII as
that tutorial does: Unicode NFD, drop combining marks, keep the 57 symbols of ``ALPHABET`` (its
``string.ascii_letters + " .,;'"``; a hyphen, as in 'Au-Yong', is dropped as there).
A name becomes a (T, 57) one-hot matrix; a batch is padded at the end with all-zero rows, and the
model reads each name at its own last letter, so padding never reaches a prediction.
"""

from __future__ import annotations

import string
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "names"
ALPHABET = string.ascii_letters + " .,;'"  # 57 symbols, the tutorial's all_letters
INDEX = {c: i for i, c in enumerate(ALPHABET)}
MAX_LEN = 20  # the longest folded surname in the data; typed names are cut to this length
SPLIT = (0.8, 0.1, 0.1)  # train / validation / test, within every language


def fold(text: str) -> str:
    """ASCII letters of ``text``: 'Ślusàrski' -> 'Slusarski'; symbols outside ALPHABET are dropped."""
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn" and c in INDEX)


@lru_cache(maxsize=1)
def load() -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """(languages in alphabetical order, the folded names of each language in file order)."""
    files = sorted(ASSETS.glob("*.txt"))
    if not files:
        raise ValueError(f"no name files in {ASSETS}")
    langs, names = [], []
    for f in files:
        folded = (fold(line) for line in f.read_text(encoding="utf-8").splitlines())
        langs.append(f.stem)
        names.append(tuple(n for n in folded if n))
    return tuple(langs), tuple(names)


def encode(names: list[str] | tuple[str, ...], max_len: int | None = None) -> torch.Tensor:
    """One-hot, end-padded batch: (N, T, 57) float32 with T the longest name (or ``max_len``)."""
    T = max_len or max((len(n) for n in names), default=1)
    x = np.zeros((len(names), max(T, 1), len(ALPHABET)), dtype=np.float32)
    for i, name in enumerate(names):
        idx = [INDEX[c] for c in name[:T]]
        x[i, np.arange(len(idx)), idx] = 1.0
    return torch.from_numpy(x)


def split_indices(y: np.ndarray, keys: list[str], seed: int) -> dict[str, np.ndarray]:
    """Split by name, stratified by language: every line of a case-folded name (all its languages)
    lands on one side, so no test name occurs in training.

    A name belongs to the rarest of its languages (Scottish names are nearly all English names too,
    and would vanish into English otherwise); each language's names are shuffled by ``seed`` and cut
    where the lines reach 10 % (test) and 10 % more (validation), at least one name each, so rare
    languages appear in every split."""
    rng = np.random.default_rng(seed)
    uniq, group = np.unique(np.asarray(keys, dtype=object), return_inverse=True)
    rows = _rows(group, len(uniq))
    total = np.bincount(y)
    home = np.array([min(np.unique(y[r]), key=lambda c: total[c]) for r in rows])
    parts = {"train": [], "val": [], "test": []}
    for c in np.unique(home):
        order = rng.permutation(np.flatnonzero(home == c))
        sizes = np.cumsum([len(rows[g]) for g in order])
        n_test = _cut(sizes, SPLIT[2] * sizes[-1], 0)
        n_val = _cut(sizes, sizes[n_test - 1] + SPLIT[1] * sizes[-1], n_test) - n_test
        for split, gs in (("test", order[:n_test]), ("val", order[n_test:n_test + n_val]),
                          ("train", order[n_test + n_val:])):
            parts[split] += [rows[g] for g in gs]
    # shuffle across languages too, so the first rows of a split are a fair sample
    return {k: rng.permutation(np.concatenate(v) if v else np.zeros(0, np.int64)) for k, v in parts.items()}


def _rows(group: np.ndarray, n: int) -> list[np.ndarray]:
    """Row indices of each of ``n`` groups, in one sort instead of ``n`` scans."""
    order = np.argsort(group, kind="stable")
    return np.split(order, np.cumsum(np.bincount(group, minlength=n))[:-1])


def _cut(sizes: np.ndarray, target: float, low: int) -> int:
    """How many groups (more than ``low``, at most all) bring the cumulative line count closest to target."""
    k = int(np.argmin(np.abs(sizes[low:] - target))) + low + 1
    return min(k, len(sizes))


def accepted_labels(y: np.ndarray, keys: list[str], n_classes: int) -> np.ndarray:
    """(N, classes) bool: the languages each line's case-folded name carries anywhere in the data.

    A name listed under several languages (475 of 17,422) is scored right on any of them: the
    letters alone cannot tell which of its lines a test line is."""
    uniq, group = np.unique(np.asarray(keys, dtype=object), return_inverse=True)
    langs = np.zeros((len(uniq), n_classes), dtype=bool)
    langs[group, y] = True
    return langs[group]


@lru_cache(maxsize=8)
def dataset(seed: int) -> dict:
    """Names, labels and one-hot tensors of every split: {"languages", split: (names, x, y),
    "accepted": {split: (N, classes) bool tensor of the languages that count as right}}."""
    langs, per_lang = load()
    names = [n for group in per_lang for n in group]
    keys = [n.casefold() for n in names]
    y = np.concatenate([np.full(len(g), k) for k, g in enumerate(per_lang)]).astype(np.int64)
    ok = accepted_labels(y, keys, len(langs))
    out: dict = {"languages": langs, "accepted": {}}
    for split, idx in split_indices(y, keys, seed).items():
        chosen = [names[i] for i in idx]
        out[split] = (tuple(chosen), encode(chosen, MAX_LEN), torch.from_numpy(y[idx]))
        out["accepted"][split] = torch.from_numpy(ok[idx])
    return out


def class_weights(y: torch.Tensor, n_classes: int, kind: str) -> torch.Tensor | None:
    """Loss weights per class from the training labels: ``fourth_root`` ∝ frequency^-¼, ``sqrt`` ∝
    1/√frequency, ``inverse`` ∝ 1/frequency (every language counts the same), normalised to a mean
    of 1 per training name."""
    if kind == "none":
        return None
    count = torch.bincount(y, minlength=n_classes).double().clamp_min(1.0)
    w = count ** -{"fourth_root": 0.25, "sqrt": 0.5, "inverse": 1.0}[kind]
    w = w * len(y) / (w * count).sum()
    return w.float()


@torch.no_grad()
def per_letter(model, name: str) -> np.ndarray:
    """Class probabilities after each letter of ``name``: (T, classes). Row t is the prediction the
    model makes if the name ended at letter t (the readout on every prefix, one forward pass)."""
    x = encode([name])  # (1, T, 57)
    model.eval()
    if model.cfg.directions == 2:  # the backward pass of each prefix starts at its own last letter
        return torch.cat([model(x[:, :t]) for t in range(1, x.shape[1] + 1)]).exp().double().numpy()
    out, _ = model.rnn(x)  # (1, T, H)
    logits = model.head(model.features(x, out))  # (1, T, classes)
    return torch.softmax(logits[0], -1).double().numpy()


@torch.no_grad()
def predict(model, x: torch.Tensor, batch: int = 4096) -> np.ndarray:
    """Class probabilities of padded names (N, T, 57) -> (N, classes), read at each name's last letter."""
    model.eval()
    outs = [model(x[i:i + batch]).exp() for i in range(0, len(x), batch)]
    return torch.cat(outs).double().numpy()


def report(model, data, split: str = "test") -> dict:
    """Accuracy, balanced accuracy, the confusion matrix and the misclassified names of one split.

    A line whose name carries several languages is right when the model answers any of them: it counts
    as recognised in its own language's recall; the confusion matrix shows the raw answers (rows: the
    line's own language), so a Scottish line answered "English" for an English-and-Scottish name sits
    off the diagonal although it is right."""
    x, y = getattr(data, f"x_{split}"), getattr(data, f"y_{split}").numpy()
    prob = predict(model, x)
    pred = prob.argmax(1)
    right = data.hits(split, pred)  # a name of several languages is right on any of them
    K = len(data.class_names)
    conf = np.zeros((K, K), dtype=np.int64)  # rows: the line's language, columns: predicted
    np.add.at(conf, (y, pred), 1)
    support = conf.sum(1)
    recall = np.divide(np.bincount(y[right], minlength=K), support, out=np.full(K, np.nan), where=support > 0)
    wrong = np.flatnonzero(~right)
    train_counts = np.bincount(data.y_train.numpy(), minlength=K)
    return {
        "accuracy": float(right.mean()),
        "balanced_accuracy": float(np.nanmean(recall)),
        "majority_accuracy": float((y == train_counts.argmax()).mean()),
        "confusion": conf,
        "recall": recall,  # per language: the share of its names recognised
        "frequency": train_counts / train_counts.sum(),  # per language: share of the training names
        "wrong": [(int(i), int(y[i]), int(pred[i]), float(prob[i, pred[i]])) for i in wrong],
    }


def bucket_by_length(order: torch.Tensor, lengths: torch.Tensor, batch_size: int, gen: torch.Generator,
                     chunk: int = 4) -> torch.Tensor:
    """Reorder a shuffled index so that each batch holds names of similar length, in random batch order.

    Within every run of ``chunk`` batches the names are sorted by length, so a batch pads only to
    its own longest name: fewer padded steps per epoch than random batches padded to theirs.
    """
    span = batch_size * chunk  # a multiple of batch_size: batches never straddle two runs
    ordered = torch.cat([c[torch.argsort(lengths[c], stable=True)] for c in order.split(span)])
    batches = ordered.split(batch_size)
    return torch.cat([batches[i] for i in torch.randperm(len(batches), generator=gen)])
