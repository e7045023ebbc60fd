"""A parameter's value in words, for people: percentages, band labels, activity labels, one date format.

``value_words`` is what the Business case page's list of edits, a scenario file's description and the
pack's Parameters sheet write for a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.expansion.parameter import Parameter
from planner.reference.policy import load_policy
from planner.vocab import BAND_RANK, band_key, band_label, format_date

__all__ = ["value_words"]


def _number_words(value: Any, unit: str) -> str:
    if unit.startswith("fraction") and isinstance(value, (int, float)) and not isinstance(value, bool):
        rest = unit[len("fraction") :].strip()
        return f"{value * 100:.4g}%" + (f" {rest}" if rest else "")
    if isinstance(value, float):  # never "5e+04": thousands are whole numbers with commas
        value = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.4g}"
    elif isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:,}"
    first, _, rest = unit.partition(" ")
    if value == "1" and first.endswith("s") and not first.endswith("ss"):
        unit = f"{first[:-1]} {rest}".strip()  # "1 hour per starter", not "1 hours"
    return f"{value} {unit}".strip()


def value_words(p: Parameter, value: Any) -> str:
    """A parameter's value in words: ``60% of referrals``, ``Band 5: 30%, Band 6: 70%``, ``26 Nov 2026``.

    Maps of bands use band labels and maps of activities their policy labels; fractions are percentages.
    """
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "year") and hasattr(value, "day"):
        return format_date(value)
    if isinstance(value, Mapping):
        activities = load_policy().activities if p.type == "allocation" else {}
        parts = []
        for key, v in value.items():
            name = band_label(band_key(key)) if band_key(key) in BAND_RANK else str(key)
            if key in activities:
                name = activities[key].label
            if isinstance(v, Mapping):
                inner = ", ".join(f"{band_label(band_key(b))} {x * 100:.3g}%" for b, x in v.items())
                parts.append(f"{name}: {inner}")
            else:
                shown = f"{v * 100:.4g}%" if p.unit.startswith("fraction") else _number_words(v, "")
                parts.append(f"{name}: {shown}")
        return "; ".join(parts)
    if p.type == "choice":
        return str(value).replace("_", " ")
    return _number_words(value, p.unit)
