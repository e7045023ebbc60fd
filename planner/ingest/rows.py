"""Read a staff sheet: one row per person or post, and any one-column-per-competency columns.

Each row below the header is accepted, reported (it has an error and is left out of the figures) or
blank. Every problem becomes an issue naming the sheet, the row as the spreadsheet shows it, the
user's column header, the value, what was expected and a reason code. Values are normalised once per
distinct value in a column, which keeps a 20,000-row sheet well under a second.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from planner.ingest.body import LogEntry, SheetBody, SheetRows, issue, memo, missing, record, synonyms
from planner.ingest.columns import COMPETENCY, header_key
from planner.ingest.dates import parse_achieved, parse_date
from planner.ingest.known import level_lookup, match_competency
from planner.ingest.normalise import (
    Problem,
    cell_text,
    is_blank,
    parse_band,
    parse_function,
    parse_hours,
    parse_wte,
)
from planner.ingest.plan import ColumnPlan
from planner.ingest.professions import parse_profession, resolve_registration
from planner.reference.arrs import load_arrs, match_role
from planner.reference.catalogue import CompetencyCatalogue
from planner.vocab import SERVICE_TYPE_LABELS, parse_service_type

_TOTAL_WORDS = {"total", "totals", "grand total", "sum", "total wte", "team total", "subtotal"}
_TOTAL_START = re.compile(r"\s*(grand |team |sub)?(total|sum)", re.IGNORECASE)
_CAREER_LEVELS = ("supportive", "associate", "autonomous", "enhanced", "advanced")


def _level_parser(
    basis: str, label: str, catalogue: CompetencyCatalogue
) -> Callable[[Any], tuple[str | None, Problem | None]]:
    known = level_lookup(catalogue, basis) or (
        {header_key(x): x for x in _CAREER_LEVELS} if basis == "career_level" else {}
    )
    problem = Problem(
        "value_unknown",
        "warning",
        f"a {label.lower()} from the framework: {', '.join(sorted(set(known.values())))}",
        f"{label} '{{value}}' is not one the planner knows; the row is kept without it.",
    )

    def parse(value: Any) -> tuple[str | None, Problem | None]:
        key = header_key(value)
        if not key:
            return None, None
        if not known:
            return cell_text(value), None
        if key in known:
            return known[key], None
        padded = f" {key} "
        inside = [known[k] for k in sorted(known, key=len, reverse=True) if f" {k} " in padded]
        return (inside[0], None) if inside else (None, problem)

    return parse


def read_staff_sheet(
    name: str,
    rows: list[list[Any]],
    header_index: int,
    plans: list[ColumnPlan],
    default_service: str,
    catalogue: CompetencyCatalogue,
) -> SheetRows:
    """Read a staff sheet: one row per person or post, with any one-column-per-competency columns.

    ``catalogue`` names the framework competencies and the career levels and roles a cell may name.
    """
    s = SheetBody(name, rows, header_index, plans)
    blank = s.blank
    if "staff_id" not in s.plans:
        s.column_missing("Staff ID", synonyms("staff_id"), '--map "Emp No=staff_id"')
    if "band" not in s.plans:
        s.column_missing("Band", synonyms("band"), '--map "Grade=band"')
    if "wte" not in s.plans and "hours" not in s.plans:
        s.column_missing("WTE", synonyms("wte") + ", or Contracted hours per week", '--map "FTE %=wte"')
    ids = s.texts("staff_id")
    names = s.texts("name")
    if "name" not in s.plans and ("first_name" in s.plans or "last_name" in s.plans):
        firsts, lasts = s.texts("first_name"), s.texts("last_name")
        names = [" ".join(p for p in (f, la) if p) or None for f, la in zip(firsts, lasts, strict=True)]
    totals = [not blank[i] and (_is_total(ids[i]) or _is_total(names[i])) for i in range(s.n)]
    for i in (i for i in range(s.n) if totals[i]):
        s.report(
            i,
            "staff_id",
            ids[i] or names[i],
            Problem(
                "total_row",
                "error",
                "one row per person or post",
                "This looks like a totals row ('{value}'); it is left out so nothing is counted twice.",
            ),
        )
    skip = [b or t for b, t in zip(blank, totals, strict=True)]
    s.require("staff_id", ids, skip, missing("staff_id_missing", "Staff ID", "a staff id (Employee Number)"))
    bands = s.parse("band", parse_band, skip)
    s.require(
        "band", bands, skip, missing("band_missing", "Band", "an Agenda for Change band, e.g. 'Band 5'")
    )
    wtes = s.parse("wte", parse_wte, skip)
    if "hours" in s.plans:  # hours fill in only where there is no usable WTE cell
        from_hours = s.parse(
            "hours", parse_hours, [sk or w is not None for sk, w in zip(skip, wtes, strict=True)]
        )
        wtes = [w if w is not None else h for w, h in zip(wtes, from_hours, strict=True)]
    s.require(
        "wte" if "wte" in s.plans else "hours",
        wtes,
        skip,
        missing("wte_missing", "WTE", "a WTE above 0 and at most 1.5, e.g. 1.0 or 0.6"),
    )
    functions = s.parse("function", parse_function, skip)
    professions = memo(s.values("profession") or [None] * s.n, parse_profession)
    services = _services(s, default_service, skip)
    reg_raw, body_raw = s.values("registered") or [None] * s.n, s.values("registration_body") or [None] * s.n
    regs: dict[Any, tuple[str | None, str, Problem | None]] = {}
    registration: list[tuple[str | None, str]] = []
    for i in range(s.n):
        key = (reg_raw[i].__class__, reg_raw[i], body_raw[i].__class__, body_raw[i], professions[i])
        if key not in regs:
            regs[key] = resolve_registration(reg_raw[i], body_raw[i], professions[i])
        body, kind, problem = regs[key]
        registration.append((body, kind))
        if problem is not None and not skip[i]:
            where = "registration_body" if "registration_body" in s.plans else "registered"
            s.report(i, where, body_raw[i] if where == "registration_body" else reg_raw[i], problem)
    careers = s.parse("career_level", _level_parser("career_level", "Career level", catalogue), skip)
    roles = s.parse("role", _or_arrs(_level_parser("role", "Role", catalogue)), skip)
    judged = s.texts("judged_at")  # a level id or label, matched to the framework when assessed
    leaving = s.parse("leaving_date", parse_date, skip)
    types = s.parse("service_type", _parse_service_type, skip)
    arrs_roles = memo(s.values("role") or [None] * s.n, _arrs_role)
    roles = [r if r is not None or a is None else a[1] for r, a in zip(roles, arrs_roles, strict=True)]
    salaries = s.parse("salary", _parse_salary, skip)
    starts = s.parse("start_date", parse_date, skip)
    practices = s.texts("practice")
    for i in range(s.n):
        status = "blank" if blank[i] else ("reported" if s.errors[i] else "accepted")
        s.out.log.append(
            LogEntry(
                name,
                s.numbers[i],
                "staff",
                "row",
                status,
                None if blank[i] else services[i],
                ids[i],
                names[i],
            )
        )
        if status != "accepted":
            continue
        s.out.staff.append(
            {
                "staff_id": ids[i],
                "name": names[i],
                "service": services[i],
                "band": bands[i],
                "wte": wtes[i],
                "function": functions[i],
                "profession": professions[i],
                "registration_body": registration[i][0],
                "registration": registration[i][1],
                "career_level": careers[i],
                "role": roles[i],
                "judged_at": judged[i],
                "leaving_date": leaving[i],
                "service_type": types[i],
                "arrs_role": arrs_roles[i][0] if arrs_roles[i] else None,
                "practice": practices[i],
                "salary": salaries[i],
                "start_date": starts[i],
                "sheet": name,
                "row": s.numbers[i],
            }
        )
    _wide_competencies(s, plans, ids, services, catalogue)
    return s.out


def _is_total(text: str | None) -> bool:
    """A totals row names itself "Total", "Grand total", "Sum"… in its id or name cell."""
    return bool(text) and _TOTAL_START.match(text) is not None and header_key(text) in _TOTAL_WORDS


def _services(s: SheetBody, default: str, skip: list[bool]) -> list[str]:
    texts = s.texts("service")
    if "service" in s.plans and any(t is not None for t in texts):
        problem = Problem(
            "service_missing",
            "warning",
            "the service or team this person works in",
            f"Service is blank; counted under '{default}'.",
        )
        for i, t in enumerate(texts):
            if t is None and not skip[i]:
                s.report(i, "service", "", problem)
    return [t if t is not None else default for t in texts]


def _wide_competencies(
    s: SheetBody, plans: list[ColumnPlan], ids: list[Any], services: list[str], catalogue: CompetencyCatalogue
) -> None:
    """One competency record per filled cell of each competency column of a staff sheet."""
    for plan in (p for p in plans if p.field == COMPETENCY):
        raw = list(s.columns[plan.position]) if plan.position < len(s.columns) else [""] * s.n
        parsed = memo(raw, parse_achieved)
        found = match_competency(plan.competency_id or plan.header, catalogue)
        text = found[1] if found else (None if plan.how == "competency id" else plan.header)
        for i in range(s.n):
            if s.blank[i] or is_blank(raw[i]):
                continue
            achieved, in_progress, when, problem = parsed[i]
            status = "reported" if s.errors[i] else "accepted"
            s.out.log.append(
                LogEntry(s.name, s.numbers[i], "competencies", "cell", status, services[i], ids[i], None)
            )
            if problem is not None and not s.errors[i]:
                s.out.issues.append(issue(s.name, s.numbers[i], plan.header, raw[i], problem))
            if status == "accepted":
                s.out.competencies.append(
                    record(
                        ids[i],
                        plan.competency_id or plan.header,
                        text,
                        achieved,
                        in_progress,
                        when,
                        None,
                        None,
                        None,
                        None,
                        services[i],
                        s.name,
                        s.numbers[i],
                    )
                )


def _parse_service_type(value: Any) -> tuple[str | None, Problem | None]:
    if is_blank(value):
        return None, None
    found = parse_service_type(value)
    if found is None:
        choices = ", ".join(SERVICE_TYPE_LABELS.values())
        return None, Problem(
            "value_unknown", "warning", f"a service type: {choices}",
            "Service type '{value}' is not one the planner knows; the team's type is chosen on the Team page.",
        )  # fmt: skip
    return found, None


def _arrs_role(value: Any) -> tuple[str, str | None] | None:
    """A Role cell read as an ARRS role: (role id, its nursing task-matrix level or None)."""
    rid = None if is_blank(value) else match_role(value)
    return None if rid is None else (rid, load_arrs().roles[rid].task_level)


def _parse_salary(value: Any) -> tuple[float | None, Problem | None]:
    """``"£32,500"``, ``32500`` → 32500.0: a full-time annual salary in pounds."""
    if is_blank(value):
        return None, None
    text = str(value).replace("£", "").replace(",", "").strip()
    try:
        amount = float(text)
    except ValueError:
        amount = float("nan")
    if not 1000 <= amount <= 500_000:
        return None, Problem(
            "salary_invalid", "warning", "a full-time annual salary in pounds, e.g. 32,500",
            "Annual salary '{value}' is not an amount between £1,000 and £500,000; the row is kept without it.",
        )  # fmt: skip
    return amount, None


def _or_arrs(
    parse: Callable[[Any], tuple[str | None, Problem | None]],
) -> Callable[[Any], tuple[str | None, Problem | None]]:
    """A role parser that does not warn about an ARRS role (kept as ``arrs_role``) that is no framework level."""

    def inner(value: Any) -> tuple[str | None, Problem | None]:
        level, problem = parse(value)
        return (level, None) if problem is not None and _arrs_role(value) is not None else (level, problem)

    return inner
