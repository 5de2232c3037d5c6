"""Files as spreadsheets export them: decimal commas, thousands separators, UTF-16 and BOMs, several
numeric columns to pick from, a row cap that answers at once, and hostile column names kept short."""


import numpy as np
import pytest

from rnn_core.data.csv_series import MAX_ROWS, DataError, SeveralColumns, load_csv, numeric_columns

VALUES = [1234.5 + 10 * np.sin(i / 3) + i for i in range(40)]


def _file(header, cells, sep=","):
    return (header + "\n" + "\n".join(f"{i}{sep}{c}" for i, c in enumerate(cells)) + "\n").encode()


def _check(series, values=VALUES, decimals=2):
    np.testing.assert_allclose(series.to_numpy(), np.round(values, decimals), atol=1e-9)


def test_decimal_comma_in_a_comma_separated_file_with_quotes():
    _check(load_csv(_file("t,y", [f'"{v:.2f}"'.replace(".", ",") for v in VALUES])))


def test_decimal_comma_with_dot_thousands_in_a_semicolon_file():
    cells = [f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") for v in VALUES]  # 1.234,50
    assert cells[0] == "1.234,50"
    _check(load_csv(_file("t;y", cells, sep=";")))


def test_comma_thousands_with_a_dot_decimal():
    cells = [f'"{v:,.2f}"' for v in VALUES]  # "1,234.50"
    _check(load_csv(_file("t,y", cells)))


def test_whole_numbers_with_thousands_commas_are_thousands_in_a_comma_file_and_decimals_with_semicolons():
    ints = [1000 + 37 * i for i in range(40)]
    _check(load_csv(_file("t,y", [f'"{v:,}"' for v in ints])), ints)
    _check(load_csv(_file("t;y", [f"{v:,}" for v in ints], sep=";")), [v / 1000 for v in ints], 3)


def test_space_and_narrow_space_thousands_with_a_decimal_comma():
    for space in (" ", "\u00a0", "\u202f"):
        cells = [f"{v:,.2f}".replace(",", space).replace(".", ",") for v in VALUES]
        _check(load_csv(_file("t;y", cells, sep=";")))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_byte_order_marks(encoding):
    text = _file("date\tCount", [f"{v:.2f}" for v in VALUES], sep="\t").decode()
    s = load_csv(text.encode(encoding))
    assert s.name == "Count"
    _check(s)


def test_several_numeric_columns_offer_a_choice_and_the_choice_loads():
    raw = ("a,b,c\n" + "\n".join(f"{v:.2f},{2 * v:.2f},{i % 7}" for i, v in enumerate(VALUES))).encode()
    with pytest.raises(SeveralColumns) as err:
        load_csv(raw)
    assert err.value.columns == ["a", "b", "c"] == numeric_columns(raw)
    _check(load_csv(raw, value_column="b"), [2 * v for v in VALUES])


def test_a_very_long_file_is_refused_at_once_with_what_to_do(monkeypatch):
    """Refused on a count of its lines, before the parser (the slow part of a long file) sees it."""
    from rnn_core.data import csv_series

    raw = ("t,y\n" + "\n".join(f"{i},{i % 97}.5" for i in range(99_000))).encode()
    parsed = []
    real_read_csv = csv_series.pd.read_csv
    monkeypatch.setattr(csv_series.pd, "read_csv", lambda *a, **k: parsed.append(1) or real_read_csv(*a, **k))
    with pytest.raises(DataError, match=f"99,000 rows; the limit is {MAX_ROWS:,}.*resample"):
        load_csv(raw)
    assert not parsed
    load_csv(("t,y\n" + "\n".join(f"{i},{i % 97}.5" for i in range(MAX_ROWS))).encode())  # at the cap: fine


def test_hostile_column_names_are_cut_in_messages():
    name = "[Session expired - log in again](https://evil.example/login)" + "x" * 100_000
    raw = (f"{name},other\n" + "\n".join(f"{v:.2f},{v + 1:.2f}" for v in VALUES)).encode()
    with pytest.raises(SeveralColumns) as err:
        load_csv(raw)
    assert len(str(err.value)) < 300 and "[Session expired" in str(err.value)
