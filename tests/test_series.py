import io

import numpy as np
import pandas as pd
import pytest

from rnn_core.data.csv_series import DataError, load_csv
from rnn_core.data.series import ASSETS, SERIES_NAMES, load_air_passengers, synthetic


def _csv(header, rows):
    return (header + "\n" + "\n".join(rows) + "\n").encode()


def _values(n=40):
    return [f"{100 + 10 * np.sin(i / 3):.3f}" for i in range(n)]


def _dated(n=40, start="2020-01-01"):
    days = pd.date_range(start, periods=n, freq="D").strftime("%Y-%m-%d")
    return [f"{d},{v}" for d, v in zip(days, _values(n), strict=True)]


# --- airline data ---

def test_air_passengers_identity():
    s = load_air_passengers()
    assert len(s) == 144 and s.name == "passengers" and s.dtype == np.float64
    assert isinstance(s.index, pd.DatetimeIndex) and s.index.freqstr == "MS"
    assert s.index[0] == pd.Timestamp("1949-01-01") and s.index[-1] == pd.Timestamp("1960-12-01")
    assert s.sum() == 40363
    assert s.min() == 104 and s.idxmin() == pd.Timestamp("1949-11-01")
    assert s.max() == 622 and s.idxmax() == pd.Timestamp("1960-07-01")
    assert s.iloc[0] == 112 and s.iloc[-1] == 432


# --- synthetic series ---

@pytest.mark.parametrize("name", SERIES_NAMES)
def test_synthetic_shapes_and_determinism(name):
    clean, observed = synthetic(name, 300, 24, 0.2, seed=3)
    assert clean.shape == observed.shape == (300,)
    assert clean.dtype == observed.dtype == np.float64
    assert np.all(np.isfinite(observed))
    again = synthetic(name, 300, 24, 0.2, seed=3)
    np.testing.assert_array_equal(observed, again[1])
    other = synthetic(name, 300, 24, 0.2, seed=4)[1]
    assert np.array_equal(observed, other) == (name == "sine")  # only the plain sine has no noise


def test_synthetic_shapes_follow_the_definitions():
    t = np.arange(100)
    clean, observed = synthetic("sine", 100, 20, 0.5, seed=0)
    np.testing.assert_allclose(clean, np.sin(2 * np.pi * t / 20))
    np.testing.assert_array_equal(clean, observed)
    clean, observed = synthetic("noisy_sine", 100, 20, 0.5, seed=0)
    np.testing.assert_allclose(clean, np.sin(2 * np.pi * t / 20))
    assert 0.3 < np.std(observed - clean) < 0.7
    clean, _ = synthetic("square", 100, 20, 0.0, seed=0)
    assert set(np.unique(clean)) == {-1.0, 1.0}
    clean, _ = synthetic("sawtooth", 100, 20, 0.0, seed=0)
    np.testing.assert_allclose(clean, 2 * (t / 20 % 1) - 1)
    clean, _ = synthetic("trend_season", 240, 24, 0.0, seed=0)
    rise = clean[-24:].mean() - clean[:24].mean()
    assert 1.5 < rise < 2.5 and np.abs(clean).max() < 3.5
    for name in ("ar2", "random_walk"):
        clean, observed = synthetic(name, 200, 12, 0.0, seed=1)
        np.testing.assert_array_equal(clean, observed)
        assert np.std(np.diff(observed)) > 0  # the noise floor keeps them moving at noise=0


def test_ar2_is_quasi_periodic():
    _, x = synthetic("ar2", 4000, 20, 0.5, seed=0)
    spectrum = np.abs(np.fft.rfft(x - x.mean()))
    peak_period = 4000 / (np.argmax(spectrum[1:]) + 1)
    assert 17 < peak_period < 23


def test_synthetic_unknown_name_lists_names():
    with pytest.raises(ValueError, match="noisy_sine"):
        synthetic("cosine", 100, 12, 0.1, 0)


# --- user CSV: good files ---

def test_csv_with_dates_from_bytes_path_and_file(tmp_path):
    data = _csv("date,sales", _dated())
    path = tmp_path / "sales.csv"
    path.write_bytes(data)
    for source in (data, str(path), path, io.BytesIO(data)):
        s = load_csv(source)
        assert s.name == "sales" and s.dtype == np.float64 and len(s) == 40
        assert isinstance(s.index, pd.DatetimeIndex) and s.index[0] == pd.Timestamp("2020-01-01")


def test_csv_airline_file_round_trips():
    s = load_csv(ASSETS / "air_passengers.csv")
    expected = load_air_passengers()
    np.testing.assert_array_equal(s.to_numpy(), expected.to_numpy())
    assert (s.index == expected.index).all()


def test_csv_without_dates_gets_a_range_index():
    s = load_csv(_csv("y", _values()))
    assert isinstance(s.index, pd.RangeIndex) and len(s) == 40 and s.name == "y"
    assert s.iloc[0] == pytest.approx(100.0)


def test_csv_without_header():
    s = load_csv(("\n".join(_values()) + "\n").encode())
    assert len(s) == 40 and s.iloc[0] == pytest.approx(100.0)


def test_csv_unsorted_dates_are_sorted():
    s = load_csv(_csv("date,y", list(reversed(_dated()))))
    assert s.index.is_monotonic_increasing
    assert s.iloc[0] == pytest.approx(100.0)


def test_csv_value_column_picks_among_numeric_columns():
    rows = [f"{i},{v},{2 * i}" for i, v in enumerate(_values())]
    s = load_csv(_csv("a,b,c", rows), value_column="b")
    assert s.name == "b" and s.iloc[0] == pytest.approx(100.0)


def test_csv_semicolon_with_decimal_comma():
    rows = [f"{i};{v.replace('.', ',')}" for i, v in enumerate(_values())]
    s = load_csv(_csv("t;y", rows))
    assert s.name == "y" and s.iloc[0] == pytest.approx(100.0) and s.iloc[1] == pytest.approx(103.272, abs=1e-3)


# --- user CSV: every bad case is a DataError with a clear message ---

def _fails(source, match, **kwargs):
    with pytest.raises(DataError, match=match):
        load_csv(source, **kwargs)


def test_csv_empty():
    _fails(b"", "empty")
    _fails(b"  \n\n", "empty")


def test_csv_too_big():
    _fails(_csv("y", _values()), "limit", max_bytes=100)


def test_csv_too_big_path_checked_before_reading(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(_csv("y", _values(2000)))
    _fails(path, "limit", max_bytes=1000)


def test_csv_binary():
    _fails(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")


def test_csv_latin1_header_is_decoded():
    s = load_csv("Température\n".encode("latin-1") + "\n".join(_values()).encode())
    assert s.name == "Température"


def test_csv_unparseable():
    _fails(b"a,b\n1,2\n3,4,5,6\n", "CSV")
    _fails(b'a,b\n"1,2\n3,4\n', "CSV")


def test_csv_no_numeric_column():
    _fails(_csv("a,b", ["x,y"] * 40), "No numeric column")


def test_csv_several_numeric_columns_are_listed():
    rows = [f"{v},{i}" for i, v in enumerate(_values())]
    _fails(_csv("price,volume", rows), r"price, volume.*pick")


def test_csv_value_column_not_found():
    _fails(_csv("y", _values()), "'z' not found", value_column="z")


def test_csv_missing_value_says_which_line():
    rows = _values()
    rows[5] = ""
    _fails(_csv("y", rows), "Line 7: missing")
    rows = _dated()
    rows[9] = rows[9].split(",")[0] + ","
    _fails(_csv("date,y", rows), "Line 11: missing")


def test_csv_non_numeric_cell_says_line_and_text():
    rows = _values()
    rows[3] = "oops"
    _fails(_csv("y", rows), "Line 5: 'oops'.*not a number")
    rows[3] = "x" * 100
    _fails(_csv("y", rows), r"'x{27}\.\.\.'")


def test_csv_inf():
    rows = _values()
    rows[2] = "inf"
    _fails(_csv("y", rows), "Line 4: infinite")


def test_csv_row_count_limits():
    _fails(_csv("y", _values(10)), "only 10 rows.*30")
    _fails(_csv("y", _values(200)), "200 rows; the limit is 100.*resample", max_rows=100)


def test_csv_constant():
    _fails(_csv("y", ["5"] * 40), "equal")


def test_csv_duplicate_dates():
    rows = _dated()
    rows[7] = rows[6].split(",")[0] + ",1.0"
    _fails(_csv("date,y", rows), "Duplicate date 2020-01-07")


def test_csv_bad_date_cell():
    rows = _dated()
    rows[4] = "someday," + rows[4].split(",")[1]
    _fails(_csv("date,y", rows), "Line 6: 'someday'.*not a date")


def test_csv_missing_path():
    _fails("/no/such/file.csv", "could not be read")


def test_csv_rejects_only_with_data_error():
    for junk in (b",,,\n,,,\n", b'"\n', b"\xff\xfe\x00a", b"a\n" + b"1e999\n" * 40, b";;;"):
        with pytest.raises(DataError):
            load_csv(junk)


def test_an_uploads_dates_give_its_season():
    from rnn_core.data.csv_series import season_of

    def dates(freq, n=40):
        return pd.date_range("2020-01-01", periods=n, freq=freq)

    assert [season_of(dates(f)) for f in ("h", "D", "W", "MS", "ME", "QS")] == [24, 7, 52, 12, 12, 4]
    assert season_of(dates("MS").delete(5)) == 12  # a missing month changes nothing
    assert season_of(dates("2D")) is None and season_of(pd.RangeIndex(40)) is None
