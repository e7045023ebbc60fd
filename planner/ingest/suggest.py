"""Did you mean …? for a cell the ingest could not read: a band, a function, a yes/no, a WTE.

:func:`suggest_value` takes the field a column is read as and the cell's value, and returns a value
the ingest would accept (``"Bnad 5"`` → ``"Band 5"``), or ``None`` when the value is already fine
or nothing is close enough. Close words are found with :func:`difflib.get_close_matches`; a band's
number is kept when the word around it is misspelt. Suggestions are offered, never applied
silently: the Team page shows them and the user accepts them.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from planner.ingest.dates import parse_yes_no
from planner.ingest.normalise import cell_text, parse_band, parse_function, parse_wte, value_key
from planner.vocab import FUNCTIONS, band_label, function_label

#: Fields :func:`suggest_value` knows how to correct.
SUGGESTED_FIELDS: tuple[str, ...] = ("band", "function", "registered", "wte")
_FUNCTION_WORDS = {
    **{value_key(function_label(f)): f for f in FUNCTIONS},
    **{f.replace("_", " and "): f for f in FUNCTIONS},
    **{f.replace("_", " "): f for f in FUNCTIONS},
    "delivering pr": "delivering",
    "supporting pr": "supporting",
    "leading pr": "leading",
}
_YES_NO = {"yes": "Yes", "no": "No", "y": "Yes", "n": "No", "true": "Yes", "false": "No"}


def _close(key: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    found = difflib.get_close_matches(key, choices, n=1, cutoff=cutoff)
    return found[0] if found else None


def suggest_band(value: Any) -> str | None:
    """``"Bnad 5"`` → ``"Band 5"``; ``"Band 8"`` (no range to guess), ``"Band six"`` or ``"Band 5"`` → ``None``."""
    _, problem = parse_band(value)
    if problem is None:
        return None
    text = (cell_text(value) or "").casefold()
    number = re.search(r"(?<![\d.])0?([1-9])\s*([a-d])?(?![\d.])", text)
    if number:
        guess = number.group(1) + (number.group(2) or "")
        fixed, trouble = parse_band(guess)
        if trouble is None and fixed is not None:
            return band_label(fixed)
    return None


def suggest_function(value: Any) -> str | None:
    """``"Delivring PR"`` → ``"Delivering PR"``; a value already read, or nothing close, → ``None``."""
    _, problem = parse_function(value)
    if problem is None:
        return None
    word = _close(value_key(value), list(_FUNCTION_WORDS))
    return function_label(_FUNCTION_WORDS[word]) if word else None


def suggest_yes_no(value: Any) -> str | None:
    """``"Yse"`` → ``"Yes"``, ``"noo"`` → ``"No"``; a value already read as yes or no → ``None``."""
    if parse_yes_no(value) is not None:
        return None
    word = _close(value_key(value), list(_YES_NO))
    return _YES_NO[word] if word else None


def suggest_wte(value: Any) -> str | None:
    """``"1.O"`` → ``"1.0"``; ``"80"`` → ``"80%"`` (a percentage without its sign); else ``None``.

    A number up to 45 could be hours a week as well as a percentage, so it gets no suggestion.
    """
    _, problem = parse_wte(value)
    if problem is None:
        return None
    text = (cell_text(value) or "").strip()
    letters = text.replace("O", "0").replace("o", "0")
    if letters != text and parse_wte(letters)[1] is None:
        return letters
    try:
        number = float(text)
    except ValueError:
        return None
    return f"{text}%" if 45 < number <= 150 and parse_wte(f"{text}%")[1] is None else None


def suggest_value(field: str, value: Any) -> str | None:
    """A value the ingest would accept for ``field`` in place of ``value``, or ``None``.

    Args:
        field: the field the column is read as (``band``, ``function``, ``registered``, ``wte``;
            others get no suggestion).
        value: the cell as the file holds it.
    """
    if field == "band":
        return suggest_band(value)
    if field == "function":
        return suggest_function(value)
    if field == "registered":
        return suggest_yes_no(value)
    if field == "wte":
        return suggest_wte(value)
    return None


def suggest_choice(value: Any, choices: list[str]) -> str | None:
    """The choice closest to ``value`` (case and punctuation ignored), or ``None``: a service name, a column.

    ``"Northshore PR"`` among ``["North Shore PR", "Riverside PR"]`` → ``"North Shore PR"``.
    """
    keys = {value_key(c): c for c in choices}
    word = _close(value_key(value), list(keys))
    return keys[word] if word else None
