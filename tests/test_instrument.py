"""The unrolled loop must be the trained model: same outputs, same gradients, true ∂L/∂h_t."""

import numpy as np
import pytest
import torch
from torch import nn

from rnn_core.config import ModelConfig
from rnn_core.engine.instrument import spectrum, trace, unroll
from rnn_core.engine.models import ElmanRNN, build_model
from tests.finite_diff import loss_slope

CASES = [(cell, layers) for cell in ("rnn", "lstm", "gru", "scratch") for layers in (1, 2, 3)]


def _model(cell, layers, mode="last", out=1, loss="mse", horizon=1, nonlinearity="tanh", seed=0, inp=1):
    cfg = ModelConfig(cell=cell, num_layers=layers, hidden_size=8, nonlinearity=nonlinearity)
    return build_model(cfg, inp, out, mode, loss, horizon, seed)


def _batch(B=5, T=7, inp=1, seed=1):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(B, T, inp, generator=g)


@pytest.mark.parametrize("cell,layers", CASES)
@pytest.mark.parametrize("mode", ["last", "all", "generate"])
def test_unrolled_equals_fused_outputs_and_gradients(cell, layers, mode):
    model = _model(cell, layers, mode=mode, horizon=4)
    x = _batch()
    y = torch.randn(5, 7, 1) if mode == "all" else torch.randn(5, 4 if mode == "generate" else 1)
    fused = model(x)
    model.zero_grad()
    model.loss(fused, y).backward()
    ref = {n: p.grad.numpy() for n, p in model.named_parameters()}
    tr = trace(model, x, y, param_grads=True)
    assert np.abs(tr.outputs - fused.detach().numpy()).max() <= 1e-5
    # the fused path's last hidden state is the loop's
    _, h_n = model.rnn(x)
    h_last = h_n[0] if isinstance(h_n, tuple) else h_n
    if mode != "generate":
        assert np.abs(tr.hiddens[:, :, -1] - h_last.detach().numpy()).max() <= 1e-5
    for name, g in ref.items():
        assert np.abs(tr.param_grads[name] - g).max() <= 1e-5, name


def test_classification_output_is_log_softmax_and_matches():
    model = _model("lstm", 2, out=3, loss="nll")
    x, y = _batch(), torch.tensor([0, 1, 2, 1, 0])
    tr = trace(model, x, y)
    assert np.allclose(np.exp(tr.outputs).sum(-1), 1, atol=1e-5)
    assert abs(tr.loss - model.loss(model(x), y).item()) < 1e-6


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_h_grads_match_finite_differences(cell):
    """∂L/∂h_t is the total derivative: perturb h_t inside the loop and difference the loss (float64)."""
    model = _model(cell, 2, seed=3).double()
    x, y = _batch(B=3, T=5).double(), torch.randn(3, 1).double()
    tr = trace(model, x, y, keep_h_grads=True)
    rng = np.random.default_rng(0)
    for _ in range(12):
        k, b, t, u = (int(rng.integers(n)) for n in tr.hiddens.shape)
        fd = loss_slope(model, x, y, tr.hiddens.shape, (k, b, t, u))
        assert abs(fd - tr.h_grads[k, b, t, u]) < 1e-6 * max(1.0, abs(fd)) + 1e-7


def test_grad_norms_match_hand_backprop_for_elman():
    """One tanh layer, loss on the last step: dh_{t-1} = W_hh^T (dh_t ⊙ (1 - h_t²)), by hand."""
    model = _model("rnn", 1, seed=5).double()
    x, y = _batch(B=4, T=9).double(), torch.randn(4, 1).double()
    tr = trace(model, x, y)
    W_hh = model.rnn.weight_hh_l0.detach().double()
    w = model.head.weight.detach().double()
    h = torch.tensor(tr.hiddens[0], dtype=torch.float64)  # (B, T, H), float32-rounded but fine for 1e-4
    out = h[:, -1] @ w.T + model.head.bias.detach().double()
    dh = 2 * (out - y) / out.numel() @ w  # dL/dh_T for the batch-mean MSE
    norms = [dh.norm()]
    for t in range(h.shape[1] - 1, 0, -1):
        dh = (dh * (1 - h[:, t] ** 2)) @ W_hh
        norms.append(dh.norm())
    ref = np.array(norms[::-1])
    assert np.allclose(tr.grad_norms[0], ref, rtol=1e-4)


def test_gradcheck_of_the_unrolled_loss():
    model = _model("gru", 2, seed=2).double()
    x, y = _batch(B=2, T=4).double(), torch.randn(2, 1).double()

    def loss_of_perturbation(d):
        out, *_ = unroll(model, x, detach=True, perturb=d)
        return model.loss(out, y)

    d = torch.zeros(2, 2, 4, 8, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(loss_of_perturbation, (d,), eps=1e-6, atol=1e-6)


def test_scratch_cell_equals_nn_rnn_with_copied_weights():
    torch.manual_seed(0)
    ref = nn.RNN(3, 6, num_layers=2, batch_first=True)
    mine = ElmanRNN(3, 6, num_layers=2)
    with torch.no_grad():
        for k in range(2):
            getattr(mine, f"weight_ih_l{k}").copy_(getattr(ref, f"weight_ih_l{k}"))
            getattr(mine, f"weight_hh_l{k}").copy_(getattr(ref, f"weight_hh_l{k}"))
            getattr(mine, f"bias_l{k}").copy_(getattr(ref, f"bias_ih_l{k}") + getattr(ref, f"bias_hh_l{k}"))
    x = _batch(inp=3)
    (o1, h1), (o2, h2) = ref(x), mine(x)
    assert torch.allclose(o1, o2, atol=1e-6) and torch.allclose(h1, h2, atol=1e-6)
    o1.pow(2).sum().backward()
    o2.pow(2).sum().backward()
    assert torch.allclose(ref.weight_hh_l0.grad, mine.weight_hh_l0.grad, atol=1e-5)


def _graph_nodes(out):
    """Names of every autograd node behind ``out``."""
    seen, todo, names = set(), [out.grad_fn], []
    while todo:
        fn = todo.pop()
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        names.append(type(fn).__name__)
        todo.extend(f for f, _ in fn.next_functions)
    return names


def _textbook_elman(rnn, x):
    """h_t = tanh(W_x x_t + W_h h_{t-1} + b), indexing x_t as inp[:, t] at every step."""
    inp = x
    for k in range(rnn.num_layers):
        W_x, W_h, b = (getattr(rnn, f"{n}_l{k}") for n in ("weight_ih", "weight_hh", "bias"))
        h, outs = x.new_zeros(len(x), rnn.hidden_size), []
        for t in range(x.shape[1]):
            h = torch.tanh(inp[:, t] @ W_x.T + h @ W_h.T + b)
            outs.append(h)
        inp = torch.stack(outs, 1)
    return inp


@pytest.mark.parametrize("cell", ["scratch", "tutorial"])
def test_hand_written_cells_split_their_input_once_per_layer(cell):
    """Slicing inp[:, t] at every step gives each step's gradient the whole (B, T, H) shape, a backward
    quadratic in the window: each layer must split its input into steps in one node instead."""
    model = _model(cell, 3 if cell == "scratch" else 1)
    x = _batch(T=9).requires_grad_()
    names = _graph_nodes(model.rnn(x)[0])
    assert names.count("UnbindBackward0") == model.rnn.num_layers
    assert "SelectBackward0" not in names and "SliceBackward0" not in names


def test_scratch_cell_gives_the_numbers_of_the_textbook_loop_bit_for_bit():
    rnn = _model("scratch", 3).rnn
    x1, x2 = _batch(T=9).requires_grad_(), _batch(T=9).requires_grad_()
    o1, o2 = rnn(x1)[0], _textbook_elman(rnn, x2)
    assert torch.equal(o1, o2)
    g1 = torch.autograd.grad(o1.pow(2).sum(), [x1, *rnn.parameters()])
    g2 = torch.autograd.grad(o2.pow(2).sum(), [x2, *rnn.parameters()])
    assert all(torch.equal(a, b) for a, b in zip(g1, g2, strict=True))


def test_gates_and_cells_have_the_right_shapes_and_ranges():
    model = _model("lstm", 2)
    tr = trace(model, _batch(), torch.randn(5, 1))
    assert tr.hiddens.shape == tr.cells.shape == (2, 5, 7, 8)
    assert set(tr.gates) == {"i", "f", "g", "o"}
    assert 0 <= tr.gates["f"].min() and tr.gates["f"].max() <= 1
    assert tr.grad_norms.shape == (2, 7) and (tr.grad_norms > 0).all()
    gru = trace(_model("gru", 1), _batch(), torch.randn(5, 1))
    assert set(gru.gates) == {"r", "z", "n"} and gru.cells is None


def test_spectrum_and_spectral_init():
    cfg = ModelConfig(cell="rnn", num_layers=1, hidden_size=16, init="spectral", rho=0.5)
    m = build_model(cfg, 1, 1)
    s = spectrum(m)[0]
    assert abs(s["spectral_radius"]["h"] - 0.5) < 1e-5
    assert len(s["singular_values"]) == 16
    ident = build_model(ModelConfig(cell="rnn", hidden_size=4, init="identity"), 1, 1)
    assert torch.equal(ident.rnn.weight_hh_l0, torch.eye(4)) and ident.rnn.bias_hh_l0.abs().sum() == 0
    lstm = spectrum(build_model(ModelConfig(cell="lstm", init="orthogonal"), 1, 1))
    assert set(lstm[0]["eigenvalues"]) == {"i", "f", "g", "o"}
    assert abs(lstm[0]["spectral_radius"]["f"] - 1) < 1e-4  # orthogonal: every eigenvalue on the unit circle
