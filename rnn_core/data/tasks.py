"""Sequence sample tasks for the lessons: memory, classification and denoising.

Each task returns float32 inputs X of shape (n, T, input_size) and its targets; the same seed
always gives the same arrays.
"""

from __future__ import annotations

import numpy as np

from rnn_core.data.series import CLEAN_SHAPES, clean_shape

FIRST_VALUE_CLASSES = ("negative", "positive")
WAVEFORM_CLASSES = ("sine", "square", "sawtooth", "triangle")


def _check(n: int, seq_len: int, min_len: int = 1):
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    if seq_len < min_len:
        raise ValueError(f"seq_len must be >= {min_len}, got {seq_len}")


def adding(n: int, seq_len: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The adding problem (Hochreiter & Schmidhuber, 1997).

    Channel 0 holds random numbers, channel 1 marks two of them, one in each half of the
    sequence; the target is their sum. Answering 1 always scores MSE 1/6, the bar to beat.
    """
    _check(n, seq_len, min_len=2)
    rng = np.random.default_rng(seed)
    X = np.zeros((n, seq_len, 2), dtype=np.float32)  # (n, T, [value, marker])
    X[..., 0] = rng.uniform(0.0, 1.0, (n, seq_len))
    half = seq_len // 2
    rows = np.arange(n)
    first, second = rng.integers(0, half, n), rng.integers(half, seq_len, n)
    X[rows, first, 1] = 1.0
    X[rows, second, 1] = 1.0
    y = (X[rows, first, 0] + X[rows, second, 0])[:, None]  # (n, 1)
    return X, y.astype(np.float32)


def recall(n: int, lag: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Delayed recall: output at the end the value seen ``lag`` steps before the last step."""
    if lag < 0:
        raise ValueError(f"lag must be >= 0, got {lag}")
    seq_len = lag + 5  # a few distractor steps before the remembered one
    _check(n, seq_len)
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, (n, seq_len, 1)).astype(np.float32)  # (n, T, 1)
    y = X[:, seq_len - 1 - lag, :].copy()  # (n, 1)
    return X, y


def first_value(n: int, seq_len: int, seed: int) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Classify a sequence by the sign of its first value, which the net must carry to the end."""
    _check(n, seq_len)
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, (n, seq_len, 1)).astype(np.float32)  # (n, T, 1)
    y = (X[:, 0, 0] > 0).astype(np.int64)  # (n,)
    return X, y, FIRST_VALUE_CLASSES


def waveforms(n: int, seq_len: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Classify the shape of a noisy periodic wave; period, phase and amplitude vary per sample."""
    _check(n, seq_len)
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n) % len(WAVEFORM_CLASSES)).astype(np.int64)  # balanced classes
    period = rng.uniform(seq_len / 4, seq_len, (n, 1))
    phase = rng.uniform(0.0, 1.0, (n, 1))
    amplitude = rng.uniform(0.5, 1.5, (n, 1))
    cycle = np.mod(np.arange(seq_len)[None, :] / period + phase, 1.0)  # (n, T), position in the period
    shapes = np.stack([
        np.sin(2 * np.pi * cycle),
        np.where(cycle < 0.5, 1.0, -1.0),
        2.0 * cycle - 1.0,
        1.0 - 4.0 * np.abs(cycle - 0.5),
    ])  # (classes, n, T)
    wave = amplitude * shapes[y, np.arange(n)] + noise * rng.standard_normal((n, seq_len))
    return wave[..., None].astype(np.float32), y, WAVEFORM_CLASSES  # (n, T, 1)


def denoise(name: str, n: int, seq_len: int, period: float, noise: float,
            seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Many-to-many: recover a clean window of series ``name`` from its noisy version, step by step."""
    if name not in CLEAN_SHAPES:
        raise ValueError(f"denoise needs a series with a clean signal: {', '.join(CLEAN_SHAPES)}; got {name!r}")
    _check(n, seq_len)
    rng = np.random.default_rng(seed)
    # windows start anywhere in a series long enough to hold every phase of the period
    length = max(4 * seq_len, int(np.ceil(period)) + seq_len)
    start = rng.uniform(0.0, length - seq_len, (n, 1))
    t = start + np.arange(seq_len)[None, :]  # (n, T)
    clean = clean_shape(name, t, period, length)
    noisy = clean + noise * rng.standard_normal(clean.shape)
    return noisy[..., None].astype(np.float32), clean[..., None].astype(np.float32)  # (n, T, 1) each
