"""The wall-time budget of one run, with the cost of the work still ahead measured on the run itself.

A run must end, evaluated, within its time budget. Checking the clock before every batch is not enough
on a big run: after the last batch come the epoch's validation pass, a gradient snapshot and the final
evaluation (validation and test passes, the one-step forecast and the recursive forecast, one window
after another), which can take seconds. So before each piece of work the run asks whether that piece
*and everything that must follow it* still fit before the deadline, and ends there when they do not.

Costs are measured, not assumed: seconds per window of the training forward (with autograd, so an upper
bound of the no-grad evaluation forward), seconds of a whole training step, of the validation pass and
of a snapshot, and of a one-window forward, which is what each step of a recursive forecast costs. A run
far from its budget never acts on these numbers, so its results stay a pure function of its settings.
"""

from __future__ import annotations

import statistics
import time
from collections import deque

RECENT = 9  # measurements a cost is the median of: the first call's allocations and a busy moment do not rule
MARGIN = 1.25  # on measured evaluation costs: a busy machine, a slower moment
# Before the first validation pass is measured, its cost is scaled from the training forward per window;
# but a pass over hundreds of windows at once is slower per window than a batch of a few (the cache holds
# less of it): measured up to 1.8× for small cells over long windows here.
UNMEASURED_MARGIN = 2.0


class RunClock:
    def __init__(self, start: float, limit: float, n_val: int, n_test: int, forecast_windows: int = 0,
                 forecast_calls: int = 0, timer=time.perf_counter):
        self.timer = timer  # seconds, monotonic: the wall clock, or a test's own clock
        self.limit = limit
        self.deadline = start + limit
        self.n_val, self.n_test = n_val, n_test  # windows of the validation and test passes
        self.forecast_windows = forecast_windows  # one-step forecast: one batched forward over these
        self.forecast_calls = forecast_calls  # recursive forecast: this many one-window forwards in a row
        self._warm: float | None = None  # the first batch's time, not used for predictions
        self._fwd: deque[float] = deque(maxlen=RECENT)  # s per window of the training forward
        self._batch: deque[float] = deque(maxlen=RECENT)  # s of a training step (forward, backward, update)
        self._val: deque[float] = deque(maxlen=RECENT)  # s of the validation pass
        self._snap: deque[float] = deque(maxlen=RECENT)  # s of a gradient snapshot
        # their medians, updated as each measurement comes in: the run asks for them before every batch
        self.fwd_window, self.batch_s = 0.0, 0.0
        self.val_s: float | None = None
        self.snap_s: float | None = None
        self.one_window_s = 0.0  # s of a one-window forward
        self.reserve_forecast = True  # False when the recursive forecast alone cannot fit (it is cut)

    def now(self) -> float:
        return self.timer()

    # measurements
    def batch(self, windows: int, forward_s: float, step_s: float) -> None:
        """A training batch's times. The first batch also allocates (measured 2–5× the next ones), so
        costs are predicted from the batches after it; until then only the deadline itself counts."""
        if self._warm is None:
            self._warm = step_s
            return
        self._fwd.append(forward_s / max(1, windows))
        self._batch.append(step_s)
        self.fwd_window, self.batch_s = statistics.median(self._fwd), statistics.median(self._batch)

    def validation(self, seconds: float) -> None:
        self._val.append(seconds)
        self.val_s = statistics.median(self._val)

    def snapshot(self, seconds: float) -> None:
        self._snap.append(seconds)
        self.snap_s = statistics.median(self._snap)

    def one_window(self, seconds: float) -> None:
        """A recursive-forecast step's time (measured before training). If that forecast would take more
        than half the time left, nothing is reserved for it: training keeps the budget and the forecast
        is cut at the deadline (the run says so), rather than a run that hardly trains so as to spend its
        budget on forecasting with barely trained weights."""
        self.one_window_s = seconds
        self.reserve_forecast = MARGIN * self.forecast_calls * seconds <= 0.5 * (self.deadline - self.now())

    # predictions
    def validation_cost(self) -> float:
        return self.val_s if self.val_s is not None else self.n_val * self.fwd_window

    def snapshot_cost(self, windows: int) -> float:
        """A snapshot is a forward and backward over ``windows`` windows, like a training batch."""
        return self.snap_s if self.snap_s is not None else 3.0 * windows * self.fwd_window

    def evaluation_cost(self) -> float:
        """The final evaluation of the kept weights: validation and test passes and the forecasts."""
        val = self.validation_cost()
        per_window = val / self.n_val if self.val_s is not None and self.n_val else self.fwd_window
        recursive = self.forecast_calls * self.one_window_s if self.reserve_forecast else 0.0
        passes = val + (self.n_test + self.forecast_windows) * per_window
        return (MARGIN if self.val_s is not None else UNMEASURED_MARGIN) * passes + MARGIN * recursive

    def fits(self, *costs: float) -> bool:
        """Whether work of ``costs`` seconds, then the final evaluation, ends before the deadline."""
        return self.now() + sum(costs) + self.evaluation_cost() <= self.deadline


def frozen() -> float:
    """A clock that never moves: a run on it never meets its time budget, so its outcome cannot depend on the
    machine's speed (fingerprints, tests). Its history's times and its ``elapsed`` read 0."""
    return 0.0
