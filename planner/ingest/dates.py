"""Parse the dates, yes/no answers and achievement cells of a roster (UK day-first dates, Excel serials).

Like :mod:`planner.ingest.normalise`, each parser takes one raw cell and returns the value and, when the
cell cannot be used as it is, a :class:`~planner.ingest.normalise.Problem`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from planner.ingest.normalise import Problem, cell_text, is_blank, value_key

_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Excel serial numbers accepted as dates: 1 Jan 1950 to 31 Dec 2099.
_SERIAL_MIN, _SERIAL_MAX = 18264, 73415


# --- yes / no and achievement ------------------------------------------------------------------
_YES = {"yes", "y", "true", "t", "1", "✓", "✔", "☑", "✅", "x", "ticked", "tick"}
_NO = {"no", "n", "false", "f", "0", "✗", "✘", "☐", "❌", "not", "none"}
_ACHIEVED = {"achieved", "met", "competent", "complete", "completed", "done", "passed", "signed off"}
_NOT_ACHIEVED = {"not achieved", "not met", "not yet", "not competent", "not complete", "not started"}
_IN_PROGRESS = {
    "in progress",
    "working towards",
    "developing",
    "ongoing",
    "partially",
    "partial",
    "partly",
    "started",
    "in training",
    "wip",
    "part achieved",
    "partially achieved",
}


def _yes_no_key(value: Any) -> str:
    text = (cell_text(value) or "").casefold().strip()
    return text if text in _YES or text in _NO else value_key(value)


def parse_yes_no(value: Any) -> bool | None:
    """``Yes``, ``Y``, ``TRUE``, ``1``, ``✓``, ``✔``, ``x`` → True; ``No``, ``N``, ``FALSE``, ``0`` → False.

    Returns:
        ``None`` for a blank or anything else (the caller decides whether that is a problem).
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    key = _yes_no_key(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


_ACHIEVED_PROBLEM = Problem(
    "value_unknown",
    "warning",
    "yes / no, a date achieved, 'achieved' or 'in progress'",
    "'{value}' is not yes, no, a date, 'achieved' or 'in progress'; the record is kept as not known.",
)


def parse_achieved(value: Any) -> tuple[bool | None, bool, dt.date | None, Problem | None]:
    """A competency cell → (achieved, in progress, date achieved, problem).

    Yes/no and ticks, ``achieved``/``met``/``competent``, ``not achieved``/``not yet``, ``in progress``/
    ``working towards``, or a date (achieved on that date) are understood; a leading word wins over
    trailing notes (``"Yes - at induction"`` is yes).
    """
    if is_blank(value):
        return None, False, None, None
    flag = parse_yes_no(value)
    if flag is not None:
        return flag, False, None, None
    when = parse_date(value)[0]
    if when is not None:
        return True, False, when, None
    key = value_key(value)
    for phrase_set, result in ((_NOT_ACHIEVED, (False, False)), (_IN_PROGRESS, (False, True))):
        if any(key == p or key.startswith(p + " ") for p in phrase_set):
            return result[0], result[1], None, None
    if any(key == p or key.startswith(p + " ") for p in _ACHIEVED):
        return True, False, None, None
    first = key.split(" ")[0] if key else ""
    if first in _YES:
        return True, False, None, None
    if first in _NO:
        return False, False, None, None
    return None, False, None, _ACHIEVED_PROBLEM


# --- dates -------------------------------------------------------------------------------------
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_DATE_PROBLEM = Problem(
    "date_invalid",
    "warning",
    "a date, day first: 01/04/2025, 1 Apr 2025 or 2025-04-01",
    "'{value}' is not a date the planner understands (day first: 01/04/2025 is 1 April); left blank.",
)
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NAMED_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([a-z]{3,9})\.?,?[\s\-/.]*(\d{4}|\d{2})")
_MONTH_YEAR = re.compile(r"([a-z]{3,9})\.?[\s\-/]*(\d{4})|(\d{1,2})/(\d{4})")
#: A date inside other text (for "J Smith 12/03/2025"); the patterns above, unanchored.
DATE_IN_TEXT = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?!\d)"
    r"|\d{1,2}(?:st|nd|rd|th)?[\s\-]+[A-Za-z]{3,9}\.?,?[\s\-]+(?:\d{4}|\d{2})(?!\d)"
)


def _year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 70 else 1900) if len(text) == 2 else year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(value: Any) -> tuple[dt.date | None, Problem | None]:
    """UK day-first dates (``01/04/2025`` is 1 April), ISO dates, ``1 Apr 2025``, Excel serials.

    A month and year alone (``Apr 2025``, ``04/2025``) is read as the 1st of that month.
    """
    if is_blank(value):
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value)), None
        return None, _DATE_PROBLEM
    text = (cell_text(value) or "").casefold()
    text = re.sub(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", text)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return parse_date(float(text))
    found: dt.date | None = None
    if m := _ISO_DATE.fullmatch(text):
        found = _safe_date(int(m[1]), int(m[2]), int(m[3]))
    elif m := _NUMERIC_DATE.fullmatch(text):
        found = _safe_date(_year(m[3]), int(m[2]), int(m[1]))
    elif (m := _NAMED_DATE.fullmatch(text)) and m[2][:3] in _MONTHS:
        found = _safe_date(_year(m[3]), _MONTHS[m[2][:3]], int(m[1]))
    elif m := _MONTH_YEAR.fullmatch(text):
        if m[1] and m[1][:3] in _MONTHS:
            found = _safe_date(int(m[2]), _MONTHS[m[1][:3]], 1)
        elif m[3]:
            found = _safe_date(int(m[4]), int(m[3]), 1)
    return (found, None) if found else (None, _DATE_PROBLEM)


def split_signed_off(value: Any) -> tuple[str | None, dt.date | None, Problem | None]:
    """Split a sign-off cell ("J Smith 12/03/2025", "J Smith, 12 Mar 2025") into (name, date, problem).

    A cell holding only a date gives no name; only a name gives no date. Text that looks like a date
    but is not a real one (31/02/2025) is reported and the name is kept.
    """
    if is_blank(value):
        return None, None, None
    if isinstance(value, (dt.date, int, float)) and not isinstance(value, bool):
        when, problem = parse_date(value)
        return None, when, problem
    text = cell_text(value) or ""
    match = DATE_IN_TEXT.search(text)
    if not match:
        return text.strip(" ,;:-–—") or None, None, None
    when, problem = parse_date(match.group(0))
    name = (text[: match.start()] + " " + text[match.end() :]).strip(" ,;:-–—/()")
    name = " ".join(re.sub(r"\s+(on|dated|date)$", "", name, flags=re.IGNORECASE).split())
    return name or None, when, problem
