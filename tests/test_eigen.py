"""The unit-disk view: LRU's λ and the min cells' decays, taken from the model and the trace alike."""

import numpy as np
import pytest
import torch
from english import en

from charts.disk import disk_figure
from rnn_core.config import ModelConfig
from rnn_core.engine.instrument import trace
from rnn_core.engine.models import build_model
from rnn_core.inside.eigen import disk_points


def _model(cell, layers=2):
    return build_model(ModelConfig(cell=cell, num_layers=layers, hidden_size=6), 1, 1, seed=1)


def test_lru_points_are_its_eigenvalues_inside_the_circle():
    model = _model("lru")
    pts = disk_points(model, torch.randn(3, 5, 1))
    for k, p in enumerate(pts):
        lam = model.rnn.eigenvalues(k).detach().numpy()
        assert np.allclose(p["points"], lam, atol=1e-6) and p["low"] is None
        assert (np.abs(p["points"]) < 1).all()


@pytest.mark.parametrize("cell,gate", [("mingru", "z"), ("minlstm", "f")])
def test_min_cell_points_are_quantiles_of_the_traced_decay(cell, gate):
    model = _model(cell)
    x = torch.randn(4, 9, 1, generator=torch.Generator().manual_seed(0))
    pts = disk_points(model, x)
    tr = trace(model, x, torch.zeros(4, 1))
    for k, p in enumerate(pts):
        g = tr.gates[gate][k].reshape(-1, 6).astype(np.float64)
        decay = 1 - g if cell == "mingru" else g
        assert np.allclose(p["points"].real, np.median(decay, 0), atol=1e-6)
        assert np.allclose(p["low"], np.quantile(decay, 0.1, axis=0), atol=1e-6)
        assert (p["points"].imag == 0).all() and (0 < p["low"]).all() and (p["high"] < 1).all()


def test_disk_figure_draws_circle_before_and_after():
    model = _model("mingru")
    before, after = disk_points(model, torch.randn(2, 4, 1)), disk_points(model, torch.ones(2, 4, 1))
    fig = disk_figure(before, after, layer=1, cell="mingru", labels=en("disk_figure"))
    assert [tr.name for tr in fig.data] == ["unit circle |λ| = 1", "before training", "after training"]
    assert fig.data[2].error_x.array is not None and "layer 2" in fig.layout.title.text
    assert "No decays" in disk_figure([], [], labels=en("disk_figure")).layout.annotations[0].text
