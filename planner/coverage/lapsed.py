"""Lapsed and expiring competencies, per person, with days overdue or days left.

"Expired 4" names nobody; :func:`lapsed_and_expiring` lists each item with the person, the
statement, the date it lapsed or lapses and how many days ago or ahead, so a lead can book the
refresher. What has already lapsed is listed apart from what is about to (``state``), and both come
from the statuses of :func:`planner.coverage.statuses`, so they agree with the coverage counts.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

#: The columns of :func:`lapsed_and_expiring`.
LAPSED_COLUMNS: tuple[str, ...] = (
    "staff_id",
    "band",
    "function",
    "competency_id",
    "text",
    "state",
    "expires_on",
    "days_overdue",
    "days_left",
)
LAPSED = "lapsed"
EXPIRING = "expiring"


def lapsed_and_expiring(st: pd.DataFrame, as_of: date, within_days: int = 90) -> pd.DataFrame:
    """Every lapsed item, and every current item that lapses within ``within_days`` of ``as_of``.

    Args:
        st: the output of :func:`planner.coverage.statuses`.
        as_of: the date the statuses were judged on.
        within_days: the "expiring soon" window.

    Returns:
        :data:`LAPSED_COLUMNS`, one row per person and competency: ``state`` is ``lapsed`` (status
        expired; ``days_overdue`` counts from the date it lapsed, ``None`` when the record has no
        date to renew from) or ``expiring`` (verified or self-assessed; ``days_left`` to the date).
        Sorted by person, lapsed before expiring, most urgent first.
    """
    start = pd.Timestamp(as_of)
    status = st["status"].astype(str)
    lapsed = status.eq("expired")
    soon = status.isin(["verified", "self_assessed"]) & st["expires_on"].between(
        start, start + timedelta(days=int(within_days))
    )
    out = st.loc[
        lapsed | soon, ["staff_id", "band", "function", "competency_id", "text", "expires_on"]
    ].copy()
    for c in ("staff_id", "band", "function", "competency_id", "text"):
        out[c] = (
            out[c].astype(object).where(out[c].notna(), None).map(lambda v: None if v is None else str(v))
        )
    out["state"] = [LAPSED if x else EXPIRING for x in lapsed[lapsed | soon]]
    days = (out["expires_on"] - start).dt.days
    out["days_overdue"] = (-days).where(out["state"].eq(LAPSED)).astype("Int64")
    out["days_left"] = days.where(out["state"].eq(EXPIRING)).astype("Int64")
    urgency = days.fillna(-(10**6))  # an undated lapse is the most urgent of all
    out = out.assign(_first=out["state"].ne(LAPSED), _urgency=urgency)
    out = out.sort_values(["staff_id", "_first", "_urgency", "competency_id"])
    return out[list(LAPSED_COLUMNS)].reset_index(drop=True)


def per_person(items: pd.DataFrame) -> pd.DataFrame:
    """One row per person with lapsed or expiring items: counts and the most urgent one.

    Returns:
        ``staff_id``, ``band``, ``lapsed``, ``expiring``, ``most_overdue_days`` (0 when nothing has
        lapsed), ``soonest_days_left`` (``None`` when nothing is about to lapse); most lapsed first.
    """
    cols = ["staff_id", "band", "lapsed", "expiring", "most_overdue_days", "soonest_days_left"]
    if items.empty:
        return pd.DataFrame(columns=cols)
    g = items.groupby("staff_id", sort=False)
    out = pd.DataFrame(
        {
            "band": g["band"].first(),
            "lapsed": g["state"].agg(lambda s: int((s == LAPSED).sum())),
            "expiring": g["state"].agg(lambda s: int((s == EXPIRING).sum())),
            "most_overdue_days": g["days_overdue"].max().fillna(0).astype(int),
            "soonest_days_left": g["days_left"].min(),
        }
    ).reset_index()
    return out.sort_values(["lapsed", "most_overdue_days", "staff_id"], ascending=[False, False, True])[
        cols
    ].reset_index(drop=True)
