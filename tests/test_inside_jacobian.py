"""Step Jacobians against finite differences, products against a matrix power, the Lyapunov exponent."""

import time

import numpy as np
import pytest
import torch

from rnn_core.config import ModelConfig
from rnn_core.instrument import trace, unroll
from rnn_core.jacobian import (
    EDGE_TOL,
    crossing,
    elman_jacobians,
    free_run,
    lyapunov,
    memory_log_norms,
    memory_norms,
    random_direction,
    regime,
    singular_values,
    step_jacobians,
)
from rnn_core.models import build_model

CASES = [("rnn", "tanh"), ("rnn", "relu"), ("lstm", "tanh"), ("gru", "tanh"), ("scratch", "tanh")]


def _product(J, t):
    """∂s_T/∂s_t (0-based t) as an explicit matrix product J_{T-1} ⋯ J_{t+1}."""
    P = np.eye(J.shape[1])
    for k in range(J.shape[0] - 1, t, -1):
        P = P @ J[k]
    return P


@pytest.mark.parametrize("cell,act", CASES)
@pytest.mark.parametrize("mode", ["last", "generate"])
def test_jacobian_products_match_finite_differences(cell, act, mode):
    """Perturb h_t inside the loop (float64) and difference h_T of the same layer. One-to-many: h_T is
    the state at the end of the input window (later steps read predictions, which the perturbation
    moves too)."""
    cfg = ModelConfig(cell=cell, num_layers=2, hidden_size=5, nonlinearity=act)
    model = build_model(cfg, 1, 1, mode, "mse", 3, seed=2).double().eval()
    g = torch.Generator().manual_seed(0)
    x = torch.randn(2, 6, 1, generator=g).double()
    y = torch.randn(2, 1 if mode == "last" else 3).double()
    tr = trace(model, x, y)
    L, B, T, H = tr.hiddens.shape
    Js = [J[:6] for J in step_jacobians(model, x.numpy(), tr, sample=1)]
    T_end = 6
    eps = 1e-6
    for k in range(L):
        S = 2 * H if cell == "lstm" else H
        assert Js[k].shape == (T_end, S, S)
        norms = memory_norms(Js[k], H)
        assert norms[-1] == pytest.approx(1.0)
        for t in (0, 2, T_end - 2):
            fd = np.zeros((H, H))
            for j in range(H):
                outs = []
                for sign in (1, -1):
                    p = torch.zeros(L, B, T, H, dtype=torch.float64)
                    p[k, 1, t, j] = sign * eps
                    with torch.no_grad():
                        _, hs, _, _ = unroll(model, x, perturb=p)
                    outs.append(hs[k][T_end - 1][1].numpy())
                fd[:, j] = (outs[0] - outs[1]) / (2 * eps)
            P = _product(Js[k], t)[:H, :H]
            assert np.abs(P - fd).max() <= 1e-5 * max(1.0, np.abs(fd).max()), (k, t)
            assert norms[t] == pytest.approx(np.linalg.norm(fd, 2), rel=1e-4, abs=1e-9)


def test_linear_rnn_product_is_a_matrix_power():
    rng = np.random.default_rng(0)
    W = 0.4 * rng.standard_normal((6, 6))
    T = 30
    J = elman_jacobians(W, rng.standard_normal((T, 6)), act="linear")
    norms = memory_norms(J)
    for t in range(T):
        expected = np.linalg.norm(np.linalg.matrix_power(W, T - 1 - t), 2)
        assert norms[t] == pytest.approx(expected, rel=1e-9)
    sv = singular_values(J)
    assert np.allclose(sv, np.linalg.svd(W, compute_uv=False)[None])


def test_long_products_neither_underflow_nor_overflow():
    W = 0.5 * np.eye(4)
    logs = memory_log_norms(elman_jacobians(W, np.zeros((1500, 4)), act="linear"))
    assert np.isfinite(logs).all() and logs[-1] == 0.0
    assert logs[0] == pytest.approx(1499 * np.log(0.5), rel=1e-9)  # 0.5**1499 ≈ 1e-451: kept as a logarithm
    big = memory_log_norms(elman_jacobians(3 * np.eye(2), np.zeros((800, 2)), act="linear"))
    assert big[0] == pytest.approx(799 * np.log(3), rel=1e-9)
    assert memory_norms(elman_jacobians(3 * np.eye(2), np.zeros((800, 2)), act="linear"))[0] == np.inf


def test_lyapunov_of_a_contracting_run_is_log_rho():
    for seed in range(10):
        lam = lyapunov([0.3, 0.5, 0.8], seed=seed)
        assert np.allclose(lam, np.log([0.3, 0.5, 0.8]), atol=0.02), seed


def test_edge_of_chaos_over_seeds():
    """Seeds 0-9, hidden 64: contraction ends just below ρ = 1; λ > 0.01 (chaos) from ρ 1.3-1.9."""
    rhos = np.round(np.arange(0.1, 3.0001, 0.05), 2)
    for seed in range(10):
        lam = lyapunov(rhos, seed=seed)
        edge = crossing(rhos, lam, -EDGE_TOL)
        chaos = crossing(rhos, lam, EDGE_TOL)
        assert 0.95 <= edge <= 1.05, (seed, edge)
        assert chaos is not None and 1.3 <= chaos <= 1.9, (seed, chaos)
        assert lam[rhos == 3.0][0] > 0.1
        assert regime(lam[rhos == 0.5][0]) == "contracting" and regime(lam[-1]) == "chaotic"


def test_lyapunov_cost():
    start = time.perf_counter()
    lyapunov([1.5], hidden=64, steps=500)
    assert time.perf_counter() - start < 1.0  # about 0.02 s on a quiet core; generous for a shared one


def test_free_run_and_direction():
    W = random_direction(16, seed=3)
    assert abs(np.abs(np.linalg.eigvals(W)).max() - 1) < 1e-9
    quiet, wild = free_run(0.5, 16, 60), free_run(2.5, 16, 60)
    assert np.abs(quiet[-1]).max() < 1e-6 and np.abs(wild[-10:]).mean() > 0.3


def test_crossing_interpolates_and_reports_none():
    assert crossing([0, 1, 2], [-1, -0.5, 0.5]) == pytest.approx(1.5)
    assert crossing([0, 1], [-1, -0.5]) is None
