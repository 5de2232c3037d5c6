"""The long-range lab: how far back each cell's gradient reaches, and what it can still learn.

``memory_horizon`` fits the exponential decay of ‖∂L/∂h_t‖ over t; ``compare_cells`` trains the
compared cells (``COMPARE_CELLS``) on the same lag task and data; ``init_profile`` shows the gradient and the spectrum
of W_hh before any training. The lag ladder lives in :mod:`rnn_core.lab.sweep`.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from rnn_core.config import COMPARE_CELLS, LabConfig, RunConfig
from rnn_core.data.datasets import Prepared, prepare
from rnn_core.engine.instrument import spectrum, trace
from rnn_core.engine.models import build_model
from rnn_core.engine.train import Progress, RunResult, train
from rnn_core.lab.jobs import run_jobs

# Lab defaults, chosen over seeds 0-9 at lag 50 (see bench/bench_lab.py and the README): the LSTM
# leaves the 1/6 plateau between epochs 10 and 35 (its forget gate starting at σ(1) ≈ 0.73, not at
# σ(0) = 0.5), the GRU within about 12, and the RNN never. A fixed epoch count and a fixed "solved"
# rule keep results the same on every machine; the wall-clock budget only caps a slow machine.
LAB_EPOCHS = LabConfig().lab_epochs
LAB_FORGET_BIAS = LabConfig().lab_forget_bias
LAB_BUDGET = 120.0  # seconds per cell, the server's cap: only a safety net; the slowest default cell takes 5-50 s
LAB_SAMPLES = 2000
SOLVED_RATIO = 0.02  # a cell has solved the task once val/baseline stays below this ...
SOLVED_EPOCHS = 3  # ... for this many epochs in a row; it then stops early (its best weights are kept)
LEARNT_RATIO = 0.1  # a cell has learnt the task when its *test* loss ends below this × the test baseline;
# the validation split chose the epoch and the early stop, so only the test split gives a held-out verdict
TRACE_BATCH = 200  # validation sequences whose gradient profile a cell result records
FLAT_CHANGE = math.log(1.1)  # a fitted profile changing less than 10 % over the window is flat


def lab_config(task: str = "adding", lag: int = 50, cell: str = "rnn", budget: float = LAB_BUDGET,
               epochs: int = LAB_EPOCHS, seed: int = 0, forget_bias: float = LAB_FORGET_BIAS) -> RunConfig:
    """The lab's run: a lag task, one 32-unit layer, Adam 1e-2, batch 64, clipping at 1, no patience.

    ``forget_bias`` is stored for every cell (only an LSTM reads it), so one config serves the three.
    """
    return RunConfig().replace(
        task=task, lag=lag, n_samples=LAB_SAMPLES, data_seed=0, cell=cell, nonlinearity="tanh", num_layers=1,
        hidden_size=32, dropout=0.0, init="default", forget_bias=forget_bias, optimizer="adam", lr=1e-2,
        epochs=epochs, batch_size=64, clip=1.0, patience=0, seed=seed, time_budget=budget, snapshot_every=5,
        threads=1)


def lab_run_config(lab: LabConfig, cell: str = "rnn", seed: int | None = None) -> RunConfig:
    """The comparison's run of ``cell`` under the lab settings ``lab`` (``seed`` overrides its seed)."""
    return lab_config(lab.lab_task, lab.lab_lag, cell, epochs=lab.lab_epochs,
                      seed=lab.lab_seed if seed is None else seed, forget_bias=lab.lab_forget_bias)


def init_run_config(lab: LabConfig) -> RunConfig:
    """The initialisation lab's vanilla RNN: the comparison's run with its own W_hh, activation, clip and lr."""
    return lab_run_config(lab).replace(init=lab.lab_init, rho=lab.lab_rho, nonlinearity=lab.lab_act,
                                       clip=lab.lab_clip, lr=lab.lab_lr)


def memory_horizon(grad_norms_1d, fit_from: int | None = None) -> dict:
    """Fit log ‖∂L/∂h_t‖ = a + (t − T)/τ by least squares; τ is the e-folding length in steps.

    t runs 1..T. ``fit_from`` skips that many steps at the end: the fit covers t = 1..T − fit_from.
    The default skips the last two (fewer on profiles under five steps): h_T gets the loss straight
    through the read-out and h_{T−1} through the gates of the last step, so both sit off the
    exponential that the recurrence produces further back; a trained LSTM drops tenfold over
    exactly these two steps and is flat before them.

    Zeros are left out of the fit rather than floored: a zero is a norm that underflowed float32,
    so its true value is unknown, and any floor would bend the line towards the floor. If the
    whole window is zero the gradient died within the skipped steps: τ = 0. The profile counts as
    flat (τ = ``inf``) when the fitted line changes by less than 10 % over the window or its slope
    is within two standard errors of zero, so a noisy plateau is not read as a slow decay.

    Returns ``horizon`` (τ; ``inf`` unless the gradient decays back in time), ``growth`` (the
    e-folding length of a gradient that grows back in time, else ``None``), ``regime``
    (vanishes | flat | explodes | undefined), ``slope`` (1/τ), ``intercept`` (a, the fitted
    log-norm at t = T), ``t`` and ``values`` (the fitted curve over the window, in norm units),
    ``r2`` of the log fit, and ``fit_from``. A non-finite profile (a diverged model), an all-zero
    one or fewer than two positive norms in the window give regime ``undefined`` and a NaN
    horizon; a negative norm or a profile that is not 1-D raises ``ValueError``.
    """
    g = np.asarray(grad_norms_1d, dtype=np.float64)
    if g.ndim != 1:
        raise ValueError(f"grad_norms_1d: expected a 1-D profile, got shape {g.shape}")
    T = g.size
    if fit_from is None:
        fit_from = min(2, max(T - 3, 0))
    if fit_from < 0:
        raise ValueError(f"fit_from: expected >= 0, got {fit_from}")
    t = np.arange(1, T - fit_from + 1, dtype=np.float64)
    if np.any(g < 0):
        raise ValueError("grad_norms_1d: norms cannot be negative")
    seg = g[:t.size]
    if not np.all(np.isfinite(g)) or not g.max(initial=0.0) > 0:
        return _result(t, fit_from, math.nan, math.nan, "undefined")
    if t.size and not seg.any():
        return _result(t, fit_from, math.inf, -math.inf, "vanishes", values=np.zeros(t.size))
    keep = seg > 0
    if keep.sum() < 2:
        return _result(t, fit_from, math.nan, math.nan, "undefined")
    x, logs = t[keep] - T, np.log(seg[keep])
    slope, intercept = np.polyfit(x, logs, 1)
    fitted = intercept + slope * x
    ss_tot = float(((logs - logs.mean()) ** 2).sum())
    ss_res = float(((logs - fitted) ** 2).sum())
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 1e-24 else 1.0
    n = x.size
    stderr = math.sqrt(ss_res / (n - 2) / ((x - x.mean()) ** 2).sum()) if n > 2 else 0.0
    if abs(slope) * (x[-1] - x[0]) < FLAT_CHANGE or abs(slope) < 2 * stderr:
        regime = "flat"
    else:
        regime = "vanishes" if slope > 0 else "explodes"
    return _result(t, fit_from, float(slope), float(intercept), regime, r2=r2)


def _result(t, fit_from, slope, intercept, regime, r2=math.nan, values=None):
    horizon = {"vanishes": 1.0 / slope if regime == "vanishes" else 0.0, "undefined": math.nan}.get(regime, math.inf)
    if values is None:
        values = np.exp(intercept + slope * (t - t.size - fit_from))
    return {"horizon": float(horizon), "growth": -1.0 / slope if regime == "explodes" else None, "regime": regime,
            "slope": slope, "intercept": intercept, "t": t, "values": values, "r2": float(r2), "fit_from": fit_from}


def gate_saturation(gates: dict, low: float = 0.1, high: float = 0.9) -> dict[str, dict[str, np.ndarray]]:
    """Per gate, layer and unit: the share of (batch, time) where the gate is below ``low`` / above ``high``.

    ``gates`` maps a name to an (L, B, T, H) array, as :func:`rnn_core.engine.instrument.trace` returns.
    The sigmoid gates (i, f, o, r, z) read as closed / open. The tanh candidates g and n take
    values in (−1, 1), so their magnitude is used: below ``low`` writes almost nothing, above
    ``high`` is a saturated tanh whose derivative is near zero. NaNs count as neither.
    Returns ``{name: {"low": (L, H), "high": (L, H)}}``.
    """
    out = {}
    for name, values in gates.items():
        arr = np.asarray(values, dtype=np.float64)
        if arr.ndim != 4:
            raise ValueError(f"gates[{name!r}]: expected (L, B, T, H), got shape {arr.shape}")
        if name in ("g", "n"):
            arr = np.abs(arr)
        n = max(arr.shape[1] * arr.shape[2], 1)
        with np.errstate(invalid="ignore"):
            out[name] = {"low": (arr < low).sum(axis=(1, 2)) / n, "high": (arr > high).sum(axis=(1, 2)) / n}
    return out


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

    res = train(base_cfg.replace(cell=cell), data, cb)
    if res.stopped == "stopped" and len(solved) >= SOLVED_EPOCHS and all(solved[-SOLVED_EPOCHS:]):
        res.stopped = "early stop"
        res.message = (f"Solved at epoch {len(solved)}: validation loss below {SOLVED_RATIO:g} × the trivial "
                       f"baseline for {SOLVED_EPOCHS} epochs in a row.")
    tr = trace(res.model, *_trace_batch(data))
    test = res.metrics.get("test_loss", math.nan), data.trivial_loss("test") if len(data.y_test) else math.nan
    return CellResult(cell, res, res.metrics["val_loss"], res.metrics["baseline_loss"], tr.grad_norms,
                      memory_horizon(tr.grad_norms[-1]), gate_saturation(tr.gates), *test)


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
