"""The cell registry: everything the app knows about a recurrent cell, declared once per cell.

A cell is one :class:`Cell` entry here plus its torch module (``BUILDERS`` in ``rnn_core/engine/models.py``)
and its label ``opt.cell.<key>`` in every locale catalog. The cell tuples of ``rnn_core/config.py``, the
gate names of the trace and the spectrum, the budget's and the cost estimate's factors, the Inside page's
terms and the captions that depend on the cell are all read from these entries. No torch here: the budget,
the cost estimate and Home read the registry without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    key: str  # the identifier in configs, URLs and run files
    # kinds
    linear: bool = False  # a linear diagonal recurrence trained as a scan (rnn_core/engine/linear_rnn.py): no W_hh
    elman: bool = False  # h_t = act(W_ih x_t + W_hh h_{t-1} + b): the cells with a nonlinearity choice
    tutorial: bool = False  # the names tutorial's i2h/i2o model: one layer, reads out cat(x_t, h_{t-1})
    compare: bool = False  # side by side on Compare and in the long-range lab (and shipped in assets/)
    # structure
    w_hh_blocks: tuple[str, ...] = ()  # the H×H gate blocks stacked in each W_hh, in torch's order
    gates: tuple[str, ...] = ()  # the gates a trace records (Hidden states' gate rows), in the module's order
    cell_state: bool = False  # a second state c_t beside h_t (LSTM)
    # the fewest layers of the shape its paper gives it; Compare and the long-range lab build it with at least these
    min_layers: int = 1
    bidirectional: bool = False  # torch's fused module runs it both ways (``bidirectional`` setting)
    # the size and time budget (rnn_core/limits/budget.py): per layer, the weights are in_blocks H×in blocks
    # and state_blocks H×H blocks, plus bias_per_unit·H other parameters; a step also does scan_macs·H
    in_blocks: int = 1
    state_blocks: int = 1
    bias_per_unit: int = 2
    scan_macs: int = 0
    stored_per_unit: int = 0  # floats autograd keeps per unit and step while training
    trace_per_unit: int = 0  # peak floats per unit and step of the unrolled trace
    snapshot_per_unit: int = 0  # the same for a gradient snapshot (∂L/∂h_t only, weights detached)
    # the training-time estimate (rnn_core/limits/cost.py)
    step_overhead_s: float = 0.0  # seconds per timestep × layer beyond the multiply-adds
    # the Inside page (rnn_core/inside/terms.py): term keys in the order the formula reads, new state last
    terms: tuple[str, ...] = ()
    # words (keys of the locale catalogs)
    saturation_key: str | None = None  # which of its gates holds information, under the saturation chart
    spectrum_key: str = "read.spectrum_plain"  # how to read its recurrence's eigenvalues
    inside_note_key: str | None = None  # what its step's formula on the Inside page leaves out or adds
    defaults: dict = field(default_factory=dict, hash=False)  # settings the sidebar applies when it is picked

    @property
    def label_key(self) -> str:
        """Its name in the catalogs: the option label of the ``cell`` field."""
        return f"opt.cell.{self.key}"

    def layer_macs(self, n_in: int, H: int) -> int:
        """Multiply-adds of one layer's step."""
        return self.in_blocks * H * n_in + self.state_blocks * H * H + self.scan_macs * H

    def layer_params(self, n_in: int, H: int) -> int:
        """Parameters of one layer."""
        return self.in_blocks * H * n_in + self.state_blocks * H * H + self.bias_per_unit * H


_ELMAN_BUDGET = dict(stored_per_unit=2, trace_per_unit=12, snapshot_per_unit=6)
_ELMAN_TERMS = ("wx", "wa", "b", "z", "a")
# The tutorial's i2h has one bias vector; the budget counts two (H floats over, harmless). It trains with
# plain SGD at 0.01, one name per step.
_TUTORIAL = dict(tutorial=True, w_hh_blocks=("h",), stored_per_unit=3, trace_per_unit=12, snapshot_per_unit=6,
                 step_overhead_s=0.15e-3,
                 defaults={"num_layers": 1, "optimizer": "plain_sgd", "lr": 0.01, "batch_size": 1})

# In the order the cell menu lists them.
REGISTRY = (
    Cell("rnn", elman=True, compare=True, bidirectional=True, w_hh_blocks=("h",), **_ELMAN_BUDGET,
         step_overhead_s=0.06e-3, terms=_ELMAN_TERMS),
    Cell("lstm", compare=True, bidirectional=True, w_hh_blocks=("i", "f", "g", "o"), gates=("i", "f", "g", "o"),
         cell_state=True,
         in_blocks=4, state_blocks=4, bias_per_unit=8, stored_per_unit=7, trace_per_unit=25, snapshot_per_unit=12,
         step_overhead_s=0.13e-3, terms=("f", "i", "g", "o", "c_prev", "f_c", "i_g", "c", "a"),
         saturation_key="hidden.saturation_lstm", spectrum_key="read.spectrum_gated"),
    Cell("gru", compare=True, bidirectional=True, w_hh_blocks=("r", "z", "n"), gates=("r", "z", "n"),
         in_blocks=3, state_blocks=3, bias_per_unit=6, stored_per_unit=5, trace_per_unit=20, snapshot_per_unit=10,
         step_overhead_s=0.2e-3, terms=("r", "u", "n", "a_prev", "u_a", "n_mix", "a"),
         saturation_key="hidden.saturation_gru", spectrum_key="read.spectrum_gated", inside_note_key="in.gru_note"),
    Cell("scratch", elman=True, w_hh_blocks=("h",), bias_per_unit=1, stored_per_unit=3, trace_per_unit=12,
         snapshot_per_unit=6, step_overhead_s=0.15e-3, terms=_ELMAN_TERMS),
    Cell("tutorial", **_TUTORIAL),
    Cell("tutorial_tanh", **_TUTORIAL),
    # The linear cells scan in parallel: a few vectorised passes, not a kernel per step. Their stored floats
    # are measured with saved_tensors_hooks at T = 12 … 4,000, rounded up (bench/bench_linear.py prints them).
    # LRU: B and D read the input, B complex (two blocks); C (complex) and the MLP's weight read the state;
    # ν, θ and the MLP's bias; its complex state takes two floats in a trace. Their seconds per step and layer
    # are the lab's (batches of 64, lags 50 and 200): LRU 90–115 µs, minGRU 80–95 µs (minLSTM taken as minGRU).
    # One LRU layer is a linear map of the whole input sequence up to its read-out, so it cannot form a product
    # such as marker × value before it sums; Orvieto et al. stack blocks, and two layers learn the adding task.
    Cell("lru", linear=True, compare=True, min_layers=2, in_blocks=3, state_blocks=3, bias_per_unit=3, scan_macs=8,
         stored_per_unit=11, trace_per_unit=30, snapshot_per_unit=16, step_overhead_s=0.1e-3,
         terms=("r", "a_prev", "lam_a", "bu", "a"),  # real parts: Re(λ a⟨t−1⟩) + Re(γ ⊙ B x⟨t⟩) = Re a⟨t⟩
         spectrum_key="read.disk_lru", inside_note_key="in.lru_note"),
    Cell("mingru", linear=True, compare=True, gates=("z",), in_blocks=2, state_blocks=0, bias_per_unit=2,
         stored_per_unit=8, trace_per_unit=20, snapshot_per_unit=10, step_overhead_s=0.08e-3,
         terms=("u", "n", "a_prev", "keep", "write", "a"), spectrum_key="read.disk_min",
         inside_note_key="in.linear_note"),
    Cell("minlstm", linear=True, gates=("f", "i"), in_blocks=3, state_blocks=0, bias_per_unit=3,
         stored_per_unit=12, trace_per_unit=25, snapshot_per_unit=12, step_overhead_s=0.08e-3,
         terms=("f", "i", "n", "a_prev", "keep", "write", "a"), spectrum_key="read.disk_min",
         inside_note_key="in.linear_note"),
)
CELL = {c.key: c for c in REGISTRY}


def shaped_layers(cell: str, num_layers: int) -> int:
    """The layers ``cell`` gets in Compare and the lab when ``num_layers`` are asked for: at least its paper's."""
    return max(num_layers, CELL[cell].min_layers)


def cells(**kind) -> tuple[str, ...]:
    """The keys of the cells with every given flag, in registry order: ``cells(linear=True)``."""
    return tuple(c.key for c in REGISTRY if all(getattr(c, k) == v for k, v in kind.items()))
