"""The long-range lab: how far back each cell's gradient reaches, and what it can still learn.

``compare_cells`` trains the compared cells (``COMPARE_CELLS``), each in its paper's shape, on the same lag task
and data, and reads each trained model's gradient reach (:mod:`rnn_core.lab.horizon`); ``init_profile`` shows
the gradient and the spectrum of W_hh before any training. The lag ladder lives in :mod:`rnn_core.lab.sweep`.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from rnn_core.config import COMPARE_CELLS, LabConfig, RunConfig, in_shape, lag_epochs
from rnn_core.data.datasets import Prepared, prepare
from rnn_core.engine.ending import Ending
from rnn_core.engine.instrument import spectrum, trace
from rnn_core.engine.models import build_model
from rnn_core.engine.train import Progress, RunResult, size_of, train
from rnn_core.lab.horizon import gate_saturation, memory_horizon
from rnn_core.lab.jobs import run_jobs
from rnn_core.limits.budget import BUDGET, estimate
from rnn_core.limits.cost import estimate_seconds

# Lab defaults, chosen over seeds 0-9 (see bench/bench_lab.py, bench/bench_lab_lags.py and the README): at
# lag 50 the LSTM leaves the 1/6 plateau between epochs 10 and 35 (its forget gate starting at σ(1) ≈ 0.73,
# not at σ(0) = 0.5), the GRU within about 12, and the RNN never; longer lags get more epochs
# (rnn_core.config.lag_epochs). A fixed epoch count and a fixed "solved" rule keep results the same on every
# machine; the wall-clock budget only caps a slow machine.
LAB_EPOCHS = LabConfig().epochs
LAB_FORGET_BIAS = LabConfig().lab_forget_bias
LAB_SAMPLES = 2000
SOLVED_RATIO = 0.02  # a cell has solved the task once val/baseline stays below this ...
SOLVED_EPOCHS = 3  # ... for this many epochs in a row; it then stops early (its best weights are kept)
LEARNT_RATIO = 0.1  # a cell has learnt the task when its *test* loss ends below this × the test baseline;
# the validation split chose the epoch and the early stop, so only the test split gives a held-out verdict
TRACE_BATCH = 200  # validation sequences whose gradient profile a cell result records


def lab_config(task: str = "adding", lag: int = 50, cell: str = "rnn", budget: float | None = None,
               epochs: int | None = None, seed: int = 0, forget_bias: float = LAB_FORGET_BIAS) -> RunConfig:
    """The lab's run: a lag task, one 32-unit layer (two for LRU, see ``in_shape``), Adam 1e-2, batch 64,
    clipping at 1, no patience.

    ``forget_bias`` is stored for every cell (only an LSTM reads it), so one config serves them all.
    ``epochs``: per cell, by default ``lag_epochs(lag)``. ``budget``: seconds per run, by default as long as the
    server lets the run take (``Estimate.max_seconds``: 120 s, a large run 900 s), only a safety net; a
    comparison caps it per cell again, since each cell's run has its own size.
    """
    cfg = RunConfig().replace(
        task=task, lag=lag, n_samples=LAB_SAMPLES, data_seed=0, cell=cell, nonlinearity="tanh", num_layers=1,
        hidden_size=32, dropout=0.0, init="default", forget_bias=forget_bias, optimizer="adam", lr=1e-2,
        epochs=epochs or lag_epochs(lag), batch_size=64, clip=1.0, patience=0, seed=seed,
        time_budget=budget or BUDGET.max_heavy_seconds, snapshot_every=5, threads=1)
    return cfg if budget else cfg.replace(time_budget=estimate(cfg).max_seconds)


def lab_run_config(lab: LabConfig, cell: str = "rnn", seed: int | None = None) -> RunConfig:
    """The comparison's run of ``cell`` under the lab settings ``lab`` (``seed`` overrides its seed)."""
    return lab_config(lab.lab_task, lab.lab_lag, cell, epochs=lab.epochs,
                      seed=lab.lab_seed if seed is None else seed, forget_bias=lab.lab_forget_bias)


def init_run_config(lab: LabConfig) -> RunConfig:
    """The initialisation lab's vanilla RNN: the comparison's run with its own W_hh, activation, clip and lr."""
    return lab_run_config(lab).replace(init=lab.lab_init, rho=lab.lab_rho, nonlinearity=lab.lab_act,
                                       clip=lab.lab_clip, lr=lab.lab_lr)


@dataclass
class CellResult:
    """One cell of a comparison: the run, its error next to the trivial answer, and its gradient reach."""

    cell: str
    result: RunResult
    val_loss: float
    baseline_loss: float  # the loss of always answering the training targets' mean (or majority class)
    grad_norms: np.ndarray  # (L, T) ‖∂L/∂h_t‖ of the trained model on the first validation sequences
    horizon: dict  # memory_horizon of the last layer's profile
    saturation: dict = field(default_factory=dict)  # gate_saturation of the same batch (LSTM, GRU)
    test_loss: float = math.nan  # the held-out split: it picked neither the epoch nor the early stop
    test_baseline_loss: float = math.nan  # the trivial answer (learnt from the training targets) on it

    @property
    def ratio(self) -> float:
        """Validation loss over the trivial baseline: near 1 means nothing was learnt."""
        return self.val_loss / self.baseline_loss if self.baseline_loss > 0 else math.nan

    @property
    def test_ratio(self) -> float:
        """Test loss over the trivial baseline on the test split."""
        return self.test_loss / self.test_baseline_loss if self.test_baseline_loss > 0 else math.nan

    @property
    def solved(self) -> bool:
        """The verdict: test loss below ``LEARNT_RATIO`` × the test baseline (False when not finite)."""
        return bool(self.test_ratio < LEARNT_RATIO)

    @property
    def snapshots(self) -> list[dict]:
        return self.result.snapshots

    @property
    def elapsed(self) -> float:
        return self.result.elapsed


def compare_cells(base_cfg: RunConfig, cells=COMPARE_CELLS,
                  callback: Callable[[str, Progress], bool | None] | None = None,
                  data: Prepared | None = None, workers: int = 1) -> list[CellResult]:
    """Train each cell on the same data with the same seed; ``callback(cell, progress)`` returning
    ``False`` stops the comparison (the partial runs are kept in the results, cells not started are
    left out). ``workers`` > 1 trains that many cells at once, with the same numbers (``rnn_core.lab.jobs``);
    the callback is then called from several threads.

    A cell whose val/baseline stays below ``SOLVED_RATIO`` for ``SOLVED_EPOCHS`` epochs has solved
    the task and stops there ("early stop", with its best weights), so it does not pay for the
    epochs a cell that cannot learn uses up. The rule reads only validation losses, so results
    stay a pure function of the settings.
    """
    data = data if data is not None else prepare(base_cfg.data)
    halt = threading.Event()
    jobs = [partial(cell_run, base_cfg, cell, data, callback, halt) for cell in cells]
    return [r for r in run_jobs(jobs, workers) if r is not None]


def cell_run(base_cfg: RunConfig, cell: str, data: Prepared, callback, halt: threading.Event) -> CellResult | None:
    """One cell of a comparison, stopped early once solved; ``None`` if ``halt`` was set before it began.
    ``callback(cell, progress)`` returning ``False`` sets ``halt``, which ends every run sharing it."""
    if halt.is_set():
        return None
    baseline, solved = data.trivial_loss("val"), []

    def cb(progress):
        if halt.is_set() or (callback is not None and callback(cell, progress) is False):
            halt.set()
            return False
        solved.append(progress.val_loss < SOLVED_RATIO * baseline)
        if len(solved) >= SOLVED_EPOCHS and all(solved[-SOLVED_EPOCHS:]):
            return False
        return None

    cfg = in_shape(base_cfg, cell)
    cfg = cfg.replace(time_budget=min(cfg.train.time_budget, size_of(cfg, data).max_seconds))
    res = train(cfg, data, cb)
    if res.stopped == "stopped" and len(solved) >= SOLVED_EPOCHS and all(solved[-SOLVED_EPOCHS:]):
        res.ending = Ending("solved", {"epoch": len(solved), "best": res.best_epoch, "ratio": SOLVED_RATIO,
                                       "streak": SOLVED_EPOCHS})
    return cell_result(res, data)


def cell_result(res: RunResult, data: Prepared) -> CellResult:
    """A comparison's cell from its finished run: the trained model traced on the validation batch, its
    horizon and gate saturation, and the test split next to its trivial answer (a shipped run too)."""
    cell = res.config.model.cell
    tr = trace(res.model, *_trace_batch(data))
    test = res.metrics.get("test_loss", math.nan), data.trivial_loss("test") if len(data.y_test) else math.nan
    return CellResult(cell, res, res.metrics["val_loss"], res.metrics["baseline_loss"], tr.grad_norms,
                      memory_horizon(tr.grad_norms[-1]), gate_saturation(tr.gates), *test)


def comparison_seconds(base_cfg: RunConfig, workers: int = 1, cells=COMPARE_CELLS) -> tuple[float, bool]:
    """The comparison's expected wall time (each cell in its shape at its full epochs, ``workers`` at once; the
    cost model's estimate) and whether it is large (a run's work above the heavy threshold), so it says how
    long it takes before it starts and waits for the large-run slot."""
    data, per, heavy = prepare(base_cfg.data), [], False
    for cell in cells:
        cfg = in_shape(base_cfg, cell)
        size = estimate(cfg)
        heavy |= size.total_macs > BUDGET.heavy_macs
        per.append(estimate_seconds(cfg.replace(time_budget=size.max_seconds), data))
    return max(max(per), sum(per) / max(1, workers)), heavy


def _trace_batch(data: Prepared):
    x, y = (data.x_val, data.y_val) if len(data.x_val) else (data.x_train, data.y_train)
    return x[:TRACE_BATCH], y[:TRACE_BATCH]


def init_profile(cfg: RunConfig, data: Prepared | None = None) -> dict:
    """The untrained model of ``cfg``: its gradient profile, its horizon and the spectrum of W_hh.

    Returns ``grad_norms`` (L, T), ``loss``, ``horizon`` (memory_horizon of the last layer),
    ``spectrum`` (per layer, as :func:`rnn_core.engine.instrument.spectrum`), ``eigenvalues`` (the first
    layer's first gate block, complex) and ``spectral_radius`` (its largest |eigenvalue|).
    """
    data = data if data is not None else prepare(cfg.data)
    model = build_model(cfg.model, data.input_size, data.output_size, data.output_mode, data.loss,
                        data.horizon, cfg.train.seed).eval()
    tr = trace(model, *_trace_batch(data))
    spec = spectrum(model)
    first = next(iter(spec[0]["eigenvalues"]))
    return {"grad_norms": tr.grad_norms, "loss": tr.loss, "horizon": memory_horizon(tr.grad_norms[-1]),
            "spectrum": spec, "eigenvalues": spec[0]["eigenvalues"][first],
            "spectral_radius": spec[0]["spectral_radius"][first]}
