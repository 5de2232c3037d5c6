"""Inside a linear recurrence: each step's terms rebuild the trace's state, and the diagonal step
Jacobians are what a perturbation of h_t does to h_T."""

import numpy as np
import pytest
import torch

from rnn_core.config import LINEAR_CELLS, ModelConfig
from rnn_core.engine.instrument import trace, unroll
from rnn_core.engine.models import build_model
from rnn_core.inside.jacobian import step_jacobians
from rnn_core.inside.terms import TERMS, step_through, summary


def _model(cell, layers, mode="last", horizon=1):
    return build_model(ModelConfig(cell=cell, num_layers=layers, hidden_size=5), 1, 1, mode, "mse", horizon, 2).eval()


def _xy(mode, B=3, T=6, horizon=3):
    g = torch.Generator().manual_seed(4)
    x = torch.randn(B, T, 1, generator=g)
    return x, {"last": torch.randn(B, 1, generator=g), "generate": torch.randn(B, horizon, generator=g)}[mode]


@pytest.mark.parametrize("cell", LINEAR_CELLS)
@pytest.mark.parametrize("mode", ["last", "generate"])
def test_step_terms_rebuild_the_traced_state(cell, mode):
    model = _model(cell, 2, mode, horizon=3)
    x, y = _xy(mode)
    tr = trace(model, x, y)
    for sample in (0, 2):
        for t in range(tr.hiddens.shape[2]):
            for k, terms in enumerate(step_through(model, x, tr, sample, t)):
                assert tuple(terms) == TERMS[cell]
                assert np.abs(terms["a"] - tr.hiddens[k, sample, t]).max() <= 1e-5, (k, t)
                if cell == "lru":  # Re(λ a⟨t−1⟩) + Re(γ B x⟨t⟩) is the drawn sum
                    assert np.allclose(terms["lam_a"] + terms["bu"], terms["a"])
                    assert (terms["r"] < 1).all()
                else:
                    assert np.allclose(terms["keep"] + terms["write"], terms["a"])
                    gate = tr.gates["z" if cell == "mingru" else "f"][k, sample, t]
                    assert np.abs(terms["u" if cell == "mingru" else "f"] - gate).max() <= 1e-5
                s = summary(cell, terms)
                assert len(s["units"]) == 3 and ("r_min" in s) == (cell == "lru")


@pytest.mark.parametrize("cell", LINEAR_CELLS)
def test_diagonal_jacobians_match_a_perturbation_of_the_state(cell):
    """|∂h_T/∂h_t| per unit: perturb one unit of h_t (float64) and difference h_T of the same layer."""
    model = _model(cell, 2).double()
    x, y = _xy("last")
    x, y = x.double(), y.double()
    tr = trace(model, x, y)
    L, B, T, H = tr.hiddens.shape
    sample, eps = 1, 1e-6
    for k in range(L):
        J = step_jacobians(model, x, tr, sample)[k]  # (T, H, H), diagonal
        for t, u in ((0, 1), (3, 4)):
            d = torch.zeros(L, B, T, H, dtype=torch.complex128 if cell == "lru" else torch.float64)
            d[k, sample, t, u] = eps
            with torch.no_grad():
                _, hs, _, _ = unroll(model, x, perturb=d)
                _, h0, _, _ = unroll(model, x)
            moved = (hs[k][-1][sample, u] - h0[k][-1][sample, u]) / eps
            product = np.prod([J[j, u, u] for j in range(t + 1, T)])
            assert abs(abs(complex(moved)) - product) < 1e-6 * max(product, 1e-3)
