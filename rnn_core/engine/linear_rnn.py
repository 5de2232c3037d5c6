"""Linear recurrences that train as a parallel scan over time: LRU, minGRU and minLSTM.

- LRU (Orvieto et al., ICML 2023): x_t = λ ⊙ x_{t-1} + γ ⊙ (B u_t), y_t = Re(C x_t) + D u_t, with a
  complex diagonal λ = exp(−exp(ν) + i·exp(θ)) that stays inside the unit disk for any ν, θ, initialised
  on a ring r_min ≤ |λ| ≤ r_max, and γ = sqrt(1 − |λ|²) so a unit's state keeps unit variance. Each
  layer's output passes a small MLP, o_t = y_t + GELU(W y_t + b), the nonlinearity between layers.
- minGRU (Feng et al. 2024): z_t = σ(W_z x_t), h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ g(W_h x_t).
- minLSTM: f, i = σ(W_f x_t), σ(W_i x_t) normalised to sum 1, h_t = f'_t ⊙ h_{t-1} + i'_t ⊙ g(W_h x_t).
  g(a) = a + ½ for a ≥ 0, σ(a) below keeps the candidate positive, so Feng's log-space scan applies.

No gate reads h_{t-1}, so h_t = a_t ⊙ h_{t-1} + b_t with a_t, b_t known for every t at once: the whole
sequence is a scan (:mod:`rnn_core.engine.scans`) instead of T dependent steps. ``path`` picks how ``forward``
runs it: ``blocked`` (the default, what training uses: about 2√T vectorised steps), ``scan`` (no
sequential loop: recursive doubling for LRU, the log-space scan for the min cells) or ``loop`` (T
steps of ``project``/``step``/``emit``, the form :mod:`rnn_core.engine.instrument` replays). Parameters are named
per layer like torch's (``weight_ih_l0`` ...); tests hold the three paths equal.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from rnn_core.engine.scans import blocked_scan, diag_scan, g_pos, log_g, log_scan

LRU_R_MIN, LRU_R_MAX, LRU_MAX_PHASE = 0.9, 0.999, math.pi / 10  # Orvieto et al.'s ring for long memory
PATHS = ("blocked", "scan", "loop")  # blocked scan (training), fully parallel scan, sequential reference


class _Stack(nn.Module):
    """Shared layer loop: per layer a scan (or the step loop), dropout between layers."""

    batch_first = True
    path = "blocked"  # one of PATHS; "loop" is the reference the scans are tested against

    def forward(self, x, h0=None):
        inp, last = x, []
        for k in range(self.num_layers):
            if self.path == "blocked":
                hs = blocked_scan(*self.coeffs(k, inp), None if h0 is None else h0[k])
            elif self.path == "scan":
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

    def _linear_coeffs(self, xp):
        """a_t, b_t of h_t = a_t ⊙ h_{t-1} + b_t, and the gates (z; f′, i′) and candidate h̃."""
        H = self.hidden_size
        cand = g_pos(xp[..., (self.n_gates - 1) * H:])
        if self.kind == "mingru":
            z = torch.sigmoid(xp[..., :H])
            return 1 - z, z * cand, (z, cand)
        f, i = torch.sigmoid(xp[..., :H]), torch.sigmoid(xp[..., H:2 * H])
        f, i = f / (f + i), i / (f + i)
        return f, i * cand, (f, i, cand)

    def step(self, k, xp_t, h):
        a, b, gates = self._linear_coeffs(xp_t)
        return a * h + b, gates

    def coeffs(self, k, inp):
        return self._linear_coeffs(self.project(k, inp))[:2]

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
        W = torch.stack([self.p("B_re", k), self.p("B_im", k)], 1).flatten(0, 1)  # rows Re, Im interleaved
        bu = (inp @ W.T).unflatten(-1, (self.hidden_size, 2))  # one product, read as complex numbers
        return torch.view_as_complex(bu) * gamma

    def step(self, k, xp_t, h):
        return torch.exp(self.log_lambda(k)) * h + xp_t, ()

    def coeffs(self, k, inp):
        return torch.exp(self.log_lambda(k)), self.project(k, inp)

    def scan(self, k, inp, h0):
        return diag_scan(self.log_lambda(k), self.project(k, inp), h0)

    def emit(self, k, x, u):
        """o = y + GELU(W y + b), y = Re(C x) + D u: the layer's real output."""
        W = torch.stack([self.p("C_re", k), -self.p("C_im", k)], -1).flatten(-2)  # Re(C x) in one product
        y = torch.view_as_real(x).flatten(-2) @ W.T + u @ self.p("D", k).T
        return y + F.gelu(y @ self.p("mlp_weight", k).T + self.p("mlp_bias", k))


def _complex(dtype):
    return torch.complex128 if dtype == torch.float64 else torch.complex64
