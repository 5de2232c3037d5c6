"""A user's univariate series from a CSV file: one numeric column, optionally a date column.

Every problem with the file raises ``DataError`` with a message meant for the person who uploaded it.
Series are float64; the network sees them only after ``transforms.Pipeline``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from rnn_core.errors import UserError

TIME_WORDS = {"date", "time", "datetime", "timestamp", "month", "year", "period", "ds", "day", "week",
              "quarter", "t", "step", "index", "idx"}
MISSING = {"", "na", "n/a", "nan", "null", "none"}


MAX_ROWS = 20_000  # a longer series trains too slowly for a shared server (see rnn_core.limits.budget)
# numbers as spreadsheets export them: 1,234.5 / 1.234,5 / 1 234,5 / 3,14
_GROUP = "[ \u00a0\u202f']"
_COMMA_DECIMAL = re.compile(rf"[-+]?(\d+|\d{{1,3}}(\.\d{{3}})+|\d{{1,3}}({_GROUP}\d{{3}})+)(,\d+)?")
_COMMA_THOUSANDS = re.compile(rf"[-+]?(\d+|\d{{1,3}}(,\d{{3}})+|\d{{1,3}}({_GROUP}\d{{3}})+)(\.\d+)?")


class DataError(UserError):
    """A user's file cannot be used as a series; the message says why in plain words."""


class SeveralColumns(DataError):
    """More than one numeric column: the person picks one (``columns`` lists them, file order)."""

    def __init__(self, message: str, columns: list[str], key: str | None = None, **params):
        super().__init__(message, key, **params)
        self.columns = columns


def numeric_columns(source, max_bytes: int = 5_000_000) -> list[str]:
    """The columns of a file that could be its series (for a picker)."""
    df, _ = _parse(_decode(_read_bytes(source, max_bytes)))
    date_col = _find_date_column(df, exclude=None)
    return [c for c in df.columns if c != date_col and _numeric_share(df[c]) >= 0.5]


def load_csv(source, value_column: str | None = None, max_bytes: int = 5_000_000, max_rows: int = MAX_ROWS,
             min_rows: int = 30) -> pd.Series:
    """A user's univariate series from CSV: one numeric column, optionally a date column.

    ``source`` is bytes, a path, or a file-like object. Every problem with the content raises
    ``DataError`` with a message meant for the person who uploaded the file.
    """
    raw = _read_bytes(source, max_bytes)
    try:
        return _series_from_bytes(raw, value_column, max_bytes, max_rows, min_rows)
    except DataError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, csv.Error) as e:
        # the checks above name every problem we know of; this keeps the promise for the rest
        raise DataError.told("csv.unreadable", "The file could not be read as a series ({kind}).",
                             kind=type(e).__name__) from e


def _series_from_bytes(raw: bytes, value_column, max_bytes: int, max_rows: int, min_rows: int) -> pd.Series:
    if not raw.strip():
        raise DataError.told("csv.empty", "The file is empty.")
    if len(raw) > max_bytes:
        raise DataError.told("csv.too_large", "The file is larger than the limit of {limit}.", limit=_size(max_bytes))
    text = _decode(raw)
    rows = text.strip().count("\n")  # before parsing, which is the slow part of a long file
    if rows > max_rows:
        raise DataError.told("csv.too_many_rows", "The file has {rows:,} rows; the limit is {limit:,}. Keep the most "
                             "recent {limit:,} rows, or resample the series (e.g. daily to weekly) before uploading.",
                             rows=rows, limit=max_rows)
    df, first_line = _parse(text)
    if df.empty:
        raise DataError.told("csv.no_rows", "The file has a header but no data rows.")
    lines = np.arange(len(df)) + first_line  # file line of each row, for messages

    date_col = _find_date_column(df, exclude=value_column)
    value_col = _pick_value_column(df, value_column, date_col)
    values = _to_values(df[value_col], lines, value_col)
    if len(values) < min_rows:
        raise DataError.told("csv.too_short", "The series has only {n} rows; at least {min} are needed.",
                             n=len(values), min=min_rows)
    if np.all(values == values[0]):
        raise DataError.told("csv.constant", "All values in '{column}' are equal ({value:g}); a constant series "
                             "has nothing to learn.", column=value_col, value=values[0])
    if date_col is None:
        return pd.Series(values, index=pd.RangeIndex(len(values)), name=value_col)
    dates = _to_dates(df[date_col], lines, date_col)
    dup = dates.duplicated(keep=False).to_numpy()
    if dup.any():
        where = ", ".join(str(n) for n in lines[dup][:2])
        first = dates[dup].iloc[0]
        first = first.date() if first == first.normalize() else first
        raise DataError.told("csv.duplicate_date", "Duplicate date {date} in '{column}' (lines {lines}); "
                             "each date may appear once.", date=str(first), column=date_col, lines=where)
    series = pd.Series(values, index=pd.DatetimeIndex(dates, name=date_col), name=value_col)
    return series.sort_index()  # a file listed newest first is still one valid series


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:g} MB" if n_bytes >= 1e6 else f"{n_bytes / 1e3:g} kB"


def _read_bytes(source, max_bytes: int) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    try:
        if isinstance(source, str | os.PathLike):
            path = Path(source)
            if path.stat().st_size > max_bytes:
                raise DataError.told("csv.too_large", "The file is larger than the limit of {limit}.",
                                     limit=_size(max_bytes))
            return path.read_bytes()
        data = source.read(max_bytes + 1)  # one byte past the limit is enough to know it is too big
    except OSError as e:
        raise DataError.told("csv.read_failed", "The file could not be read ({reason}).",
                             reason=str(e.strerror or e)) from None
    except AttributeError:
        raise DataError.told("csv.source", "Expected file contents, a path, or an open file.") from None
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def _decode(raw: bytes) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_utf16(raw):  # Excel's "Unicode text"
        try:
            raw = _utf16(raw).encode("utf-8")
        except UnicodeDecodeError:
            raise DataError.told("csv.utf16", "The file looks like UTF-16 text but could not be decoded.") from None
    if b"\x00" in raw:
        raise DataError.told("csv.binary", "The file looks binary, not a CSV text file.")
    for encoding in ("utf-8-sig", "latin-1"):  # utf-8-sig also reads plain utf-8, minus any BOM
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    controls = sum(1 for ch in text[:10_000] if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > 0:
        raise DataError.told("csv.binary", "The file looks binary, not a CSV text file.")
    return text


def _looks_utf16(raw: bytes) -> bool:
    """No byte-order mark, but every other byte of a text file is zero."""
    head = raw[:2000]
    return len(head) >= 4 and (head[1::2].count(0) > 0.9 * len(head[1::2]) or
                               head[0::2].count(0) > 0.9 * len(head[0::2]))


def _utf16(raw: bytes) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    return raw.decode("utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be")


def _names(columns) -> str:
    """Column names for a message: the first ten, each cut to 40 characters."""
    cut = [c if len(c) <= 40 else c[:39] + "…" for c in map(str, list(columns)[:10])]
    return ", ".join(cut) + (f" and {len(columns) - 10} more" if len(columns) > 10 else "")


def _parse(text: str) -> tuple[pd.DataFrame, int]:
    """All cells as stripped strings, and the file line number of the first data row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends
    skipped = text[: len(text) - len(text.lstrip())].count("\n")  # leading blank lines
    text = text.strip()
    head = text.split("\n", 1)[0]
    try:
        counts = {sep: len(next(csv.reader([head], delimiter=sep), [])) for sep in (",", ";", "\t")}
        sep = max(counts, key=lambda s: (counts[s], s == ","))  # a single column falls back to comma
        kwargs = dict(sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False)
        df = pd.read_csv(io.StringIO(text), **kwargs)
        header = True
        if any(_is_number(str(c)) for c in df.columns):  # no header row: the first row is data
            df = pd.read_csv(io.StringIO(text), header=None, **kwargs)
            df.columns = ["value"] if df.shape[1] == 1 else [f"column {i + 1}" for i in range(df.shape[1])]
            header = False
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError) as e:
        detail = (str(e).strip().splitlines() or [""])[-1].replace("Error tokenizing data. C error: ", "")
        raise DataError.told("csv.parse", "The file could not be read as CSV: {detail}", detail=detail[:120]) from None
    df.columns = [str(c).strip() for c in df.columns]
    df = df.apply(lambda col: col.str.strip())
    df = df.apply(lambda col: _numbers(col, comma_first=sep != ","))
    return df, skipped + (2 if header else 1)


def _numbers(col: pd.Series, comma_first: bool) -> pd.Series:
    """A column of numbers in a spreadsheet's locale (3,14 · 1.234,5 · 1,234.5 · 1 234,5) as plain
    numbers, when that reads more of its cells than the text as it is. "1,234" alone is a decimal
    comma in a file separated by semicolons or tabs, a thousands separator in a comma-separated one."""
    cells = col[~col.str.lower().isin(MISSING)]
    if cells.empty or not cells.str.contains("[,\u00a0\u202f' ]", regex=True).any():
        return col
    as_is = _numeric_share(cells)
    decimal = cells.str.fullmatch(_COMMA_DECIMAL).mean()
    thousands = cells.str.fullmatch(_COMMA_THOUSANDS).mean()
    if max(decimal, thousands) <= as_is:
        return col
    groups = f"{_GROUP}|\\." if decimal > thousands or (decimal == thousands and comma_first) else f"{_GROUP}|,"
    out = col.str.replace(groups, "", regex=True)
    return out.str.replace(",", ".", regex=False) if "," not in groups else out


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _numeric_share(col: pd.Series) -> float:
    cells = col[~col.str.lower().isin(MISSING)]
    if cells.empty:
        return 0.0
    return float(pd.to_numeric(cells, errors="coerce").notna().mean())


def _parse_dates(col: pd.Series) -> pd.Series:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            dates = pd.to_datetime(col, errors="coerce")
            if dates.isna().any():
                dates = pd.to_datetime(col, errors="coerce", format="mixed")
            return dates
        except (ValueError, TypeError, OverflowError):
            return pd.Series(pd.NaT, index=col.index)


def _find_date_column(df: pd.DataFrame, exclude: str | None) -> str | None:
    for name in df.columns:
        if name == exclude:
            continue
        col = df[name][df[name] != ""]
        if col.empty or (name.lower() not in TIME_WORDS and _numeric_share(col) >= 0.5):
            continue
        if _parse_dates(col).notna().mean() >= 0.8:
            return name
    return None


def _pick_value_column(df: pd.DataFrame, value_column: str | None, date_col: str | None) -> str:
    if value_column is not None:
        if value_column not in df.columns:
            raise DataError.told("csv.no_column", "Column '{column}' not found; the columns are: {columns}.",
                                 column=value_column[:40], columns=_names(df.columns))
        return value_column
    numeric = [c for c in df.columns if c != date_col and _numeric_share(df[c]) >= 0.5]
    if len(numeric) > 1:  # a numeric time index (t = 0, 1, 2, ...) is not a second series
        numeric = [c for c in numeric if c.lower() not in TIME_WORDS] or numeric
    if not numeric:
        raise DataError.told("csv.no_numeric", "No numeric column found (columns: {columns}).",
                             columns=_names(df.columns))
    if len(numeric) > 1:
        template = "Several numeric columns ({names}); pick the one to use as the series."
        raise SeveralColumns(template.format(names=_names(numeric)), numeric, "csv.several", names=_names(numeric))
    return numeric[0]


def _to_values(col: pd.Series, lines: np.ndarray, name: str) -> np.ndarray:
    missing = col.str.lower().isin(MISSING).to_numpy()
    if missing.any():
        raise DataError.told("csv.missing", "Line {line}: missing value in '{column}'.", line=lines[missing][0],
                             column=name)
    values = pd.to_numeric(col, errors="coerce").to_numpy(np.float64)
    bad = np.isnan(values)
    if bad.any():
        cell = col.iloc[int(np.argmax(bad))]
        cell = cell if len(cell) <= 30 else cell[:27] + "..."
        raise DataError.told("csv.not_number", "Line {line}: '{cell}' in '{column}' is not a number.",
                             line=lines[bad][0], cell=cell, column=name)
    inf = np.isinf(values)
    if inf.any():
        raise DataError.told("csv.infinite", "Line {line}: infinite value in '{column}'.", line=lines[inf][0],
                             column=name)
    return values


def _to_dates(col: pd.Series, lines: np.ndarray, name: str) -> pd.Series:
    dates = _parse_dates(col)
    bad = dates.isna().to_numpy()
    if bad.any():
        cell = col.iloc[int(np.argmax(bad))][:30]
        raise DataError.told("csv.not_date", "Line {line}: '{cell}' in '{column}' is not a date.",
                             line=lines[bad][0], cell=cell, column=name)
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_convert(None)  # one clock for every row
    return dates.reset_index(drop=True)


# the season of a series by the step between its dates, in days: (shortest, longest, season)
_STEPS = ((0.03, 0.06, 24), (0.9, 1.1, 7), (6.5, 7.5, 52), (28, 31.5, 12), (89, 93, 4))


def season_of(index) -> int | None:
    """The seasonal period a dated series suggests: hourly 24, daily 7, weekly 52, monthly 12, quarterly 4; None
    when its index holds no dates or steps irregularly (the median step decides: a missing month changes nothing)."""
    if not isinstance(index, pd.DatetimeIndex) or len(index) < 3:
        return None
    step = (index[1:] - index[:-1]).median() / pd.Timedelta(days=1)  # days, whatever the index's time unit
    return next((s for lo, hi, s in _STEPS if lo <= step <= hi), None)
