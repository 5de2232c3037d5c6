"""Frozen, validated run configuration.

Every field has a default, a type, and an allowed set or range; an invalid value raises
``ValueError`` naming the field and what is allowed. Field names are unique across the three
configs, so a run flattens to one ``dict[str, str]`` (URL query params) and back without loss.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import asdict, dataclass, field, fields

from rnn_core.cells import CELL, REGISTRY, cells, shaped_layers
from rnn_core.errors import UserError

SERIES = ("air_passengers", "sine", "noisy_sine", "trend_season", "square", "sawtooth", "ar2",
          "random_walk", "csv")
REAL_SERIES = ("air_passengers", "csv")  # measured, not generated: no generator settings, no clean signal
APERIODIC_SERIES = ("ar2", "random_walk")  # generated series without a period
TASKS = ("forecast", "multistep", "denoise", "classify", "adding", "recall", "first_value", "names")
SERIES_TASKS = ("forecast", "multistep", "denoise")  # tasks on a time series; the others generate samples
FORECAST_TASKS = ("forecast", "multistep")  # series tasks that predict what comes next
LAG_TASKS = ("adding", "recall", "first_value")
CLASS_TASKS = ("classify", "first_value", "names")  # many-to-one classification (log-softmax + NLL)
CELLS = tuple(CELL)  # every cell, declared once in rnn_core/cells.py
# linear recurrences that train as a parallel scan (rnn_core/engine/linear_rnn.py): no W_hh, so no init choice
LINEAR_CELLS = cells(linear=True)
TUTORIAL_CELLS = cells(tutorial=True)  # the names tutorial's i2h/i2o model, without and with tanh
# side by side on Compare and in the long-range lab: PyTorch's fused cells and two linear recurrences
COMPARE_CELLS = cells(compare=True)
BIDIR_CELLS = cells(bidirectional=True)  # the fused cells that also run backwards in time
# tasks that see the whole sequence before they answer: denoise (aligned many-to-many) and the classifiers. A forecast
# stays one-directional: a backward pass would read the future it is asked to predict.
BIDIR_TASKS = ("denoise", "classify", "names")
ELMAN_CELLS = cells(elman=True)  # h_t = act(W_ih x_t + W_hh h_{t-1} + b): the cells with a nonlinearity choice
TRANSFORMS = ("none", "log", "diff", "logdiff", "seasonal", "logseasonal")
LOG_TRANSFORMS = ("log", "logdiff", "logseasonal")  # defined for positive series only
SCALES = ("none", "minmax", "standard")
INITS = ("default", "orthogonal", "identity", "spectral")
NONLINEARITIES = ("tanh", "relu")


# Settings that suit a task or a cell better than the global defaults; the sidebar applies them
# when the task or cell is picked. Names: a GRU of 64 units, big batches and a high learning rate
# train in about 15 s on one core; class weights frequency^-¼ trade a little plain accuracy for
# balanced accuracy (bench/bench_names.py measures both, over seeds 0-9).
TASK_DEFAULTS = {
    "names": {"cell": "gru", "num_layers": 1, "hidden_size": 64, "optimizer": "adam", "lr": 1e-2,
              "batch_size": 128, "epochs": 7, "patience": 0, "clip": 1.0, "class_weight": "fourth_root",
              "snapshot_every": 0, "time_budget": 120.0},
}
CELL_DEFAULTS = {c.key: dict(c.defaults) for c in REGISTRY if c.defaults}  # e.g. the tutorial's plain SGD


def _range(lo, hi, step=None):
    """A numeric field's allowed interval; ``step`` is the widget's increment (declared here, once)."""
    return {"range": (lo, hi)} | ({"step": step} if step is not None else {})


def _choice(*options):
    return {"choices": options}


RHO = _range(0.05, 3.0, step=0.05)  # spectral radius of W_hh under init=spectral (Train page and lab alike)


class _Config:
    """Validation and (de)serialisation shared by the three configs."""

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type in ("int", "float") and isinstance(value, bool):
                raise _not_number(f.name, value)
            if f.type == "float" and isinstance(value, int):
                object.__setattr__(self, f.name, float(value))
                value = float(value)
            if f.type == "int" and not isinstance(value, int):
                raise _not_integer(f.name, value)
            if f.type == "float" and not isinstance(value, float):
                raise _not_number(f.name, value)
            if f.type == "float" and value != value:
                raise UserError.told("cfg.nan", "{field}: expected a number, got NaN", field=f.name)
            if "range" in f.metadata:
                lo, hi = f.metadata["range"]
                if not lo <= value <= hi:
                    raise UserError.told("cfg.range", "{field}: {value!r} is outside the allowed range {lo}..{hi}",
                                         field=f.name, value=value, lo=lo, hi=hi)
            if "choices" in f.metadata and value not in f.metadata["choices"]:
                allowed = ", ".join(f.metadata["choices"])
                raise UserError.told("cfg.choice", "{field}: {value!r} is not one of {allowed}", field=f.name,
                                     value=value, allowed=allowed)
        self._check()

    def _check(self):
        pass

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_dict(cls, d: dict):
        return cls(**d)

    @classmethod
    def from_json(cls, text: str):
        return cls.from_dict(json.loads(text))

    def replace(self, **changes):
        return dataclasses.replace(self, **changes)

    def to_params(self) -> dict[str, str]:
        return {k: format_param(v) for k, v in asdict(self).items()}

    @classmethod
    def from_params(cls, params: dict[str, str], strict: bool = False):
        """Build from string params; unknown keys are ignored unless ``strict``."""
        kwargs = {}
        names = {f.name: f for f in fields(cls)}
        for key, raw in params.items():
            if key not in names:
                if strict:
                    raise _unknown(key)
                continue
            kwargs[key] = _parse(names[key], raw)
        return cls(**kwargs)

    @classmethod
    def limits(cls, name: str):
        """The allowed range or choices of one field, for UI widgets."""
        meta = {f.name: f.metadata for f in fields(cls)}[name]
        return meta.get("range") or meta.get("choices")


def format_param(value) -> str:
    """A value as a URL param: floats by ``repr``, which round-trips them exactly."""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _parse(f, raw):
    if f.type == "int":
        try:
            return int(raw)
        except (TypeError, ValueError):
            raise _not_integer(f.name, raw) from None
    if f.type == "float":
        try:
            return float(raw)
        except (TypeError, ValueError):
            raise _not_number(f.name, raw) from None
    return str(raw)


def _not_number(name: str, value) -> UserError:
    return UserError.told("cfg.not_number", "{field}: expected a number, got {value!r}", field=name, value=value)


def _not_integer(name: str, value) -> UserError:
    return UserError.told("cfg.not_integer", "{field}: expected an integer, got {value!r}", field=name, value=value)


def _unknown(name: str) -> UserError:
    return UserError.told("cfg.unknown", "{field}: unknown setting", field=name)


@dataclass(frozen=True)
class DataConfig(_Config):
    task: str = field(default="forecast", metadata=_choice(*TASKS))  # what the network learns
    dataset: str = field(default="air_passengers", metadata=_choice(*SERIES))  # series for forecast/multistep/denoise
    n_points: int = field(default=400, metadata=_range(50, 5000))  # length of a synthetic series
    period: float = field(default=24.0, metadata=_range(2.0, 500.0, step=1.0))  # seasonal period, steps
    noise: float = field(default=0.1, metadata=_range(0.0, 2.0, step=0.05))  # noise std of synthetic series
    data_seed: int = field(default=0, metadata=_range(0, 2**31 - 1))  # seed of generated data
    transform: str = field(default="logdiff", metadata=_choice(*TRANSFORMS))  # applied before scaling
    scale: str = field(default="standard", metadata=_choice(*SCALES))  # fitted on the training part
    seq_len: int = field(default=12, metadata=_range(2, 500))  # window length T fed to the RNN
    horizon: int = field(default=6, metadata=_range(1, 100))  # steps generated by 'multistep'
    test_size: int = field(default=24, metadata=_range(1, 1000))  # holdout, last points of the series
    val_size: int = field(default=12, metadata=_range(1, 1000))  # validation, just before the test
    lag: int = field(default=20, metadata=_range(2, 1000))  # memory distance of the lag tasks
    n_samples: int = field(default=1000, metadata=_range(50, 20000))  # sequences of sample tasks

    def _check(self):
        if self.transform in LOG_TRANSFORMS and self.dataset not in REAL_SERIES \
                and self.task in FORECAST_TASKS:
            # synthetic series cross zero; log would be undefined
            raise UserError.told("cfg.log_positive", "{field}: {transform!r} needs a positive series; use "
                                 "none/diff/seasonal for {dataset!r}", field="transform", transform=self.transform,
                                 dataset=self.dataset)
        if self.task == "denoise" and self.dataset in REAL_SERIES + APERIODIC_SERIES:
            raise UserError.told("cfg.denoise_series", "{field}: denoise needs a synthetic series with a clean "
                                 "signal (sine, noisy_sine, trend_season, square, sawtooth)", field="dataset")

    @property
    def forecasts(self) -> bool:
        """The task predicts a series' next values (FORECAST_TASKS), so its data is that series, scaled and
        windowed; denoise, a series task too, draws windows of a clean signal as samples instead."""
        return self.task in FORECAST_TASKS


@dataclass(frozen=True)
class ModelConfig(_Config):
    cell: str = field(default="lstm", metadata=_choice(*CELLS))  # recurrent cell type
    nonlinearity: str = field(default="tanh", metadata=_choice(*NONLINEARITIES))  # rnn/scratch only
    num_layers: int = field(default=2, metadata=_range(1, 4))  # stacked recurrent layers
    hidden_size: int = field(default=32, metadata=_range(1, 256))  # units per layer
    dropout: float = field(default=0.0, metadata=_range(0.0, 0.9, step=0.05))  # between layers, training only
    init: str = field(default="default", metadata=_choice(*INITS))  # W_hh initialisation
    rho: float = field(default=1.0, metadata=RHO)  # spectral radius for init=spectral
    # LSTM only: b_ih + b_hh of the forget gate at initialisation; 0 keeps PyTorch's random biases
    forget_bias: float = field(default=0.0, metadata=_range(0.0, 5.0))
    # a second layer of the same cell reads each sequence from its end; both states feed the read-out
    bidirectional: str = field(default="off", metadata=_choice("off", "on"))

    def _check(self):
        if self.cell in TUTORIAL_CELLS and self.num_layers != 1:
            raise UserError.told("cfg.tutorial_layers", "{field}: the tutorial's model has one layer; set num_layers "
                                 "to 1", field="num_layers")
        if self.bidirectional == "on" and self.cell not in BIDIR_CELLS:
            raise UserError.told("cfg.bidir_cell", "{field}: only {cells} run both ways", field="bidirectional",
                                 cells=", ".join(BIDIR_CELLS))

    @property
    def directions(self) -> int:
        """1, or 2 for a bidirectional network: each layer's output has ``directions * hidden_size`` units."""
        return 2 if self.bidirectional == "on" else 1


@dataclass(frozen=True)
class TrainConfig(_Config):
    optimizer: str = field(default="adam", metadata=_choice("adam", "sgd", "plain_sgd"))  # sgd: momentum 0.9
    lr: float = field(default=0.01, metadata=_range(1e-6, 100.0, step=0.001))  # learning rate
    epochs: int = field(default=300, metadata=_range(1, 5000))  # upper bound; early stop may end sooner
    batch_size: int = field(default=0, metadata=_range(0, 4096))  # 0 = full batch
    clip: float = field(default=1.0, metadata=_range(0.0, 1000.0, step=0.1))  # max grad norm; 0 = off
    patience: int = field(default=30, metadata=_range(0, 5000))  # early stop after this many epochs; 0 = off
    seed: int = field(default=0, metadata=_range(0, 2**31 - 1))  # weights, batches, dropout
    time_budget: float = field(default=60.0, metadata=_range(0.1, 900.0, step=5.0))  # seconds of wall clock
    snapshot_every: int = field(default=10, metadata=_range(0, 5000))  # trace every k epochs; 0 = off
    threads: int = field(default=1, metadata=_range(1, 16))  # torch CPU threads during the run
    class_weight: str = field(default="none", metadata=_choice(
        "none", "fourth_root", "sqrt", "inverse"))  # classification loss weight per class: 1, frequency^-¼ ...


PARTS = (("data", DataConfig), ("model", ModelConfig), ("train", TrainConfig))


@dataclass(frozen=True)
class RunConfig:
    """One experiment: what data, which network, how to train it."""

    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    train: TrainConfig = field(default_factory=TrainConfig)

    def __post_init__(self):
        if self.model.bidirectional == "on" and self.data.task not in BIDIR_TASKS:
            raise UserError.told("cfg.bidir_task", "{field}: {task} predicts what comes next, which a backward pass "
                                 "would read; only {tasks} see the whole sequence first", field="bidirectional",
                                 task=self.data.task, tasks=", ".join(BIDIR_TASKS))

    def to_params(self, only_changed: bool = False, base: RunConfig | None = None) -> dict[str, str]:
        """Every field as a URL param; ``only_changed``: those that differ from ``base`` (the defaults)."""
        out = {}
        for name, cls in PARTS:
            params = getattr(self, name).to_params()
            if only_changed:
                defaults = getattr(base, name).to_params() if base is not None else cls().to_params()
                params = {k: v for k, v in params.items() if v != defaults[k]}
            out.update(params)
        return out

    @classmethod
    def from_params(cls, params: dict[str, str], strict: bool = False) -> RunConfig:
        known = {f.name for _, c in PARTS for f in fields(c)}
        if strict:
            unknown = sorted(set(params) - known)
            if unknown:
                raise _unknown(unknown[0])
        parts = {name: c.from_params(params) for name, c in PARTS}
        return cls(**parts)

    def to_dict(self) -> dict:
        return {name: getattr(self, name).to_dict() for name, _ in PARTS}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_dict(cls, d: dict) -> RunConfig:
        return cls(**{name: c(**d.get(name, {})) for name, c in PARTS})

    @classmethod
    def from_json(cls, text: str) -> RunConfig:
        return cls.from_dict(json.loads(text))

    def replace(self, **changes) -> RunConfig:
        """Copy with any fields changed, addressed by their flat names."""
        params = self.to_params()
        params.update({k: format_param(v) for k, v in changes.items()})
        return RunConfig.from_params(params, strict=True)


LAB_LRS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)  # the initialisation lab's learning-rate ladder
LAB_MAX_LAGS = 8  # a sweep ladder has at most this many lags


def parse_lags(text: str) -> tuple[int, ...]:
    """'5, 10, 20' -> (5, 10, 20), sorted and without repeats; ``ValueError`` naming ``lab_lags`` otherwise."""
    lo, hi = LabConfig.limits("lab_lag")
    try:
        lags = tuple(sorted({int(s) for s in text.replace(";", ",").split(",") if s.strip()}))
    except ValueError:
        raise UserError.told("cfg.lags_format", "{field}: write whole numbers separated by commas, e.g. 5, 10, 20, 40, "
                             "80", field="lab_lags") from None
    if not lags or len(lags) > LAB_MAX_LAGS or lags[0] < lo or lags[-1] > hi:
        raise UserError.told("cfg.lags_range", "{field}: give 1 to {most} lags between {lo} and {hi}", field="lab_lags",
                             most=LAB_MAX_LAGS, lo=lo, hi=hi)
    return lags


@dataclass(frozen=True)
class LabConfig(_Config):
    """The long-range lab: one lag task for the compared cells (COMPARE_CELLS), a lag ladder, and an RNN's
    initialisation.

    Field names carry the ``lab_`` prefix so they never clash with a RunConfig field in a URL.
    :func:`rnn_core.lab.compare.lab_run_config` and :func:`rnn_core.lab.compare.init_run_config` turn it into runs.
    """

    lab_task: str = field(default="adding", metadata=_choice(*LAG_TASKS))  # the lag task every cell learns
    lab_lag: int = field(default=50, metadata=_range(2, 1000))  # memory distance T of the comparison
    lab_epochs: int = field(default=0, metadata=_range(0, 300))  # per cell, unless solved sooner; 0: lag_epochs(lag)
    lab_seed: int = field(default=0, metadata=_range(0, 10_000))  # weights and batch order; the data stay fixed
    lab_forget_bias: float = field(default=1.0, metadata=_range(0.0, 5.0, step=1.0))  # the LSTM's, see forget_bias
    lab_lags: str = "5, 10, 20, 40, 80"  # the sweep's lag ladder, comma-separated
    lab_init: str = field(default="spectral", metadata=_choice(*INITS))  # initialisation lab: the RNN's W_hh
    lab_rho: float = field(default=1.0, metadata=RHO)  # initialisation lab: spectral radius for spectral
    lab_act: str = field(default="tanh", metadata=_choice(*NONLINEARITIES))  # initialisation lab: activation
    lab_clip: float = field(default=1.0, metadata=_range(0.0, 10.0, step=0.1))  # initialisation lab: max grad norm
    lab_lr: float = field(default=0.01, metadata={"range": (LAB_LRS[0], LAB_LRS[-1]), "options": LAB_LRS})

    def _check(self):
        parse_lags(self.lab_lags)
        if self.lab_lr not in LAB_LRS:
            raise UserError.told("cfg.choice", "{field}: {value!r} is not one of {allowed}", field="lab_lr",
                                 value=self.lab_lr, allowed=", ".join(map(str, LAB_LRS)))

    @property
    def lags(self) -> tuple[int, ...]:
        return parse_lags(self.lab_lags)

    def epochs_at(self, lag: int) -> int:
        """The epochs a run at ``lag`` gets: ``lab_epochs`` if set, else ``lag_epochs(lag)``."""
        return self.lab_epochs or lag_epochs(lag)

    @property
    def epochs(self) -> int:
        """The comparison's epochs per cell."""
        return self.epochs_at(self.lab_lag)


# The epochs a lab run gets by default, by lag, from the seed measurements (bench/bench_lab_lags.py, README): at
# lag 50 every cell that learns is solved by epoch 40 (LSTM by 35); at lag 200 GRU by 20, LSTM by 84, minGRU by 74,
# and the two-layer LRU learns on every seed but twice only at epoch 100; at 1,000 GRU needs about 30 epochs,
# minGRU 79-94 and LSTM 93 or more. Between 50 and 200 the count grows with log(lag).
LAG_EPOCHS = ((50, 40), (200, 100))  # (lag, epochs): fewer lags get the first count, longer ones the last


def lag_epochs(lag: int) -> int:
    """The lab's epoch budget for a run at ``lag``: 40 up to lag 50, 100 from lag 200, log-linear between."""
    (lo, e_lo), (hi, e_hi) = LAG_EPOCHS
    if lag <= lo:
        return e_lo
    if lag >= hi:
        return e_hi
    frac = math.log(lag / lo) / math.log(hi / lo)
    return round(e_lo + frac * (e_hi - e_lo))


def in_shape(cfg: RunConfig, cell: str) -> RunConfig:
    """``cfg`` with ``cell`` in the shape its paper gives it (Compare and the lab): at least its ``min_layers``,
    one way (the linear cells have no backward pass, so the cells compare as one-way networks)."""
    return cfg.replace(cell=cell, num_layers=shaped_layers(cell, cfg.model.num_layers), bidirectional="off")


NAMES_DEFAULT = RunConfig().replace(task="names", **TASK_DEFAULTS["names"])  # the Names page's default run
# One way against both ways (Compare, from the Learn page's third weakness; bench/bench_bidir.py): a noisy sine
# cleaned step by step. A one-way denoiser has no past at a window's first steps; a bidirectional one reads the
# steps after them too.
BIDIR_DEMO = RunConfig().replace(task="denoise", dataset="sine", transform="none", noise=0.3, cell="gru",
                                 num_layers=1, hidden_size=16, epochs=150, patience=20)


@dataclass(frozen=True)
class CompareConfig(_Config):
    """What Compare sets side by side, with the prefix ``cmp_`` so it never clashes with a run's field in a URL."""

    # the compared cells in their papers' shapes, or the sidebar's network one way and both ways
    cmp_by: str = field(default="cell", metadata=_choice("cell", "direction"))


def compared_runs(cfg: RunConfig, cmp: CompareConfig) -> dict[str, RunConfig]:
    """Compare's runs by key: one per compared cell, or ``off``/``on`` for one way and both ways (when the task
    and the cell allow both ways; otherwise the cells)."""
    if cmp.cmp_by == "direction" and cfg.data.task in BIDIR_TASKS and cfg.model.cell in BIDIR_CELLS:
        return {b: cfg.replace(bidirectional=b) for b in ("off", "on")}
    return {c: in_shape(cfg, c) for c in COMPARE_CELLS}


INSIDE_VIEWS = ("step", "saliency", "jacobian")  # the Inside-the-cell page's views, by their URL names


@dataclass(frozen=True)
class InsideConfig(_Config):
    """What the Inside-the-cell page looks at in the run it shows: a view, a holdout window and step, a measure,
    an output step, a layer, and the spectral radius of the free-running network.

    Field names carry the ``in_`` prefix so they never clash with a run's or the lab's in a URL. The ranges are
    the widest any run allows; the page narrows them to the run shown (its windows, steps and layers). 0 in
    ``in_t`` and ``in_layer`` means the last step of the window and the last layer, whatever the run.
    """

    in_view: str = field(default="step", metadata=_choice(*INSIDE_VIEWS))  # which of the three views
    in_sample: int = field(default=1, metadata=_range(1, 20_000))  # holdout window, counted from 1
    in_t: int = field(default=0, metadata=_range(0, 2_000))  # step t of that window; 0: its last input step
    in_signed: str = field(default="abs", metadata=_choice("abs", "gxi"))  # saliency: |∂ŷ/∂x| or gradient × input
    in_out: int = field(default=1, metadata=_range(1, 1_000))  # saliency: which forecast of a window
    in_layer: int = field(default=0, metadata=_range(0, 4))  # Jacobian: which layer; 0: the last
    in_rho: float = field(default=1.0, metadata=_range(0.1, 3.0, step=0.05))  # Lyapunov: ρ of the free-running W_aa
