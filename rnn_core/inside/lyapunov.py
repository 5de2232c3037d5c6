"""The largest Lyapunov exponent of an untrained tanh RNN running freely, with its uncertainty.

h_{k+1} = tanh(ρ W h_k), W a Gaussian matrix of spectral radius 1: negative exponent when nearby
trajectories converge (contracting), positive when they separate (chaotic), near 0 at the edge.
A finite run only estimates the exponent, and near the edge the estimate's own noise is as large as
the threshold (seed 0, ρ = 1.5: +0.015 from one start over 500 steps, +0.009 over 5,000). So every
estimate here comes from ``STARTS`` independent starting states of the same network, and the regime
is named only when the whole 95 % interval of their mean lies on one side of ±``EDGE_TOL``.
"""

from __future__ import annotations

import numpy as np

EDGE_TOL = 0.01  # |λ| below this (per step) counts as the edge of chaos: a periodic or quasi-periodic run
STARTS = 6  # independent starting states per estimate: 1.7× the cost of one start for the 59-ρ curve
# Student's t, 97.5 % quantile, by the number of starts (K - 1 degrees of freedom); tested against scipy
T975 = {2: 12.706, 3: 4.303, 4: 3.182, 5: 2.776, 6: 2.571, 7: 2.447, 8: 2.365, 9: 2.306, 10: 2.262}
RENORM = 10  # steps between renormalisations of the tangent vectors: growth of at most 3^10, never overflows
# OpenBLAS splits a matrix product over threads above m·n·k = 262,144; on a shared 2-core server those
# threads cost more than they save (measured: 0.6 s of CPU for the curve instead of 0.13 s), so the
# product runs in row blocks below that size, each on one thread
BLAS_ONE_THREAD = 262_144


def random_direction(hidden: int, seed: int) -> np.ndarray:
    """A Gaussian H×H matrix scaled to spectral radius 1 (so ρ·W has spectral radius exactly ρ)."""
    A = np.random.default_rng(seed).standard_normal((hidden, hidden))
    return A / np.abs(np.linalg.eigvals(A)).max()


def lyapunov_starts(rhos, hidden: int = 64, steps: int = 500, burn_in: int = 100, seed: int = 0,
                    starts: int = STARTS, W: np.ndarray | None = None) -> np.ndarray:
    """(len(rhos), starts): the exponent (per step, natural log) from each starting state.

    Benettin's method: run the state and a tangent vector v_{k+1} = J_k v_k together and average
    log ‖v‖ growth after ``burn_in`` steps. Network ``W`` (default: ``random_direction(hidden, seed)``)
    is shared; starting states and tangents are drawn from ``seed + 1``. All ρ and starts run as one
    float32 matrix product per step (the spread between starts is far above float32's rounding);
    the logarithms add up in float64."""
    rhos = np.asarray(rhos, np.float64)
    W = random_direction(hidden, seed) if W is None else np.asarray(W, np.float64)
    hidden = W.shape[0]
    rng = np.random.default_rng(seed + 1)
    h0, v0 = rng.standard_normal((starts, hidden)), rng.standard_normal((starts, hidden))
    n = len(rhos) * starts
    s = np.concatenate([np.tile(h0, (len(rhos), 1)), np.tile(v0, (len(rhos), 1))]).astype(np.float32)  # (2n, H)
    r = np.tile(np.repeat(rhos, starts), 2)[:, None].astype(np.float32)
    Wt, total, out = W.T.astype(np.float32), np.zeros(n), np.empty_like(s)
    rows = max(1, BLAS_ONE_THREAD // (hidden * hidden) - 1)
    _renormalise(s[n:])
    for k in range(1, burn_in + steps + 1):
        for i in range(0, 2 * n, rows):  # states and tangents through the same W
            np.matmul(s[i:i + rows], Wt, out=out[i:i + rows])
        s, out = out, s
        s *= r
        h = np.tanh(s[:n], out=s[:n])
        s[n:] *= 1.0 - h * h  # J_k v = diag(1 − h²) ρ W v
        if k % RENORM == 0 or k in (burn_in, burn_in + steps):
            log_norm = _renormalise(s[n:])
            if k > burn_in:
                total += log_norm
    return (total / steps).reshape(len(rhos), starts)


def _renormalise(v: np.ndarray) -> np.ndarray:
    """Scale the rows of ``v`` to length 1 in place; their log lengths (float64)."""
    norm = np.sqrt(np.einsum("ij,ij->i", v, v, dtype=np.float64))
    v /= np.maximum(norm, 1e-30)[:, None].astype(v.dtype)
    return np.log(np.maximum(norm, 1e-300))


def interval(estimates) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean over the starts (last axis) and its 95 % t-interval: (mean, low, high)."""
    e = np.asarray(estimates, np.float64)
    k = e.shape[-1]
    mean = e.mean(-1)
    half = T975[k] * e.std(-1, ddof=1) / np.sqrt(k) if k > 1 else np.zeros_like(mean)
    return mean, mean - half, mean + half


def lyapunov(rhos, hidden: int = 64, steps: int = 500, burn_in: int = 100, seed: int = 0,
             starts: int = STARTS) -> np.ndarray:
    """The exponent at each ρ: the mean over ``starts`` starting states (see ``lyapunov_starts``)."""
    return lyapunov_starts(rhos, hidden, steps, burn_in, seed, starts).mean(-1)


def regime(low: float, high: float | None = None, tol: float = EDGE_TOL) -> str:
    """contracting | edge | chaotic: contracting only when the whole interval [low, high] is below −tol,
    chaotic only when it is above +tol, the edge otherwise (an interval reaching the band |λ| ≤ tol).
    ``high`` omitted: a point estimate."""
    high = low if high is None else high
    return "contracting" if high < -tol else "chaotic" if low > tol else "edge"


def free_run(rho: float, hidden: int = 64, steps: int = 100, seed: int = 0) -> np.ndarray:
    """The states (steps, H) of the first start of ``lyapunov_starts``, for one ρ (no burn-in)."""
    W = rho * random_direction(hidden, seed)
    h = np.random.default_rng(seed + 1).standard_normal(hidden)
    out = np.empty((steps, hidden))
    for k in range(steps):
        h = np.tanh(W @ h)
        out[k] = h
    return out


def crossing(rhos, exponents, level: float = 0.0) -> float | None:
    """The first ρ where the exponent rises through ``level`` (linear interpolation), or None."""
    r, lam = np.asarray(rhos, float), np.asarray(exponents, float)
    for j in range(len(r) - 1):
        if lam[j] < level <= lam[j + 1]:
            return float(r[j] + (r[j + 1] - r[j]) * (level - lam[j]) / (lam[j + 1] - lam[j]))
    return None
