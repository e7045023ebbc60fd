"""Turn the values people type into rosters into the planner's vocabulary: cells, bands, WTE, functions.

Each parser takes one raw cell (text, number, date or bool as the reader returned it) and returns the
normalised value and, when the cell cannot be used as it is, a :class:`Problem` saying what was
expected. Parsers are pure and cheap; the row builder calls each once per *distinct* value in a
column, so a 20,000-row roster costs a few hundred calls, not 20,000. Dates, yes/no and achievement
cells are parsed in :mod:`planner.ingest.dates`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from planner.vocab import BAND_RANK, FUNCTIONS

#: Standard full-time hours under Agenda for Change (NHS Terms and Conditions of Service
#: Handbook, section 11: 37.5 hours a week); contracted hours / 37.5 = WTE.
FULL_TIME_HOURS = 37.5
WTE_MAX = 1.5


@dataclass(frozen=True)
class Problem:
    """Why a cell cannot be used as it is.

    Attributes:
        code: reason code, e.g. ``band_unknown``.
        severity: ``error`` (the row is left out of the figures) or ``warning`` (the row is kept).
        expected: what a valid value looks like.
        message: a sentence for the user; ``{value}`` is filled in with the cell's text.
    """

    code: str
    severity: str
    expected: str
    message: str


def is_blank(value: Any) -> bool:
    """True for empty cells: ``None``, NaN, ``""`` or whitespace only."""
    if type(value) is str:  # the commonest case first: this runs for every cell of a sheet
        return not value or value.isspace()
    if value is None:
        return True
    return isinstance(value, float) and math.isnan(value)


def cell_text(value: Any) -> str | None:
    """A cell as text: stripped; whole numbers without ``.0``; dates as ISO; ``None`` when blank."""
    if type(value) is str:
        text = value.strip()
        if not text:
            return None
        return text if "  " not in text and text.isprintable() else " ".join(text.split())
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return " ".join(str(value).split())


def value_key(value: Any) -> str:
    """Lower-case letters and digits separated by single spaces: the matching key of a value."""
    text = cell_text(value) or ""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold().replace("&", " and ")).split())


# --- bands -------------------------------------------------------------------------------------
_BAND_WORDS = re.compile(r"agenda for change|review body|afc|nhs|pay|band|grade|range|xr")
_BAND_PROBLEM = Problem(
    "band_unknown",
    "error",
    "an Agenda for Change band: 1 to 9, with 8a to 8d (e.g. 'Band 5', '8a', 'XR05')",
    "Band '{value}' is not an Agenda for Change band (1 to 9, with 8a to 8d).",
)
_BAND8_PROBLEM = Problem(
    "band_unknown",
    "error",
    "band 8 with its range: 8a, 8b, 8c or 8d",
    "Band '{value}' needs its range: band 8 is split into 8a, 8b, 8c and 8d.",
)


def parse_band(value: Any) -> tuple[str | None, Problem | None]:
    """``Band 5``, ``B5``, ``5``, ``AfC 5``, ``8A``, ``Band 8 a``, ``XR05``, ``NHS|XR08A|...`` → band id.

    Returns:
        The band (one of :data:`planner.vocab.BANDS`) or ``None`` with a ``band_unknown`` problem.
    """
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        return None, _BAND_PROBLEM
    text = cell_text(value)
    if text is None:
        return None, None
    low = text.casefold()
    if re.search(r"\d[.,]\d", low):  # "0.5" or "5.5" is a number, not a band
        return None, _BAND_PROBLEM
    if "|" in low:  # ESR grade: "NHS|XR05|Review Body Band 5"; the code in the middle is decisive
        parts = [p for p in low.split("|") if re.fullmatch(r"\s*xr\d{1,2}[a-d]?\s*", p)]
        low = parts[0] if parts else low.split("|")[-1]
    squashed = re.sub(r"[^0-9a-z]", "", _BAND_WORDS.sub(" ", low))
    squashed = re.sub(r"^b(?=\d)", "", squashed)
    match = re.fullmatch(r"0?([1-9])([a-d])?", squashed)
    if not match:
        return None, _BAND_PROBLEM
    number, letter = match.group(1), match.group(2) or ""
    if number == "8" and not letter:
        return None, _BAND8_PROBLEM
    band = number + letter
    return (band, None) if band in BAND_RANK else (None, _BAND_PROBLEM)


# --- WTE and hours -----------------------------------------------------------------------------
_WTE_NAN = Problem(
    "wte_not_number",
    "error",
    "a number of whole-time equivalents, e.g. 1, 0.8 or 60%",
    "WTE '{value}' is not a number.",
)
_WTE_RANGE = Problem(
    "wte_out_of_range",
    "error",
    f"a WTE above 0 and at most {WTE_MAX} (1.0 is full time)",
    "WTE '{value}' is outside (0, 1.5]; 1.0 is full time. A percentage needs its % sign.",
)
_HOURS_RANGE = Problem(
    "wte_out_of_range",
    "error",
    f"contracted hours a week above 0 and at most {WTE_MAX * FULL_TIME_HOURS:g}",
    f"'{{value}}' hours a week is outside (0, {WTE_MAX * FULL_TIME_HOURS:g}]; 37.5 hours is full time.",
)
_HOURS_NAN = Problem(
    "wte_not_number",
    "error",
    "contracted hours a week, e.g. 37.5 or 22.5",
    "Contracted hours '{value}' is not a number.",
)


def _number(value: Any) -> float | None:
    """A number from a cell: ``0.6``, ``"1.0"``, ``"1,0"`` (decimal comma), ``"0.6 WTE"``; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return None if math.isnan(value) else float(value)
    text = (cell_text(value) or "").casefold()
    text = re.sub(r"\s*(wte|fte|hrs?|hours?|h)\.?$", "", text).strip()
    if re.fullmatch(r"[+-]?\d+,\d+", text):  # a decimal comma (European CSV), never a thousands mark
        text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", text):
        return None
    return float(text)


def parse_wte(value: Any) -> tuple[float | None, Problem | None]:
    """``0.6``, ``"1.0"``, ``"60%"``, ``"0,6"`` → WTE in (0, 1.5], rounded to 4 decimal places."""
    if is_blank(value):
        return None, None
    text = cell_text(value) or ""
    percent = text.endswith("%")
    number = _number(text[:-1].strip() if percent else value)
    if number is None:
        return None, _WTE_NAN
    wte = number / 100 if percent else number
    if not 0 < wte <= WTE_MAX:
        return None, _WTE_RANGE
    return round(wte, 4), None


def parse_hours(value: Any) -> tuple[float | None, Problem | None]:
    """Contracted hours a week (``37.5``, ``"22.5 hrs"``, ``"37:30"``) → WTE (hours / 37.5)."""
    if is_blank(value):
        return None, None
    if isinstance(value, dt.timedelta):
        hours: float | None = value.total_seconds() / 3600
    elif isinstance(value, dt.time):
        hours = value.hour + value.minute / 60
    elif isinstance(value, str) and re.fullmatch(r"\s*\d{1,2}:\d{2}\s*", value):
        h, m = value.strip().split(":")
        hours = int(h) + int(m) / 60
    else:
        hours = _number(value)
    if hours is None:
        return None, _HOURS_NAN
    if not 0 < hours <= WTE_MAX * FULL_TIME_HOURS:
        return None, _HOURS_RANGE
    return round(hours / FULL_TIME_HOURS, 4), None


# --- functions ---------------------------------------------------------------------------------
_FUNCTION_WORDS = re.compile(r"\b(pulmonary rehabilitation|pr|programmes?|the|function|of)\b")
_FUNCTION_KEYS: dict[str, str] = {
    "supporting": "supporting",
    "support": "supporting",
    "1": "supporting",
    "delivering": "delivering",
    "deliver": "delivering",
    "delivery": "delivering",
    "2": "delivering",
    "leading": "leading",
    "lead": "leading",
    "leading service management": "leading",
    "service management": "leading",
    "3": "leading",
    "delivering and managing": "delivering_managing",
    "delivering managing": "delivering_managing",
    "deliver and manage": "delivering_managing",
    "managing and delivering": "delivering_managing",
    "delivery and management": "delivering_managing",
    "4": "delivering_managing",
}
_FUNCTION_PROBLEM = Problem(
    "value_unknown",
    "warning",
    "one of the London PR functions: Supporting PR, Delivering PR, Leading PR, Delivering and managing PR",
    "Function '{value}' is not one of the four London PR functions; the row is kept with no function.",
)


def parse_function(value: Any) -> tuple[str | None, Problem | None]:
    """``Delivering PR``, ``delivering & managing``, ``Leading PR (service management)``, ``2`` → id."""
    key = value_key(value)
    if not key:
        return None, None
    if key.replace(" ", "_") in FUNCTIONS:
        return key.replace(" ", "_"), None
    trimmed = " ".join(_FUNCTION_WORDS.sub(" ", key).split())
    found = _FUNCTION_KEYS.get(trimmed) or _FUNCTION_KEYS.get(key)
    return (found, None) if found else (None, _FUNCTION_PROBLEM)
