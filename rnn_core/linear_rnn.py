"""Linear recurrences that train as a parallel scan over time: LRU, minGRU and minLSTM.

- LRU (Orvieto et al., ICML 2023): x_t = λ ⊙ x_{t-1} + γ ⊙ (B u_t), y_t = Re(C x_t) + D u_t, with a
  complex diagonal λ = exp(−exp(ν) + i·exp(θ)) that stays inside the unit disk for any ν, θ, initialised
  on a ring r_min ≤ |λ| ≤ r_max, and γ = sqrt(1 − |λ|²) so a unit's state keeps unit variance. Each
  layer's output passes a small MLP, o_t = y_t + GELU(W y_t + b), the nonlinearity between layers.
- minGRU (Feng et al. 2024): z_t = σ(W_z x_t), h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ g(W_h x_t).
- minLSTM: f, i = σ(W_f x_t), σ(W_i x_t) normalised to sum 1, h_t = f'_t ⊙ h_{t-1} + i'_t ⊙ g(W_h x_t).
  g(a) = a + ½ for a ≥ 0, σ(a) below keeps the candidate positive, so the scan runs in log space.

No gate reads h_{t-1}, so h_t = a_t ⊙ h_{t-1} + b_t with a_t, b_t known for every t at once: the whole
sequence is one scan (log2 T doubling steps for LRU, cumulative sums in log space for the min cells)
instead of T dependent steps. Each module also has the plain loop (``project``/``step``/``emit``, the
form :mod:`rnn_core.instrument` replays), and ``forward`` runs the loop when ``parallel`` is False.
Parameters are named per layer like torch's (``weight_ih_l0`` ...); tests hold the two paths equal.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.checkpoint import checkpoint

LRU_R_MIN, LRU_R_MAX, LRU_MAX_PHASE = 0.9, 0.999, math.pi / 10  # Orvieto et al.'s ring for long memory
# scans run per chunk of this many steps, carrying the state across: the log-space scan keeps its cumulative
# log-decays small enough for float32, and the doubling scan's memory stops growing with log2 T
SCAN_CHUNK = 256


def g_pos(a):
    """Feng et al.'s g: continuous, positive, linear for a ≥ 0."""
    return torch.where(a >= 0, a + 0.5, torch.sigmoid(a))


def log_g(a):
    return torch.where(a >= 0, torch.log(F.relu(a) + 0.5), -F.softplus(-a))


def log_scan(log_a, log_b, h0=None):
    """h_t = a_t h_{t-1} + b_t over dim 1 from h0 (zero if None), with a_t, b_t > 0 given as logs.

    Within a chunk h_t = A_t (h_start + Σ_{s≤t} b_s / A_s), A_t = Π_{r≤t} a_r, evaluated with
    cumsum and logcumsumexp (Heinsen 2023); chunks carry h_start, so |log A| stays bounded.
    """
    outs, h = [], h0
    for la, lb in zip(log_a.split(SCAN_CHUNK, 1), log_b.split(SCAN_CHUNK, 1), strict=True):
        a_star = torch.cumsum(la, 1)
        part = torch.exp(a_star + torch.logcumsumexp(lb - a_star, 1))
        if h is not None:
            part = part + torch.exp(a_star) * h.unsqueeze(1)
        outs.append(part)
        h = part[:, -1]
    return torch.cat(outs, 1)


def diag_scan(log_lam, b, x0=None):
    """x_t = λ x_{t-1} + b_t over dim 1 from x0 (zero if None) for a constant diagonal λ = exp(log_lam).

    Within a chunk, recursive doubling: after the step of width d, x_t holds the sum of its last 2d
    terms. A chunk then adds λ^(j+1) x_start to its step j. Every power λ^k = exp(k·log λ) only shrinks
    for |λ| < 1, so nothing overflows however long the sequence (λ^(−t) is never formed).
    """
    outs, h = [], x0
    for x in b.split(SCAN_CHUNK, 1):
        n, d = x.shape[1], 1
        while d < n:
            x = torch.cat([x[:, :d], x[:, d:] + torch.exp(d * log_lam) * x[:, :-d]], 1)
            d *= 2
        if h is not None:
            steps = torch.arange(1, n + 1, device=x.device, dtype=log_lam.real.dtype).unsqueeze(-1)
            x = x + torch.exp(steps * log_lam) * h.unsqueeze(1)
        outs.append(x)
        h = x[:, -1]
    return torch.cat(outs, 1)


class _Stack(nn.Module):
    """Shared layer loop: per layer a parallel scan (or the step loop), dropout between layers."""

    batch_first = True
    parallel = True  # False: run the sequential loop (the reference the scan is tested against)

    def forward(self, x, h0=None):
        inp, last = x, []
        for k in range(self.num_layers):
            if self.parallel:
                hs = self.scan(k, inp, None if h0 is None else h0[k])
            else:
                h, steps = self.zero_state(x, k) if h0 is None else h0[k], []
                for xp_t in self.project(k, inp).unbind(1):
                    h = self.step(k, xp_t, h)[0]
                    steps.append(h)
                hs = torch.stack(steps, 1)
            last.append(hs[:, -1])
            inp = self.emit(k, hs, inp)
            if self.training and self.dropout > 0 and k < self.num_layers - 1:
                inp = F.dropout(inp, self.dropout, training=True)
        return inp, torch.stack(last)

    def zero_state(self, x, k):
        return x.new_zeros(x.shape[0], self.hidden_size)

    def emit(self, k, h, u):
        """A layer's output from its state h (…, H) and input u: h itself for the min cells."""
        return h

    def p(self, name, k):
        return getattr(self, f"{name}_l{k}")


class MinRNN(_Stack):
    """minGRU (``kind="mingru"``, gates z, h̃) or minLSTM (``kind="minlstm"``, gates f, i, h̃)."""

    def __init__(self, input_size, hidden_size, num_layers=1, dropout=0.0, kind="mingru"):
        super().__init__()
        self.input_size, self.hidden_size, self.num_layers, self.dropout = input_size, hidden_size, num_layers, dropout
        self.kind, self.n_gates = kind, 2 if kind == "mingru" else 3
        k = 1.0 / math.sqrt(hidden_size)
        for layer in range(num_layers):
            n_in = input_size if layer == 0 else hidden_size
            self.register_parameter(f"weight_ih_l{layer}",
                                    nn.Parameter(torch.empty(self.n_gates * hidden_size, n_in).uniform_(-k, k)))
            self.register_parameter(f"bias_ih_l{layer}",
                                    nn.Parameter(torch.empty(self.n_gates * hidden_size).uniform_(-k, k)))

    def project(self, k, inp):
        return inp @ self.p("weight_ih", k).T + self.p("bias_ih", k)  # (…, G*H)

    def _log_coeffs(self, xp):
        """log a_t (decay of h_{t-1}) and log b_t (weight of the candidate, times it)."""
        H = self.hidden_size
        if self.kind == "mingru":
            kz, kh = xp[..., :H], xp[..., H:]
            return -F.softplus(kz), -F.softplus(-kz) + log_g(kh)  # log(1 − z), log z + log h̃
        lf, li = -F.softplus(-xp[..., :H]), -F.softplus(-xp[..., H:2 * H])
        norm = torch.logaddexp(lf, li)
        return lf - norm, li - norm + log_g(xp[..., 2 * H:])

    def gates(self, xp):
        """The gate values people look at: z (minGRU) or the normalised f', i' (minLSTM)."""
        la, lb = self._log_coeffs(xp)
        if self.kind == "mingru":
            return (1 - torch.exp(la),)
        return torch.exp(la), 1 - torch.exp(la)

    def step(self, k, xp_t, h):
        H = self.hidden_size
        cand = g_pos(xp_t[:, (self.n_gates - 1) * H:])
        if self.kind == "mingru":
            z = torch.sigmoid(xp_t[:, :H])
            return h + z * (cand - h), (z, cand)
        f, i = torch.sigmoid(xp_t[:, :H]), torch.sigmoid(xp_t[:, H:2 * H])
        f, i = f / (f + i), i / (f + i)
        return f * h + i * cand, (f, i, cand)

    def scan(self, k, inp, h0):
        return log_scan(*self._log_coeffs(self.project(k, inp)), h0)


class LRU(_Stack):
    """Stacked Linear Recurrent Units with a complex state of ``hidden_size`` units per layer."""

    def __init__(self, input_size, hidden_size, num_layers=1, dropout=0.0):
        super().__init__()
        self.input_size, self.hidden_size, self.num_layers, self.dropout = input_size, hidden_size, num_layers, dropout
        H = N = hidden_size
        for layer in range(num_layers):
            n_in = input_size if layer == 0 else H
            u1, u2 = torch.rand(N), torch.rand(N)
            nu = torch.log(-0.5 * torch.log(u1 * (LRU_R_MAX ** 2 - LRU_R_MIN ** 2) + LRU_R_MIN ** 2))
            params = {"nu_log": nu, "theta_log": torch.log(LRU_MAX_PHASE * u2.clamp_min(1e-4)),
                      "B_re": torch.randn(N, n_in) / math.sqrt(2 * n_in),
                      "B_im": torch.randn(N, n_in) / math.sqrt(2 * n_in),
                      "C_re": torch.randn(H, N) / math.sqrt(N), "C_im": torch.randn(H, N) / math.sqrt(N),
                      "D": torch.randn(H, n_in) / math.sqrt(n_in),
                      "mlp_weight": torch.empty(H, H).uniform_(-1 / math.sqrt(H), 1 / math.sqrt(H)),
                      "mlp_bias": torch.zeros(H)}
            for name, value in params.items():
                self.register_parameter(f"{name}_l{layer}", nn.Parameter(value))

    def log_lambda(self, k):
        """log λ = −exp(ν) + i·exp(θ): |λ| = exp(−exp(ν)) < 1 whatever ν is."""
        return torch.complex(-torch.exp(self.p("nu_log", k)), torch.exp(self.p("theta_log", k)))

    def eigenvalues(self, k):
        return torch.exp(self.log_lambda(k))

    def zero_state(self, x, k):
        return torch.zeros(x.shape[0], self.hidden_size, dtype=_complex(x.dtype), device=x.device)

    def project(self, k, inp):
        """γ ⊙ (B u_t) for every step: (…, n_in) -> (…, N) complex."""
        gamma = torch.sqrt(1 - torch.exp(-2 * torch.exp(self.p("nu_log", k))))  # sqrt(1 − |λ|²)
        return torch.complex(inp @ self.p("B_re", k).T, inp @ self.p("B_im", k).T) * gamma

    def step(self, k, xp_t, h):
        return torch.exp(self.log_lambda(k)) * h + xp_t, ()

    def scan(self, k, inp, h0):
        args = (self.log_lambda(k), self.project(k, inp), h0)
        if not torch.is_grad_enabled():
            return diag_scan(*args)
        # the doubling levels are recomputed in backward instead of kept: memory of one complex
        # sequence instead of log2(SCAN_CHUNK) of them, for one more pass of cheap elementwise work
        return checkpoint(diag_scan, *args, use_reentrant=False)

    def emit(self, k, x, u):
        """o = y + GELU(W y + b), y = Re(C x) + D u: the layer's real output."""
        y = x.real @ self.p("C_re", k).T - x.imag @ self.p("C_im", k).T + u @ self.p("D", k).T
        return y + F.gelu(y @ self.p("mlp_weight", k).T + self.p("mlp_bias", k))


def _complex(dtype):
    return torch.complex128 if dtype == torch.float64 else torch.complex64
