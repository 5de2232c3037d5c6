"""A central finite difference of the loss with respect to one unit of h_t, through the unrolled loop (float64):
the reference the tests hold ∂L/∂h_t to."""

import torch

from rnn_core.engine.instrument import unroll


def loss_slope(model, x, y, shape, index, eps=1e-6) -> float:
    """(L(h + eps e) - L(h - eps e)) / 2 eps for the unit ``index`` = (layer, window, step, unit) of ``shape``."""
    losses = []
    for s in (eps, -eps):
        d = torch.zeros(shape, dtype=torch.float64)
        d[index] = s
        with torch.no_grad():
            out, *_ = unroll(model, x, perturb=d)
            losses.append(float(model.loss(out, y)))
    return (losses[0] - losses[1]) / (2 * eps)
