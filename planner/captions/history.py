"""Captions for the History screen: the one sentence under each trend chart and the "what changed" summary.

Each function takes the trend tables of :mod:`planner.history` (plain DataFrames, oldest first) and
returns a sentence such as "Verified coverage went from 61% on 1 Mar 2026 to 68% on 1 Jun 2026
(up 7 points)."
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from planner.captions.words import long_date, pct, plural

RECOMPUTED_NOTE = (
    "Recomputed: every snapshot's figures are worked out again under today's framework and rules, "
    "so they may differ from what the team saw when each was saved."
)
AS_SAVED_NOTE = "As saved: each snapshot's figures as they were worked out on the day it was saved."


def _points(before: float, after: float) -> str:
    change = round(100 * (after - before))
    if change == 0:
        return "no change"
    return f"{'up' if change > 0 else 'down'} {plural(abs(change), 'point')}"


def _span(trend: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    return trend.iloc[0], trend.iloc[-1]


def coverage_trend_caption(trend: pd.DataFrame) -> str:
    """Verified (and self-assessed) coverage from the first snapshot to the last."""
    if trend.empty:
        return "No snapshot saved yet."
    first, last = _span(trend)
    if len(trend) == 1:
        return (
            f"One snapshot so far ({long_date(first['as_of'])}): verified coverage {pct(first['coverage'])}, "
            f"{pct(first['coverage_self_assessed'])} counting self-assessed items. Save another to see a trend."
        )
    return (
        f"Verified coverage went from {pct(first['coverage'])} on {long_date(first['as_of'])} to "
        f"{pct(last['coverage'])} on {long_date(last['as_of'])} ({_points(first['coverage'], last['coverage'])}); "
        f"counting self-assessed items, {pct(first['coverage_self_assessed'])} to {pct(last['coverage_self_assessed'])}."
    )


def band_trend_caption(by_band: pd.DataFrame) -> str:
    """WTE and headcount: the team's total at the first and last snapshot."""
    if by_band.empty:
        return "No WTE recorded in any snapshot."
    totals = by_band.groupby("as_of", sort=True)[["wte", "headcount"]].sum()
    first, last = totals.iloc[0], totals.iloc[-1]
    if len(totals) == 1:
        return f"{last['wte']:.1f} WTE and {plural(int(last['headcount']), 'person', 'people')} on {long_date(totals.index[-1])}."
    return (
        f"The team went from {first['wte']:.1f} WTE ({plural(int(first['headcount']), 'person', 'people')}) on "
        f"{long_date(totals.index[0])} to {last['wte']:.1f} WTE ({plural(int(last['headcount']), 'person', 'people')}) "
        f"on {long_date(totals.index[-1])}."
    )


def registered_trend_caption(trend: pd.DataFrame) -> str:
    """The registered share of WTE at the last snapshot, and since the first."""
    known = trend[trend["registered_share"].notna()]
    if known.empty:
        return "No snapshot records registration, so the registered share is not recorded."
    first, last = _span(known)
    text = f"Registered staff were {pct(last['registered_share'])} of WTE on {long_date(last['as_of'])}"
    if len(known) > 1:
        text += f" ({_points(first['registered_share'], last['registered_share'])} since {long_date(first['as_of'])})"
    missing = len(trend) - len(known)
    if missing:
        text += f"; {plural(missing, 'snapshot')} recorded no registration and {'is' if missing == 1 else 'are'} left out"
    return text + "."


def risks_trend_caption(trend: pd.DataFrame) -> str:
    """Single points of failure, lapsed and expiring items at the last snapshot against the one before."""
    if trend.empty:
        return "No snapshot saved yet."
    last = trend.iloc[-1]
    text = (
        f"On {long_date(last['as_of'])}: {plural(int(last['single_points_of_failure']), 'single point')} of failure, "
        f"{plural(int(last['expired']), 'lapsed item')} and {plural(int(last['expiring']), 'item')} expiring within 90 days"
    )
    if len(trend) > 1:
        before = trend.iloc[-2]
        change = int(last["expired"]) - int(before["expired"])
        more = "more" if change > 0 else "fewer"
        text += (
            f"; lapsed items are the same as on {long_date(before['as_of'])}"
            if change == 0
            else f"; {abs(change)} {more} lapsed than on {long_date(before['as_of'])}"
        )
    return text + "."


def changes_caption(counts: Mapping[str, int], before: object, after: object) -> str:
    """One sentence counting what changed between two snapshots."""
    parts = [
        plural(counts.get("joiners", 0), "joiner"),
        plural(counts.get("leavers", 0), "leaver"),
        plural(counts.get("changed", 0), "band or WTE change"),
        plural(counts.get("gained", 0), "competency", "competencies") + " gained",
        f"{counts.get('lost', 0):,} lost",
        f"{counts.get('lapsed', 0):,} lapsed",
    ]
    return f"From {long_date(before)} to {long_date(after)}: " + ", ".join(parts) + "."
