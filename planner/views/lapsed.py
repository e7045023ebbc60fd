"""Lapsed and expiring items as the Coverage page, its downloads and the CLI show them.

Built on :func:`planner.coverage.lapsed.lapsed_and_expiring`: the lapsed items apart from the ones
about to lapse, per person, with readable column names, and the CLI's ``lapsed`` list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from planner.coverage.lapsed import EXPIRING, LAPSED, lapsed_and_expiring, per_person
from planner.vocab import band_label

NO_DATE = "no renewal date recorded"


@dataclass
class LapsedView:
    """The Coverage page's lapsed and expiring tables, and the sentence above them."""

    lapsed: pd.DataFrame
    expiring: pd.DataFrame
    people: pd.DataFrame
    caption: str


def _day_words(n: Any, unit: str) -> str:
    if n is None or pd.isna(n):
        return NO_DATE
    return f"{int(n)} day{'s' if int(n) != 1 else ''} {unit}"


def _dates(series: pd.Series) -> list[str]:
    return [NO_DATE if pd.isna(d) else pd.Timestamp(d).strftime("%d/%m/%Y") for d in series]


def lapsed_view(st: pd.DataFrame, as_of: date, within_days: int = 90) -> LapsedView:
    """The lapsed items, the ones expiring within ``within_days``, and a line per person."""
    items = lapsed_and_expiring(st, as_of, within_days)
    gone = items[items["state"] == LAPSED]
    soon = items[items["state"] == EXPIRING]
    lapsed = pd.DataFrame(
        {
            "Staff ID": gone["staff_id"],
            "Band": gone["band"].map(band_label),
            "Competency": gone["competency_id"],
            "Statement": gone["text"],
            "Lapsed on": _dates(gone["expires_on"]),
            "Overdue": [_day_words(n, "overdue") for n in gone["days_overdue"]],
        }
    ).reset_index(drop=True)
    expiring = pd.DataFrame(
        {
            "Staff ID": soon["staff_id"],
            "Band": soon["band"].map(band_label),
            "Competency": soon["competency_id"],
            "Statement": soon["text"],
            "Lapses on": _dates(soon["expires_on"]),
            "Days left": soon["days_left"].astype(int),
        }
    ).reset_index(drop=True)
    pp = per_person(items)
    people = pd.DataFrame(
        {
            "Staff ID": pp["staff_id"],
            "Band": pp["band"].map(band_label),
            "Lapsed": pp["lapsed"].astype(int),
            f"Lapsing within {within_days} days": pp["expiring"].astype(int),
            "Most days overdue": pp["most_overdue_days"].astype(int),
        }
    )
    n_people = items["staff_id"].nunique()
    caption = (
        f"As of {as_of.strftime('%d/%m/%Y')}: {len(gone)} item(s) have lapsed and {len(soon)} lapse within "
        f"{within_days} days, across {n_people} people. Lapsed items are listed apart from those about to "
        "lapse; a lapsed item does not count as verified."
        if len(items)
        else f"As of {as_of.strftime('%d/%m/%Y')}: nothing has lapsed and nothing lapses within {within_days} days."
    )
    return LapsedView(lapsed=lapsed, expiring=expiring, people=people, caption=caption)


def lapsed_json(st: pd.DataFrame, as_of: date, within_days: int = 90) -> list[dict[str, Any]]:
    """The CLI's ``lapsed`` list: each lapsed item with its date and days overdue (null if undated)."""
    items = lapsed_and_expiring(st, as_of, within_days)
    gone = items[items["state"] == LAPSED]
    return [
        {
            "staff_id": r.staff_id,
            "band": r.band,
            "function": r.function,
            "competency_id": r.competency_id,
            "text": r.text,
            "expires_on": None if pd.isna(r.expires_on) else pd.Timestamp(r.expires_on).date().isoformat(),
            "days_overdue": None if pd.isna(r.days_overdue) else int(r.days_overdue),
        }
        for r in gone.itertuples(index=False)
    ]
