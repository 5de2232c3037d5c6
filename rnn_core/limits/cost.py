"""How long a run will take, estimated from its config before it starts.

The figure a large run's banner ("Train (≈ N s)") and Compare's button show: the expected wall time for one
torch thread on a quiet 2-core CPU. Per epoch it counts the batches' arithmetic and the per-step kernel
overhead that dominates small cells (a fused LSTM 2×32 step over 95 windows of 12 steps takes about 5 ms);
a run with early stopping is expected to stop after a few patiences (``expected_epochs``: medians over the
configurations of ``bench/bench_estimate.py``, which prints actual/estimate for each), with ``patience=0``
every epoch counts, and the time budget caps it. Whether a run trains by itself is not decided here but by
its size (``budget.Estimate.heavy``).
"""

from __future__ import annotations

from rnn_core.cells import CELL
from rnn_core.config import SERIES_TASKS, RunConfig
from rnn_core.data.datasets import Prepared
from rnn_core.limits.budget import layer_macs, snapshot_windows

FLOPS_PER_S = 45e9  # one thread's sustained rate for these small matrix products (bench/bench_estimate.py)
FIXED_STEP_S = 0.4e-3  # optimiser step, clipping, loss: per batch
SNAPSHOT_FACTOR = 1.3  # a gradient snapshot (unrolled ∂L/∂h_t over up to 128 windows) against one fused step
# A run with early stopping ends after about this many patiences (medians over bench/bench_estimate.py's
# configurations): sooner on real and noisy series, later for sequence outputs; a clean sine keeps improving.
EARLY_STOP_PATIENCES = 3
TASK_PATIENCES = {"denoise": 6, "multistep": 6}
FULL_RUN_SERIES = ("sine",)


def estimate_step_seconds(cell: str, num_layers: int, hidden_size: int, input_size: int, batch: int,
                          steps: int, directions: int = 1) -> float:
    """Expected seconds of one training step (forward, backward, update) of one batch; a bidirectional network
    runs each layer twice, the layers above the first reading both passes."""
    flops = 0.0
    for layer in range(num_layers):
        n_in = input_size if layer == 0 else directions * hidden_size
        flops += 6 * batch * steps * directions * layer_macs(cell, n_in, hidden_size)  # 2 forward + 4 backward
    return FIXED_STEP_S + steps * num_layers * directions * CELL[cell].step_overhead_s + flops / FLOPS_PER_S


def epoch_seconds(cfg: RunConfig, data: Prepared) -> tuple[float, float]:
    """Seconds of one epoch (training batches and a validation pass) and of one gradient snapshot."""
    m, tc = cfg.model, cfg.train
    n = len(data.x_train)
    batch = n if tc.batch_size == 0 else min(tc.batch_size, n)
    batches = -(-n // max(batch, 1))
    steps = data.x_train.shape[1] + (data.horizon - 1 if data.output_mode == "generate" else 0)

    def step(windows: int) -> float:
        return estimate_step_seconds(m.cell, m.num_layers, m.hidden_size, data.input_size, windows, steps,
                                     m.directions)

    per_step, val = step(batch), step(max(len(data.x_val), 1)) / 3
    snap = SNAPSHOT_FACTOR * step(snapshot_windows(cfg, steps, n))
    return batches * per_step + val, snap


def expected_epochs(cfg: RunConfig) -> int:
    tc, dc = cfg.train, cfg.data
    if tc.patience == 0 or (dc.task in SERIES_TASKS and dc.dataset in FULL_RUN_SERIES):
        return tc.epochs
    return min(tc.epochs, TASK_PATIENCES.get(dc.task, EARLY_STOP_PATIENCES) * tc.patience)


def estimate_seconds(cfg: RunConfig, data: Prepared) -> float:
    """Expected wall time of training ``cfg`` on ``data``, capped by its time budget."""
    epochs = expected_epochs(cfg)
    epoch, snap = epoch_seconds(cfg, data)
    every = cfg.train.snapshot_every
    snapshots = (epochs // every + 1) if every else 0
    return min(epochs * epoch + snapshots * snap, cfg.train.time_budget + epoch)
