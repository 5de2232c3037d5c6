import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rnn_core.engine.baselines import baseline_table, forecast_baselines

AIR_CSV = Path(__file__).resolve().parents[1] / "assets" / "air_passengers.csv"
N_TEST = 24


@pytest.fixture(scope="module")
def air() -> np.ndarray:
    return pd.read_csv(AIR_CSV)["passengers"].to_numpy(dtype=float)


@pytest.fixture(scope="module")
def air_table(air) -> pd.DataFrame:
    return baseline_table(air, N_TEST).set_index(["baseline", "mode"])


def test_naive_by_hand():
    values = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    naive = forecast_baselines(values, n_test=2)["naive"]
    np.testing.assert_array_equal(naive["one_step"], [4.0, 5.0])
    np.testing.assert_array_equal(naive["recursive"], [4.0, 4.0])


def test_seasonal_naive_by_hand():
    values = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])
    seasonal = forecast_baselines(values, n_test=4, season=3)["seasonal_naive"]
    np.testing.assert_array_equal(seasonal["one_step"], [2.0, 3.0, 4.0, 5.0])
    # the last training season (2, 3, 4) repeated over the horizon
    np.testing.assert_array_equal(seasonal["recursive"], [2.0, 3.0, 4.0, 2.0])


def test_short_series_skips_what_it_cannot_fit():
    baselines = forecast_baselines(np.arange(1.0, 11.0), n_test=5, season=12)
    assert set(baselines) == {"naive"}


def test_sarima_skipped_for_non_positive_series(air):
    shifted = air - air.min()
    assert "sarima" not in forecast_baselines(shifted, N_TEST)


def test_sarima_skipped_without_statsmodels(air, monkeypatch):
    monkeypatch.setitem(sys.modules, "statsmodels.tsa.statespace.sarimax", None)
    assert set(forecast_baselines(air, N_TEST)) == {"naive", "seasonal_naive"}


def test_invalid_holdout_raises(air):
    with pytest.raises(ValueError):
        forecast_baselines(air, 0)
    with pytest.raises(ValueError):
        forecast_baselines(air, air.size)


def test_table_layout(air_table):
    table = air_table.reset_index()
    assert list(table.columns) == ["baseline", "mode", "rmse", "mae", "mape", "smape"]
    assert list(zip(table["baseline"], table["mode"], strict=True)) == [
        (name, mode)
        for name in ("naive", "seasonal_naive", "sarima")
        for mode in ("one_step", "recursive")
    ]


@pytest.mark.parametrize(
    ("baseline", "mode", "expected_mape"),
    [
        ("seasonal_naive", "one_step", 10.5),
        ("seasonal_naive", "recursive", 15.5),
        ("sarima", "one_step", 2.6),
        ("sarima", "recursive", 8.5),
    ],
)
def test_airline_reference_mape(air_table, baseline, mode, expected_mape):
    assert air_table.loc[(baseline, mode), "mape"] == pytest.approx(expected_mape, abs=0.3)


def test_sarima_one_step_uses_only_the_past(air):
    """Changing a late test value must not move any forecast made before it was observed."""
    base = forecast_baselines(air, N_TEST)["sarima"]
    altered = air.copy()
    altered[-5] *= 1.5
    moved = forecast_baselines(altered, N_TEST)["sarima"]
    np.testing.assert_allclose(moved["recursive"], base["recursive"])
    np.testing.assert_allclose(moved["one_step"][:-4], base["one_step"][:-4])
    assert not np.allclose(moved["one_step"][-4:], base["one_step"][-4:])
