"""The body of one sheet below its header: output columns, issues, row log and the per-column helpers.

:class:`SheetBody` gives the staff and record readers (:mod:`planner.ingest.rows`,
:mod:`planner.ingest.record_sheet`) the cells of each recognised column, spreadsheet row numbers,
blank rows, once-per-distinct-value parsing and one way to report a problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from planner.ingest.columns import FIELD_BY_ID
from planner.ingest.normalise import Problem, cell_text, is_blank
from planner.ingest.plan import ColumnPlan

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
    "judged_at",
    "leaving_date",
    "service_type",
    "arrs_role",
    "practice",
    "salary",
    "start_date",
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


@dataclass
class SheetRows:
    """What one sheet contributed: accepted rows, issues, and the status of every row read."""

    staff: list[dict[str, Any]] = field(default_factory=list)
    competencies: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)


def memo(values: list[Any], func: Callable[[Any], Any]) -> list[Any]:
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
        results = memo(raw, func)
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
        return [None] * self.n if raw is None else memo(raw, cell_text)


def synonyms(field_id: str) -> str:
    """The first few header names a field is recognised by, for messages."""
    return ", ".join(s for s in FIELD_BY_ID[field_id].synonyms[:3])
