"""The figures a snapshot keeps, computed by the same functions as ``planner coverage`` and ``skillmix``.

A snapshot stores these as computed when it was saved, with the framework's version, so a trend shows
what the team saw at the time; :func:`planner.store.snapshots.recompute` redoes them under today's
framework and rules, marked ``recomputed``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from planner import coverage
from planner.coverage import cross_cutting_framework
from planner.coverage.capability import expiring
from planner.coverage.records import record_statuses
from planner.coverage.spof import leaving_dates, single_points_of_failure
from planner.history.diff import Judge
from planner.reference import frameworks
from planner.skillmix import mix

#: Days ahead counted as "expiring" (the coverage report's default).
WITHIN_DAYS = 90


def compute_figures(
    staff: pd.DataFrame, records: pd.DataFrame, framework_id: str, as_of: date, *, recomputed: bool = False
) -> dict[str, Any]:
    """The JSON-ready figures of one team on one date.

    Keys: ``framework`` (id, title, version), ``as_of``, ``people``, ``posts``, ``wte``,
    ``coverage`` (verified share of required competencies), ``coverage_self_assessed`` (verified or
    self-assessed), ``counts``, ``registered_share``, ``single_points_of_failure``, ``expired``,
    ``expiring``, ``wte_by_band``, ``headcount_by_band``, ``coverage_by_band``, ``recomputed``.
    Only counts and shares: no ids and no names.

    Raises:
        KeyError: the framework id is unknown.
    """
    fw = frameworks.get(framework_id)
    # the coverage report's own steps (planner.views.coverage_report.summary), only those the trend shows
    st = coverage.statuses(staff, records, fw, as_of, True, cross_cutting=cross_cutting_framework())
    overall = coverage.overall(st)
    required = int(overall["required"])
    spof = single_points_of_failure(st, as_of=as_of, within_days=WITHIN_DAYS, leaving=leaving_dates(staff))
    soon = expiring(st, as_of, WITHIN_DAYS)
    by_band = coverage.by_band(st)
    band = mix.wte_headcount(staff, "band")
    share = mix.registered_share(staff, mix.load_targets())
    reg = share.get("share")
    counts = {k: int(overall[k]) for k in coverage.COUNT_COLUMNS}
    return {
        "framework": {"id": fw.id, "title": fw.title, "version": fw.source.get("version")},
        "as_of": as_of.isoformat(),
        "people": int(staff["staff_id"].nunique()) if len(staff) else 0,
        "posts": len(staff),
        "wte": round(float(pd.to_numeric(staff["wte"], errors="coerce").sum()), 4) if len(staff) else 0.0,
        "coverage": round(float(overall["coverage"]), 4),
        "coverage_self_assessed": round((counts["verified"] + counts["self_assessed"]) / required, 4)
        if required
        else 0.0,
        "counts": counts,
        "registered_share": None if reg is None or reg != reg else round(float(reg), 4),
        "single_points_of_failure": len(spof),
        "expired": counts["expired"],
        "expiring": len(soon),
        "wte_by_band": {str(r.band): round(float(r.wte), 4) for r in band.itertuples()},
        "headcount_by_band": {str(r.band): int(r.headcount) for r in band.itertuples()},
        "coverage_by_band": {
            str(r.band): round(float(r.coverage), 4) for r in by_band.itertuples() if int(r.required)
        },
        "recomputed": recomputed,
    }


def judge_for(framework_id: str) -> Judge:
    """A record judge for :func:`planner.history.diff.diff` that applies the framework's renewal periods.

    Held is verified or self-assessed on the date, lapsed is expired, as the coverage report judges
    them (:func:`planner.coverage.records.record_statuses`, with the cross-cutting requirements).

    Raises:
        KeyError: the framework id is unknown.
    """
    parts = [frameworks.get(framework_id).competencies]
    xc = cross_cutting_framework()
    if xc is not None:
        parts.append(xc.competencies)
    req = pd.concat(parts, ignore_index=True)
    renewal = (
        pd.to_numeric(req["renewal_months"], errors="coerce").groupby(req["competency_id"].astype(str)).min()
    )

    def judge(records: pd.DataFrame, on: date) -> pd.DataFrame:
        st = record_statuses(records, renewal, on)
        return pd.DataFrame(
            {
                "staff_id": st["staff_id"],
                "competency_id": st["competency_id"],
                "held": st["status"].isin(["verified", "self_assessed"]),
                "lapsed": st["status"] == "expired",
                "expires_on": st["expires_on"],
            }
        )

    return judge
