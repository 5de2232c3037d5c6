"""Turn a DataConfig into train/validation/test tensors for one task.

Series tasks (forecast, multistep) keep what metrics need in original units: the raw series,
the fitted invertible transform and the split points. Sample tasks (classify, denoise, lag
tasks) generate independent sequences and split them 80/10/10.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import torch

from rnn_core.config import DataConfig
from rnn_core.data import series as series_mod
from rnn_core.data import tasks
from rnn_core.data.transforms import Pipeline, target_positions, windows
from rnn_core.errors import UserError


@dataclass
class SeriesData:
    """A univariate series and how the forecasting task sees it."""

    values: np.ndarray  # (n,) original units
    index: pd.Index  # dates (airline, dated CSV) or step numbers
    name: str
    pipeline: Pipeline  # fitted on the training part only
    z: np.ndarray  # (n - offset,) transformed and scaled; z[i] belongs to values[i + offset]
    n_train: int  # points before validation
    n_val: int
    n_test: int  # the holdout: the last n_test points
    season: int

    @property
    def origin(self) -> int:
        """Index of the first test point: forecasts start here."""
        return len(self.values) - self.n_test


@dataclass
class Prepared:
    """Tensors for one task plus what the model and metrics need to know about it."""

    task: str
    x_train: torch.Tensor  # (N, T, input_size) float32
    y_train: torch.Tensor  # (N, out) | (N, T, 1) | (N,) int64 for classification
    x_val: torch.Tensor
    y_val: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor
    input_size: int
    output_size: int
    output_mode: str  # last | all | generate | last_valid
    loss: str  # mse | nll
    horizon: int = 1
    class_names: tuple[str, ...] = ()
    series: SeriesData | None = None
    # classification with several right answers (a surname listed under two languages): per split,
    # an (N, classes) bool tensor of the labels that count as right; absent -> only y itself
    accepted: dict[str, torch.Tensor] = field(default_factory=dict)

    def hits(self, split: str, pred) -> np.ndarray:
        """(N,) bool: whether each predicted class counts as right, i.e. is one of the row's accepted
        labels (its own label where the split has none)."""
        y = getattr(self, f"y_{split}").cpu().numpy()
        pred = np.asarray(pred)
        ok = self.accepted.get(split)
        if ok is None or len(ok) != len(y):
            return pred == y
        return ok.numpy()[np.arange(len(y)), pred]

    def trivial_loss(self, split: str = "val") -> float:
        """Validation loss of the best constant answer learnt from the training targets."""
        y_tr, y = self.y_train, getattr(self, f"y_{split}")
        if self.loss == "nll":
            p = torch.bincount(y_tr, minlength=self.output_size).double() / len(y_tr)
            return float(-torch.log(p[y].clamp_min(1e-12)).mean())
        return float(((y - y_tr.mean()) ** 2).mean())

    def trivial_name(self) -> str:
        return "majority class" if self.loss == "nll" else "mean of training targets"


def load_series(cfg: DataConfig, upload: pd.Series | None = None) -> tuple[pd.Series, int]:
    """The raw series of a forecasting config and its season length."""
    if cfg.dataset == "air_passengers":
        return series_mod.load_air_passengers(), 12
    season = max(2, int(round(cfg.period)))
    if cfg.dataset == "csv":
        if upload is None:
            raise UserError.told("data.no_upload", "{field}: 'csv' needs an uploaded series", field="dataset")
        return upload.astype("float64"), season
    _, observed = series_mod.synthetic(cfg.dataset, cfg.n_points, cfg.period, cfg.noise, cfg.data_seed)
    return pd.Series(observed, name=cfg.dataset), season


def prepare(cfg: DataConfig, upload: pd.Series | None = None) -> Prepared:
    if cfg.task == "names":
        return _prepare_names(cfg)
    if cfg.forecasts:
        return _prepare_series(cfg, upload)
    return _prepare_samples(cfg)


def _prepare_series(cfg: DataConfig, upload) -> Prepared:
    raw, season = load_series(cfg, upload)
    values = raw.to_numpy(dtype="float64")
    n, T = len(values), cfg.seq_len
    h = cfg.horizon if cfg.task == "multistep" else 1
    n_train = n - cfg.test_size - cfg.val_size
    pipe = Pipeline(cfg.transform, cfg.scale, period=season)
    need = pipe.offset + T + h + 8  # a handful of training windows at least
    if n_train < need:
        raise UserError.told("data.too_short", "{field}: the series has {n} points; with test_size {test}, val_size "
                             "{val} and seq_len {T} it needs at least {need}", field="seq_len", n=n,
                             test=cfg.test_size, val=cfg.val_size, T=T, need=need + cfg.test_size + cfg.val_size)
    pipe.fit(values, n_train)
    z = pipe.forward(values)
    X, Y = windows(z, T, h)  # (N, T), (N, h)
    first = target_positions(len(z), T, h) + pipe.offset  # original index of each window's first target
    last = first + h - 1
    splits = {"train": last < n_train,
              "val": (first >= n_train) & (last < n_train + cfg.val_size),
              "test": first >= n_train + cfg.val_size}
    t = {k: (torch.tensor(X[m], dtype=torch.float32).unsqueeze(-1),
             torch.tensor(Y[m], dtype=torch.float32)) for k, m in splits.items()}
    sd = SeriesData(values, raw.index, str(raw.name or cfg.dataset), pipe, z, n_train, cfg.val_size,
                    cfg.test_size, season)
    mode = "generate" if cfg.task == "multistep" else "last"
    return Prepared(cfg.task, *t["train"], *t["val"], *t["test"], input_size=1, output_size=1,
                    output_mode=mode, loss="mse", horizon=h, series=sd)


def _prepare_samples(cfg: DataConfig) -> Prepared:
    n, s = cfg.n_samples, cfg.data_seed
    names: tuple[str, ...] = ()
    if cfg.task == "adding":
        X, y = tasks.adding(n, cfg.lag, s)
    elif cfg.task == "recall":
        X, y = tasks.recall(n, cfg.lag, s)
    elif cfg.task == "first_value":
        X, y, names = tasks.first_value(n, cfg.lag, s)
    elif cfg.task == "classify":
        X, y, names = tasks.waveforms(n, cfg.seq_len, cfg.noise, s)
    else:  # denoise
        X, y = tasks.denoise(cfg.dataset, n, cfg.seq_len, cfg.period, max(cfg.noise, 0.05), s)
    X = torch.tensor(X, dtype=torch.float32)
    y = torch.tensor(y, dtype=torch.int64 if names else torch.float32)
    a, b = int(0.8 * n), int(0.9 * n)
    out_size = len(names) if names else 1
    mode = "all" if cfg.task == "denoise" else "last"
    return Prepared(cfg.task, X[:a], y[:a], X[a:b], y[a:b], X[b:], y[b:], input_size=X.shape[-1],
                    output_size=out_size, output_mode=mode, loss="nll" if names else "mse",
                    class_names=tuple(names))


def _prepare_names(cfg: DataConfig) -> Prepared:
    """Surnames as one-hot letters, end-padded; an 80/10/10 split by name, stratified by language
    and seeded by ``data_seed``; a name with several languages is right on any of them."""
    from rnn_core import names

    d = names.dataset(cfg.data_seed)
    t = [tensor for split in ("train", "val", "test") for tensor in d[split][1:]]
    return Prepared("names", *t, input_size=len(names.ALPHABET), output_size=len(d["languages"]),
                    output_mode="last_valid", loss="nll", class_names=d["languages"],
                    accepted=d["accepted"])
