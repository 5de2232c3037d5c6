"""Linear recurrences: the parallel scan trains what the sequential loop defines (float64, outputs and
gradients), the traced ∂L/∂h_t is the total derivative, and the scans stay finite over long sequences."""

import math

import numpy as np
import pytest
import torch

from rnn_core.config import LINEAR_CELLS, ModelConfig, RunConfig
from rnn_core.engine.instrument import spectrum, trace, unroll
from rnn_core.engine.linear_rnn import LRU_R_MAX, LRU_R_MIN
from rnn_core.engine.models import build_model
from rnn_core.engine.scans import blocked_scan, diag_scan, log_scan


def _model(cell, layers, mode="last", horizon=1, seed=0, inp=1, H=6):
    cfg = ModelConfig(cell=cell, num_layers=layers, hidden_size=H)
    return build_model(cfg, inp, 1, mode, "mse", horizon, seed).double()


def _batch(B=4, T=9, inp=1, seed=1):
    return torch.randn(B, T, inp, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


def _grads(model, x, y):
    model.zero_grad()
    out = model(x)
    model.loss(out, y).backward()
    return out.detach(), {n: p.grad.clone() for n, p in model.named_parameters()}


@pytest.mark.parametrize("cell", LINEAR_CELLS)
@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("mode", ["last", "all", "generate"])
def test_scan_equals_loop_outputs_and_gradients(cell, layers, mode):
    model = _model(cell, layers, mode, horizon=3, seed=layers)
    x = _batch(T=37)  # past a power of two: the doubling scan's last step is a partial one
    y = torch.randn(4, 37, 1, dtype=torch.float64) if mode == "all" else torch.randn(4, 3 if mode == "generate" else 1,
                                                                                     dtype=torch.float64)
    model.rnn.path = "loop"
    out_loop, g_loop = _grads(model, x, y)
    for path in ("scan", "blocked"):  # blocked last: the path training uses, checked against trace below
        model.rnn.path = path
        out_scan, g_scan = _grads(model, x, y)
        assert torch.allclose(out_scan, out_loop, rtol=0, atol=1e-12), path
        for name, g in g_scan.items():
            assert torch.allclose(g, g_loop[name], rtol=1e-9, atol=1e-12), (path, name)
    tr = trace(model, x, y, param_grads=True)  # instrument's unrolled replay is the same model
    assert np.abs(tr.outputs - out_scan.numpy()).max() < 1e-6
    for name, g in g_scan.items():
        assert np.abs(tr.param_grads[name] - g.numpy()).max() < 1e-6, name


@pytest.mark.parametrize("cell", LINEAR_CELLS)
def test_h_grads_are_total_derivatives_by_finite_differences(cell):
    """Perturb h_t inside the loop (LRU: the real and the imaginary part of x_t) and difference the loss."""
    model = _model(cell, 2, seed=3)
    x, y = _batch(B=2, T=6), torch.randn(2, 1, dtype=torch.float64)
    tr = trace(model, x, y, keep_h_grads=True)
    L, B, T, H = tr.hiddens.shape
    complex_state = cell == "lru"
    assert np.iscomplexobj(tr.h_grads) == complex_state and (tr.hiddens_imag is not None) == complex_state
    rng, eps = np.random.default_rng(0), 1e-6
    for _ in range(10):
        k, b, t, u = (int(rng.integers(n)) for n in (L, B, T, H))
        for part in ((1, 1j) if complex_state else (1,)):
            losses = []
            for s in (eps, -eps):
                d = torch.zeros(L, B, T, H, dtype=torch.complex128 if complex_state else torch.float64)
                d[k, b, t, u] = s * part
                with torch.no_grad():
                    out, *_ = unroll(model, x, perturb=d)
                    losses.append(float(model.loss(out, y)))
            fd = (losses[0] - losses[1]) / (2 * eps)
            g = tr.h_grads[k, b, t, u]
            want = g.real if part == 1 else g.imag
            assert abs(fd - want) < 1e-5 * max(1.0, abs(fd)) + 1e-7
    assert np.allclose(tr.grad_norms, np.sqrt((np.abs(tr.h_grads.astype(np.complex128)) ** 2).sum(axis=(1, 3))),
                       rtol=1e-5)


def test_scans_match_a_plain_loop_and_stay_finite_over_long_sequences():
    g = torch.Generator().manual_seed(0)
    T, N = 3000, 5
    log_lam = torch.complex(-torch.rand(N, generator=g, dtype=torch.float64) * 0.01,
                            torch.rand(N, generator=g, dtype=torch.float64))
    b = torch.complex(*torch.randn(2, 2, T, N, generator=g, dtype=torch.float64))
    x0 = torch.complex(*torch.randn(2, 2, N, generator=g, dtype=torch.float64))
    lam, h, ref = torch.exp(log_lam), x0, []
    for t in range(T):
        h = lam * h + b[:, t]
        ref.append(h)
    assert torch.allclose(diag_scan(log_lam, b, x0), torch.stack(ref, 1), atol=1e-9)
    assert torch.allclose(blocked_scan(lam, b, x0), torch.stack(ref, 1), atol=1e-9)
    a = torch.rand(2, T, N, generator=g, dtype=torch.float64) * 0.2 + 0.8
    c = torch.rand(2, T, N, generator=g, dtype=torch.float64)
    h0, h, ref = torch.rand(2, N, generator=g, dtype=torch.float64), None, []
    h = h0
    for t in range(T):
        h = a[:, t] * h + c[:, t]
        ref.append(h)
    assert torch.allclose(log_scan(a.log(), c.log(), h0), torch.stack(ref, 1), rtol=1e-9)
    for T_cut in (1, 2, 7, 2999):  # lengths that are and are not a multiple of the block
        assert torch.allclose(blocked_scan(a[:, :T_cut], c[:, :T_cut], h0), torch.stack(ref[:T_cut], 1), rtol=1e-9)
    # float32, 10,000 steps of strong decay (cumulative log-decay −7,000 without the chunks): still finite
    la = torch.full((1, 10_000, 3), math.log(0.5))
    out = log_scan(la, torch.zeros(1, 10_000, 3))
    assert torch.isfinite(out).all() and torch.allclose(out[0, -1], torch.full((3,), 2.0), rtol=1e-4)
    c64 = torch.complex64
    far = diag_scan(torch.full((3,), -1e-4 + 0.3j, dtype=c64), torch.ones(1, 10_000, 3, dtype=c64))
    assert torch.isfinite(far.real).all() and torch.isfinite(far.imag).all()
    tiny = blocked_scan(torch.full((1, 10_000, 3), 1e-3), torch.ones(1, 10_000, 3))  # products underflow to 0
    assert torch.isfinite(tiny).all() and torch.allclose(tiny[0, -1], torch.full((3,), 1 / (1 - 1e-3)))


def test_lru_eigenvalues_start_on_the_ring_and_stay_inside_the_unit_disk():
    model = build_model(ModelConfig(cell="lru", num_layers=2, hidden_size=64), 1, 1, seed=4)
    for k in range(2):
        r = model.rnn.eigenvalues(k).abs()
        assert LRU_R_MIN - 1e-6 <= r.min() and r.max() <= LRU_R_MAX + 1e-6
    with torch.no_grad():  # any ν, however trained, maps inside the disk
        model.rnn.nu_log_l0.copy_(torch.linspace(-30, 5, 64))
    assert (model.rnn.eigenvalues(0).abs() <= 1).all()  # float32 rounds 1 − 10⁻¹³ to 1: never above
    assert (model.double().rnn.eigenvalues(0).abs() < 1).all()
    model.float()
    s = spectrum(model)[0]
    assert s["spectral_radius"]["lambda"] < 1 and len(s["eigenvalues"]["lambda"]) == 64
    assert spectrum(build_model(ModelConfig(cell="mingru"), 1, 1))[0]["eigenvalues"] == {}


def test_min_cell_gates_are_decays_in_the_unit_interval():
    tr = trace(_model("mingru", 1), _batch(), torch.randn(4, 1, dtype=torch.float64))
    assert set(tr.gates) == {"z"} and 0 < tr.gates["z"].min() and tr.gates["z"].max() < 1
    tr = trace(_model("minlstm", 1), _batch(), torch.randn(4, 1, dtype=torch.float64))
    assert set(tr.gates) == {"f", "i"} and np.allclose(tr.gates["f"] + tr.gates["i"], 1, atol=1e-6)


@pytest.mark.parametrize("cell", LINEAR_CELLS)
def test_linear_cells_train_and_lower_the_loss(cell):
    from rnn_core.engine.train import train

    res = train(RunConfig().replace(cell=cell, epochs=15, patience=0, hidden_size=8, snapshot_every=5))
    losses = res.history["train_loss"]
    assert all(map(math.isfinite, losses)) and losses[-1] < losses[0]
    assert res.snapshots[0]["grad_norms"].shape == (2, 12)


@pytest.mark.parametrize("cell", LINEAR_CELLS)
def test_the_budget_counts_the_linear_cells_parameters_as_torch_does(cell):
    from rnn_core.limits.budget import count_params

    for layers, inp in ((1, 1), (3, 5)):
        model = build_model(ModelConfig(cell=cell, num_layers=layers, hidden_size=7), inp, 2)
        assert count_params(cell, layers, 7, inp, 2) == sum(p.numel() for p in model.parameters())


def test_cli_trains_lru_and_reports_its_eigenvalue_radius(tmp_path):
    import json

    from rnn_core.cli import main
    from rnn_core.engine.bundle import load_bundle

    out, bundle = tmp_path / "run.json", tmp_path / "run.pt"
    assert main(["train", "--cell", "lru", "--layers", "1", "--hidden", "4", "--epochs", "3", "--quiet",
                 "--out", str(out), "--bundle", str(bundle)]) == 0
    report = json.loads(out.read_text())
    assert report["config"]["model"]["cell"] == "lru" and 0 < report["spectral_radius"][0]["lambda"] < 1
    assert len(report["trace"]["grad_norms"][0]) == 12
    cfg, state = load_bundle(bundle.read_bytes())
    assert cfg.model.cell == "lru"
