"""One step of a linear recurrence (LRU, minGRU, minLSTM) written out term by term, in float64.

The counterpart of :func:`rnn_core.inside.terms.step_terms` for the cells of :mod:`rnn_core.engine.linear_rnn`;
tests check that each step's new state equals the trace's. Notation as on the Inside page: a⟨t⟩ is
the state (LRU's complex x_t, whose real part the terms show), x⟨t⟩ the layer's input.
"""

from __future__ import annotations

import numpy as np
import torch

from rnn_core.engine.instrument import Trace
from rnn_core.engine.models import RNNModel


def _param(model: RNNModel, name: str, k: int) -> torch.Tensor:
    return getattr(model.rnn, f"{name}_l{k}").detach().double().cpu()


def _sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def _g(v):
    return np.where(v >= 0, v + 0.5, _sigmoid(v))


def linear_step_terms(model: RNNModel, k: int, x: np.ndarray, a_prev: np.ndarray) -> dict[str, np.ndarray]:
    """Terms of step t of layer ``k`` from its input ``x`` (I,) and last state ``a_prev`` (H,; complex for LRU)."""
    cell, H = model.cfg.cell, model.rnn.hidden_size
    x = np.asarray(x, np.float64)
    if cell == "lru":
        nu, theta = _param(model, "nu_log", k).numpy(), _param(model, "theta_log", k).numpy()
        lam = np.exp(-np.exp(nu) + 1j * np.exp(theta))
        gamma = np.sqrt(1 - np.abs(lam) ** 2)
        bu = gamma * ((_param(model, "B_re", k).numpy() + 1j * _param(model, "B_im", k).numpy()) @ x)
        a_prev = np.asarray(a_prev, np.complex128)
        new = lam * a_prev + bu
        return {"r": np.abs(lam), "a_prev": a_prev.real, "lam_a": (lam * a_prev).real, "bu": bu.real,
                "a": new.real}
    xp = _param(model, "weight_ih", k).numpy() @ x + _param(model, "bias_ih", k).numpy()
    a_prev = np.asarray(a_prev, np.float64)
    n = _g(xp[-H:])
    if cell == "mingru":
        z = _sigmoid(xp[:H])
        keep, write = (1 - z) * a_prev, z * n
        return {"u": z, "n": n, "a_prev": a_prev, "keep": keep, "write": write, "a": keep + write}
    f, i = _sigmoid(xp[:H]), _sigmoid(xp[H:2 * H])
    f, i = f / (f + i), i / (f + i)
    keep, write = f * a_prev, i * n
    return {"f": f, "i": i, "n": n, "a_prev": a_prev, "keep": keep, "write": write, "a": keep + write}


def states(tr: Trace) -> np.ndarray:
    """The traced states (L, B, T, H): complex for LRU (Re + i·Im), real otherwise."""
    if tr.hiddens_imag is None:
        return tr.hiddens.astype(np.float64)
    return tr.hiddens.astype(np.float64) + 1j * tr.hiddens_imag.astype(np.float64)


def layer_outputs(model: RNNModel, k: int, state: np.ndarray, inp: np.ndarray) -> np.ndarray:
    """What layer ``k`` hands up, from its states (…, T, H) and inputs: LRU's y + MLP(y), else the state."""
    if model.cfg.cell != "lru":
        return np.asarray(state, np.float64).real
    with torch.no_grad():
        h = torch.as_tensor(np.asarray(state, np.complex128))
        u = torch.as_tensor(np.asarray(inp, np.float64))
        params = {n: _param(model, n, k) for n in ("C_re", "C_im", "D", "mlp_weight", "mlp_bias")}
        y = h.real @ params["C_re"].T - h.imag @ params["C_im"].T + u @ params["D"].T
        return (y + torch.nn.functional.gelu(y @ params["mlp_weight"].T + params["mlp_bias"])).numpy()


def linear_jacobians(model: RNNModel, tr: Trace, k: int, sample: int) -> np.ndarray:
    """Step Jacobians (T', H, H) of layer ``k``: diag(1 − z_t) (minGRU), diag(f'_t) (minLSTM), and for LRU
    diag(|λ|), whose products have the norms and singular values of the complex diag(λ)^k."""
    cell = model.cfg.cell
    T = tr.hiddens.shape[2]
    if cell == "lru":
        nu = _param(model, "nu_log", k).numpy()
        d = np.tile(np.exp(-np.exp(nu)), (T, 1))
    elif cell == "mingru":
        d = 1.0 - tr.gates["z"][k, sample].astype(np.float64)
    else:
        d = tr.gates["f"][k, sample].astype(np.float64)
    return d[:, :, None] * np.eye(d.shape[1])[None]
