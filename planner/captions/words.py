"""Shared words for captions: percentages, money, WTE, counted nouns and dates, written one way.

Every caption module (:mod:`planner.captions.coverage`, :mod:`~planner.captions.skillmix`,
:mod:`~planner.captions.expansion`, :mod:`~planner.captions.frameworks`) formats its figures with these
helpers, so "62%", "£612,346" and "3 people" read the same under every chart and table.
"""

from __future__ import annotations

import re
from datetime import date

from planner.vocab import format_date


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
    """``date(2026, 6, 1)`` → ``"1 Jun 2026"``: the app's one date format (:func:`planner.vocab.format_date`).

    Also takes a :class:`pandas.Timestamp`; never depends on the locale.
    """
    return format_date(day)


#: The research seeds the data files cite by number, as the documents they are.
_SEED_NAMES: dict[str, str] = {
    "000": "BTS, A professional development framework for pulmonary rehabilitation, draft 2025",
    "001": "London Respiratory Clinical Network, London PR individual competency record guidance",
    "002": "published study of AHP support workers with exercise qualifications in PR",
    "003": "i3 Ladywood PCN, New roles in Primary Care",
    "004": "Clinical Homecare Career and Competence Framework, draft V4.5, 2024",
}
_NOTES = "our research notes"
_READABLE: tuple[tuple[str, str], ...] = (
    # "(seeds/002_7f53….txt, line 154)" and "seeds/000_….txt (table on seed lines 152-181)"
    (r"seeds?/(\d{3})_[0-9a-f]+\.txt(?:,? lines? [\d\s,–-]+)?", "\x00\\1\x00"),
    (r"\b[Ss]eed (\d{3})\b", "\x00\\1\x00"),
    (r"\s*\((?:table on )?seed lines? [^)]*\)", ""),
    (r"\s*\(seed\)", ""),
    (r",? (?:on )?seed lines? [\d\s,–-]+", ""),
    (r"(?:research/)?domain\.md(?: section [\d.]+)?", _NOTES),
    (r"\bThe UI must [^.]*\.", ""),
    (r"\bthis file maps\b", "the planner maps"),
    (r"\busing the rules in mapping_rules\b", "using the mapping rules"),
)


def readable(text: object) -> str:
    """Source notes and data-file text for people: research seeds as the documents, no file names.

    ``"interview with a manager, AHP1 (seeds/002_7f53b6e6b8cc01b1.txt, line 154)"`` →
    ``"interview with a manager, AHP1 (published study of AHP support workers …)"``; a citation of
    ``research/domain.md`` becomes "our research notes"; instructions to the developers ("The UI must
    present it as such…") are dropped. Missing values give ``""``, never ``"nan"``.
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    out = str(text)
    for pattern, repl in _READABLE:
        out = re.sub(pattern, repl, out)
    out = re.sub(r"\x00(\d{3})\x00", lambda m: _SEED_NAMES.get(m.group(1), "a published source"), out)
    out = re.sub(r"\s{2,}", " ", out).strip()
    return out[:1].upper() + out[1:] if str(text)[:1].isupper() else out
