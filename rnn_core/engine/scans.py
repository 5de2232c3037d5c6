"""Scans over time for h_t = a_t ⊙ h_{t-1} + b_t: every a_t and b_t is known before the recurrence runs.

- ``blocked_scan``: the sequence cut into ≈√T blocks; a loop of ≈√T steps scans all blocks at once, a
  second of ≈√T steps carries each block's end state into the next, one multiply-add finishes. 2√T small
  sequential steps instead of T, every one over many elements: the fastest on a CPU, and the training path.
- ``log_scan``: Feng et al.'s log-space scan (cumsum and logcumsumexp; positive a, b only).
- ``diag_scan``: recursive doubling (Hillis–Steele) for a constant complex diagonal λ (LRU).
The last two have no sequential loop at all, but take O(T log T) work or many exp/log per element, which
costs more than the blocked scan's few steps on a CPU (bench/bench_linear.py measures all of them).
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

# the log-space and doubling scans run per chunk of this many steps, carrying the state across: the
# log-space scan keeps its cumulative log-decays small enough for float32, and the doubling scan's memory
# stops growing with log2 T
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


def block_size(T: int) -> int:
    """≈√T steps per block; a divisor of T near √T when there is one, so no padding is needed."""
    root = math.isqrt(max(T - 1, 0)) + 1
    for c in range(root, max(root // 2, 1) - 1, -1):
        if T % c == 0:
            return c
    return root


def blocked_scan(a, b, h0=None):
    """h_t = a_t ⊙ h_{t-1} + b_t over dim 1 of b (B, T, H), from h0 (B, H) or zero; real or complex.

    ``a`` is (B, T, H) (gates) or (H,) (a constant decay, LRU's λ). Blocks of C ≈ √T steps: first every
    block is scanned from zero, all blocks in one vectorised step per position (``local``), with the
    product of its decays so far (``decay``); then the true state entering each block is carried over the
    blocks; finally h = local + decay ⊙ (state entering the block). Only products of decays |a| ≤ 1
    appear, so nothing overflows.
    """
    B, T, H = b.shape
    C = block_size(T)
    K = -(-T // C)
    pad = K * C - T
    const = a.dim() == 1
    if pad:  # padding steps at the end (decay 1, input 0) never reach a real step
        b = torch.cat([b, b.new_zeros(B, pad, H)], 1)
        if not const:
            a = torch.cat([a, a.new_ones(B, pad, H)], 1)
    # unbind, never b[:, :, c]: each indexed slice would get a gradient of the full shape (quadratic work)
    bs = b.reshape(B, K, C, H).unbind(2)
    h = b.new_zeros(B, K, H)
    local = []
    if const:
        decay = torch.exp(torch.arange(1, C + 1, device=b.device).unsqueeze(-1) * torch.log(a))  # a^(c+1)
        for b_c in bs:
            h = a * h + b_c
            local.append(h)
        decay = decay.unsqueeze(0).unsqueeze(0)  # (1, 1, C, H)
        decay_end = [decay[0, 0, -1]] * K
    else:
        aa = a.reshape(B, K, C, H)
        for a_c, b_c in zip(aa.unbind(2), bs, strict=True):
            h = a_c * h + b_c
            local.append(h)
        decay = torch.cumprod(aa, 2)  # (B, K, C, H): the decays of a block multiplied up to each step
        decay_end = decay[:, :, -1].unbind(1)  # each block's product of all its decays
    carry = b.new_zeros(B, H) if h0 is None else h0.to(b.dtype)
    entering = []
    for d_k, end_k in zip(decay_end, h.unbind(1), strict=True):  # h: every block's local end state
        entering.append(carry)
        carry = d_k * carry + end_k
    out = torch.stack(local, 2) + decay * torch.stack(entering, 1).unsqueeze(2)
    return out.reshape(B, K * C, H)[:, :T]
