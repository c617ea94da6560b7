"""Reading numbers and dates out of export columns, whole columns at a time.

Cells are turned into numpy variable-width strings once, and every check and
conversion after that is a numpy string function running in C: pandas' own
string methods loop in Python over each cell unless pyarrow is installed,
which would be a large dependency for this one job.

Amounts become exact integer micros (millionths) straight from their digits,
never through a float: ``"1,659.95"`` -> 1_659_950_000 (half up at the sixth
decimal). Thousands separators (``"795,836"``), surrounding spaces, and the
exporters' marks for "no value" (empty, ``--``, ``-``) are understood;
anything else is a cell that cannot be read. Dates are checked for real
(``2025-02-30`` is not one). Callers import this module inside their import
function, so numpy and pandas load only when a file is imported.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

EMPTY_MARKS = ("", "--", "-")
MAX_WHOLE_DIGITS = 12  # 10**12 units in micros still fits 64 bits
_TEXT = StringDType()
_DOT = np.asarray(".", dtype=_TEXT)
_SCALE = np.array([10**6, 10**5, 10**4, 10**3, 10**2, 10, 1], dtype=np.int64)  # by count of decimals
_DIGIT = re.compile(r"\d")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def text_array(column) -> np.ndarray:
    """A column (pandas Series or sequence) as numpy strings; missing cells become ''."""
    if isinstance(column, pd.Series):
        column = column.to_numpy(dtype=object, na_value="")
    return np.asarray(column, dtype=_TEXT)


def parse_micros(column) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(micros, empty, bad)``: int64 micros (0 where empty or bad) and two boolean masks."""
    text = np.strings.strip(text_array(column))
    empty = (text == "") | (text == "--") | (text == "-")
    quick = _plain_micros(text, empty)
    if quick is not None:
        return quick, empty, np.zeros(len(text), dtype=bool)
    has_commas = np.strings.find(text, ",") >= 0
    plain = np.strings.replace(text, ",", "") if has_commas.any() else text
    negative = np.strings.startswith(plain, "-")
    body = np.strings.lstrip(plain, "+-") if (negative | np.strings.startswith(plain, "+")).any() else plain
    whole, _, fraction = np.strings.partition(body, _DOT)
    good = (
        (np.strings.str_len(plain) - np.strings.str_len(body) <= 1)  # one sign at most
        & (np.strings.isdecimal(whole) | (whole == ""))
        & (np.strings.isdecimal(fraction) | (fraction == ""))
        & ((whole != "") | (fraction != ""))
        & (np.strings.str_len(whole) <= MAX_WHOLE_DIGITS)
    )
    commas = np.flatnonzero(good & has_commas)
    for i in commas:  # only cells written with thousands separators
        good[i] = bool(_THOUSANDS.fullmatch(str(text[i])))
    units = np.where(good & (whole != ""), whole, "0").astype(np.int64)
    seventh = np.strings.ljust(np.strings.slice(np.where(good, fraction, ""), 0, 7), 7, "0").astype(np.int64)
    micros = units * 1_000_000 + (seventh + 5) // 10
    micros = np.where(negative, -micros, micros)
    return np.where(good, micros, 0), empty, ~good & ~empty


def _plain_micros(text: np.ndarray, empty: np.ndarray) -> np.ndarray | None:
    """The common case in a few C loops: every cell plain digits with at most one point and
    at most six decimals (``1659.95``). None when any cell needs the careful reading."""
    cells = np.where(empty, "0", text) if empty.any() else text
    length = np.strings.str_len(cells)
    point = np.strings.find(cells, ".")
    whole_length = np.where(point < 0, length, point)
    decimals = np.maximum(length - whole_length - 1, 0)
    if (decimals > 6).any() or (whole_length > MAX_WHOLE_DIGITS).any() or (whole_length == 0).any():
        return None
    digits = np.strings.replace(cells, ".", "") if (point >= 0).any() else cells
    if not np.strings.isdecimal(digits).all():
        return None  # signs, separators, text: read carefully
    return digits.astype(np.int64) * _SCALE[decimals]


def parse_iso_days(column) -> tuple[np.ndarray, np.ndarray]:
    """``(days, bad)`` for ``YYYY-MM-DD`` text: datetime64[D] (NaT where bad) and a mask."""
    text = np.strings.strip(text_array(column))
    try:  # numpy reads ISO dates in C; writing them back shows it read exactly YYYY-MM-DD
        days = text.astype("datetime64[D]")
        if (days.astype(_TEXT) == text).all() and not np.isnat(days).any():
            return days, np.zeros(len(text), dtype=bool)
    except ValueError:
        pass
    shaped = (np.strings.str_len(text) == 10) & (np.strings.find(text, "-") == 4) & (np.strings.rfind(text, "-") == 7)
    parts = [np.strings.slice(text, start, stop) for start, stop in ((0, 4), (5, 7), (8, 10))]
    for part in parts:
        shaped &= np.strings.isdecimal(part)
    year, month, day = (np.where(shaped, part, "1").astype(np.int64) for part in parts)
    good = shaped & (month >= 1) & (month <= 12) & (year >= 1900) & (year <= 2999)
    first = (year - 1970) * 12 + np.clip(month, 1, 12) - 1
    month_start = np.where(good, first, 0).astype("datetime64[M]").astype("datetime64[D]")
    month_length = (
        (np.where(good, first, 0) + 1).astype("datetime64[M]").astype("datetime64[D]") - month_start
    ).astype(np.int64)
    good &= (day >= 1) & (day <= month_length)
    days = month_start + np.where(good, day - 1, 0).astype("timedelta64[D]")
    return np.where(good, days, np.datetime64("NaT", "D")), ~good


def parse_days(column, formats: tuple[str, ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Like :func:`parse_iso_days`, also trying ``formats`` (strptime) on the cells that are not ISO."""
    days, bad = parse_iso_days(column)
    if formats and bad.any():
        cells = np.strings.strip(text_array(column)).astype(object)
        # pandas reads "today" and "now" whatever the format: a date has digits
        dated = np.array([bool(_DIGIT.search(cell)) for cell in cells], dtype=bool)
        for fmt in formats:
            positions = np.flatnonzero(bad & dated)
            if not len(positions):
                break
            parsed = pd.to_datetime(pd.Series(cells[positions]), format=fmt, errors="coerce")
            parsed = parsed.to_numpy().astype("datetime64[D]")
            found = ~np.isnat(parsed)
            days[positions[found]] = parsed[found]
            bad[positions[found]] = False
    return days, bad


def by_distinct(column, function, dtype=object) -> np.ndarray:
    """``function`` applied once per distinct cell, spread back over the column.

    For cleaning cells that repeat a lot (an e-mail per order, a status, a
    currency): a Python call per distinct value, not per row.
    """
    cells = (
        column.to_numpy(dtype=object, na_value="")
        if isinstance(column, pd.Series)
        else np.asarray(column, dtype=object)
    )
    codes, distinct = pd.factorize(cells)
    mapped = np.array([function(value) for value in distinct], dtype=dtype)
    return mapped[codes] if len(codes) else np.array([], dtype=dtype)


def blank(column) -> np.ndarray:
    """True where a cell is empty or holds only spaces."""
    return np.strings.strip(text_array(column)) == ""
