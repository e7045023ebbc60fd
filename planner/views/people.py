"""What the People page shows: one person's framework levels and development plan.

Names appear only when the user asks for them; by default a person is their staff id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd

from planner import coverage
from planner.captions import coverage as captions
from planner.captions.words import readable
from planner.coverage.credit import CREDIT_RULE
from planner.coverage.judged import judged_at
from planner.coverage.pdp import development_plan
from planner.ingest.read import RosterRead
from planner.reference import frameworks
from planner.reference.levels import person_levels


def person_options(staff: pd.DataFrame, show_names: bool) -> dict[str, str]:
    """Staff id → what the People page's selectbox shows (the id, plus the name only when asked)."""
    firsts = staff.drop_duplicates("staff_id").sort_values("staff_id")
    if not show_names or "name" not in firsts.columns:
        return {str(s): str(s) for s in firsts["staff_id"]}
    return {
        str(s): (f"{s} – {n}" if isinstance(n, str) and n.strip() else str(s))
        for s, n in zip(firsts["staff_id"], firsts["name"], strict=True)
    }


def person_name(staff: pd.DataFrame, person: str) -> str | None:
    """The person's name from the roster, or ``None`` (only called when the user shows names)."""
    if "name" not in staff.columns:
        return None
    names = staff.loc[staff["staff_id"].astype(str) == str(person), "name"].dropna()
    return str(names.iloc[0]) if len(names) else None


def person_view(
    staff: pd.DataFrame,
    competencies: pd.DataFrame,
    framework_id: str,
    person: str,
    as_of: date,
    *,
    label: str | None = None,
) -> dict[str, Any]:
    """One person's levels, development-plan rows and caption for the People page.

    Args:
        staff: the roster's staff table.
        competencies: the roster's competency records.
        framework_id: the framework to assess against.
        person: the staff id.
        as_of: the date statuses are judged on.
        label: how the caption names the person (the staff id unless the user shows names).
    """
    fw = frameworks.get(framework_id)
    st = coverage.statuses(staff, competencies, fw, as_of, cross_cutting=coverage.cross_cutting_framework())
    plan = development_plan(st, person)
    mine = staff[staff["staff_id"].astype(str) == str(person)]
    levels = person_levels(mine, fw)[
        ["band", "function", "level_label", "assigned_by", "assumption", "reason"]
    ]
    counts = coverage.aggregate(st[st["staff_id"].astype(str) == str(person)], [])
    judged = judged_at(mine, competencies[competencies["staff_id"].astype(str) == str(person)], fw)
    row = judged.iloc[0] if len(judged) else None
    sentence = (
        f"Judged at {row['judged_at']}: {readable(row['reason']).rstrip('.')}."
        + (f" {row['warning']}" if row["warning"] else "")
        if row is not None
        else ""
    )
    return {
        "judged_at": sentence,
        "credited": credited_rows(st, person),
        "credit_rule": CREDIT_RULE,
        "framework": fw,
        "levels": levels,
        "plan": plan,
        "required": int(counts["required"].iloc[0]),
        "verified": int(counts["verified"].iloc[0]),
        "caption": captions.pdp_caption(plan, label or str(person)),
    }


def plan_with_name(plan: pd.DataFrame, name: str | None) -> pd.DataFrame:
    """The plan with a ``name`` column after ``staff_id`` when a name is given (names shown)."""
    if not name:
        return plan
    return plan.assign(name=name)[["staff_id", "name", *[c for c in plan.columns if c != "staff_id"]]]


def credited_rows(st: pd.DataFrame, person: str) -> pd.DataFrame:
    """The statements a person is credited with from another record, and which record gave it."""
    mine = st[(st["staff_id"].astype(str) == str(person)) & st["credited_from"].notna()]
    return pd.DataFrame(
        {
            "competency_id": mine["competency_id"].astype(str),
            "statement": mine["text"].astype(str),
            "status": mine["status"].astype(str).map(coverage.STATUS_LABELS),
            "credit": "credited from " + mine["credited_from"].astype(str),
        }
    ).reset_index(drop=True)


#: What the Team page's level picker shows for "no override".
FROM_BAND = "From band and function"


def level_choices(framework_id: str = "bts") -> list[str]:
    """The levels a person can be judged at by hand (labels, most junior first), after "no override"."""
    return [FROM_BAND, *frameworks.get(framework_id).levels["label"].astype(str)]


def set_level(overrides: Mapping[str, str], person: str, level: str) -> dict[str, str]:
    """The overrides with one person's level set (or removed, for :data:`FROM_BAND`)."""
    out = {k: v for k, v in overrides.items() if k != str(person)}
    if level != FROM_BAND:
        out[str(person)] = level
    return out


def with_judged_at(roster: RosterRead, overrides: Mapping[str, str]) -> RosterRead:
    """The roster with the lead's levels written into ``judged_at`` (the uploaded file is untouched).

    Anyone not in ``overrides`` keeps the roster's own "Judged at" cell.
    """
    if not overrides:
        return roster
    staff = roster.staff.copy()
    if "judged_at" not in staff.columns:
        staff["judged_at"] = None
    ids = staff["staff_id"].astype(str)
    staff["judged_at"] = ids.map(dict(overrides)).where(ids.isin(list(overrides)), staff["judged_at"])
    return replace(roster, staff=staff)
