"""Where a linear recurrence's decays lie on the complex plane, before and after training.

LRU's recurrence matrix is diag(λ): its eigenvalues are λ, fixed once trained. minGRU's is diag(1 − z_t)
and minLSTM's diag(f′_t): real, in (0, 1), and different at every step, because the gates read x_t.
For them each unit gets the median of its decay over the steps of a batch, with the 10th and 90th
percentiles. Every point lies inside the unit circle by construction; the view shows how far inside.
"""

from __future__ import annotations

import torch

from rnn_core.engine.instrument import spectrum
from rnn_core.engine.models import RNNModel

QUANTILES = (0.1, 0.5, 0.9)


def disk_points(model: RNNModel, x: torch.Tensor) -> list[dict]:
    """Per layer ``{"points": complex (H,), "low": (H,) | None, "high": (H,) | None}``.

    ``points`` are LRU's λ, or the min cells' median decay per unit over the batch ``x`` (B, T, I) (on the
    real axis); ``low``/``high`` are the decay's 10th and 90th percentiles (None for LRU)."""
    cell = model.cfg.cell
    if cell == "lru":
        return [{"points": s["eigenvalues"]["lambda"], "low": None, "high": None} for s in spectrum(model)]
    rnn, out, inp = model.rnn, [], x
    with torch.no_grad():
        for k in range(rnn.num_layers):
            gate = rnn.gates(rnn.project(k, inp))[0]  # z (minGRU) or f′ (minLSTM), (B, T, H)
            decay = (1 - gate if cell == "mingru" else gate).double().reshape(-1, rnn.hidden_size)
            low, mid, high = torch.quantile(decay, torch.tensor(QUANTILES, dtype=torch.float64), dim=0).numpy()
            out.append({"points": mid.astype(complex), "low": low, "high": high})
            inp = rnn.emit(k, rnn.scan(k, inp, None), inp)
    return out
