"""Dates written as people write them, in English and Chinese, and their ISO form.

Every date lies between 1950-01-01 and 2049-12-31, so a two-digit year has one reading (50–99: 19xx, 00–49:
20xx). The model reads the text case-folded, one symbol at a time; a symbol outside ``VOCAB`` is dropped.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ZH_DIGITS = "〇一二三四五六七八九"
ZH_WEEK = "一二三四五六日"
FIRST, LAST = dt.date(1950, 1, 1), dt.date(2049, 12, 31)
EXAMPLE = dt.date(2026, 12, 7)  # the date the page writes in every format
MAX_IN = 40  # symbols read at most; a longer text is cut
OUT = "0123456789-"  # the ISO form's symbols
OUT_LEN = 10  # YYYY-MM-DD
PAD, START = 0, 1  # input index 0 pads; output index len(OUT) starts the decoder
VOCAB = "".join(sorted(set("".join(MONTHS + DAYS) + "0123456789 ,./-'" + "年月日星期周" + ZH_DIGITS + "十")))
INDEX = {c: i + 1 for i, c in enumerate(VOCAB)}  # 0 is padding


def _suffix(d: int) -> str:
    return "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def _zh_number(n: int) -> str:
    """1..31 in Chinese numerals: 七, 十二, 二十一, 三十."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else ZH_DIGITS[tens]) + "十" if tens else "") + (ZH_DIGITS[ones] if ones else "")


def _zh_year(y: int) -> str:
    return "".join(ZH_DIGITS[int(c)] for c in str(y))


# Each format writes a date; their names are the keys of the catalogs' ``dt.format.*`` labels.
FORMATS = {
    "d_month_yyyy": lambda d: f"{d.day} {MONTHS[d.month - 1].title()} {d.year}",  # 7 December 2026
    "month_d_yyyy": lambda d: f"{MONTHS[d.month - 1].title()} {d.day}, {d.year}",  # December 7, 2026
    "dow_d_mon_yy": lambda d: f"{DAYS[d.weekday()][:3].title()} {d.day} {MONTHS[d.month - 1][:3].title()} "
                              f"{d.year % 100:02d}",  # Mon 7 Dec 26
    "dow_month_dth": lambda d: f"{DAYS[d.weekday()].title()}, {MONTHS[d.month - 1].title()} {d.day}{_suffix(d.day)}, "
                               f"{d.year}",  # Monday, December 7th, 2026
    "dth_of_month": lambda d: f"the {d.day}{_suffix(d.day)} of {MONTHS[d.month - 1]} {d.year}",
    "dd_mm_yyyy": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",  # 07.12.2026 (day first, as in Europe)
    "mon_d_yy": lambda d: f"{MONTHS[d.month - 1][:3]} {d.day} '{d.year % 100:02d}",  # dec 7 '26
    "zh": lambda d: f"{d.year}年{d.month}月{d.day}日",  # 2026年12月7日
    "zh_week": lambda d: f"{d.year}年{d.month}月{d.day}日 星期{ZH_WEEK[d.weekday()]}",  # 2026年12月7日 星期一
    # 二〇二六年十二月七日
    "zh_numerals": lambda d: f"{_zh_year(d.year)}年{_zh_number(d.month)}月{_zh_number(d.day)}日",
    "zh_short": lambda d: f"{d.year % 100:02d}年{d.month}月{d.day}日",  # 26年12月7日
}


def iso(d: dt.date) -> str:
    return d.isoformat()


def is_date(text: str) -> bool:
    """Whether a translation is a date of the calendar (2026-02-30 is not)."""
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def clean(text: str) -> str:
    """The text as the model reads it: case-folded, symbols outside VOCAB dropped, at most MAX_IN."""
    return "".join(c for c in text.casefold() if c in INDEX)[:MAX_IN]


def make(n: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    """``n`` dates drawn uniformly from 1950–2049, each in a format drawn uniformly: (texts, ISO, format names)."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, (LAST - FIRST).days + 1, n)
    names = list(FORMATS)
    fmts = rng.integers(0, len(names), n)
    dates = [FIRST + dt.timedelta(days=int(k)) for k in days]
    return ([FORMATS[names[f]](d) for d, f in zip(dates, fmts, strict=True)], [iso(d) for d in dates],
            [names[f] for f in fmts])


SPLITS = {"train": (20_000, 1), "val": (2_000, 2), "test": (4_000, 3)}  # size, seed of each split's draw


def split(name: str) -> tuple[list[str], list[str], list[str]]:
    """A split's (texts, ISO, formats); validation and test leave out any text the training split holds, so
    every test date is one the model never read in that form."""
    n, seed = SPLITS[name]
    texts, isos, fmts = make(n, seed)
    if name == "train":
        return texts, isos, fmts
    seen = set(make(*SPLITS["train"])[0])
    keep = [i for i, text in enumerate(texts) if text not in seen]
    return [texts[i] for i in keep], [isos[i] for i in keep], [fmts[i] for i in keep]
