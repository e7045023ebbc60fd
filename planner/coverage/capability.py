"""What the team needs somewhere, not in every person: capability rules, single points of failure, expiry.

- **Team capability**: at least one person verified in each "leads on" leadership and service
  statement, and at least two staff with current (verified, unexpired) life support for every class.
  Rules from the cross-cutting framework's ``team_rules`` replace the life-support default when
  present.
- **Single points of failure**: skills verified by only one person, or by people whose WTE together
  is under 1.0 (judged by skill, in :mod:`planner.coverage.spof`; handed on from here).
- **Expiring**: renewable competencies that lapse within N days of ``as_of``.

All functions take the output of :func:`planner.coverage.statuses` and return DataFrames.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pandas as pd

from planner.coverage import credit
from planner.coverage.spof import SPOF_COLUMNS, single_points_of_failure
from planner.reference import service_types
from planner.reference.frameworks import Framework
from planner.reference.levels import person_levels

__all__ = [
    "CAPABILITY_COLUMNS", "EXPIRING_COLUMNS", "SPOF_COLUMNS", "expiring", "leadership_statements",
    "life_support_rows", "single_points_of_failure", "team_capability", "team_rules", "unassigned",
]  # fmt: skip

#: Leadership and service statements: a "leads on" statement at the framework's most senior level,
#: or in a leadership domain or service/leadership area. Clinical "leads on" statements at band 6/7
#: are individual practice, which coverage already counts.
_LEADERSHIP_PATTERN = re.compile(r"leader|manage|service", re.IGNORECASE)
_LIFE_SUPPORT_PATTERN = re.compile(r"life.?support|\bBLS\b|\bILS\b|resuscitat", re.IGNORECASE)

#: The issue's rule, derived from two in research/domain.md section 8: all exercise staff hold life
#: support ('resus_training_all_exercise_staff', verified for cardiac rehab) and a class has at least
#: two staff ('min_staff_per_class', unverified) — so at least two life-support-current staff a class.
DEFAULT_LIFE_SUPPORT_RULE: dict[str, Any] = {
    "id": "life_support_per_class",
    "text": "At least two life-support-current staff for every class",
    "competencies": [],
    "min_people": 2,
    "min_registered": 0,
    "per": "class",
    "source": (
        "Derived (assumption): every member of staff supervising exercise holds life support "
        "(Resuscitation Council UK, cardiac rehabilitation; research/domain.md section 8) and a class "
        "has at least two staff (commonly quoted for PR, unverified)."
    ),
}
REGISTERED_KINDS: tuple[str, ...] = ("statutory", "accredited")

CAPABILITY_COLUMNS: tuple[str, ...] = (
    "rule_id",
    "rule",
    "competency_id",
    "statement",
    "needed",
    "have",
    "met",
    "who",
    "source",
)


def _who(frame: pd.DataFrame) -> list[str]:
    return sorted({str(s) for s in frame["staff_id"]})


def leadership_statements(fw: Framework) -> pd.DataFrame:
    """The framework's "leads on" leadership and service statements (``competency_id``, ``text``).

    Taken from the framework, not the team, so a statement no one in the team is asked for still
    shows as unmet.
    """
    top = fw.levels["level_id"].iloc[-1] if len(fw.levels) else None
    req = fw.requirements.merge(fw.competencies, on="competency_id")
    where = (
        req["domain_id"].astype(str).str.contains(_LEADERSHIP_PATTERN)
        | req["area_id"].astype(str).str.contains(_LEADERSHIP_PATTERN)
        | req["level_id"].astype(str).eq(str(top))
    )
    chosen = req[req["expectation_class"].eq("leads") & where]
    return chosen.drop_duplicates("competency_id")[["competency_id", "text"]].reset_index(drop=True)


def life_support_rows(
    st: pd.DataFrame, ids: list[str] | None = None, sources: list[Framework] | None = None
) -> pd.Series:
    """Boolean mask over ``st``: life-support rows (the given ids, else renewable life-support items).

    Given ids count with every statement of the same skill (a person asked for Basic Life Support once
    may hold it as the BTS statement rather than the cross-cutting item); ``sources`` are the
    frameworks the ids come from, whose skill keys are used.
    """
    if ids:
        mask = st["competency_id"].astype(str).isin(ids)
        if "skill" in st.columns:
            skills = set(st.loc[mask, "skill"].astype(str))
            if sources:
                cat = credit.catalogue([f for f in sources if f is not None])
                skills |= set(cat.loc[cat["competency_id"].isin(ids), "skill"])
            mask |= st["skill"].astype(str).isin(skills)
        return mask
    text = st["text"].astype(str) + " " + st["area_id"].astype(str) + " " + st["domain_id"].astype(str)
    return st["renewal_months"].notna() & text.str.contains(_LIFE_SUPPORT_PATTERN)


def team_rules(cross_cutting: Framework | None) -> list[dict[str, Any]]:
    """The team rules to check: the cross-cutting framework's ``team_rules`` plus the life-support rule.

    A file rule names the competency it counts (``counts_competency`` or ``competencies``; none
    means every member of staff counts), its ``minimum`` people and optional ``minimum_registered``;
    a rule that ``applies_to`` a class or session is checked per class. The issue's "two
    life-support-current staff for every class" rule is added unless a file rule already asks for two
    or more holders of a competency.
    """
    raw = (cross_cutting.raw.get("team_rules") if cross_cutting is not None else None) or []
    rules = []
    for r in raw:
        if not isinstance(r, dict):
            continue
        comps = r.get("competencies") or r.get("counts_competency") or []
        comps = [comps] if isinstance(comps, str) else list(comps)
        scope = f"{r.get('per', '')} {r.get('applies_to', '')}".lower()
        # a rule can rest on a source and an assumption at once: show both
        source = "; ".join(
            part
            for part in (
                str(r.get("source") or ""),
                f"Assumption: {r['assumption']}" if r.get("assumption") else "",
            )
            if part
        )
        rules.append(
            {
                "id": str(r.get("id", "team_rule")),
                "text": str(r.get("text") or r.get("label") or r.get("id")),
                "competencies": [str(c) for c in comps],
                "min_people": int(r.get("minimum") or r.get("min_people") or 1),
                "min_registered": int(r.get("minimum_registered") or 0),
                "per": "class" if ("class" in scope or "session" in scope) else "team",
                "source": " ".join(str(source).split()),
            }
        )
    if not any(r["competencies"] and r["min_people"] >= 2 for r in rules):
        rules.append(dict(DEFAULT_LIFE_SUPPORT_RULE))
    return rules


def team_capability(
    st: pd.DataFrame,
    fw: Framework,
    cross_cutting: Framework | None = None,
    *,
    staff: pd.DataFrame | None = None,
    classes: int = 1,
) -> pd.DataFrame:
    """Whether the team as a whole meets each capability rule, and who meets it.

    Args:
        st: the output of :func:`planner.coverage.statuses` (with cross-cutting rows for the
            life-support rules).
        fw: the framework ``st`` was built for (its "leads on" statements are checked).
        cross_cutting: the cross-cutting framework, whose ``team_rules`` are checked when present.
            No class rule is checked for a homecare or PCN framework: they are PR rules
            (``data/service_types.yaml``).
        staff: the roster's staff table, for rules that need registered staff (registration kinds
            statutory or accredited); without it such rules count registration from nobody.
        classes: classes running at the same time; "per class" rules need that many times the staff.

    Returns:
        One row per rule and statement with :data:`CAPABILITY_COLUMNS`: ``needed`` and ``have``
        people, ``met``, and ``who`` (sorted staff ids holding it, verified and unexpired).
    """
    rows: list[dict[str, Any]] = []
    verified = st["status"].astype(str).eq("verified")
    statements = leadership_statements(fw)
    held = st[verified & st["competency_id"].astype(str).isin(statements["competency_id"])]
    for cid, text in statements.itertuples(index=False):
        who = _who(held[held["competency_id"].astype(str) == cid])
        rows.append(
            {
                "rule_id": "leads_on",
                "rule": "At least one person leads on each leadership and service statement",
                "competency_id": cid,
                "statement": text,
                "needed": 1,
                "have": len(who),
                "met": len(who) >= 1,
                "who": who,
                "source": f"{fw.title}: 'Leads on' statements",
            }
        )
    registered: set[str] = set()
    if staff is not None and "registration" in staff.columns:
        reg = staff["registration"].astype(str).isin(REGISTERED_KINDS)
        registered = set(staff.loc[reg, "staff_id"].astype(str))
    everyone = sorted({str(s) for s in st["staff_id"].astype(str).unique()})
    class_rules = team_rules(cross_cutting) if service_types.cross_cutting_applies(fw.id) else []
    for rule in class_rules:
        per = max(int(classes), 1) if rule["per"] == "class" else 1
        mask = pd.Series(False, index=st.index)
        if rule["competencies"] or rule["id"] == DEFAULT_LIFE_SUPPORT_RULE["id"]:
            mask = life_support_rows(st, rule["competencies"], [cross_cutting] if cross_cutting else None)
            who = _who(st[mask & verified])
            statement = ", ".join(sorted(set(st.loc[mask, "text"].astype(str)))) or None
        else:
            who, statement = everyone, "any member of staff"
        needed = rule["min_people"] * per
        met = len(who) >= needed
        if rule["min_registered"]:
            met = met and len(registered & set(who)) >= rule["min_registered"] * per
        rows.append(
            {
                "rule_id": rule["id"],
                "rule": rule["text"],
                "competency_id": ", ".join(
                    rule["competencies"] or sorted(set(st.loc[mask, "competency_id"].astype(str)))
                )
                or None,
                "statement": statement,
                "needed": needed,
                "have": len(who),
                "met": met,
                "who": who,
                "source": rule["source"],
            }
        )
    return pd.DataFrame(rows, columns=list(CAPABILITY_COLUMNS))


EXPIRING_COLUMNS: tuple[str, ...] = (
    "staff_id",
    "band",
    "competency_id",
    "text",
    "status",
    "expires_on",
    "days_left",
)


def expiring(st: pd.DataFrame, as_of: date, within_days: int = 90) -> pd.DataFrame:
    """Current competencies (verified or self-assessed) that expire within ``within_days`` of ``as_of``.

    Returns:
        :data:`EXPIRING_COLUMNS`, soonest first; ``days_left`` counts from ``as_of``.
    """
    start = pd.Timestamp(as_of)
    end = start + timedelta(days=int(within_days))
    current = st["status"].astype(str).isin(["verified", "self_assessed"])
    soon = current & st["expires_on"].between(start, end)
    out = st.loc[soon, ["staff_id", "band", "competency_id", "text", "status", "expires_on"]].copy()
    for c in ("staff_id", "band", "competency_id", "text", "status"):
        out[c] = out[c].astype(str)
    out["days_left"] = (out["expires_on"] - start).dt.days.astype(int)
    return out.sort_values(["expires_on", "staff_id", "competency_id"]).reset_index(drop=True)[
        list(EXPIRING_COLUMNS)
    ]


def unassigned(staff: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Posts with no level in ``fw`` (reported on the pages and in the CLI, never dropped silently).

    Returns:
        ``staff_id``, ``band``, ``function``, ``reason``.
    """
    lv = person_levels(staff, fw)
    return lv.loc[lv["level_id"].isna(), ["staff_id", "band", "function", "reason"]].reset_index(drop=True)
