import math

import numpy as np
import pytest

from rnn_core.engine.metrics import accuracy, mae, mape, regression_metrics, rmse, smape

# errors 1, 0, 2, 1 -> every metric below is worked out by hand from these four points
Y = [1.0, 2.0, 3.0, 4.0]
YHAT = [2.0, 2.0, 1.0, 5.0]


def test_rmse_by_hand():
    assert rmse(Y, YHAT) == pytest.approx(math.sqrt((1 + 0 + 4 + 1) / 4))


def test_mae_by_hand():
    assert mae(Y, YHAT) == pytest.approx((1 + 0 + 2 + 1) / 4)


def test_mape_by_hand():
    assert mape(Y, YHAT) == pytest.approx((1 / 1 + 0 / 2 + 2 / 3 + 1 / 4) / 4 * 100)


def test_smape_by_hand():
    assert smape(Y, YHAT) == pytest.approx((2 / 3 + 0 + 4 / 4 + 2 / 9) / 4 * 100)


def test_perfect_forecast_scores_zero():
    scores = regression_metrics(Y, Y)
    assert scores == {"rmse": 0.0, "mae": 0.0, "mape": 0.0, "smape": 0.0}


def test_regression_metrics_keys_and_types():
    scores = regression_metrics(np.array(Y), np.array(YHAT))
    assert list(scores) == ["rmse", "mae", "mape", "smape"]
    assert all(type(v) is float for v in scores.values())
    assert scores["mae"] == pytest.approx(mae(Y, YHAT))


def test_mape_is_nan_when_a_true_value_is_zero():
    assert math.isnan(mape([0.0, 1.0], [0.5, 1.0]))


def test_smape_counts_zero_over_zero_as_perfect():
    assert smape([0.0, 1.0], [0.0, 2.0]) == pytest.approx((0 + 2 / 3) / 2 * 100)
    assert smape([0.0], [0.0]) == 0.0
    assert smape([0.0], [3.0]) == pytest.approx(200.0)


def test_metrics_reject_mismatched_or_empty_input():
    with pytest.raises(ValueError):
        rmse([1.0, 2.0], [1.0])
    with pytest.raises(ValueError):
        mae([], [])


def test_accuracy():
    assert accuracy([0, 1, 2, 1], [0, 2, 2, 1]) == pytest.approx(0.75)
    assert accuracy(np.array(["a", "b"]), np.array(["a", "b"])) == 1.0
    with pytest.raises(ValueError):
        accuracy([0, 1], [0])


def test_headline_metric_is_mape_only_for_series_well_above_zero():
    from rnn_core.data.series import load_air_passengers
    from rnn_core.engine.metrics import headline_metric

    assert headline_metric(load_air_passengers().to_numpy()) == "mape"
    assert headline_metric(np.sin(np.linspace(0, 20, 200))) == "rmse"  # crosses zero
    assert headline_metric(np.linspace(0.01, 10, 100)) == "rmse"  # positive, but reaches near zero
    assert headline_metric(np.full(10, np.nan)) == "rmse"
