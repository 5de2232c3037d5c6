"""Seeded training on the fused path, with clipping stats, early stopping, a NaN guard and snapshots."""

from __future__ import annotations

import functools
import math
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import torch

from rnn_core.config import RunConfig
from rnn_core.data.datasets import Prepared, prepare
from rnn_core.engine import ending as ending_mod
from rnn_core.engine.ending import Ending
from rnn_core.engine.forecast import evaluate, measure_forecast_step
from rnn_core.engine.instrument import grad_profile
from rnn_core.engine.models import RNG_LOCK, RNNModel, build_model, valid_lengths
from rnn_core.limits import budget as budget_mod
from rnn_core.limits.clock import RunClock
from rnn_core.names import bucket_by_length, class_weights

# How a run ends (RunResult.stopped, from its ending). These three are a pure function of its config, so a stored
# one stands for any training of that config; "stopped" (a click) and "time budget" (a slow machine) are not.
REPRODUCIBLE = ("completed", "early stop", "diverged")


@dataclass
class Progress:
    """What the callback sees after every epoch."""

    epoch: int
    epochs: int
    train_loss: float
    val_loss: float
    elapsed: float


@dataclass
class RunResult:
    config: RunConfig
    model: RNNModel  # on CPU, eval mode, the best validation weights
    data: Prepared
    history: dict[str, list] = field(default_factory=dict)  # per epoch: epoch, train_loss, val_loss, time
    steps: dict[str, list] = field(default_factory=dict)  # per step: grad_norm_pre, grad_norm_post
    snapshots: list[dict] = field(default_factory=list)  # {"epoch", "grad_norms" (L, T), "loss"}
    metrics: dict = field(default_factory=dict)
    # how training ended, as a key and its numbers (ending.py); a result nothing has trained yet is untrained
    ending: Ending = field(default_factory=lambda: Ending("untrained", {"epoch": 0, "best": 0}))
    best_epoch: int = 0
    elapsed: float = 0.0
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)  # this trained model (a stopped and a
    # finished run of one config differ), so views can cache what they compute from it
    shipped: bool = False  # loaded from the shipped assets (trained where the fingerprint table was made)

    @property
    def stopped(self) -> str:
        """The coarse outcome: completed | early stop | time budget | stopped | diverged | loaded."""
        return self.ending.stopped

    @property
    def message(self) -> str:
        """Why training ended, in English (the CLI's and a notebook's; the app words ``ending`` itself)."""
        return self.ending.english()

    @property
    def clipped_steps(self) -> int:
        clip = self.config.train.clip
        return int(sum(p > clip for p in self.steps["grad_norm_pre"])) if clip > 0 else 0


def default_device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def train(cfg: RunConfig, data: Prepared | None = None,
          callback: Callable[[Progress], bool | None] | None = None, baselines: bool = True,
          should_stop: Callable[[], bool] | None = None, size: budget_mod.Estimate | None = None,
          timer: Callable[[], float] = time.perf_counter) -> RunResult:
    """Train ``cfg`` to completion, early stop, time budget or divergence.

    The callback runs after each epoch; returning ``False`` stops the run (results are kept).
    ``should_stop`` is asked before every batch; ``True`` stops the run as well, within one batch.
    Runs that do not fit ``budget.BUDGET`` are refused (``BudgetError``) before any tensor is built;
    ``size``, the estimate ``check_size(cfg, data)`` already returned for this ``data``, spares a second check
    (the app sizes a run once per click), and without ``data`` it is ignored.
    The wall-time budget counts from the call (data preparation included) and covers the final
    evaluation: before every batch, validation pass and snapshot the run checks that this work and the
    evaluation after it still fit (``clock.RunClock``), so it ends, evaluated, within its budget. The
    holdout baselines (``baselines=True``: a SARIMA fit, cached per series) are not counted.
    On CPU with the same config the result is bit-identical from run to run, concurrent runs included, and
    from machine to machine under the pinned numerics (``rnn_core.numerics``; ``rnn_core.fingerprint`` checks).
    Every run trains on the budget's thread count, the same in every process (the server, the CLI, a
    notebook), because float sums over a different number of threads round differently: a link must give
    the same numbers wherever it is trained. No setting of a run can change that count.
    ``timer`` is the clock the budget and the history's times read (seconds, monotonic): a test passes its
    own, so that what it checks cannot depend on the machine's speed.
    """
    warm_up()
    start = timer()
    sized = size is not None and data is not None  # the caller checked this data already
    if not sized:
        check_size(cfg, None)
    budget_mod.set_server_threads()
    if not sized:
        data = data if data is not None else prepare(cfg.data)
        size = check_size(cfg, data)
    return _train(cfg, data, callback, baselines, should_stop, start, timer, size)


@functools.cache
def warm_up() -> None:
    """torch imports its compiler stack the first time an optimiser is built (2–5 s here, once per
    process); done before a run's clock starts, so the first run of a server keeps its budget too. The
    app also calls it in the background once its first page is drawn, so the first Train click skips it."""
    torch.optim.Adam([torch.zeros(1, requires_grad=True)])


def check_size(cfg: RunConfig, data: Prepared | None) -> budget_mod.Estimate:
    """Refuse a run that does not fit the server's budget (memory, work per batch, wall time)."""
    if data is None:
        return budget_mod.check(cfg)
    return budget_mod.check(cfg, size_of(cfg, data))


def size_of(cfg: RunConfig, data: Prepared) -> budget_mod.Estimate:
    """The budget's estimate of ``cfg`` on ``data``, unchecked."""
    shape = budget_mod.Shape(data.input_size, data.output_size, data.output_mode, data.loss, data.horizon,
                             data.x_train.shape[1])
    return budget_mod.estimate(cfg, shape, len(data.x_train), max(len(data.x_val), len(data.x_test)))


@contextmanager
def own_rng(state: list[torch.Tensor]):
    """Make ``state[0]`` the CPU generator's state for the block, then store its new state back. A run keeps
    its own dropout stream and swaps it in, under ``RNG_LOCK``, only around its training forward passes
    (backward draws nothing), so concurrent runs never see each other's random numbers."""
    with RNG_LOCK:
        saved = torch.get_rng_state()
        torch.set_rng_state(state[0])
        try:
            yield
        finally:
            state[0] = torch.get_rng_state()
            torch.set_rng_state(saved)


def seeded_model(cfg: RunConfig, data: Prepared) -> RNNModel:
    """The initial weights of ``cfg`` for ``data``'s shape."""
    return build_model(cfg.model, data.input_size, data.output_size, data.output_mode, data.loss,
                       data.horizon, cfg.train.seed)


def _train(cfg: RunConfig, data: Prepared, callback, baselines: bool, should_stop, start: float,
           timer: Callable[[], float], size: budget_mod.Estimate) -> RunResult:
    run = _Loop(cfg, data, start, timer, size)
    for epoch in range(1, cfg.train.epochs + 1):
        ending = run.epoch(epoch, should_stop, callback)
        if ending is not None:
            run.res.ending = ending
            break
    else:
        run.res.ending = Ending("completed", {"epochs": cfg.train.epochs, "epoch": cfg.train.epochs,
                                              "best": run.res.best_epoch})
    return run.finish(baselines)


class _Loop:
    """One run's training: its model, optimiser, batches and clock, and the best weights so far."""

    def __init__(self, cfg: RunConfig, data: Prepared, start: float, timer: Callable[[], float],
                 size: budget_mod.Estimate):
        tc, dev = cfg.train, default_device()
        self.cfg, self.data, self.start, self.timer = cfg, data, start, timer
        self.limit = min(tc.time_budget, size.max_seconds)
        self.model = model = seeded_model(cfg, data).to(dev)
        self.rng = [torch.Generator().manual_seed(tc.seed).get_state()]  # this run's dropout stream
        self.needs_rng = cfg.model.dropout > 0 and cfg.model.num_layers > 1
        if data.loss == "nll":  # per-class loss weights (balanced classes need none); eval keeps them too
            model.class_weight = class_weights(data.y_train, data.output_size, tc.class_weight)
        self.params = params = list(model.parameters())
        # foreach: the same arithmetic as the per-tensor loop torch picks on CPU (the same numbers), in fewer calls
        self.opt = (torch.optim.Adam(params, lr=tc.lr, foreach=True) if tc.optimizer == "adam"
                    else torch.optim.SGD(params, lr=tc.lr, momentum=0.9 if tc.optimizer == "sgd" else 0.0,
                                         foreach=True))
        self.xt, self.yt = xt, yt = data.x_train.to(dev), data.y_train.to(dev)
        self.xv, self.yv = (data.x_val.to(dev), data.y_val.to(dev)) if len(data.x_val) else (xt, yt)
        n_snap = budget_mod.snapshot_windows(cfg, size.steps, len(xt))  # fewer over long windows
        self.xs, self.ys = xt[:n_snap], yt[:n_snap]
        self.N = N = len(xt)
        self.bs = N if tc.batch_size == 0 else min(tc.batch_size, N)
        self.gen = torch.Generator().manual_seed(tc.seed)
        # end-padded sequences (names): batches of similar lengths, so little padding is computed
        self.lengths = valid_lengths(xt) if data.output_mode == "last_valid" and 1 < self.bs < N else None
        self.res = RunResult(cfg, model, data, history={k: [] for k in ("epoch", "train_loss", "val_loss", "time")},
                             steps={"grad_norm_pre": [], "grad_norm_post": []})
        self.best_val, self.bad_epochs = math.inf, 0
        self.best_state = {k: v.clone() for k, v in model.state_dict().items()}  # overwritten in place on improvement
        self.max_norm = tc.clip if tc.clip > 0 else math.inf
        self.clock = _clock(model, data, cfg.data.seq_len, len(self.xv), start, self.limit, timer)

    def epoch(self, epoch: int, should_stop, callback) -> Ending | None:
        """Train one epoch, validate, snapshot, keep the best weights; the run's ending if it ends here."""
        tc, res, timer = self.cfg.train, self.res, self.timer
        snapping = bool(tc.snapshot_every) and (epoch == 1 or epoch % tc.snapshot_every == 0)
        total, diverged, cut = self._batches(should_stop, snapping)
        cut = cut or (diverged is None and _cut(self.clock, should_stop, _epoch_end(self.clock, snapping,
                                                                                    len(self.xs))))
        if cut:  # mid-epoch: the unfinished epoch is not recorded, the best finished one is kept
            return ending_mod.cut(cut, epoch, res.best_epoch, self.limit)
        val = math.nan
        if diverged is None:
            val = self._validate()
            if not math.isfinite(val):
                diverged = (val, math.nan)
        if diverged is not None:
            return ending_mod.diverged(epoch, *diverged, best=res.best_epoch)
        elapsed = timer() - self.start
        for k, v in zip(res.history, (epoch, total / self.N, val, elapsed), strict=True):
            res.history[k].append(v)
        if snapping:
            t0 = timer()
            snap, snap_loss = grad_profile(self.model, self.xs, self.ys)
            self.clock.snapshot(timer() - t0)
            res.snapshots.append({"epoch": epoch, "grad_norms": snap, "loss": snap_loss})
        self._keep_if_best(val, epoch)
        done = {"epoch": epoch, "best": res.best_epoch}
        if callback is not None and callback(Progress(epoch, tc.epochs, total / self.N, val, elapsed)) is False:
            return Ending("stopped", done)
        if tc.patience and self.bad_epochs >= tc.patience:
            return Ending("early_stop", {**done, "patience": tc.patience})
        if not self.clock.fits(self.clock.batch_s):  # not even one more batch and the evaluation fit
            return Ending("budget", {**done, "limit": self.limit})
        return None

    def _batches(self, should_stop, snapping: bool) -> tuple[float, tuple | None, str | None]:
        """One pass over the training windows: the summed loss, (loss, norm) if it diverged, why it was cut."""
        model, timer, clock, N, bs = self.model, self.timer, self.clock, self.N, self.bs
        model.train()
        order = torch.randperm(N, generator=self.gen) if bs < N else None
        if self.lengths is not None:
            order = bucket_by_length(order, self.lengths, bs, self.gen)
        total, cut = 0.0, None
        for i in range(0, N, bs):
            cut = _cut(clock, should_stop, clock.batch_s + (_epoch_end(clock, snapping, len(self.xs)) if i + bs >= N
                                                              else 0))
            if cut:
                break
            t0 = timer()
            xb, yb = (self.xt, self.yt) if order is None else (self.xt[order[i:i + bs]], self.yt[order[i:i + bs]])
            if self.needs_rng:
                with own_rng(self.rng):
                    out = model(xb)
            else:
                out = model(xb)
            loss = model.loss(out, yb)
            t1 = timer()
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            pre = _clip(self.params, self.max_norm)
            if not (math.isfinite(loss.item()) and math.isfinite(pre)):
                return total, (loss.item(), pre), None
            self.res.steps["grad_norm_pre"].append(pre)
            self.res.steps["grad_norm_post"].append(min(pre, self.max_norm))
            self.opt.step()
            total += loss.item() * len(xb)
            clock.batch(len(xb), t1 - t0, timer() - t0)
        return total, None, cut

    def _validate(self) -> float:
        self.model.eval()
        t0 = self.timer()
        with torch.inference_mode():
            val = float(self.model.loss(self.model(self.xv), self.yv))
        self.clock.validation(self.timer() - t0)
        return val

    def _keep_if_best(self, val: float, epoch: int) -> None:
        if val < self.best_val:
            self.best_val, self.bad_epochs, self.res.best_epoch = val, 0, epoch
            for kept, now in zip(self.best_state.values(), self.model.state_dict().values(), strict=True):
                kept.copy_(now)
        else:
            self.bad_epochs += 1

    def finish(self, baselines: bool) -> RunResult:
        """The best weights back in the model, on CPU, evaluated within the budget."""
        res, model = self.res, self.model
        model.load_state_dict(self.best_state)
        res.model = model.cpu().eval()
        res.metrics = evaluate(res.model, self.data, self.cfg.data.seq_len, baselines, deadline=self.clock.deadline,
                               timer=self.timer)
        res.elapsed = self.timer() - self.start
        return res


def _clip(params: list[torch.nn.Parameter], max_norm: float) -> float:
    """``clip_grad_norm_``, the same numbers: the gradients' total norm, and the gradients scaled down when it
    is over ``max_norm``. torch scales by min(coefficient, 1) always; a scaling by exactly 1 is skipped here."""
    norm = torch.nn.utils.get_total_norm([p.grad for p in params if p.grad is not None])
    if max_norm / (norm + 1e-6) < 1:  # torch's own coefficient, in the gradients' dtype
        torch.nn.utils.clip_grads_with_norm_(params, max_norm, norm)
    return float(norm)


def _clock(model: RNNModel, data: Prepared, seq_len: int, n_val: int, start: float, limit: float,
           timer: Callable[[], float]) -> RunClock:
    """The run's clock; for a series, with the time of one recursive-forecast step, measured on the
    initial weights (no gradient, no random numbers: nothing of the run changes)."""
    sd = data.series
    if sd is None:
        return RunClock(start, limit, n_val, len(data.x_test), timer=timer)
    clock = RunClock(start, limit, n_val, len(data.x_test), sd.n_test, math.ceil(sd.n_test / max(1, data.horizon)),
                     timer)
    clock.one_window(measure_forecast_step(model, sd, seq_len, timer=timer))
    return clock


def _epoch_end(clock: RunClock, snapping: bool, snap_windows: int) -> float:
    """Seconds of what follows an epoch's last batch: the validation pass, and a snapshot if due."""
    return clock.validation_cost() + (clock.snapshot_cost(snap_windows) if snapping else 0.0)


def _cut(clock: RunClock, should_stop, cost: float) -> str | None:
    """Why the run must end now, if it must: work of ``cost`` seconds and the evaluation after it no
    longer fit its wall-time budget, or it was asked to stop."""
    if not clock.fits(cost):
        return "time budget"
    if should_stop is not None and should_stop():
        return "stopped"
    return None


def result_from_model(cfg: RunConfig, model: RNNModel, data: Prepared | None = None,
                      size: budget_mod.Estimate | None = None) -> RunResult:
    """A RunResult for weights trained elsewhere (a loaded bundle): no history, fresh metrics. ``size``: as
    in ``train``, the estimate the caller already checked for ``data``."""
    if size is None or data is None:
        data = data if data is not None else prepare(cfg.data)
        size = check_size(cfg, data)
    res = RunResult(cfg, model.cpu().eval(), data, history={k: [] for k in ("epoch", "train_loss", "val_loss", "time")},
                    steps={"grad_norm_pre": [], "grad_norm_post": []}, ending=Ending("loaded"))
    limit = min(cfg.train.time_budget, size.max_seconds)
    res.metrics = evaluate(res.model, data, cfg.data.seq_len, deadline=time.perf_counter() + limit)
    return res
