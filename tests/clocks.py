"""Clocks for tests: a run's time budget read off a clock that the test drives, not the machine's speed."""


class Ticker:
    """A clock that moves ``step`` seconds each time it is read: a run on it sees every batch, pass and
    forecast step take the same time, on any machine, so where its budget cuts it is a pure function of its
    settings."""

    def __init__(self, step: float):
        self.step, self.t = step, 0.0

    def __call__(self) -> float:
        self.t += self.step
        return self.t
