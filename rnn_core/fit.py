"""Settings that fit together: which options a choice offers given the other settings, and the values a
change moves its dependent settings to.

The settings sidebar offers only ``options(name, values)`` and passes every change through ``fit``, so a
user never meets a combination that ``DataConfig`` would refuse (a log transform of a series that crosses
zero, denoising a series without a clean signal, an uploaded series that is not there).
"""

from __future__ import annotations

from dataclasses import fields

from rnn_core.config import BIDIR_CELLS, BIDIR_TASKS, CELL_DEFAULTS, LOG_TRANSFORMS, PARTS, TASK_DEFAULTS, DataConfig
from rnn_core.data.series import CLEAN_SHAPES

POSITIVE_SERIES = ("air_passengers",)  # built-in series that stay above zero (a CSV is checked on upload)
GLOBAL_DEFAULTS = {f.name: getattr(cls(), f.name) for _, cls in PARTS for f in fields(cls)}
# What a series gets when its current transform does not apply: differencing for series that wander,
# nothing for those that oscillate around a level
FALLBACK_TRANSFORM = {"trend_season": "diff", "random_walk": "diff"}


def options(name: str, values: dict, upload_positive: bool | None = None) -> tuple:
    """The choices of field ``name`` that fit the other ``values`` (flat field names).

    ``upload_positive``: None when no series is uploaded, else whether the uploaded series is positive.
    """
    allowed = tuple(DataConfig.limits(name)) if name in _DATA_CHOICES else None
    if name == "dataset":
        if values.get("task") == "denoise":
            return tuple(CLEAN_SHAPES)
        return tuple(d for d in allowed if d != "csv" or upload_positive is not None)
    if name == "transform":
        if _positive(values.get("dataset"), upload_positive):
            return allowed
        return tuple(o for o in allowed if o not in LOG_TRANSFORMS)
    return allowed if allowed is not None else ()


def _positive(dataset: str | None, upload_positive: bool | None) -> bool:
    if dataset == "csv":
        return bool(upload_positive)
    return dataset in POSITIVE_SERIES


_DATA_CHOICES = ("dataset", "transform")


def fit(values: dict, upload_positive: bool | None = None) -> dict:
    """A copy of ``values`` in which every data choice is one that ``options`` offers.

    A dataset that does not fit the task becomes the task's first fitting series; a transform that does
    not fit the series becomes the default transform where it fits, else the series' fallback; a network
    runs one way unless the task sees whole sequences and the cell has a backward pass."""
    out = dict(values)
    if out.get("task") not in BIDIR_TASKS or out.get("cell") not in BIDIR_CELLS:
        out["bidirectional"] = "off"  # a forecast reads only the past; only the fused cells run both ways
    for name in _DATA_CHOICES:
        allowed = options(name, out, upload_positive)
        if out.get(name) in allowed:
            continue
        if name == "dataset":
            out[name] = DataConfig().dataset if DataConfig().dataset in allowed else allowed[0]
        else:
            default = DataConfig().transform
            out[name] = default if default in allowed else FALLBACK_TRANSFORM.get(out.get("dataset"), "none")
    return out



def follow_choice(previous: dict | None, values: dict) -> dict:
    """``values`` after the user changed task or cell from ``previous``: the new choice's own defaults
    (``TASK_DEFAULTS``, ``CELL_DEFAULTS``) are applied, and leaving such a choice puts its fields back to
    the global defaults, so a surname run's settings do not linger on a forecast."""
    if not previous:
        return values
    out = dict(values)
    for name, table in (("task", TASK_DEFAULTS), ("cell", CELL_DEFAULTS)):
        old, new = previous.get(name), values.get(name)
        if old == new:
            continue
        for field in table.get(old, {}):
            out[field] = GLOBAL_DEFAULTS[field]
        out.update(table.get(new, {}))
    return out
