"""Decide what each column of a sheet is: a known field, a competency, or not recognised.

The plan for a sheet says which kind of sheet it is (a staff roster, or a competency record with one
row per person and competency) and, for every column with a header or values, what it will be read
as and why. The plan is what the Team page shows and lets the user correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from planner.ingest.columns import (
    COMPETENCY,
    FIELD_BY_ID,
    IGNORE,
    RECORD_FIELDS,
    column_letter,
    header_key,
    recognise,
    suggest,
)
from planner.ingest.dates import parse_achieved, parse_date
from planner.ingest.known import match_competency
from planner.ingest.normalise import cell_text, is_blank
from planner.reference.catalogue import CompetencyCatalogue

#: Header forms of framework competency ids: ``BTS-B5-CCS-03``, ``XC-BLS``.
_ID_PATTERN = re.compile(r"[A-Z]{2,}[A-Z0-9]*(?:[-_.][A-Z0-9]+)+")
_VALUE_SAMPLE = 200
#: Header words that mark a column as notes or dates, never a competency, whatever its values.
_NOT_COMPETENCY = {"date", "dates", "notes", "note", "comments", "comment", "remarks"}
_STAFF_CORE = ("staff_id", "band", "wte", "hours")
_RECORD_CORE = ("competency_id", "competency_text")
_RECORD_SHARED = ("staff_id", "name", "first_name", "last_name", "service")


@dataclass
class ColumnPlan:
    """How one column will be read.

    Attributes:
        position: 0-based column index in the sheet.
        header: the header as the user wrote it (``Column C`` when the header cell is empty).
        field: a field id, ``competency``, ``ignore``, or ``None`` when not recognised.
        how: ``recognised``, ``mapped`` (by the user), ``competency id``, ``competency text``,
            ``competency values``, ``not recognised``, ``duplicate`` or ``not used``.
        suggestion: for an unrecognised column, the closest field label.
        competency_id: for a competency column, the competency it records.
        note: a sentence for the user about this column.
    """

    position: int
    header: str
    field: str | None
    how: str
    suggestion: str | None = None
    competency_id: str | None = None
    note: str = ""


def _values_look_like_competency(values: list[Any]) -> bool:
    """True when every filled cell is yes/no, a tick, a date, achieved or in progress, and not only dates."""
    filled = [v for v in values if not is_blank(v)][:_VALUE_SAMPLE]
    if len(filled) < 2:  # one tick is too little to call a column a competency
        return False
    words = 0
    for value in filled:
        if parse_achieved(value)[3] is not None:
            return False
        if parse_date(value)[0] is None or isinstance(value, bool):
            words += 1
    return words > 0


def plan_sheet(
    header: list[Any], body: list[list[Any]], mapping: dict[str, str], catalogue: CompetencyCatalogue
) -> tuple[str | None, list[ColumnPlan]]:
    """Plan the columns of one sheet.

    Args:
        header: the header row's cells.
        body: the rows below the header (used to find competency columns and unnamed columns with data).
        mapping: user mapping, header text → target (field id, ``competency``, ``competency:ID``, ``ignore``).
        catalogue: the framework competencies that name competency columns.

    Returns:
        ``(kind, plans)`` where kind is ``staff``, ``competencies`` or ``None`` (not a data sheet).
    """
    user = {header_key(k): v for k, v in mapping.items()}
    width = max([len(header), *(len(r) for r in body[:_VALUE_SAMPLE])], default=0)
    plans: list[ColumnPlan] = []
    for pos in range(width):
        cell = header[pos] if pos < len(header) else ""
        text = cell_text(cell)
        if text is None:
            if not any(pos < len(r) and not is_blank(r[pos]) for r in body):
                continue
            text = f"Column {column_letter(pos)}"
        target = user.get(header_key(text))
        if target is not None:
            plans.append(_user_plan(pos, text, target, catalogue))
            continue
        field_id, _ = recognise(cell) if cell_text(cell) else (None, 99)
        plans.append(ColumnPlan(pos, text, field_id, "recognised" if field_id else "not recognised"))
    _resolve_duplicates(plans)
    chosen = {p.field for p in plans if p.field}
    if chosen & set(_RECORD_CORE):
        kind: str | None = "competencies"
    elif chosen & set(_STAFF_CORE) and ("staff_id" in chosen or len(chosen & set(_STAFF_CORE)) >= 2):
        kind = "staff"
    else:
        return None, plans
    for plan in plans:
        if plan.field in (None, IGNORE) or plan.how == "duplicate":
            continue
        base = plan.field.split(":")[0]
        if kind == "staff" and plan.field in RECORD_FIELDS:
            plan.field, plan.how = None, "not used"
            plan.note = (
                f"'{plan.header}' is read only in a competency record sheet (Reference no., Competency…)."
            )
        elif kind == "competencies" and (
            base == COMPETENCY or (plan.field not in RECORD_FIELDS and plan.field not in _RECORD_SHARED)
        ):
            plan.note = f"'{plan.header}' is not read in a competency record sheet; staff details come from the staff sheet."
            plan.field, plan.how = None, "not used"
    for plan in plans:
        if plan.how == "not recognised" and kind == "staff":
            _detect_competency(
                plan, [r[plan.position] if plan.position < len(r) else "" for r in body], catalogue
            )
        if plan.how == "not recognised":
            plan.suggestion = suggest(plan.header)
            hint = f" Did you mean '{plan.suggestion}'?" if plan.suggestion else ""
            plan.note = f"Column '{plan.header}' not recognised.{hint} Map it, or it is not read."
    return kind, plans


def _user_plan(pos: int, text: str, target: str, catalogue: CompetencyCatalogue) -> ColumnPlan:
    if target == IGNORE:
        return ColumnPlan(pos, text, IGNORE, "mapped", note=f"'{text}' is ignored, as you asked.")
    if target.startswith(COMPETENCY):
        cid = target.split(":", 1)[1] if ":" in target else None
        found = match_competency(cid or text, catalogue)
        competency_id = cid or (found[0] if found else text)
        return ColumnPlan(pos, text, COMPETENCY, "mapped", competency_id=competency_id)
    return ColumnPlan(pos, text, target, "mapped", note=f"'{text}' read as {FIELD_BY_ID[target].label}.")


def _resolve_duplicates(plans: list[ColumnPlan]) -> None:
    """Keep one column per field: the user's, else the best synonym, else the leftmost."""
    best: dict[str, ColumnPlan] = {}
    for plan in plans:
        if not plan.field or plan.field in (IGNORE, COMPETENCY):
            continue
        rank = -1 if plan.how == "mapped" else recognise(plan.header)[1]
        current = best.get(plan.field)
        if current is None:
            best[plan.field] = plan
            continue
        current_rank = -1 if current.how == "mapped" else recognise(current.header)[1]
        if rank < current_rank:
            best[plan.field] = plan
    for plan in plans:
        if plan.field in best and best[plan.field] is not plan:
            winner = best[plan.field]
            label = FIELD_BY_ID[plan.field].label
            plan.note = (
                f"'{plan.header}' also looks like {label}; column '{winner.header}' is used for {label}."
            )
            plan.field, plan.how = None, "duplicate"


def _detect_competency(plan: ColumnPlan, values: list[Any], catalogue: CompetencyCatalogue) -> None:
    """Make an unrecognised staff-sheet column a competency column when its header or values say so."""
    found = match_competency(plan.header, catalogue)
    if found:
        by_id = found[0].casefold() == plan.header.strip().casefold()
        plan.field, plan.how, plan.competency_id = (
            COMPETENCY,
            "competency id" if by_id else "competency text",
            found[0],
        )
        return
    if _ID_PATTERN.fullmatch(plan.header.strip()):
        plan.field, plan.how, plan.competency_id = COMPETENCY, "competency id", plan.header.strip()
        return
    looks_like_field = suggest(plan.header) is not None  # a misspelt field name, not a competency
    words = set(header_key(plan.header).split())
    if not looks_like_field and not words & _NOT_COMPETENCY and _values_look_like_competency(values):
        plan.field, plan.how, plan.competency_id = COMPETENCY, "competency values", plan.header
        plan.note = (
            f"'{plan.header}' holds yes/no or achieved/in progress values, so it is read as a competency. "
            "Map it to 'ignore' if it is not one."
        )
