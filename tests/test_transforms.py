import itertools

import numpy as np
import pytest

from rnn_core.data.series import load_air_passengers
from rnn_core.data.transforms import SCALES, TRANSFORMS, Pipeline, target_positions, windows

CASES = list(itertools.product(TRANSFORMS, SCALES))
AIR = load_air_passengers().to_numpy()
POSITIVE = np.random.default_rng(7).uniform(0.5, 50.0, 90)


@pytest.mark.parametrize("values", [AIR, POSITIVE], ids=["air", "random"])
@pytest.mark.parametrize("transform,scale", CASES)
def test_inverse_undoes_forward(values, transform, scale):
    p = Pipeline(transform, scale, period=12).fit(values, n_fit=len(values) - 24)
    z = p.forward(values)
    assert z.shape == (len(values) - p.offset,)
    back = p.inverse(z, head=values[: p.offset])
    np.testing.assert_allclose(back, values[p.offset:], rtol=1e-9, atol=0)


@pytest.mark.parametrize("values", [AIR, POSITIVE], ids=["air", "random"])
@pytest.mark.parametrize("transform,scale", CASES)
def test_invert_step_reproduces_each_value(values, transform, scale):
    p = Pipeline(transform, scale, period=12).fit(values, n_fit=60)
    z = p.forward(values)
    for i in range(p.offset, len(values)):
        assert p.invert_step(z[i - p.offset], values[:i]) == pytest.approx(values[i], rel=1e-9)
    # vectorised: each row holds the history window that ends just before the value
    seq = 13
    starts = np.arange(len(values) - seq)
    hist = np.stack([values[s: s + seq] for s in starts])  # (N, seq)
    got = p.invert_steps(z[starts + seq - p.offset], hist)
    np.testing.assert_allclose(got, values[starts + seq], rtol=1e-9)


def test_offsets():
    assert [Pipeline(t, "none", period=7).offset for t in TRANSFORMS] == [0, 0, 1, 1, 7, 7]


def test_z_aligns_with_the_original_index():
    x = np.arange(1.0, 40.0) ** 2
    z = Pipeline("diff", "none").forward(x)
    assert z[0] == x[1] - x[0] and z[5] == x[6] - x[5]
    z = Pipeline("seasonal", "none", period=4).forward(x)
    assert z[0] == x[4] - x[0]
    z = Pipeline("logdiff", "none").forward(x)
    assert z[2] == pytest.approx(np.log(x[3]) - np.log(x[2]))


def test_inverse_from_a_later_head_reconstructs_a_recursive_path():
    # a forecast path beyond one season uses its own earlier predictions as history
    p = Pipeline("logseasonal", "standard", period=12).fit(AIR, n_fit=120)
    z = p.forward(AIR)
    start = 100
    path = p.inverse(z[start - 12:], head=AIR[start - 12: start])  # z[i] belongs to AIR[i + 12]
    np.testing.assert_allclose(path, AIR[start:], rtol=1e-9)


@pytest.mark.parametrize("transform", ["log", "logdiff", "logseasonal"])
def test_log_of_non_positive_raises(transform):
    with pytest.raises(ValueError, match="> 0"):
        Pipeline(transform, "standard").fit(np.array([3.0, 2.0, 0.0] * 10), n_fit=20)
    with pytest.raises(ValueError, match="> 0"):
        Pipeline(transform, "none").forward(np.array([3.0, -1.0] * 10))


@pytest.mark.parametrize("transform,scale", [c for c in CASES if c[1] != "none"])
def test_scaler_sees_only_the_first_n_fit_points(transform, scale):
    n_fit = 100
    changed = AIR.copy()
    changed[n_fit:] *= 3.0
    a = Pipeline(transform, scale).fit(AIR, n_fit)
    b = Pipeline(transform, scale).fit(changed, n_fit)
    assert (a.shift, a.span) == (b.shift, b.span)
    changed[n_fit - 1] *= 3.0  # the last training point does count
    c = Pipeline(transform, scale).fit(changed, n_fit)
    assert (a.shift, a.span) != (c.shift, c.span)


def test_scaled_training_part_has_the_expected_range():
    n_fit = 100
    p = Pipeline("diff", "minmax").fit(AIR, n_fit)
    z_train = p.forward(AIR)[: n_fit - 1]
    assert z_train.min() == pytest.approx(0.0) and z_train.max() == pytest.approx(1.0)
    p = Pipeline("none", "standard").fit(AIR, n_fit)
    z_train = p.forward(AIR)[:n_fit]
    assert z_train.mean() == pytest.approx(0.0, abs=1e-12) and z_train.std() == pytest.approx(1.0)
    np.testing.assert_allclose(p.unscale(p.scale_only(AIR)), AIR)


def test_forward_needs_fit_when_scaling():
    with pytest.raises(RuntimeError, match="fit"):
        Pipeline("none", "standard").forward(AIR)
    Pipeline("diff", "none").forward(AIR)  # nothing to fit


def test_bad_arguments():
    with pytest.raises(ValueError, match="transform"):
        Pipeline("sqrt", "none")
    with pytest.raises(ValueError, match="scale"):
        Pipeline("none", "robust")
    with pytest.raises(ValueError, match="n_fit"):
        Pipeline("seasonal", "standard", period=12).fit(AIR, n_fit=12)


def test_windows_shapes_and_values():
    z = np.arange(20.0)
    X, Y = windows(z, seq_len=5, horizon=3)
    assert X.shape == (13, 5) and Y.shape == (13, 3)
    np.testing.assert_array_equal(X[0], [0, 1, 2, 3, 4])
    np.testing.assert_array_equal(Y[0], [5, 6, 7])
    np.testing.assert_array_equal(X[-1], [12, 13, 14, 15, 16])
    np.testing.assert_array_equal(Y[-1], [17, 18, 19])
    pos = target_positions(len(z), 5, 3)
    assert pos.shape == (13,)
    np.testing.assert_array_equal(z[pos], Y[:, 0])
    X1, Y1 = windows(z, seq_len=4)
    assert Y1.shape == (16, 1)
    np.testing.assert_array_equal(z[target_positions(len(z), 4)], Y1[:, 0])
    with pytest.raises(ValueError, match="too few"):
        windows(z, seq_len=18, horizon=3)
