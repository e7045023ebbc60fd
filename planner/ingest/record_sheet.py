"""Read a competency record sheet: one row per person and competency, in the London record columns.

The London individual competency record has the columns Reference no., Competency, Achieved? (yes / no)
Self-assessment, Date of self-assessment, Evidence and Signed off – name and date; a staff id column
ties each row to a person. A row is reported when it has no staff id or no usable competency; a
self-assessed achievement without a sign-off, an unknown reference or an unreadable date is a warning.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.ingest.body import LogEntry, SheetBody, SheetRows, issue, missing, record, synonyms
from planner.ingest.dates import parse_achieved, parse_date, split_signed_off
from planner.ingest.known import competency_lookup, match_competency
from planner.ingest.normalise import Problem
from planner.ingest.plan import ColumnPlan
from planner.reference.catalogue import CompetencyCatalogue


def _achieved(value: Any) -> tuple[tuple[bool | None, bool, dt.date | None], Problem | None]:
    done, in_progress, when, problem = parse_achieved(value)
    return (done, in_progress, when), problem


def _signed(value: Any) -> tuple[tuple[str | None, dt.date | None], Problem | None]:
    by, on, problem = split_signed_off(value)
    return (by, on), problem


def read_record_sheet(
    name: str,
    rows: list[list[Any]],
    header_index: int,
    plans: list[ColumnPlan],
    default_service: str | None,
    catalogue: CompetencyCatalogue,
) -> SheetRows:
    """Read a competency record: one row per person and competency, London individual-record columns."""
    s = SheetBody(name, rows, header_index, plans)
    blank = s.blank
    if "staff_id" not in s.plans:
        s.column_missing("Staff ID", synonyms("staff_id"), '--map "Emp No=staff_id"')
    ids = s.texts("staff_id")
    s.require("staff_id", ids, blank, missing("staff_id_missing", "Staff ID", "the staff id of the person"))
    refs, statements = s.texts("competency_id"), s.texts("competency_text")
    known = bool(competency_lookup(catalogue))
    competency: list[tuple[str | None, str | None]] = []
    for i in range(s.n):
        ref, statement = refs[i], statements[i]
        found = match_competency(ref or statement, catalogue) if ref or statement else None
        cid = found[0] if found else ref
        competency.append((cid, statement if statement else (found[1] if found else None)))
        if blank[i] or s.errors[i]:
            continue
        if cid is None:
            s.report(
                i,
                "competency_id" if "competency_id" in s.plans else "competency_text",
                statement or "",
                Problem(
                    "competency_missing",
                    "error",
                    "a Reference no. (framework competency id)",
                    "No Reference no., and the competency text does not match a framework competency.",
                ),
            )
        elif known and not found:
            s.report(
                i,
                "competency_id",
                ref,
                Problem(
                    "competency_unknown",
                    "warning",
                    "a competency id from the frameworks (e.g. BTS-B5-CCS-03)",
                    "Reference '{value}' is not in the frameworks; the record is kept under that reference.",
                ),
            )
    achieved = s.parse("achieved", _achieved, blank)
    assessed = s.parse("self_assessed_on", parse_date, blank)
    signed = s.parse("signed_off", _signed, blank)
    by_texts = s.texts("signed_off_by")
    signed_on = s.parse("signed_off_on", parse_date, blank)
    expires = s.parse("expires_on", parse_date, blank)
    evidence = s.texts("evidence")
    service_texts = s.texts("service")
    has_signoff = any(f in s.plans for f in ("signed_off", "signed_off_by", "signed_off_on"))
    not_signed = Problem(
        "not_signed_off",
        "warning",
        "a name and date in 'Signed off – name and date'",
        "Self-assessed as achieved but not signed off by a manager or Service Lead.",
    )
    if not has_signoff and s.n:
        s.out.issues.append(
            issue(
                name,
                s.header_row,
                "Signed off – name and date",
                "",
                Problem(
                    "not_signed_off",
                    "warning",
                    "a 'Signed off – name and date' column",
                    "This record has no sign-off column, so every achievement in it is self-assessed only.",
                ),
            )
        )
    for i in range(s.n):
        status = "blank" if blank[i] else ("reported" if s.errors[i] else "accepted")
        service = service_texts[i] or default_service
        s.out.log.append(LogEntry(name, s.numbers[i], "competencies", "row", status, service, ids[i], None))
        if status != "accepted":
            continue
        done, in_progress, when = achieved[i] or (None, False, None)
        by, on = signed[i] or (None, None)
        by, on = by_texts[i] or by, signed_on[i] or on
        if done and by is None and on is None and has_signoff:
            s.report(i, "signed_off" if "signed_off" in s.plans else "signed_off_by", "", not_signed)
        s.out.competencies.append(
            record(
                ids[i],
                competency[i][0],
                competency[i][1],
                done,
                bool(in_progress),
                assessed[i] or when,
                evidence[i],
                by,
                on,
                expires[i],
                service,
                name,
                s.numbers[i],
            )
        )
    return s.out
