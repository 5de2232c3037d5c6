"""Seeded training on the fused path, with clipping stats, early stopping, a NaN guard and snapshots."""

from __future__ import annotations

import copy
import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch

from .config import RunConfig
from .datasets import Prepared, prepare
from .forecast import evaluate
from .instrument import grad_profile
from .models import RNNModel, build_model, valid_lengths
from .names import bucket_by_length, class_weights

SNAPSHOT_BATCH = 128  # training windows whose ∂L/∂h_t profile a snapshot records
MAX_ACTIVATION_BYTES = 2e9  # one batch's activations: beyond this a run could take down a shared server
# floats autograd keeps per unit and step
_STORED_PER_UNIT = {"rnn": 2, "scratch": 2, "gru": 5, "lstm": 7, "tutorial": 3, "tutorial_tanh": 3}


@dataclass
class Progress:
    """What the callback sees after every epoch."""

    epoch: int
    epochs: int
    train_loss: float
    val_loss: float
    elapsed: float
    snapshot: np.ndarray | None = None  # (L, T) grad_norms, on snapshot epochs


@dataclass
class RunResult:
    config: RunConfig
    model: RNNModel  # on CPU, eval mode, the best validation weights
    data: Prepared
    history: dict[str, list] = field(default_factory=dict)  # per epoch: epoch, train_loss, val_loss, time
    steps: dict[str, list] = field(default_factory=dict)  # per step: grad_norm_pre, grad_norm_post
    snapshots: list[dict] = field(default_factory=list)  # {"epoch", "grad_norms" (L, T), "loss"}
    metrics: dict = field(default_factory=dict)
    stopped: str = "completed"  # completed | early stop | time budget | stopped | diverged
    message: str = ""  # a sentence for people: why training ended
    best_epoch: int = 0
    elapsed: float = 0.0
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)  # this trained model (a stopped and a
    # finished run of one config differ), so views can cache what they compute from it

    @property
    def clipped_steps(self) -> int:
        clip = self.config.train.clip
        return int(sum(p > clip for p in self.steps["grad_norm_pre"])) if clip > 0 else 0


def default_device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def train(cfg: RunConfig, data: Prepared | None = None,
          callback: Callable[[Progress], bool | None] | None = None, baselines: bool = True) -> RunResult:
    """Train ``cfg`` to completion, early stop, time budget or divergence.

    The callback runs after each epoch; returning ``False`` stops the run (results are kept).
    On CPU with the same config the result is bit-identical from run to run.
    """
    data = data if data is not None else prepare(cfg.data)
    check_size(cfg, data)
    threads = torch.get_num_threads()
    torch.set_num_threads(cfg.train.threads)
    try:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(cfg.train.seed)
            return _train(cfg, data, callback, baselines)
    finally:
        torch.set_num_threads(threads)


def check_size(cfg: RunConfig, data: Prepared) -> None:
    """Refuse a run whose batch would need more than MAX_ACTIVATION_BYTES for its activations."""
    n = len(data.x_train)
    batch = n if cfg.train.batch_size == 0 else min(cfg.train.batch_size, n)
    steps = data.x_train.shape[1] + (data.horizon - 1 if data.output_mode == "generate" else 0)
    m = cfg.model
    need = 4 * batch * steps * m.num_layers * m.hidden_size * _STORED_PER_UNIT[m.cell]
    if need > MAX_ACTIVATION_BYTES:
        raise ValueError(f"batch_size: one batch of {batch} sequences × {steps} steps × {m.num_layers} layers × "
                         f"{m.hidden_size} units needs about {need / 1e9:.1f} GB; the limit is "
                         f"{MAX_ACTIVATION_BYTES / 1e9:.0f} GB. Use a smaller batch_size, hidden_size or sequence.")


def _train(cfg: RunConfig, data: Prepared, callback, baselines: bool) -> RunResult:
    tc, dev = cfg.train, default_device()
    model = build_model(cfg.model, data.input_size, data.output_size, data.output_mode, data.loss,
                        data.horizon, tc.seed).to(dev)
    if data.loss == "nll":  # per-class loss weights (balanced classes need none); eval keeps them too
        model.class_weight = class_weights(data.y_train, data.output_size, tc.class_weight)
    params = list(model.parameters())
    opt = (torch.optim.Adam(params, lr=tc.lr) if tc.optimizer == "adam"
           else torch.optim.SGD(params, lr=tc.lr, momentum=0.9 if tc.optimizer == "sgd" else 0.0))
    xt, yt = data.x_train.to(dev), data.y_train.to(dev)
    xv, yv = (data.x_val.to(dev), data.y_val.to(dev)) if len(data.x_val) else (xt, yt)
    xs, ys = xt[:SNAPSHOT_BATCH], yt[:SNAPSHOT_BATCH]
    N = len(xt)
    bs = N if tc.batch_size == 0 else min(tc.batch_size, N)
    gen = torch.Generator().manual_seed(tc.seed)
    # end-padded sequences (names): batches of similar lengths, so little padding is computed
    lengths = valid_lengths(xt) if data.output_mode == "last_valid" and 1 < bs < N else None
    res = RunResult(cfg, model, data, history={k: [] for k in ("epoch", "train_loss", "val_loss", "time")},
                    steps={"grad_norm_pre": [], "grad_norm_post": []})
    best_val, best_state, bad_epochs = math.inf, copy.deepcopy(model.state_dict()), 0
    start = time.perf_counter()
    max_norm = tc.clip if tc.clip > 0 else math.inf
    for epoch in range(1, tc.epochs + 1):
        model.train()
        order = torch.randperm(N, generator=gen) if bs < N else None
        if lengths is not None:
            order = bucket_by_length(order, lengths, bs, gen)
        total, diverged = 0.0, None
        for i in range(0, N, bs):
            xb, yb = (xt, yt) if order is None else (xt[order[i:i + bs]], yt[order[i:i + bs]])
            loss = model.loss(model(xb), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            pre = float(torch.nn.utils.clip_grad_norm_(params, max_norm))
            if not (math.isfinite(loss.item()) and math.isfinite(pre)):
                diverged = (loss.item(), pre)
                break
            res.steps["grad_norm_pre"].append(pre)
            res.steps["grad_norm_post"].append(min(pre, max_norm))
            opt.step()
            total += loss.item() * len(xb)
        if diverged is None:
            model.eval()
            with torch.no_grad():
                val = float(model.loss(model(xv), yv))
            if not math.isfinite(val):
                diverged = (val, math.nan)
        if diverged is not None:
            _diverged(res, epoch, *diverged, best_epoch=res.best_epoch)
            break
        elapsed = time.perf_counter() - start
        for k, v in zip(res.history, (epoch, total / N, val, elapsed), strict=True):
            res.history[k].append(v)
        snap = None
        if tc.snapshot_every and (epoch == 1 or epoch % tc.snapshot_every == 0):
            snap, snap_loss = grad_profile(model, xs, ys)
            res.snapshots.append({"epoch": epoch, "grad_norms": snap, "loss": snap_loss})
        if val < best_val:
            best_val, best_state, bad_epochs, res.best_epoch = val, copy.deepcopy(model.state_dict()), 0, epoch
        else:
            bad_epochs += 1
        if callback is not None and callback(Progress(epoch, tc.epochs, total / N, val, elapsed, snap)) \
                is False:
            res.stopped, res.message = "stopped", f"Stopped at epoch {epoch}."
            break
        if tc.patience and bad_epochs >= tc.patience:
            res.stopped = "early stop"
            res.message = f"Early stop at epoch {epoch}: no better validation loss for {tc.patience} epochs."
            break
        if elapsed > tc.time_budget:
            res.stopped = "time budget"
            res.message = f"Time budget of {tc.time_budget:g} s reached at epoch {epoch}."
            break
    else:
        res.message = f"Trained all {tc.epochs} epochs."
    model.load_state_dict(best_state)
    res.model = model.cpu().eval()
    res.elapsed = time.perf_counter() - start
    res.metrics = evaluate(res.model, data, cfg.data.seq_len, baselines)
    return res


def _diverged(res: RunResult, epoch: int, loss: float, norm: float, best_epoch: int) -> None:
    res.stopped = "diverged"
    kept = f"the weights of epoch {best_epoch} (best validation loss) are kept" if best_epoch \
        else "no epoch finished, so the initial weights are kept"
    res.message = (f"Training diverged at epoch {epoch}: loss = {loss:.3g}, gradient norm before "
                   f"clipping = {norm:.3g}. The gradients exploded; lower the learning rate or "
                   f"turn on gradient clipping. Training stopped and {kept}.")


def result_from_model(cfg: RunConfig, model: RNNModel, data: Prepared | None = None) -> RunResult:
    """A RunResult for weights trained elsewhere (a loaded bundle): no history, fresh metrics."""
    data = data if data is not None else prepare(cfg.data)
    res = RunResult(cfg, model.cpu().eval(), data, history={k: [] for k in ("epoch", "train_loss", "val_loss", "time")},
                    steps={"grad_norm_pre": [], "grad_norm_post": []}, stopped="loaded",
                    message="Loaded from a run bundle: weights only, no training history.")
    res.metrics = evaluate(res.model, data, cfg.data.seq_len)
    return res
