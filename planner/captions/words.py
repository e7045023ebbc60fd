"""Shared words for captions: percentages, money, WTE, counted nouns and dates, written one way.

Every caption module (:mod:`planner.captions.coverage`, :mod:`~planner.captions.skillmix`,
:mod:`~planner.captions.expansion`, :mod:`~planner.captions.frameworks`) formats its figures with these
helpers, so "62%", "£612,346" and "3 people" read the same under every chart and table.
"""

from __future__ import annotations

from datetime import date


def pct(x: float) -> str:
    """``0.623`` → ``"62%"``."""
    return f"{100 * float(x):.0f}%"


def money(x: float) -> str:
    """``612345.6`` → ``"£612,346"``."""
    return f"£{float(x):,.0f}"


def money_short(x: float) -> str:
    """Millions to two places, smaller sums in whole pounds: ``1234567`` → ``"£1.23m"``, ``6123`` → ``"£6,123"``."""
    return f"£{x / 1e6:.2f}m" if abs(x) >= 1e6 else f"£{x:,.0f}"


def wte_size(x: float) -> str:
    """The size of a WTE figure without its sign, for "short of" and "above": ``-3.24`` → ``"3.2 WTE"``."""
    return f"{abs(x):.1f} WTE"


def plural(count: int, one: str, many: str | None = None) -> str:
    """A count with its noun agreeing: ``plural(1, "person", "people")`` → ``"1 person"``.

    Args:
        count: how many.
        one: the words after a count of one, e.g. ``"cell is"``.
        many: the words after any other count; ``one`` + ``"s"`` if not given.
    """
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def lower_first(text: str) -> str:
    """Lower-case the first letter to run a label on inside a sentence, unless it starts an acronym (``"BLS"``)."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def long_date(day: date) -> str:
    """``date(2026, 6, 1)`` → ``"1 June 2026"`` (also takes a :class:`pandas.Timestamp`)."""
    return f"{day.day} {day:%B %Y}"
