"""Number formats shared by the XLSX and Word exports: WTE 0.00, money £#,##0, shares 0.0%, dates dd/mm/yyyy.

A column's format comes from its name first (``WTE``, ``Cost (£)``, ``Coverage share``…) and its dtype
second, so the same table looks the same in Excel and in the Word report.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re

import numpy as np
import pandas as pd

__all__ = [
    "DATE_FORMAT",
    "FLOAT_FORMAT",
    "INT_FORMAT",
    "MONEY_FORMAT",
    "PLAIN_INT_FORMAT",
    "SHARE_FORMAT",
    "WTE_FORMAT",
    "all_dates",
    "column_format",
    "content_width",
    "display_value",
]

WTE_FORMAT = "0.00"
MONEY_FORMAT = "£#,##0"
SHARE_FORMAT = "0.0%"
DATE_FORMAT = "dd/mm/yyyy"
INT_FORMAT = "#,##0"
PLAIN_INT_FORMAT = "0"
FLOAT_FORMAT = "#,##0.00"

_FIXED = re.compile(r"(#,##)?0(?:\.(0+))?")  # a fixed-decimals number format
_TOKEN = re.compile(r"[a-z0-9£%]+")
_WTE_HINTS = {"wte", "fte"}
_MONEY_HINTS = {
    "£",
    "gbp",
    "cost",
    "costs",
    "pay",
    "salary",
    "salaries",
    "budget",
    "price",
    "spend",
    "oncost",
}
_SHARE_HINTS = {"share", "proportion", "coverage", "fraction", "pct", "percent", "percentage", "%"}
_PLAIN_INT_HINTS = {"year", "fy", "id", "code"}
# "Pay band 6" or "spine point 22" are not sums of money
_NOT_MONEY = {"band", "point", "spine", "scale", "grade"}


def _tokens(name: object) -> set[str]:
    # "Cost (£)" → {"cost", "£"}; "wte_gap" → {"wte", "gap"}
    return set(_TOKEN.findall(str(name).lower().replace("£", " £ ").replace("%", " % ")))


def column_format(name: object, series: pd.Series) -> str | None:
    """The Excel number format for a column, from its name first and its dtype second.

    Name hints (whole words, any case): ``wte``/``fte`` → ``0.00``; ``cost``, ``pay``, ``salary``,
    ``budget``, ``£``… → ``£#,##0`` (not with ``band``/``point``/``grade``); ``share``, ``coverage``,
    ``proportion``, ``%``… → ``0.0%`` (only when every value lies within [-1, 1], so a 0–100
    "percent" column is not shown as 5000%); ``year``, ``id``, ``code`` on whole numbers → ``0`` (no
    thousands separator). Then by dtype: dates ``dd/mm/yyyy``, integers ``#,##0``, other numbers
    ``#,##0.00``.

    Args:
        name: the column name.
        series: its values.

    Returns:
        An Excel number format, or None for text and booleans.
    """
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return None
    if pd.api.types.is_datetime64_any_dtype(dtype) or all_dates(series):
        return DATE_FORMAT
    if not pd.api.types.is_numeric_dtype(dtype):
        return None
    words = _tokens(name)
    values = series.astype(float)
    finite = values[np.isfinite(values)]
    whole = pd.api.types.is_integer_dtype(dtype) or bool((finite == finite.round()).all())
    if words & _WTE_HINTS:
        return WTE_FORMAT
    if words & _MONEY_HINTS and not words & _NOT_MONEY:
        return MONEY_FORMAT
    if words & _SHARE_HINTS and (finite.empty or finite.abs().max() <= 1):
        return SHARE_FORMAT
    if words & _PLAIN_INT_HINTS and whole:
        return PLAIN_INT_FORMAT
    return INT_FORMAT if pd.api.types.is_integer_dtype(dtype) else FLOAT_FORMAT


def all_dates(series: pd.Series) -> bool:
    """Whether an object column holds only dates/datetimes (missing values aside)."""
    if series.dtype != object:
        return False
    values = series.dropna()
    return not values.empty and all(isinstance(v, dt.date) for v in values)


def content_width(series: pd.Series) -> int:
    """Characters needed to show the column's widest value (the longest line of its text)."""
    values = series.dropna()
    if values.empty:
        return 0
    if pd.api.types.is_bool_dtype(series.dtype):
        return 5
    if pd.api.types.is_datetime64_any_dtype(series.dtype) or all_dates(series):
        return 10
    if pd.api.types.is_numeric_dtype(series.dtype):
        biggest = float(values.abs().max())
        return len(f"£{biggest:,.2f}") + 1 if math.isfinite(biggest) else 3
    return int(values.astype(str).map(lambda t: max((len(x) for x in t.splitlines()), default=0)).max())


# Characters XML 1.0 cannot hold (python-docx raises on them).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def display_value(value: object, excel_format: str | None = None) -> str:
    """A cell value as text, formatted like the XLSX number format it would get.

    Args:
        value: the value.
        excel_format: one of the formats :func:`column_format` returns.

    Returns:
        e.g. ``"3.20"`` (WTE), ``"£45,000"``, ``"25.0%"``, ``"01/04/2025"``, ``""`` for missing.
    """
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, dt.date | pd.Timestamp):
        return pd.Timestamp(value).strftime("%d/%m/%Y")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return _XML_INVALID.sub("", str(value))
    x = float(value)
    if not math.isfinite(x):
        return "∞" if x > 0 else "-∞"
    match excel_format:
        case f if f == WTE_FORMAT:
            return f"{x:.2f}"
        case f if f == MONEY_FORMAT:
            return f"-£{-x:,.0f}" if x < 0 else f"£{x:,.0f}"
        case f if f == SHARE_FORMAT:
            return f"{x * 100:.1f}%"
        case f if f == PLAIN_INT_FORMAT:
            return f"{x:.0f}"
        case f if f == INT_FORMAT:
            return f"{x:,.0f}"
        case f if f in (FLOAT_FORMAT, DATE_FORMAT):
            return f"{x:,.2f}"
        case str(f) if fixed := _FIXED.fullmatch(f):  # "0.0", "0.000", "#,##0.0": its decimals
            return f"{x:{',' if fixed.group(1) else ''}.{len(fixed.group(2) or '')}f}"
        case "General":
            return f"{x:,.0f}" if x.is_integer() else f"{x:,.6g}"
    return f"{x:,.0f}" if x.is_integer() else f"{x:,.2f}"
