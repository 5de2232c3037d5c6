import numpy as np
import pytest

from rnn_core.data.series import CLEAN_SHAPES, clean_shape
from rnn_core.data.tasks import (
    FIRST_VALUE_CLASSES,
    WAVEFORM_CLASSES,
    adding,
    denoise,
    first_value,
    recall,
    waveforms,
)

MAKERS = {
    "adding": lambda seed: adding(64, 30, seed),
    "recall": lambda seed: recall(64, 10, seed),
    "first_value": lambda seed: first_value(64, 15, seed),
    "waveforms": lambda seed: waveforms(64, 40, 0.1, seed),
    "denoise": lambda seed: denoise("noisy_sine", 64, 25, 12.0, 0.3, seed),
}


@pytest.mark.parametrize("name", MAKERS)
def test_determinism(name):
    a, b, c = MAKERS[name](1), MAKERS[name](1), MAKERS[name](2)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


def test_adding_shapes_and_rule():
    X, y = adding(500, 40, seed=0)
    assert X.shape == (500, 40, 2) and y.shape == (500, 1)
    assert X.dtype == y.dtype == np.float32
    marks = X[..., 1]
    assert np.all(marks.sum(axis=1) == 2) and set(np.unique(marks)) == {0.0, 1.0}
    assert np.all(marks[:, :20].sum(axis=1) == 1) and np.all(marks[:, 20:].sum(axis=1) == 1)
    assert np.all((X[..., 0] >= 0) & (X[..., 0] < 1))
    np.testing.assert_allclose(y[:, 0], (X[..., 0] * marks).sum(axis=1), rtol=1e-6)


def test_adding_trivial_baseline_is_one_sixth():
    _, y = adding(20000, 50, seed=0)
    assert np.mean((y - 1.0) ** 2) == pytest.approx(1 / 6, abs=0.01)


def test_adding_odd_length_markers_stay_in_their_halves():
    X, _ = adding(2000, 7, seed=5)
    pos = np.argwhere(X[..., 1] == 1)[:, 1].reshape(-1, 2)
    assert np.all(pos[:, 0] < 3) and np.all(pos[:, 1] >= 3)


def test_recall_rule():
    X, y = recall(200, lag=12, seed=0)
    assert X.shape == (200, 17, 1) and y.shape == (200, 1)
    assert X.dtype == y.dtype == np.float32
    np.testing.assert_array_equal(y[:, 0], X[:, 17 - 1 - 12, 0])
    assert X.min() >= -1 and X.max() <= 1


def test_first_value_rule():
    X, y, names = first_value(1000, 20, seed=0)
    assert X.shape == (1000, 20, 1) and X.dtype == np.float32
    assert y.shape == (1000,) and y.dtype == np.int64
    assert names == FIRST_VALUE_CLASSES == ("negative", "positive")
    np.testing.assert_array_equal(y, (X[:, 0, 0] > 0).astype(np.int64))
    assert 0.4 < y.mean() < 0.6


def test_waveforms_balanced_and_shaped():
    X, y, names = waveforms(402, 48, noise=0.0, seed=0)
    assert X.shape == (402, 48, 1) and X.dtype == np.float32
    assert y.shape == (402,) and y.dtype == np.int64
    assert names == WAVEFORM_CLASSES
    counts = np.bincount(y, minlength=4)
    assert counts.max() - counts.min() <= 1
    # without noise the amplitude bounds hold, and a square wave takes only two values
    peak = np.abs(X[..., 0]).max(axis=1)
    assert np.all(peak <= 1.5 + 1e-6)
    for i in np.flatnonzero(y == names.index("square"))[:10]:
        assert len(np.unique(np.abs(X[i, :, 0]))) == 1


def test_waveforms_noise_is_added():
    clean, _, _ = waveforms(100, 30, noise=0.0, seed=3)
    noisy, _, _ = waveforms(100, 30, noise=0.5, seed=3)
    assert 0.3 < np.std(noisy - clean) < 0.7


@pytest.mark.parametrize("name", CLEAN_SHAPES)
def test_denoise_targets_are_clean_windows(name):
    X, y = denoise(name, 300, 30, period=10.0, noise=0.2, seed=0)
    assert X.shape == y.shape == (300, 30, 1)
    assert X.dtype == y.dtype == np.float32
    assert 0.15 < np.std(X - y) < 0.25
    assert np.abs(y).max() < 3.5
    # windows start at different phases
    assert np.std(y[:, 0, 0]) > 0.1
    if name != "trend_season":
        # every window is a shifted piece of the same periodic signal: consecutive steps follow the shape
        t0 = np.arange(30.0)
        shifts = np.linspace(0, 10, 2001)
        best = min(np.median(np.abs(y[0, :, 0] - clean_shape(name, t0 + s, 10.0, 120))) for s in shifts)
        assert best < 0.01


def test_denoise_rejects_series_without_clean_signal():
    with pytest.raises(ValueError, match="clean"):
        denoise("random_walk", 10, 20, 12.0, 0.1, seed=0)
