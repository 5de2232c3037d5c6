"""The cell registry is complete and agrees with the modules: a cell's declared gates, weight blocks and
parameter count are those of the torch module built for it, and what a trace records."""

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
import torch

from rnn_core.cells import CELL, REGISTRY
from rnn_core.config import CELLS, ModelConfig, RunConfig
from rnn_core.engine.instrument import trace
from rnn_core.engine.models import BUILDERS, build_model
from rnn_core.limits.budget import count_params
from ui.text.catalog import read_catalogs

ROOT = Path(__file__).resolve().parent.parent
N_IN, H = 3, 5  # different sizes, so a weight's columns tell whether it reads the input or the state


def test_every_cell_has_its_module_and_the_config_offers_every_cell():
    assert tuple(BUILDERS) == CELLS == tuple(c.key for c in REGISTRY)
    assert {f.name: f for f in fields(ModelConfig)}["cell"].metadata["choices"] == CELLS
    assert all(CELL[k].key == k for k in CELL)


def test_every_cell_has_its_words_in_every_catalog():
    for lang, cat in read_catalogs(ROOT / "locales").items():
        for c in REGISTRY:
            keys = [c.label_key, c.spectrum_key, c.saturation_key, c.inside_note_key]
            assert all(k in cat for k in keys if k is not None), (lang, c.key)


@pytest.mark.parametrize("cell", CELLS)
def test_an_entry_is_complete(cell):
    c = CELL[cell]
    assert c.stored_per_unit > 0 and c.trace_per_unit >= c.snapshot_per_unit > 0 and c.step_overhead_s > 0
    assert c.in_blocks > 0 and c.bias_per_unit > 0
    assert not (c.linear and (c.elman or c.tutorial or c.w_hh_blocks))  # no W_hh (LRU's H×H blocks read x_t)
    assert c.linear or len(c.w_hh_blocks) == c.state_blocks  # each W_hh block reads the state once
    assert c.tutorial or c.terms[-1] == "a"  # the Inside page's terms end with the new state
    assert set(c.defaults) <= set(RunConfig().to_params()), c.defaults


def _blocks(rnn: torch.nn.Module) -> tuple[int, int, int]:
    """(input blocks, state blocks, bias floats per unit) of one layer, from the weights' shapes."""
    n_in = n_state = n_bias = 0
    for p in rnn.parameters():
        if p.dim() == 1:
            n_bias += p.numel() // H
            continue
        rows, cols = p.shape
        n_in += rows // H * (cols in (N_IN, N_IN + H))  # the tutorial's i2h reads cat(x_t, h_{t-1})
        n_state += rows // H * (cols in (H, N_IN + H))
    return n_in, n_state, n_bias


@pytest.mark.parametrize("cell", CELLS)
def test_the_declared_structure_is_the_modules(cell):
    c = CELL[cell]
    model = build_model(ModelConfig(cell=cell, hidden_size=H, num_layers=1), N_IN, 1)
    n_in, n_state, n_bias = _blocks(model.rnn)
    assert (n_in, n_state) == (c.in_blocks, c.state_blocks)
    # the tutorial's i2h has one bias vector, counted as two (see rnn_core/cells.py)
    assert n_bias == c.bias_per_unit - (1 if c.tutorial else 0)
    assert count_params(cell, 1, H, N_IN, 1) - sum(p.numel() for p in model.parameters()) == \
        (H - N_IN if c.tutorial else 0)  # (and the weights its read-out gives x_t are not counted)
    if c.w_hh_blocks:
        assert model.rnn.weight_hh_l0.shape == (len(c.w_hh_blocks) * H, H)
    else:
        assert not hasattr(model.rnn, "weight_hh_l0")
    if cell in ("mingru", "minlstm"):  # its gates, then the candidate h̃, stacked in W_ih
        assert model.rnn.weight_ih_l0.shape[0] == (len(c.gates) + 1) * H
    x, y = torch.randn(2, 4, N_IN), torch.randn(2, 1)
    tr = trace(model, x, y)
    assert tuple(tr.gates) == c.gates and all(g.shape == (1, 2, 4, H) for g in tr.gates.values())
    assert (tr.cells is not None) == c.cell_state
    assert set(c.gates) <= set(c.w_hh_blocks) or c.linear  # a classic cell's gates are blocks of its W_hh


def test_the_budget_and_the_cost_estimate_read_the_registry_without_torch():
    code = ("import sys\nimport rnn_core.cells, rnn_core.config, rnn_core.limits.budget\n"
            "assert 'torch' not in sys.modules, 'torch was imported'\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
