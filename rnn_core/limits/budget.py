"""The server's budget, declared in one place: how much memory and wall time one run may take.

A shared link must not be able to take the server down, so every run is estimated before it starts
(parameters and optimiser state, activations of one batch, the data tensors, validation forwards,
gradient snapshots and the trace the views draw) and refused with a message that says what to lower
when it does not fit. The caps are chosen so that the server's peak RSS stays under 1 GB with one
run at the cap beside two default-size runs (measured figures are in the README).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from rnn_core.cells import CELL
from rnn_core.config import DataConfig, RunConfig
from rnn_core.errors import UserError

# A recurrent step costs about 2 µs per window and layer beyond its multiply-adds (the gate nonlinearities
# and one kernel launch per step): a 4 × 14 LSTM over 1000 windows of 500 steps does 2.8 billion of them in
# 4.4 s here. Counted as this many multiply-adds, so small cells over long windows are not under-estimated.
STEP_OVERHEAD_MACS = 10_000
# The linear cells scan in ≈2√T vectorised passes, not a kernel per step: a batch of 64 windows of 1,000 steps
# took 0.37 s here for a 2 × 32 LRU (2.7·10⁹ counted with this overhead) and 0.29 s for a 1 × 32 GRU (2.5·10⁹).
SCAN_STEP_OVERHEAD_MACS = 2_000
SNAPSHOT_BATCH = 128  # training windows whose ∂L/∂h_t profile a snapshot records, at most (see snapshot_windows)
VIEW_WINDOWS = 256  # windows the Hidden states view traces at most


@dataclass(frozen=True)
class Budget:
    max_run_bytes: float = 300e6  # estimated memory of one run, all parts together
    max_trace_bytes: float = 25e6  # one trace for the views; fewer windows are traced beyond this
    max_data_bytes: float = 75e6  # one data set while it is built (it is cached: a few are kept)
    max_batch_macs: float = 3e9  # multiply-adds of one batch (forward + backward), step overhead included:
    # 0.5–1 s on one core here (3–6 billion a second measured), so the time budget holds per batch
    max_eval_macs: float = 8e9  # the same for one validation or test pass (no backward): at most 1.5 s
    # here for the slowest kind (small cells over long windows), well under a second for wide cells
    eval_rate: float = 5e9  # multiply-adds a second (step overhead included) of an evaluation pass, the
    # slowest measured here: what the final evaluation's time is estimated with
    overshoot_s: float = 1.0  # how far past its time budget a run may end (its evaluation cannot be cut)
    max_seconds: float = 120.0  # wall time of one run; a link may ask for less, never more
    max_heavy_seconds: float = 900.0  # the same for a heavy run: it has the one heavy slot to itself
    max_heavy_run_bytes: float = 400e6  # and its memory, beside two default-size runs still under 1 GB
    max_snapshot_bytes: float = 25e6  # one gradient snapshot; fewer windows are snapshotted beyond this
    heavy_bytes: float = 40e6  # runs estimated above this, or
    heavy_macs: float = 3e11  # above this much total work, wait for the one heavy slot
    max_rows: int = 20_000  # rows of an uploaded series
    threads: int = 1  # torch threads of the server process, set once (never per run)


BUDGET = Budget()


class BudgetError(UserError):
    """A run does not fit the server's budget; the message says what to lower."""


@dataclass(frozen=True)
class Shape:
    """What the network's ends look like for a data config (derived by the engine, not trusted)."""

    input_size: int
    output_size: int
    output_mode: str  # last | all | generate
    loss: str  # mse | nll
    horizon: int
    steps: int  # time steps of one training window


@dataclass(frozen=True)
class Estimate:
    params: int
    batch: int
    n_train: int
    steps: int  # recurrent steps per window, generated ones included
    param_bytes: float
    activation_bytes: float
    data_bytes: float
    eval_bytes: float
    snapshot_bytes: float
    trace_bytes: float
    batch_macs: float
    eval_macs: float  # one validation pass, every epoch (step overhead included)
    eval_windows: int  # windows of the larger of the validation and test sets
    total_macs: float  # the whole run at its epoch count

    @property
    def total_bytes(self) -> float:
        return (self.param_bytes + self.activation_bytes + self.data_bytes + self.eval_bytes
                + self.snapshot_bytes + self.trace_bytes)

    @property
    def heavy(self) -> bool:
        return self.total_bytes > BUDGET.heavy_bytes or self.total_macs > BUDGET.heavy_macs

    @property
    def max_seconds(self) -> float:
        """The longest this run may take: a heavy run waits for the heavy slot and may take longer."""
        return BUDGET.max_heavy_seconds if self.heavy else BUDGET.max_seconds

    @property
    def max_bytes(self) -> float:
        return BUDGET.max_heavy_run_bytes if self.heavy else BUDGET.max_run_bytes


def shape_of(cfg: DataConfig) -> Shape:
    """The network's input/output for ``cfg``. Sample tasks are generated at their smallest size
    (50 sequences, a few milliseconds), so the answer is the engine's own, not a second copy of it."""
    if cfg.forecasts:
        h = cfg.horizon if cfg.task == "multistep" else 1
        mode = "generate" if cfg.task == "multistep" else "last"
        return Shape(1, 1, mode, "mse", h, cfg.seq_len)
    from rnn_core.data.datasets import prepare

    small = prepare(replace(cfg, n_samples=50))
    return Shape(small.input_size, small.output_size, small.output_mode, small.loss, 1,
                 small.x_train.shape[1])


def _series_points(cfg: DataConfig) -> int:
    if cfg.dataset == "air_passengers":
        return 144
    if cfg.dataset == "csv":  # unknown until uploaded: the smallest that works, checked again on the data
        return cfg.seq_len + cfg.horizon + cfg.test_size + cfg.val_size + 8
    return cfg.n_points


def layer_macs(cell: str, n_in: int, H: int) -> int:
    """Multiply-adds of one layer's step (its weight blocks and scan, as rnn_core/cells.py declares them)."""
    return CELL[cell].layer_macs(n_in, H)


def count_params(cell: str, num_layers: int, hidden_size: int, input_size: int, output_size: int,
                 directions: int = 1) -> int:
    H, D = hidden_size, directions  # a bidirectional layer is two layers reading D*H units above the first
    n = D * sum(CELL[cell].layer_params(input_size if layer == 0 else D * H, H) for layer in range(num_layers))
    return n + D * H * output_size + output_size


def estimate(cfg: RunConfig, shape: Shape | None = None, n_train: int | None = None,
             n_eval: int | None = None) -> Estimate:
    """Bytes and work of ``cfg``. ``n_train``/``n_eval`` come from prepared data when known, else
    from the config (a CSV series is assumed as long as the row cap allows)."""
    d, m, tc = cfg.data, cfg.model, cfg.train
    shape = shape or shape_of(d)
    if n_train is None:
        if d.forecasts:
            n = _series_points(d)
            n_train = max(1, n - d.test_size - d.val_size - d.seq_len - shape.horizon + 1)
            n_eval = max(d.val_size, d.test_size)
        else:
            n_train, n_eval = int(0.8 * d.n_samples), d.n_samples - int(0.9 * d.n_samples)
    n_eval = n_eval if n_eval is not None else max(1, n_train // 8)
    batch = n_train if tc.batch_size == 0 else min(tc.batch_size, n_train)
    steps = shape.steps + (shape.horizon - 1 if shape.output_mode == "generate" else 0)
    L, H, D = m.num_layers, m.hidden_size, m.directions
    P = count_params(m.cell, L, H, shape.input_size, shape.output_size, D)
    unit_steps = steps * L * D * H  # one window's (step, layer, unit) cells, both passes of a bidirectional one
    n_windows = n_train + 2 * n_eval
    out_per_window = steps if shape.output_mode == "all" else shape.horizon
    # weights, gradients, Adam's two moments, the best-epoch copy, the stored result
    param_bytes = 4.0 * P * 6
    activation_bytes = 4.0 * batch * unit_steps * CELL[m.cell].stored_per_unit
    # tensors (float32) and the float64 arrays they are built from; surnames are one-hot float32 from the start
    per_value = 4.0 if d.task == "names" else 12.0
    data_bytes = per_value * n_windows * (shape.steps * shape.input_size + out_per_window)
    eval_bytes = 4.0 * n_eval * steps * D * H * 2  # a layer's input and output sequence, no graph
    snaps = tc.epochs // tc.snapshot_every + 1 if tc.snapshot_every else 0
    snapshot_bytes = (snapshot_windows(cfg, steps, n_train) * snapshot_window_bytes(cfg, steps)
                      + 8.0 * snaps * L * steps) if snaps else 0.0
    trace_bytes = min(BUDGET.max_trace_bytes, trace_window_bytes(cfg, steps) * min(VIEW_WINDOWS, n_train))
    step_macs = D * sum(layer_macs(m.cell, shape.input_size if k == 0 else D * H, H) for k in range(L))
    overhead = SCAN_STEP_OVERHEAD_MACS if CELL[m.cell].linear else STEP_OVERHEAD_MACS
    step_work = step_macs + overhead * L * D  # what a step costs in time, as multiply-adds
    batch_macs = 3.0 * batch * steps * step_work  # forward, and backward at about twice the forward
    eval_macs = 1.0 * n_eval * steps * step_work
    total_macs = 3.0 * n_train * steps * step_macs * tc.epochs  # (the heavy-slot threshold counts multiply-adds)
    return Estimate(P, batch, n_train, steps, param_bytes, activation_bytes, data_bytes, eval_bytes,
                    snapshot_bytes, trace_bytes, batch_macs, eval_macs, n_eval, total_macs)


def snapshot_window_bytes(cfg: RunConfig, steps: int) -> float:
    """Peak bytes of one window in a gradient snapshot (∂L/∂h_t of every step, weights detached)."""
    m = cfg.model
    return 4.0 * steps * m.num_layers * m.directions * m.hidden_size * CELL[m.cell].snapshot_per_unit


def snapshot_windows(cfg: RunConfig, steps: int, n_train: int) -> int:
    """Training windows a gradient snapshot averages over: ``SNAPSHOT_BATCH``, fewer over long windows so one
    snapshot stays under ``max_snapshot_bytes`` (a lag-1,000 LSTM: 16), at least one."""
    fit = int(BUDGET.max_snapshot_bytes // snapshot_window_bytes(cfg, steps))
    return max(1, min(SNAPSHOT_BATCH, n_train, fit))


def trace_window_bytes(cfg: RunConfig, steps: int) -> float:
    """Peak bytes of tracing one window of ``cfg`` (hidden states, gates and ∂L/∂h_t)."""
    m = cfg.model
    return 4.0 * steps * m.num_layers * m.directions * m.hidden_size * CELL[m.cell].trace_per_unit


def trace_windows(cfg: RunConfig, steps: int, wanted: int) -> int:
    """How many of ``wanted`` windows one trace may hold under the trace cap (at least one)."""
    return max(1, min(wanted, int(BUDGET.max_trace_bytes // trace_window_bytes(cfg, steps))))


# the parts of a run's memory, as the memory error names them (the catalog's err.budget.part.<part>)
MEMORY_PARTS = {"activations": "activations of one batch (batch_size, seq_len, hidden_size, num_layers)",
                "data": "the data (n_samples, seq_len)",
                "eval": "validation passes (n_samples, seq_len, hidden_size)",
                "params": "parameters (hidden_size, num_layers)",
                "snapshots": "gradient snapshots (snapshot_every, hidden_size, seq_len)",
                "trace": "the trace for the views (hidden_size, seq_len)"}


def _mb(x: float) -> str:
    return f"{x / 1e6:,.0f} MB"


def check(cfg: RunConfig, est: Estimate | None = None) -> Estimate:
    """Raise BudgetError, naming what to lower, if ``cfg`` does not fit the server's budget."""
    tc = cfg.train
    est = est or estimate(cfg)
    if tc.time_budget > est.max_seconds:
        raise BudgetError.told("budget.time", "time_budget: {budget:g} s is more than this server allows "
                               "({limit:g} s); lower time_budget.", budget=tc.time_budget, limit=est.max_seconds)
    if est.batch_macs > BUDGET.max_batch_macs:
        raise BudgetError.told(
            "budget.batch", "batch_size: one batch of {batch} sequences × {steps} steps needs about "
            "{gmacs:.1f} billion multiply-adds, more than this server does in a second "
            "(limit {limit:g}); lower batch_size (or hidden_size, num_layers, seq_len).",
            batch=est.batch, steps=est.steps, gmacs=est.batch_macs / 1e9, limit=BUDGET.max_batch_macs / 1e9)
    if est.eval_macs > BUDGET.max_eval_macs:
        raise BudgetError.told(
            "budget.eval", "n_samples: one validation pass over {steps} steps needs about {gmacs:.1f} billion "
            "multiply-adds (limit {limit:g}); lower n_samples, val_size or test_size "
            "(or hidden_size, num_layers, seq_len).",
            steps=est.steps, gmacs=est.eval_macs / 1e9, limit=BUDGET.max_eval_macs / 1e9)
    passes = 3 if cfg.data.forecasts else 2  # validation and test passes (and the one-step forecast)
    eval_s = passes * est.eval_macs / BUDGET.eval_rate
    if eval_s > tc.time_budget + BUDGET.overshoot_s:
        raise BudgetError.told(
            "budget.eval_time", "time_budget: the final evaluation of this run ({passes} passes over up to "
            "{windows:,} windows of {steps} steps) takes about {seconds:.1f} s here, so a budget of {budget:g} s "
            "cannot hold; raise time_budget to at least {needed:.1f} s, or lower val_size "
            "and test_size (n_samples), seq_len or num_layers.",
            passes=passes, windows=est.eval_windows, steps=est.steps, seconds=eval_s, budget=tc.time_budget,
            needed=eval_s - BUDGET.overshoot_s)
    if est.total_bytes > est.max_bytes:
        parts = {"activations": est.activation_bytes, "data": est.data_bytes, "eval": est.eval_bytes,
                 "params": est.param_bytes, "snapshots": est.snapshot_bytes, "trace": est.trace_bytes}
        worst = max(parts, key=parts.get)
        raise BudgetError.told(
            "budget.memory", "This run needs about {total} of memory; this server allows {limit} per run. "
            "The largest part is {part}: {size}. Lower the settings named there.",
            total=_mb(est.total_bytes), limit=_mb(est.max_bytes), part=MEMORY_PARTS[worst],
            part_key=f"budget.part.{worst}", size=_mb(parts[worst]))
    return est


def set_server_threads() -> int:
    """Set torch's thread count once for the whole process: the budget's, at most the CPUs there are."""
    import torch

    n = max(1, min(BUDGET.threads, os.cpu_count() or 1))
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)
    return n


def result_bytes(res) -> int:
    """Bytes a finished run holds (weights, its data tensors, snapshots, per-step lists), for caches."""
    import numpy as np
    import torch

    n = sum(p.numel() * p.element_size() for p in res.model.state_dict().values())
    d = res.data
    n += sum(t.numel() * t.element_size() for t in (d.x_train, d.y_train, d.x_val, d.y_val, d.x_test, d.y_test)
             if isinstance(t, torch.Tensor))
    n += sum(s["grad_norms"].nbytes for s in res.snapshots if isinstance(s.get("grad_norms"), np.ndarray))
    n += 32 * (sum(map(len, res.history.values())) + sum(map(len, res.steps.values())))  # Python floats
    return int(n)


def check_data(cfg: DataConfig) -> None:
    """Refuse data alone too big to build on this server (before any tensor of it exists)."""
    est = estimate(RunConfig(data=cfg))
    if est.data_bytes > BUDGET.max_data_bytes:
        raise BudgetError.told("budget.data", "n_samples: this data needs about {size} of memory; this server "
                               "allows {limit} for data. Lower n_samples, seq_len or lag.",
                               size=_mb(est.data_bytes), limit=_mb(BUDGET.max_data_bytes))
