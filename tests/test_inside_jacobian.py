"""Step Jacobians against finite differences, products against a matrix power, the Lyapunov exponent."""

import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from rnn_core.config import ModelConfig
from rnn_core.engine.instrument import trace, unroll
from rnn_core.engine.models import build_model
from rnn_core.inside.jacobian import (
    elman_jacobians,
    memory_log_norms,
    memory_norms,
    singular_values,
    step_jacobians,
)
from rnn_core.inside.lyapunov import (
    EDGE_TOL,
    T975,
    crossing,
    free_run,
    interval,
    lyapunov,
    lyapunov_starts,
    random_direction,
    regime,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))  # bench_lyapunov's quick mode

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


def test_free_run_and_direction():
    W = random_direction(16, seed=3)
    assert abs(np.abs(np.linalg.eigvals(W)).max() - 1) < 1e-9
    quiet, wild = free_run(0.5, 16, 60), free_run(2.5, 16, 60)
    assert np.abs(quiet[-1]).max() < 1e-6 and np.abs(wild[-10:]).mean() > 0.3


def test_crossing_interpolates_and_reports_none():
    assert crossing([0, 1, 2], [-1, -0.5, 0.5]) == pytest.approx(1.5)
    assert crossing([0, 1], [-1, -0.5]) is None


def test_student_t_table():
    stats = pytest.importorskip("scipy.stats")
    for k, q in T975.items():
        assert q == pytest.approx(stats.t.ppf(0.975, k - 1), abs=6e-4), k


def test_orthogonal_contracting_run_gives_log_rho_inside_its_interval():
    """ρ W with W orthogonal and no input: the state dies out and every tangent shrinks by exactly ρ a step,
    so λ = log ρ for ρ < 1; each of the starts' interval contains it (to float32's resolution)."""
    for seed in range(3):
        W = np.linalg.qr(np.random.default_rng(seed).standard_normal((32, 32)))[0]
        rhos = np.array([0.2, 0.5, 0.8, 0.95])
        lam, lo, hi = interval(lyapunov_starts(rhos, W=W, seed=seed))
        np.testing.assert_allclose(lam, np.log(rhos), atol=2e-3)  # ρ = 0.95: the state fades slowly
        assert (lo - 1e-6 <= np.log(rhos)).all() and (np.log(rhos) <= hi + 1e-6).all()
        assert regime(lo[0], hi[0]) == "contracting"


def test_interval_and_regime_by_hand():
    lam, lo, hi = interval(np.array([[0.0, 0.02, 0.04, 0.02]]))
    half = T975[4] * np.std([0.0, 0.02, 0.04, 0.02], ddof=1) / 2
    assert lam[0] == pytest.approx(0.02) and hi[0] - lam[0] == pytest.approx(half)
    assert regime(0.011, 0.02) == "chaotic" and regime(0.009, 0.02) == "edge" and regime(-0.3, -0.011) == "contracting"
    assert regime(-0.02, -0.009) == "edge" and regime(0.5) == "chaotic"


def test_regime_label_does_not_flip_from_500_to_5000_steps():
    """ρ 0.5, 0.9, 1.0, 1.5, 2.5 on seeds 0-2 (bench/bench_lyapunov.py --quick): the interval, not the noise,
    decides the label; the longer run's mean lies inside the shorter run's interval or the label is 'edge'."""
    from bench_lyapunov import window_table

    rows = window_table()
    assert len(rows) == 15
    for r in rows:
        assert r["label_500"] == r["label_5000"], r
    labels = {(r["rho"], r["seed"]): r["label_500"] for r in rows}
    assert all(labels[(rho, s)] == "contracting" for rho in (0.5, 0.9) for s in range(3))
    assert all(labels[(2.5, s)] == "chaotic" for s in range(3)) and labels[(1.5, 0)] == "edge"
    assert all(r["hi_5000"] - r["lo_5000"] <= r["hi_500"] - r["lo_500"] + 1e-4 for r in rows)  # longer: narrower


def test_bench_lyapunov_quick_runs(capsys):
    from bench_lyapunov import main

    main(["--quick"])
    assert "label changes between 500 and 5000 steps: 0 of 15; contradictions" in capsys.readouterr().out


def test_a_named_regime_holds_over_ten_times_the_window_on_seeds_0_to_9():
    """Seeds 3-9 add two changes at ρ = 1.5, both from 'edge' (undecided) at 500 steps to a named regime at
    5,000 (seed 4 contracting, seed 7 chaotic); a regime named at 500 steps is never contradicted."""
    from bench_lyapunov import contradictions, window_table

    rows = window_table(seeds=range(3, 10))
    assert contradictions(rows) == []
    assert {(r["seed"], r["label_5000"]) for r in rows if r["label_500"] != r["label_5000"]} <= {
        (4, "contracting"), (7, "chaotic")}
