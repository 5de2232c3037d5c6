"""Words and numbers for people: option labels instead of identifiers, numbers to 3 significant digits,
a one-line name of a run, tables formatted for reading.

``t`` is a ``ui.state.layout.Translator`` (or anything with the same call signature).
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import pandas as pd

from rnn_core.cells import CELL
from rnn_core.config import COMPARE_CELLS, ELMAN_CELLS, LAG_TASKS, SERIES_TASKS, RunConfig, in_shape
from rnn_core.engine.ending import OUTCOME_KEYS

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")



def option_label(t, field: str, value) -> str:
    """The human label of choice ``value`` of config ``field``; the value itself when there is none."""
    key = f"opt.{field}.{value}"
    text = t(key)
    return str(value) if text == key else text


def menu_label(t, field: str, value) -> str:
    """A choice as a sidebar menu shows it: its short label (``opt.<field>.<value>.short``) where the full one
    would be cut at the menu's width, else its label."""
    key = f"opt.{field}.{value}.short"
    text = t(key)
    return option_label(t, field, value) if text == key else text


def cell_label(t, cell: str, nonlinearity: str = "tanh") -> str:
    """"LSTM", "GRU", "RNN", "Elman (scratch)"; a ReLU plain cell says so: "RNN (ReLU)", "Elman (scratch, ReLU)"."""
    name = option_label(t, "cell", cell)
    if cell in ELMAN_CELLS and nonlinearity != "tanh":
        act = option_label(t, "nonlinearity", nonlinearity)
        if name.endswith(")"):
            return f"{name[:-1]}, {act})"  # "Elman (scratch, ReLU)"
        if name.endswith("）"):
            return f"{name[:-1]}，{act}）"
        return f"{name} ({act})"
    return name


def fmt_num(x, digits: int = 3) -> str:
    """A number as people read it: 3 significant digits, 1,230 not 1.23e+03, 2.5×10⁻⁵ for tiny or huge
    values, ∞ for infinity and — for a missing value. Integers are shown whole."""
    if x is None:
        return "—"
    if isinstance(x, Integral) and not isinstance(x, bool):
        return f"{int(x):,}"
    if not isinstance(x, Real):
        return str(x)
    x = float(x)
    if math.isnan(x):
        return "—"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    exp = math.floor(math.log10(abs(x)))
    rounded = round(x, digits - 1 - exp)
    if rounded != 0:
        exp = math.floor(math.log10(abs(rounded)))  # 9.999 rounds up to 10.0
    sign = "−" if rounded < 0 else ""
    if exp >= 6 or exp <= -4:
        mantissa = f"{abs(rounded) / 10 ** exp:.{digits - 1}f}".rstrip("0").rstrip(".")
        power = f"10{str(exp).translate(SUPERSCRIPT)}"
        return f"{sign}{power}" if mantissa == "1" else f"{sign}{mantissa}×{power}"
    if exp >= digits - 1:
        return f"{sign}{abs(rounded):,.0f}"
    return f"{sign}{abs(rounded):.{digits - 1 - exp}f}"


def duration_text(t, seconds: float) -> str:
    """An expected duration for people: whole seconds up to 90, then minutes."""
    if seconds <= 90:
        return t("num.about_seconds", s=max(1, round(seconds)))
    return t("num.about_minutes", m=max(2, round(seconds / 60)))


def fmt_horizon(t, tau) -> str:
    """A memory horizon τ in steps: "no decay" when the gradient does not shrink going back (τ = ∞)."""
    if tau is not None and isinstance(tau, Real) and math.isinf(float(tau)) and float(tau) > 0:
        return t("num.no_decay")
    return fmt_num(tau)


def fmt_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every number formatted by ``fmt_num`` (tables show text as given)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_numeric_dtype(out[col]) or out[col].dtype == object:
            out[col] = [fmt_num(v) if isinstance(v, Real) and not isinstance(v, bool) else v for v in out[col]]
    return out


def data_label(t, cfg) -> str:
    """What a run learns from: the series, or the task (with its lag for the lag tasks)."""
    d = cfg.data
    task = option_label(t, "task", d.task)
    if d.task in LAG_TASKS:
        return t("run.lag", task=task, lag=d.lag)
    if d.task == "classify":
        return task
    series = option_label(t, "dataset", d.dataset)
    return series if d.task == "forecast" else f"{task}: {series}"


def data_subtitle(cfg, t, steps: bool = False) -> str:
    """One line naming the data of a chart; with ``steps`` also its transform and scaling."""
    d = cfg.data
    parts = [data_label(t, cfg)]
    if steps and d.task in SERIES_TASKS:
        parts += [option_label(t, "transform", d.transform), option_label(t, "scale", d.scale)]
    return " · ".join(parts)


def with_direction(t, name: str, m) -> str:
    """A network's name (``name``, its cell's) with "↔ both ways" when ``m`` (a ModelConfig) is bidirectional:
    its units per layer are then per pass."""
    return f"{name} {option_label(t, 'bidirectional', m.bidirectional)}" if m.directions == 2 else name


def run_subtitle(cfg, t) -> str:
    """One line naming a run: "LSTM · 2 layers × 32 units · Airline passengers (1949–1960) · seed 0"."""
    m = cfg.model
    layers = t("run.layer" if m.num_layers == 1 else "run.layers", n=m.num_layers)
    cell = with_direction(t, cell_label(t, m.cell, m.nonlinearity), m)
    return t("run.subtitle", cell=cell, layers=layers, hidden=m.hidden_size, data=data_label(t, cfg),
             seed=cfg.train.seed)


def run_label(cfg, t) -> str:
    """A run's name in a legend of several runs: the subtitle, the initialisation when not the default,
    and the learning rate."""
    m = cfg.model
    text = run_subtitle(cfg, t)
    if m.init != "default":
        init = option_label(t, "init", m.init)
        text += f" · {init.replace('ρ', f'ρ = {m.rho:g}')}" if m.init == "spectral" else f" · {init}"
    return t("run.pin_label", subtitle=text, lr=f"{cfg.train.lr:g}")


def saturation_caption(t, cell: str, n: int) -> str:
    """What the gate-saturation chart counts, and which of the cell's gates holds information."""
    text = t("hidden.saturation_caption", n=n)
    key = CELL[cell].saturation_key
    return f"{text} {t(key)}" if key else text


def spectrum_caption(t, cell: str) -> str:
    """The unit-circle rule holds for plain cells; for gated cells W_hh's radius alone does not decide."""
    return t(CELL[cell].spectrum_key, cell=option_label(t, "cell", cell))


def compare_subtitle(cfg, t, two_ways: bool = False) -> str:
    """The subtitle of a chart that overlays the compared runs of one config: what they share (the cell too,
    when the runs are one network one way and both ways)."""
    m = cfg.model
    layers = t("run.layer" if m.num_layers == 1 else "run.layers", n=m.num_layers)
    key = "compare.subtitle_direction" if two_ways else "compare.subtitle"
    return t(key, cell=cell_label(t, m.cell, m.nonlinearity), layers=layers, hidden=m.hidden_size,
             data=data_label(t, cfg), seed=cfg.train.seed)


def outcome(t, res) -> str:
    """How a run ended, short enough for a table cell: "early stop · 102/132" (best epoch / epochs)."""
    return t("compare.outcome", outcome=t(f"lab.outcome.{OUTCOME_KEYS[res.stopped]}"), best=res.best_epoch,
             n=len(res.history["epoch"]))


def compare_table(runs: dict, t, names: dict | None = None) -> pd.DataFrame:
    """One row per run (``runs``: cell -> RunResult, or any key named by ``names``): errors, time and outcome,
    formatted for reading."""
    rows = []
    for c, r in runs.items():
        m = r.metrics
        row = {t("compare.cell"): names[c] if names else cell_label(t, c, r.config.model.nonlinearity),
               t("met.val_loss"): fmt_num(m.get("val_loss")), t("met.baseline"): fmt_num(m.get("baseline_loss"))}
        if "model" in m:
            from rnn_core.engine.metrics import headline_metric

            series = getattr(getattr(r, "data", None), "series", None)
            key = headline_metric(series.values) if series is not None else "mape"
            unit = " %" if key == "mape" else ""
            row[t(f"met.one_step_{key}") + unit] = fmt_num(m["model"]["one_step"][key])
            row[t(f"met.recursive_{key}") + unit] = fmt_num(m["model"]["recursive"][key])
        if "val_accuracy" in m:
            row[t("met.accuracy") + " %"] = fmt_num(100 * m["val_accuracy"])
        row[t("met.time") + t("num.seconds")] = fmt_num(r.elapsed)
        row[t("lab.col_epochs")] = fmt_num(len(r.history["epoch"]))
        row[t("compare.stopped")] = outcome(t, r)
        rows.append(row)
    return pd.DataFrame(rows)


def numerics_setup(t, info: dict) -> str:
    """What a process computes with (``rnn_core.numerics.describe()``), in words: torch, machine, kernels."""
    setup = t("numerics.setup", torch=info.get("torch", "?"), machine=info.get("machine", "?"),
              kernels=info.get("capability", "?"))
    return setup if info.get("numerics") == "pinned" else t("numerics.unpinned", setup=setup)


def shapes_line(base: RunConfig, t) -> str:
    """Which shape each compared cell has in this comparison: cells grouped by layers × units."""
    groups: dict[tuple[int, int], list[str]] = {}
    for cell in COMPARE_CELLS:
        m = in_shape(base, cell).model
        groups.setdefault((m.num_layers, m.hidden_size), []).append(cell_label(t, cell))
    items = t("lab.verdict.sep").join(t("lab.shape_item", cells=", ".join(names), layers=layers, hidden=hidden)
                                      for (layers, hidden), names in groups.items())
    deeper = [c for c in COMPARE_CELLS if CELL[c].min_layers > base.model.num_layers]
    return t("lab.shapes", items=items, why=" ".join(t(f"lab.shape_why.{c}") for c in deeper)).strip()


def subscript(n: int) -> str:
    """A whole number as subscript digits, as the airline model's season: 12 -> ₁₂."""
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
