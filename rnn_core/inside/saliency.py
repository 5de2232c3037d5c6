"""Which input steps drive each output: saliency |∂ŷ/∂x_t| and gradient × input, per sample and output.

The gradient of an output with respect to the inputs is taken through the fused module: x is a leaf
of the graph, so ∂ŷ/∂x_t is the total derivative through the whole recurrence (unlike a gradient on
the fused module's intermediate outputs). Samples do not interact in an RNN, so one backward pass of
the batch sum gives every sample's gradient at once; one pass per output step.
"""

from __future__ import annotations

import numpy as np
import torch

from rnn_core.engine.models import RNNModel

MAX_OUTPUTS = 64  # many-to-many: at most this many output steps, evenly spaced (one backward pass each)


def output_steps(model: RNNModel, seq_len: int, max_outputs: int = MAX_OUTPUTS) -> np.ndarray:
    """Indices of the outputs explained: the one output (many-to-one), every generated step
    (one-to-many) or up to ``max_outputs`` aligned steps (many-to-many), 0-based."""
    n = {"last": 1, "generate": model.horizon, "all": seq_len}[model.output_mode]
    if n <= max_outputs:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, max_outputs).round().astype(int))


def _scores(model: RNNModel, out: torch.Tensor) -> list:
    """One scalar per sample and explained output, as a list over outputs of (B,) tensors.

    Classification explains the predicted class by its centred score log p_c − mean_j log p_j (equal to
    the logit minus the mean logit): unlike log p_c it does not flatten when the net is confident."""
    if model.loss_kind == "nll":
        c = out.argmax(-1, keepdim=True)  # (B, 1)
        return [(out.gather(-1, c).squeeze(-1) - out.mean(-1))]
    if model.output_mode == "all":
        return [out[:, s, 0] for s in range(out.shape[1])]
    return [out[:, k] for k in range(out.reshape(len(out), -1).shape[1])]


def saliency(model: RNNModel, x, max_outputs: int = MAX_OUTPUTS) -> dict[str, np.ndarray]:
    """Saliency of every input step for every sample of ``x`` (N, T, I) and every explained output.

    Returns ``saliency`` (N, O, T) = ‖∂ŷ_o/∂x_t‖ over input channels, ``grad_x_input`` (N, O, T) =
    Σ_channels x_t · ∂ŷ_o/∂x_t (signed: how much the value at t pushed the output up or down), and
    ``outputs`` (O,), the output steps explained. Dropout must be off (the model in eval mode)."""
    steps = output_steps(model, x.shape[1], max_outputs)
    with torch.enable_grad():
        dtype = next(model.parameters()).dtype
        xg = torch.as_tensor(x, dtype=dtype).detach().clone().requires_grad_(True)
        scores = _scores(model, model(xg))
        grads = []
        for j, o in enumerate(steps):
            g, = torch.autograd.grad(scores[o].sum(), xg, retain_graph=j < len(steps) - 1)
            grads.append(g)
    g = torch.stack(grads, 1).double()  # (N, O, T, I)
    xs = xg.detach().double().unsqueeze(1)  # (N, 1, T, I)
    return {"saliency": g.norm(dim=-1).numpy(), "grad_x_input": (g * xs).sum(-1).numpy(), "outputs": steps}


def by_lag(values: np.ndarray) -> np.ndarray:
    """(N, O, T) per input step -> (N, O, T) per lag k = T − t, lag 1 (the last input) first."""
    return values[..., ::-1]


def by_offset(values: np.ndarray, outputs: np.ndarray) -> np.ndarray:
    """Many-to-many: mean over samples and outputs of the saliency at offset d = s − t (0..T−1) between
    output step s and input step t; inputs after the output (d < 0) cannot matter in a causal RNN."""
    N, O, T = values.shape
    total, count = np.zeros(T), np.zeros(T)
    mean = values.mean(0)  # (O, T)
    for j, s in enumerate(outputs):
        d = s - np.arange(T)
        keep = d >= 0
        np.add.at(total, d[keep], mean[j, keep])
        np.add.at(count, d[keep], 1)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)
