"""How a run ended, as a key and its numbers, never as a sentence: the app words an ending from its catalogs
(``stop.<key>``, in the page's language), the CLI and notebooks from ``ENGLISH`` (``Ending.english``).

``RunResult.stopped`` keeps the coarse outcome that run files, the lab's tables and the run store read
(completed | early stop | time budget | stopped | diverged | loaded); the ending says which case of it and
with what numbers (the epoch, the best epoch kept, the budget, the loss ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The English of every ending, the template of the catalogs' ``stop.<key>``; each names only values it is given.
ENGLISH = {
    "completed": "Trained all {epochs} epochs.",
    "early_stop": "Early stop at epoch {epoch}: no better validation loss for {patience} epochs.",
    "solved": "Solved at epoch {epoch}: validation loss below {ratio:g} × the trivial baseline for {streak} epochs "
              "in a row.",
    "budget": "Time budget of {limit:g} s reached at epoch {epoch}.",
    "budget_mid": "Time budget of {limit:g} s reached during epoch {epoch}; the weights of epoch {best} are kept.",
    "budget_untrained": "Time budget of {limit:g} s reached during epoch {epoch}; no epoch finished, so the "
                        "initial weights are kept.",
    "stopped": "Stopped at epoch {epoch}.",
    "stopped_mid": "Stopped during epoch {epoch}; the weights of epoch {best} are kept.",
    "untrained": "Stopped during epoch {epoch}; no epoch finished, so the initial weights are kept.",
    "diverged": "Training diverged at epoch {epoch}: loss = {loss:.3g}, gradient norm before clipping = {norm:.3g}. "
                "The gradients exploded; lower the learning rate or turn on gradient clipping. Training stopped "
                "and the weights of epoch {best} (best validation loss) are kept.",
    "diverged_untrained": "Training diverged at epoch {epoch}: loss = {loss:.3g}, gradient norm before clipping = "
                          "{norm:.3g}. The gradients exploded; lower the learning rate or turn on gradient "
                          "clipping. Training stopped and no epoch finished, so the initial weights are kept.",
    "loaded": "Loaded from a run bundle: weights only, no training history.",
}

# The numbers each ending carries: the catalogs may name any of them (and ``s``, the run's seconds), so an
# ending is built with exactly these.
_CUT = ("epoch", "best", "limit")
VALUES = {"completed": ("epochs", "epoch", "best"), "early_stop": ("epoch", "best", "patience"),
          "solved": ("epoch", "best", "ratio", "streak"), "budget": _CUT, "budget_mid": _CUT,
          "budget_untrained": _CUT, "stopped": ("epoch", "best"), "stopped_mid": ("epoch", "best"),
          "untrained": ("epoch", "best"), "diverged": ("epoch", "loss", "norm", "best"),
          "diverged_untrained": ("epoch", "loss", "norm", "best"), "loaded": ()}

# The coarse outcome (RunResult.stopped) of each ending; an outcome's catalog key has no spaces (OUTCOME_KEYS).
STOPPED = {"completed": "completed", "early_stop": "early stop", "solved": "early stop", "budget": "time budget",
           "budget_mid": "time budget", "budget_untrained": "time budget", "stopped": "stopped",
           "stopped_mid": "stopped", "untrained": "stopped", "diverged": "diverged",
           "diverged_untrained": "diverged", "loaded": "loaded"}
OUTCOME_KEYS = {"completed": "completed", "early stop": "early_stop", "time budget": "time_budget",
                "stopped": "stopped", "diverged": "diverged", "loaded": "loaded"}


@dataclass(frozen=True)
class Ending:
    key: str  # one of ENGLISH
    values: dict = field(default_factory=dict)  # the numbers its sentence names: epoch, best, limit, loss ...

    def __post_init__(self):
        if self.key not in ENGLISH:
            raise KeyError(f"no ending {self.key!r}")
        if set(self.values) != set(VALUES[self.key]):
            raise KeyError(f"ending {self.key!r} carries {sorted(VALUES[self.key])}, not {sorted(self.values)}")

    @property
    def stopped(self) -> str:
        return STOPPED[self.key]

    def english(self) -> str:
        return ENGLISH[self.key].format(**self.values)

    def to_dict(self) -> dict:
        return {"key": self.key, "values": dict(self.values)}


def cut(why: str, epoch: int, best: int, limit: float) -> Ending:
    """A run cut during ``epoch`` by its time budget (``why`` "time budget") or a Stop ("stopped")."""
    if why == "time budget":
        return Ending("budget_mid" if best else "budget_untrained", {"epoch": epoch, "best": best, "limit": limit})
    return Ending("stopped_mid" if best else "untrained", {"epoch": epoch, "best": best})


def diverged(epoch: int, loss: float, norm: float, best: int) -> Ending:
    return Ending("diverged" if best else "diverged_untrained",
                  {"epoch": epoch, "loss": loss, "norm": norm, "best": best})
