"""Bidirectional cells: the unrolled loop is torch's fused bidirectional module (outputs, weight gradients and
the true ∂L/∂h_t of both passes), the backward pass starts at each sequence's own end, and the setting is refused
where it would read the answer."""

import numpy as np
import pytest
import torch

from rnn_core.config import ModelConfig, RunConfig
from rnn_core.engine.instrument import grad_profile, trace
from rnn_core.engine.models import build_model
from tests.finite_diff import loss_slope

CASES = [(cell, layers) for cell in ("rnn", "lstm", "gru") for layers in (1, 2)]


def _model(cell, layers, mode, out=1, loss="mse", seed=0, inp=1):
    cfg = ModelConfig(cell=cell, num_layers=layers, hidden_size=6, bidirectional="on")
    return build_model(cfg, inp, out, mode, loss, 1, seed)


def _padded(B=5, T=8, inp=3, seed=1):
    """End-padded sequences of lengths 8, 3, 6, 1, 5 (padding rows all zero, as the names data has them)."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(B, T, inp, generator=g)
    for b, n in enumerate((8, 3, 6, 1, 5)[:B]):
        x[b, n:] = 0
    return x


def _inputs(mode):
    g = torch.Generator().manual_seed(2)
    if mode == "last_valid":
        return _padded(), torch.tensor([0, 1, 2, 1, 0])
    x = torch.randn(5, 7, 1, generator=g)
    return x, (torch.randn(5, 7, 1, generator=g) if mode == "all" else torch.tensor([0, 1, 2, 1, 0]))


@pytest.mark.parametrize("cell,layers", CASES)
@pytest.mark.parametrize("mode", ["all", "last", "last_valid"])
def test_unrolled_equals_fused_bidirectional(cell, layers, mode):
    loss = "mse" if mode == "all" else "nll"
    x, y = _inputs(mode)
    model = _model(cell, layers, mode, out=1 if mode == "all" else 3, loss=loss, inp=x.shape[-1])
    fused = model(x)
    model.zero_grad()
    model.loss(fused, y).backward()
    ref = {n: p.grad.numpy() for n, p in model.named_parameters()}
    assert any(n.endswith("_reverse") for n in ref)  # the backward pass has its own weights, and they learn
    tr = trace(model, x, y, param_grads=True)
    assert np.abs(tr.outputs - fused.detach().numpy()).max() <= 1e-5
    for name, g in ref.items():
        assert np.abs(tr.param_grads[name] - g).max() <= 1e-5, name
    assert tr.hiddens.shape[-1] == 12 and tr.grad_norms.shape == (layers, x.shape[1])
    if mode != "last_valid":  # the fused output is cat(→h_t, ←h_t) at every step: the trace's last layer
        out, _ = model.rnn(x)
        assert np.abs(tr.hiddens[-1] - out.detach().numpy()).max() <= 1e-5


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_backward_pass_starts_at_each_sequence_end(cell):
    """A padded name reads as the same name alone: padding never reaches the backward pass."""
    model = _model(cell, 2, "last_valid", out=3, loss="nll", inp=3)
    x = _padded()
    with torch.no_grad():
        batch = model(x)
        for b, n in enumerate((8, 3, 6, 1, 5)):
            alone = model(x[b:b + 1, :n])
            assert torch.allclose(batch[b], alone[0], atol=1e-6)
            longer = model(torch.cat((x[b:b + 1, :n], torch.zeros(1, 4, 3)), 1))
            assert torch.allclose(longer[0], alone[0], atol=1e-6)


@pytest.mark.parametrize("cell", ["lstm", "gru"])
@pytest.mark.parametrize("mode", ["all", "last_valid"])
def test_h_grads_of_both_passes_match_finite_differences(cell, mode):
    """∂L/∂h_t of each pass is the total derivative: perturb one unit at one step and difference the loss."""
    x, y = _inputs(mode)
    model = _model(cell, 2, mode, out=1 if mode == "all" else 3, loss="mse" if mode == "all" else "nll",
                   seed=3, inp=x.shape[-1]).double()
    x = x.double()
    y = y.double() if mode == "all" else y
    tr = trace(model, x, y, keep_h_grads=True)
    L, B, T, DH = tr.hiddens.shape
    rng = np.random.default_rng(0)
    lengths = (8, 3, 6, 1, 5) if mode == "last_valid" else (T,) * B
    for _ in range(16):
        k, b, u = (int(rng.integers(n)) for n in (L, B, DH))
        t = int(rng.integers(lengths[b]))  # a step of the sequence itself, not of its padding
        fd = loss_slope(model, x, y, tr.hiddens.shape, (k, b, t, u))
        assert abs(fd - tr.h_grads[k, b, t, u]) < 1e-6 * max(1.0, abs(fd)) + 1e-7


def test_snapshot_profile_is_the_trace_norm():
    x, y = _inputs("last_valid")
    model = _model("gru", 2, "last_valid", out=3, loss="nll", inp=3)
    norms, loss = grad_profile(model, x, y)
    tr = trace(model, x, y)
    assert np.allclose(norms, tr.grad_norms, rtol=1e-5) and abs(loss - tr.loss) < 1e-6


def test_only_whole_sequence_tasks_and_fused_cells_run_both_ways():
    RunConfig().replace(task="denoise", dataset="sine", transform="none", bidirectional="on")
    RunConfig().replace(task="names", cell="gru", num_layers=1, bidirectional="on")
    for task in ("forecast", "multistep", "adding", "recall", "first_value"):
        with pytest.raises(ValueError, match="bidirectional"):
            RunConfig().replace(task=task, transform="none", bidirectional="on")
    for cell in ("scratch", "lru", "mingru", "tutorial"):
        with pytest.raises(ValueError, match="bidirectional"):
            ModelConfig(cell=cell, num_layers=1, bidirectional="on")
