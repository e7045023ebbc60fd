"""Checks and tallies that need the whole file: row accounting, repeated posts, unknown staff.

A person may hold two posts (two rows, one staff id) when the posts differ in service, band, function,
role or career level; the same staff id repeated with all of those the same is a likely copy and is
warned about (both rows are kept, as warnings never drop rows). People whose posts add up to more than
1.5 WTE, and competency records for staff ids missing from the staff sheet, are warned about too.
"""

from __future__ import annotations

from collections import Counter
from operator import itemgetter
from typing import Any

import pandas as pd

from planner.ingest.body import LogEntry, issue
from planner.ingest.normalise import Problem

COUNT_COLUMNS = ["sheet", "table", "unit", "read", "accepted", "reported", "blank"]
_STATUSES = ("accepted", "reported", "blank")
#: What makes a post distinct: the same staff id with all of these the same is a likely copy.
POST_KEY = ("staff_id", "service", "function", "band", "role", "career_level")
_post_key = itemgetter(*POST_KEY)


def counts(log: list[LogEntry]) -> pd.DataFrame:
    """Rows read, accepted, reported and blank per sheet, table and unit, from the row log."""
    tally = Counter((e.sheet, e.table, e.unit, e.status) for e in log)
    groups: dict[tuple[str, str, str], dict[str, int]] = {}
    for (sheet, table, unit, status), n in tally.items():
        groups.setdefault((sheet, table, unit), dict.fromkeys(_STATUSES, 0))[status] = n
    rows = [[*key, sum(c.values()), *(c[s] for s in _STATUSES)] for key, c in groups.items()]
    return pd.DataFrame(rows, columns=COUNT_COLUMNS).astype({k: int for k in ("read", *_STATUSES)})


def _problem(code: str, expected: str, message: str) -> Problem:
    return Problem(code, "warning", expected, message)


def cross_checks(
    staff: list[dict[str, Any]],
    comps: list[dict[str, Any]],
    log: list[LogEntry],
    headers: dict[tuple[str, str], str],
) -> list[dict[str, Any]]:
    """Warnings that need the whole file: repeated posts, over-full people, records for unknown staff.

    Args:
        staff: accepted staff records.
        comps: accepted competency records.
        log: the status of every row read (its ``staff_id`` includes reported rows).
        headers: ``(sheet, field) → the user's header``, so issues name the user's columns.
    """
    out: list[dict[str, Any]] = []

    def col(sheet: str, field_id: str, label: str) -> str:
        return headers.get((sheet, field_id), label)

    first_post: dict[tuple[Any, ...], dict[str, Any]] = {}
    posts_of = Counter(r["staff_id"] for r in staff)
    people: dict[str, list[dict[str, Any]]] = {}
    for r in staff:
        if posts_of[r["staff_id"]] == 1:  # most people hold one post: nothing to compare
            continue
        key = _post_key(r)
        people.setdefault(r["staff_id"], []).append(r)
        if key not in first_post:
            first_post[key] = r
            continue
        first = first_post[key]
        out.append(
            issue(
                r["sheet"],
                r["row"],
                col(r["sheet"], "staff_id", "Staff ID"),
                r["staff_id"],
                _problem(
                    "staff_id_duplicate",
                    "one row per post",
                    f"Staff ID '{{value}}' appears again with the same service, band and function (first at "
                    f"'{first['sheet']}' row {first['row']}); both rows are counted. Delete the copy, or give a second "
                    "post its own service or function.",
                ),
            )
        )
    for sid, posts in people.items():
        total = sum(p["wte"] for p in posts)
        if len(posts) > 1 and total > 1.5 + 1e-9:
            last = posts[-1]
            where = col(last["sheet"], "wte", col(last["sheet"], "hours", "WTE"))
            out.append(
                issue(
                    last["sheet"],
                    last["row"],
                    where,
                    sid,
                    _problem(
                        "wte_person_over",
                        "posts adding up to at most 1.5 WTE per person",
                        f"Staff ID '{{value}}' holds {len(posts)} posts adding up to {total:.2f} WTE.",
                    ),
                )
            )
    known = {e.staff_id for e in log if e.table == "staff" and e.staff_id is not None}
    if not known:
        return out
    unknown: dict[tuple[str, str], list[int]] = {}
    for c in comps:
        if c["staff_id"] not in known:
            unknown.setdefault((c["sheet"], c["staff_id"]), []).append(c["row"])
    for (sheet, sid), rows in unknown.items():
        span = f"row {min(rows)}" if len(rows) == 1 else f"rows {min(rows)}–{max(rows)}"
        out.append(
            issue(
                sheet,
                min(rows),
                col(sheet, "staff_id", "Staff ID"),
                sid,
                _problem(
                    "staff_id_unknown",
                    "a Staff ID from the staff sheet",
                    f"Staff ID '{{value}}' has {len(rows)} competency record(s) ({span}) but is not in the staff list; "
                    "the records are kept.",
                ),
            )
        )
    return out


def fill_competency_service(comps: list[dict[str, Any]], staff: list[dict[str, Any]]) -> None:
    """Records without a service take their person's (first) service, else ``Team`` (in place)."""
    first: dict[str, str] = {}
    for r in staff:
        first.setdefault(r["staff_id"], r["service"])
    for c in comps:
        if c["service"] is None:
            c["service"] = first.get(c["staff_id"], "Team")
