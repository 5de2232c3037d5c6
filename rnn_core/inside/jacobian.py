"""The Jacobian behind vanishing gradients, separated from the loss.

∂L/∂h_t = (∂h_T/∂h_t)ᵀ ∂L/∂h_T + (direct paths): a small ‖∂L/∂h_t‖ can mean the loss does not care
about step t, or that the recurrence forgets it. ‖∂h_T/∂h_t‖ = ‖J_T ⋯ J_{t+1}‖, the product of the
step Jacobians J_k = ∂s_k/∂s_{k−1} of one layer with its inputs held fixed, measures the second alone.
The state s is h (RNN, GRU) or (h, c) (LSTM). The step Jacobians are written out in closed form from
the states a trace recorded; tests check them against finite differences.

The largest Lyapunov exponent of an untrained RNN running freely is in :mod:`rnn_core.inside.lyapunov`.
"""

from __future__ import annotations

import numpy as np

from rnn_core.config import ELMAN_CELLS, LINEAR_CELLS
from rnn_core.engine.instrument import Trace
from rnn_core.engine.models import RNNModel
from rnn_core.inside.linear import linear_jacobians
from rnn_core.inside.terms import layer_inputs, layer_weights


def _sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def step_jacobians(model: RNNModel, x, tr: Trace, sample: int) -> list[np.ndarray]:
    """Per layer, the step Jacobians (T', S, S) of ``sample``: S = H, or 2H for the LSTM's (h, c).

    ``tr`` is ``trace(model, x, y)`` of the same batch; J_0 is taken at the zero initial state."""
    cell, H = model.cfg.cell, model.rnn.hidden_size
    if cell in LINEAR_CELLS:  # diagonal: the decay alone, no matrix product with the state
        return [linear_jacobians(model, tr, k, sample) for k in range(model.rnn.num_layers)]
    act = getattr(model.rnn, "nonlinearity", "tanh")
    inputs = layer_inputs(model, x, tr)
    out = []
    for k in range(model.rnn.num_layers):
        w = layer_weights(model, k)
        hs = tr.hiddens[k, sample].astype(np.float64)  # (T', H)
        prev = np.vstack([np.zeros((1, H)), hs[:-1]])  # h_{t-1}
        pre = inputs[k][sample] @ w["w_ih"].T + w["b_ih"] + prev @ w["w_hh"].T + w["b_hh"]  # (T', G*H)
        if cell in ELMAN_CELLS:
            out.append(elman_jacobians(w["w_hh"], pre, act))
        elif cell == "gru":
            out.append(_gru(w, inputs[k][sample], prev, H))
        else:
            cs = tr.cells[k, sample].astype(np.float64)
            out.append(_lstm(w["w_hh"], pre, np.vstack([np.zeros((1, H)), cs[:-1]]), H))
    return out


def elman_jacobians(W: np.ndarray, z: np.ndarray, act: str = "tanh") -> np.ndarray:
    """J_k = diag(g'(z_k)) W for h_k = g(z_k), z_k = W h_{k−1} + …; ``z`` (T, H); act tanh | relu | linear."""
    if act == "tanh":
        d = 1.0 - np.tanh(z) ** 2
    elif act == "relu":
        d = (z > 0).astype(np.float64)
    else:
        d = np.ones_like(z)
    return d[:, :, None] * W[None]  # (T, H, H)


def _gru(w, x, prev, H):
    xp = x @ w["w_ih"].T + w["b_ih"]  # (T, 3H)
    hp = prev @ w["w_hh"].T + w["b_hh"]  # (T, 3H)
    Wr, Wz, Wn = w["w_hh"][:H], w["w_hh"][H:2 * H], w["w_hh"][2 * H:]
    r, z = _sigmoid(xp[:, :H] + hp[:, :H]), _sigmoid(xp[:, H:2 * H] + hp[:, H:2 * H])
    n = np.tanh(xp[:, 2 * H:] + r * hp[:, 2 * H:])
    dr = (r * (1 - r))[:, :, None] * Wr  # ∂r/∂h (T, H, H)
    dz = (z * (1 - z))[:, :, None] * Wz
    dn = (1 - n ** 2)[:, :, None] * (r[:, :, None] * Wn + hp[:, 2 * H:, None] * dr)
    eye = np.eye(H)[None]
    # h = (1 − z) n + z h_prev
    return z[:, :, None] * eye + (1 - z)[:, :, None] * dn + (prev - n)[:, :, None] * dz


def _lstm(W, pre, c_prev, H):
    i, f, o = _sigmoid(pre[:, :H]), _sigmoid(pre[:, H:2 * H]), _sigmoid(pre[:, 3 * H:])
    g = np.tanh(pre[:, 2 * H:3 * H])
    c = f * c_prev + i * g
    tc = np.tanh(c)
    Wi, Wf, Wg, Wo = (W[j * H:(j + 1) * H] for j in range(4))
    dc_dh = ((c_prev * f * (1 - f))[:, :, None] * Wf + (g * i * (1 - i))[:, :, None] * Wi
             + (i * (1 - g ** 2))[:, :, None] * Wg)  # (T, H, H)
    dc_dc = f[:, :, None] * np.eye(H)[None]
    k = (o * (1 - tc ** 2))[:, :, None]
    dh_dh = (tc * o * (1 - o))[:, :, None] * Wo + k * dc_dh
    dh_dc = k * dc_dc
    top = np.concatenate([dh_dh, dh_dc], axis=2)
    bottom = np.concatenate([dc_dh, dc_dc], axis=2)
    return np.concatenate([top, bottom], axis=1)  # (T, 2H, 2H): rows (h, c), columns (h_prev, c_prev)


def memory_norms(J: np.ndarray, H: int | None = None) -> np.ndarray:
    """‖∂h_T/∂h_t‖₂ for t = 1..T (steps 1-based; t = T gives 1): the spectral norm of the h-block of
    J_T ⋯ J_{t+1}. ``J`` (T, S, S); ``H`` the size of h within the state (default S). float64: beyond
    about 1e±300 it rounds to 0 or inf; ``memory_log_norms`` keeps the natural logarithm."""
    with np.errstate(over="ignore"):  # the documented rounding to inf, not an accident
        return np.exp(memory_log_norms(J, H))


def memory_log_norms(J: np.ndarray, H: int | None = None) -> np.ndarray:
    """log ‖∂h_T/∂h_t‖₂, t = 1..T. The product is renormalised at every step and its scale kept as a
    logarithm, so thousands of steps neither underflow nor overflow."""
    T, S, _ = J.shape
    H = H or S
    P, log_scale = np.eye(S), 0.0
    logs = np.empty(T)
    logs[T - 1] = 0.0
    for t in range(T - 1, 0, -1):  # P = ∂s_T/∂s_t  ->  ∂s_T/∂s_{t-1} = P J_t
        P = P @ J[t]
        m = np.abs(P).max()
        if m == 0 or not np.isfinite(m):
            logs[:t] = -np.inf if m == 0 else np.inf
            break
        P, log_scale = P / m, log_scale + np.log(m)
        logs[t - 1] = log_scale + np.log(np.linalg.norm(P[:H, :H], 2) or np.finfo(float).tiny)
    return logs


def singular_values(J: np.ndarray) -> np.ndarray:
    """Singular values of every step Jacobian, (T, S), largest first."""
    return np.linalg.svd(J, compute_uv=False)
