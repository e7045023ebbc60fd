"""The ARRS reference data: the 2025/26 envelope rate, each role's maximum, caps, rules and supervision.

Loads ``data/arrs_2025_26.yaml`` and checks that every figure names a source in the file (or says
``assumption``), that a role's maximum is a positive number or null (not found), and that role names
do not collide. :func:`match_role` reads a roster's role cell as an ARRS role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from planner.paths import DATA_DIR, load_yaml
from planner.reference.errors import Problems

ARRS_FILE = DATA_DIR / "arrs_2025_26.yaml"


@dataclass(frozen=True)
class ArrsRole:
    """One ARRS role.

    Attributes:
        id: ``clinical_pharmacist``…; label: the role in words.
        band: the AfC band it is reimbursed at (None for GP roles and where none is given).
        band_assumed: the band is our assumption (not verified), used only for a fallback cost.
        max_reimbursable: the 2025/26 maximum a year per WTE incl. on-costs (£), None where not found.
        max_source: the source id of the maximum; max_note: why there is no maximum.
        twelve_month_rule: the 12-month rule applies (new-to-practice and experienced nurses,
            consultant nurses, healthcare support workers).
        task_level: the nursing task-matrix column the role is read as (``hca``...), if any.
        cap: the cap id the role counts towards, if any.
        supervision: the supervision minimum as the file writes it (text, sessions a year, supervisors, source).
    """

    id: str
    label: str
    aliases: tuple[str, ...]
    band: str | None
    band_assumed: bool
    max_reimbursable: float | None
    max_source: str | None = None
    max_note: str | None = None
    twelve_month_rule: bool = False
    task_level: str | None = None
    cap: str | None = None
    supervision: dict[str, Any] | None = None


@dataclass(frozen=True)
class ArrsData:
    """The validated ARRS file."""

    year: str
    year_start: date
    year_end: date
    per_weighted_head: float
    roles: dict[str, ArrsRole]
    caps: dict[str, dict[str, Any]]
    eligibility: dict[str, dict[str, str]]
    sources: dict[str, dict[str, Any]]
    session_hours: float
    pension: str
    path: Path = ARRS_FILE
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False, hash=False)

    def source_text(self, source_id: str | None) -> str:
        """A source id in words: its title (and address), or ``assumption``."""
        src = self.sources.get(source_id or "")
        if not src:
            return "assumption"
        return f"{src['title']}" + (f" ({src['url']})" if src.get("url") else "")


def role_key(text: object) -> str:
    """A role as written → a comparable key: ``"Health & Wellbeing Coach"`` → ``"health and wellbeing coach"``."""
    raw = str(text).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", raw).split())


def parse_arrs(doc: dict[str, Any], path: Path = ARRS_FILE) -> ArrsData:
    """Validate the parsed ARRS file; every problem is raised at once (ReferenceDataError)."""
    problems = Problems()
    sources = doc.get("sources") or {}
    roles: dict[str, ArrsRole] = {}
    seen: dict[str, str] = {}
    for raw in doc.get("roles") or []:
        rid = str(raw.get("id"))
        mx = raw.get("max_reimbursable")
        if mx is not None and (not isinstance(mx, int | float) or mx <= 0):
            problems.append(f"roles.{rid}.max_reimbursable: expected a positive number or null, got {mx!r}")
        if mx is not None and raw.get("max_source") not in sources:
            problems.append(f"roles.{rid}.max_source: a maximum needs a source listed under sources")
        sup = raw.get("supervision")
        if sup and sup.get("source") not in sources:
            problems.append(f"roles.{rid}.supervision.source: not listed under sources")
        aliases = tuple(role_key(a) for a in [raw.get("label", rid), *(raw.get("aliases") or [])])
        for a in aliases:
            if seen.setdefault(a, rid) != rid:
                problems.append(f"roles.{rid}.aliases: '{a}' is also a name of {seen[a]}")
        roles[rid] = ArrsRole(
            rid,
            str(raw.get("label", rid)),
            aliases,
            None if raw.get("band") is None else str(raw["band"]),
            raw.get("band_status") == "assumption",
            None if mx is None else float(mx),
            raw.get("max_source"),
            raw.get("max_note"),
            bool(raw.get("twelve_month_rule", False)),
            raw.get("task_level"),
            raw.get("cap"),
            sup,
        )
    caps = doc.get("caps") or {}
    for cid, cap in caps.items():
        if cap.get("source") not in sources:
            problems.append(f"caps.{cid}.source: not listed under sources")
    for rid, role in roles.items():
        if role.cap and role.cap not in caps:
            problems.append(f"roles.{rid}.cap: '{role.cap}' is not under caps")
    env = (doc.get("envelope") or {}).get("per_weighted_head") or {}
    if env.get("source") not in sources or not isinstance(env.get("value"), int | float):
        problems.append("envelope.per_weighted_head: needs a number and a source")
    problems.raise_if_any(f"ARRS data ({path.name})")
    return ArrsData(
        year=str(doc["year"]),
        year_start=date.fromisoformat(str(doc["year_start"])),
        year_end=date.fromisoformat(str(doc["year_end"])),
        per_weighted_head=float(env["value"]),
        roles=roles,
        caps=caps,
        eligibility=doc.get("eligibility") or {},
        sources=sources,
        session_hours=float((doc.get("supervision_hours_per_session") or {}).get("value", 1.0)),
        pension=str((doc.get("on_costs") or {}).get("pension", {}).get("value", "employer")),
        path=path,
        raw=doc,
    )


@cache
def load_arrs(path: Path = ARRS_FILE) -> ArrsData:
    """The validated ARRS data (cached)."""
    with path.open(encoding="utf-8") as fh:
        return parse_arrs(load_yaml(fh), path)


def match_role(text: object, data: ArrsData | None = None) -> str | None:
    """A roster's role cell → an ARRS role id (``"PCN Pharmacist"`` → ``clinical_pharmacist``); None if unknown."""
    data = data or load_arrs()
    key = role_key(text)
    if not key:
        return None
    if key.replace(" ", "_") in data.roles:
        return key.replace(" ", "_")
    for rid, role in data.roles.items():
        if key in role.aliases:
            return rid
    return None
