"""Captions for the Coverage screen and report: one plain-English sentence per coverage aggregate.

Each function takes the table a chart or page shows and returns one sentence, e.g. "Band 6 holds 62% of
its required competencies verified; exercise prescription is the weakest area." Captions never name
people; they count them. The skill-mix captions are in :mod:`planner.captions.skillmix`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from planner.captions.words import long_date, lower_first, pct, plural
from planner.reference.levels import ARRS_ROLE_REASON
from planner.vocab import band_label


def _required(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["required"] > 0]


def overall_caption(totals: dict[str, Any]) -> str:
    """Caption for the team's totals (:func:`planner.coverage.overall`)."""
    req = int(totals["required"])
    if req == 0:
        return "No competencies in this framework are required of anyone in the team."
    sa = int(totals["self_assessed"])
    tail = f"; {plural(sa, 'more is', 'more are')} self-assessed and awaiting sign-off" if sa else ""
    return f"The team holds {pct(totals['coverage'])} of its {req:,} required competencies verified{tail}."


def band_caption(by_band_area: pd.DataFrame, band: str, area_key: str = "area_id") -> str:
    """Caption for one band: its coverage and its weakest area (or domain).

    Args:
        by_band_area: :func:`planner.coverage.aggregate` by ``["band", area_key]``.
        band: e.g. ``"6"``.
        area_key: ``"area_id"`` or ``"domain_id"``.
    """
    mine = _required(by_band_area[by_band_area["band"] == band])
    if mine.empty:
        return f"No one in {band_label(band)} is assessed in this framework."
    cov = mine["verified"].sum() / mine["required"].sum()
    named = mine[mine[area_key] != "(none)"]
    if named.empty or len(named) < 2:
        return f"{band_label(band)} holds {pct(cov)} of its required competencies verified."
    weakest = named.sort_values(["coverage", "required"], ascending=[True, False]).iloc[0]
    kind = "area" if area_key == "area_id" else "domain"
    return (
        f"{band_label(band)} holds {pct(cov)} of its required competencies verified; "
        f"{lower_first(str(weakest[area_key + '_label']))} is the weakest {kind}."
    )


def spread_caption(table: pd.DataFrame, key: str, noun: str) -> str:
    """Caption for coverage by one key (band, function, domain): the strongest and weakest groups.

    Args:
        table: :func:`planner.coverage.aggregate` by ``[key]``.
        key: the key column, e.g. ``"band"``.
        noun: what the groups are called in the sentence, e.g. ``"band"``.
    """
    rows = _required(table).sort_values(["coverage", key], kind="stable")
    if rows.empty:
        return f"No competencies are required in any {noun}."
    lab = f"{key}_label"
    if len(rows) == 1:
        r = rows.iloc[0]
        return f"{r[lab]} holds {pct(r['coverage'])} of its required competencies verified."
    lo, hi = rows.iloc[0], rows.iloc[-1]
    if lo["coverage"] == hi["coverage"]:
        return f"Every {noun} holds {pct(lo['coverage'])} of its required competencies verified."
    return (
        f"Coverage is lowest in {lo[lab]} ({pct(lo['coverage'])} verified) "
        f"and highest in {hi[lab]} ({pct(hi['coverage'])})."
    )


def heatmap_caption(table: pd.DataFrame, row_key: str, col_key: str) -> str:
    """Caption for a heatmap: the weakest cell with something required in it."""
    rows = _required(table)
    if rows.empty:
        return "Nothing is required in any cell."
    weakest = rows.sort_values(["coverage", "required"], ascending=[True, False]).iloc[0]
    gaps = int((rows["coverage"] < 0.5).sum())
    return (
        f"The weakest cell is {weakest[row_key + '_label']} × {weakest[col_key + '_label']} "
        f"({pct(weakest['coverage'])} of {int(weakest['required'])} verified); "
        f"{plural(gaps, 'cell is', 'cells are')} under half covered."
    )


def capability_caption(cap: pd.DataFrame) -> str:
    """Caption for :func:`planner.coverage.capability.team_capability`."""
    if cap.empty:
        return "No team capability rules apply to this framework."
    met = int(cap["met"].sum())
    missed = cap[~cap["met"]]
    if missed.empty:
        return f"The team meets all {len(cap)} team capability requirements."
    first = missed.iloc[0]
    what = first["statement"] if first["rule_id"] == "leads_on" else first["rule"]
    return (
        f"The team meets {met} of {len(cap)} team capability requirements; "
        f"not met includes: {lower_first(str(what))} ({int(first['have'])} of {int(first['needed'])})."
    )


def spof_caption(spof: pd.DataFrame) -> str:
    """Caption for :func:`planner.coverage.spof.single_points_of_failure` (judged by skill)."""
    if spof.empty:
        return "No verified skill rests on a single person or on less than 1.0 WTE."
    kind = spof["kind"] if "kind" in spof.columns else pd.Series("skill", index=spof.index)
    risks = spof[kind == "skill"]
    apart = int((kind == "band_only").sum())
    tail = f"; {plural(apart, 'more is', 'more are')} done at one band only, listed apart" if apart else ""
    if risks.empty:
        return f"No team skill rests on a single person or on less than 1.0 WTE{tail}."
    one = int((risks["holders"] <= 1).sum())
    return (
        f"{plural(len(risks), 'skill rests', 'skills rest')} on one person or on less than 1.0 WTE "
        f"together ({one} on one person or nobody){tail}."
    )


def expiring_caption(exp: pd.DataFrame, within_days: int) -> str:
    """Caption for :func:`planner.coverage.capability.expiring`."""
    if exp.empty:
        return f"No current competency expires in the next {within_days} days."
    first = exp.iloc[0]
    when = long_date(pd.Timestamp(first["expires_on"]))
    people = exp["staff_id"].nunique()
    return (
        f"{plural(len(exp), 'competency record expires', 'competency records expire')} in the next "
        f"{within_days} days across {plural(people, 'person', 'people')}, the first on {when}."
    )


def unassigned_caption(unassigned: pd.DataFrame, framework_title: str, *, cross_cutting: bool = True) -> str:
    """Caption for people with no level in the framework (``cross_cutting``: whether those requirements apply)."""
    if unassigned.empty:
        return f"Everyone in the team has a level in {framework_title}."
    by_role = unassigned["reason"].astype(str).eq(ARRS_ROLE_REASON) if "reason" in unassigned else None
    parts = []
    if by_role is not None and by_role.any():
        parts.append(
            f"{plural(unassigned.loc[by_role, 'staff_id'].nunique(), 'person is', 'people are')} seen by "
            "their ARRS role only: the framework's task table describes the nursing roles (health care "
            "assistant, nursing associate, practice nurse), so no competency is asked of them here."
        )
        unassigned = unassigned[~by_role]
    if not unassigned.empty:
        bands = ", ".join(sorted({str(b) for b in unassigned["band"].dropna()})) or "none recorded"
        tail = (
            "only cross-cutting requirements apply to them"
            if cross_cutting
            else "no competency is asked of them"
        )
        parts.append(
            f"{plural(unassigned['staff_id'].nunique(), 'person has', 'people have')} no level in "
            f"{framework_title} (bands: {bands}); {tail}."
        )
    return " ".join(parts)


def pdp_caption(plan: pd.DataFrame, who: str) -> str:
    """Caption for one person's development plan (``who`` is the staff id, or a name if shown)."""
    if plan.empty:
        return f"{who} has no gaps: every required competency is verified."
    counts = plan["status"].value_counts()
    parts = [f"{int(v)} {k.lower()}" for k, v in counts.items()]
    return f"{who} has {plural(len(plan), 'development-plan row')}: {', '.join(parts)}."


def as_of_caption(as_of: date) -> str:
    """``"Statuses as of 1 June 2026."`` (expiry is judged on this date)."""
    return f"Statuses as of {long_date(as_of)}."
