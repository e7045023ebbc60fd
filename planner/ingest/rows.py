"""Build the staff and competency tables of one sheet, reporting every problem at once.

Each row below the header is accepted, reported (it has an error and is left out of the figures) or
blank. Every problem becomes an issue naming the sheet, the row as the spreadsheet shows it, the
user's column header, the value, what was expected and a reason code. Values are normalised once per
distinct value in a column, which keeps a 20,000-row sheet well under a second.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from planner.ingest.columns import COMPETENCY, FIELD_BY_ID, header_key
from planner.ingest.known import level_lookup, match_competency
from planner.ingest.normalise import (
    Problem,
    cell_text,
    is_blank,
    parse_achieved,
    parse_band,
    parse_function,
    parse_hours,
    parse_wte,
)
from planner.ingest.plan import ColumnPlan
from planner.ingest.professions import parse_profession, resolve_registration
from planner.reference.catalogue import CompetencyCatalogue

STAFF_COLUMNS = [
    "staff_id",
    "name",
    "service",
    "band",
    "wte",
    "function",
    "profession",
    "registration_body",
    "registration",
    "career_level",
    "role",
    "sheet",
    "row",
]
COMPETENCY_COLUMNS = [
    "staff_id",
    "competency_id",
    "competency_text",
    "achieved",
    "in_progress",
    "self_assessed_on",
    "evidence",
    "signed_off_by",
    "signed_off_on",
    "expires_on",
    "service",
    "sheet",
    "row",
]
ISSUE_COLUMNS = ["sheet", "row", "column", "value", "expected", "severity", "code", "message"]
_MISSING = object()


class LogEntry(NamedTuple):
    """Where one row (or competency cell) went: ``status`` is accepted, reported or blank."""

    sheet: str
    row: int
    table: str
    unit: str
    status: str
    service: str | None
    staff_id: str | None
    name: str | None


LOG_COLUMNS = list(LogEntry._fields)
_TOTAL_WORDS = {"total", "totals", "grand total", "sum", "total wte", "team total", "subtotal"}
_TOTAL_START = re.compile(r"\s*(grand |team |sub)?(total|sum)", re.IGNORECASE)
_CAREER_LEVELS = ("supportive", "associate", "autonomous", "enhanced", "advanced")


@dataclass
class SheetRows:
    """What one sheet contributed: accepted rows, issues, and the status of every row read."""

    staff: list[dict[str, Any]] = field(default_factory=list)
    competencies: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)


def _memo(values: list[Any], func: Callable[[Any], Any]) -> list[Any]:
    """``func`` applied once per distinct value (numbers keyed with their type, so ``1`` and ``True`` differ)."""
    seen: dict[Any, Any] = {}
    get = seen.get
    out = []
    append = out.append
    for v in values:
        key = v if v.__class__ is str else (v.__class__, v)
        result = get(key, _MISSING)
        if result is _MISSING:
            result = seen[key] = func(v)
        append(result)
    return out


#: Fields whose cells name a person: problem reports show them without the name.
PERSONAL_FIELDS = frozenset({"name", "first_name", "last_name", "signed_off", "signed_off_by"})


def hide_name(value: Any) -> str:
    """A cell's numbers (a date, say) with any name replaced by ``(name hidden)``."""
    text = cell_text(value) or ""
    kept = " ".join(re.findall(r"\d[\d/.\-:]*", text))
    has_words = bool(re.search(r"[^\W\d_]", text))
    return " ".join(part for part in (kept, "(name hidden)" if has_words else "") if part)


def record(*values: object) -> dict[str, Any]:
    """A competency record from values in :data:`COMPETENCY_COLUMNS` order."""
    return dict(zip(COMPETENCY_COLUMNS, values, strict=True))


def issue(sheet: str, row: int | None, column: str, value: Any, problem: Problem) -> dict[str, Any]:
    """One issue record, its message filled in with the cell's text."""
    text = cell_text(value) or ""
    return {
        "sheet": sheet,
        "row": row,
        "column": column,
        "value": text,
        "expected": problem.expected,
        "severity": problem.severity,
        "code": problem.code,
        "message": problem.message.replace("{value}", text),
    }


def missing(code: str, label: str, expected: str) -> Problem:
    """The error for a required cell left blank."""
    return Problem(code, "error", expected, f"{label} is blank; the row is left out of the figures.")


class SheetBody:
    """One sheet's rows below the header: columns by field, row numbers, blank rows, issue collection."""

    def __init__(self, name: str, rows: list[list[Any]], header_index: int, plans: list[ColumnPlan]):
        self.name = name
        body = rows[header_index + 1 :]
        width = max((len(r) for r in body), default=0)
        body = [r if len(r) == width else [*r, *[""] * (width - len(r))] for r in body]
        last = len(body)
        while last and all(is_blank(c) for c in body[last - 1]):
            last -= 1
        self.columns = list(zip(*body[:last], strict=True)) if last else []
        self.n = last
        self.numbers = [header_index + 2 + i for i in range(last)]
        self.header_row = header_index + 1
        self.blank = [all(is_blank(c) for c in row) for row in body[:last]]
        self.plans = {p.field: p for p in plans if p.field and p.how in ("recognised", "mapped")}
        self.errors = [False] * last
        self.out = SheetRows()

    def values(self, field_id: str) -> list[Any] | None:
        """The raw cells of the column read as ``field_id``, or ``None`` when no column is."""
        plan = self.plans.get(field_id)
        if plan is None:
            return None
        return list(self.columns[plan.position]) if plan.position < len(self.columns) else [""] * self.n

    def header(self, field_id: str) -> str:
        """The user's header for a field (its label when the sheet has no such column)."""
        plan = self.plans.get(field_id)
        return plan.header if plan else FIELD_BY_ID[field_id].label

    def report(self, i: int, field_id: str, value: Any, problem: Problem) -> None:
        """Record a problem on row ``i``; an error marks the row as reported.

        Cells that hold a person's name are shown without it (problem lists are downloaded and printed).
        """
        if field_id in PERSONAL_FIELDS:
            value = hide_name(value)
        self.out.issues.append(issue(self.name, self.numbers[i], self.header(field_id), value, problem))
        if problem.severity == "error":
            self.errors[i] = True

    def parse(
        self, field_id: str, func: Callable[[Any], tuple[Any, Problem | None]], skip: list[bool]
    ) -> list[Any]:
        """Normalise a column with ``func`` (once per distinct value), reporting problems outside ``skip``."""
        raw = self.values(field_id)
        if raw is None:
            return [None] * self.n
        results = _memo(raw, func)
        for i, (_, problem) in enumerate(results):
            if problem is not None and not skip[i]:
                self.report(i, field_id, raw[i], problem)
        return [r[0] for r in results]

    def require(self, field_id: str, values: list[Any], skip: list[bool], problem: Problem) -> None:
        """Report ``problem`` on rows whose cell is blank (rows already in error are left alone)."""
        raw = self.values(field_id)
        for i, v in enumerate(values):
            if v is None and not skip[i] and not self.errors[i] and (raw is None or is_blank(raw[i])):
                self.report(i, field_id, "", problem)

    def column_missing(self, label: str, synonyms: str, example: str) -> None:
        """One sheet-level error for a required column that is absent; every row is then reported."""
        self.out.issues.append(
            {
                "sheet": self.name,
                "row": self.header_row,
                "column": label,
                "value": "",
                "expected": f"a column named {label} ({synonyms})",
                "severity": "error",
                "code": "column_missing",
                "message": f"Sheet '{self.name}' has no {label} column, so no row can be used. "
                f"Add one, or map the column that holds it: on the Team page choose {label} under "
                f"'How the columns were read', or on the command line use {example}.",
            }
        )
        self.errors = [True] * self.n

    def texts(self, field_id: str) -> list[str | None]:
        """The column's cells as trimmed text (``None`` for blanks)."""
        raw = self.values(field_id)
        return [None] * self.n if raw is None else _memo(raw, cell_text)


def synonyms(field_id: str) -> str:
    """The first few header names a field is recognised by, for messages."""
    return ", ".join(s for s in FIELD_BY_ID[field_id].synonyms[:3])


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
    professions = _memo(s.values("profession") or [None] * s.n, parse_profession)
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
    roles = s.parse("role", _level_parser("role", "Role", catalogue), skip)
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
        parsed = _memo(raw, parse_achieved)
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
