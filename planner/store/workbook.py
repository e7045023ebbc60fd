"""A team's stored data as one workbook (openpyxl): the right of access and a way out of the planner.

Sheets: Team, Snapshots (with the figures saved), Staff and Competency records (every snapshot, ids
as stored: the keyed hash), Members, Access log. Text that a spreadsheet would run as a formula is
neutralised as the other exports do (:func:`planner.export.neutralise`).
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook

from planner.export import neutralise
from planner.store.db import Store
from planner.store.model import NotFound
from planner.store.snapshots import list_snapshots, load_snapshot
from planner.store.teams import access_log, list_teams, members


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if hasattr(value, "to_pydatetime"):
        return None if value != value else value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return neutralise(value) if isinstance(value, str) else value


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(header)
    for row in rows:
        ws.append([_cell(v) for v in row])


def export_team_workbook(store: Store, team: str) -> bytes:
    """Everything stored about ``team`` as an .xlsx file's bytes.

    Raises:
        NotFound: there is no such team.
    """
    info = next((x for x in list_teams(store) if x.name == team), None)
    if info is None:
        raise NotFound(f"There is no team called '{team}'.")
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(
        wb,
        "Team",
        ["Team", "Owner", "Service type", "Region", "Names stored", "Retention (days)", "Snapshots"],
        [
            [
                info.name,
                info.owner,
                info.service_type,
                info.region,
                "yes" if info.store_names else "no",
                info.retention_days,
                info.snapshots,
            ]
        ],
    )
    snaps = list_snapshots(store, team)
    _sheet(
        wb,
        "Snapshots",
        [
            "As of",
            "Saved by",
            "Saved at (UTC)",
            "Framework",
            "Framework version",
            "People",
            "WTE",
            "Coverage (verified)",
            "Registered share",
            "Single points of failure",
            "Expired",
            "Expiring",
        ],
        [
            [
                s.as_of,
                s.saved_by,
                s.saved_at,
                s.framework_id,
                s.framework_version,
                s.people,
                s.wte,
                s.figures.get("coverage"),
                s.figures.get("registered_share"),
                s.figures.get("single_points_of_failure"),
                s.figures.get("expired"),
                s.figures.get("expiring"),
            ]
            for s in snaps
        ],
    )
    staff_rows: list[list[Any]] = []
    record_rows: list[list[Any]] = []
    staff_cols = [
        "staff_id",
        "name",
        "service",
        "band",
        "wte",
        "function",
        "profession",
        "registration",
        "leaving_date",
    ]
    rec_cols = ["staff_id", "competency_id", "competency_text", "achieved", "in_progress", "self_assessed_on",
                "signed_off_by", "signed_off_on", "expires_on", "evidence"]  # fmt: skip
    for s in snaps:
        snap = load_snapshot(store, team, s.as_of)
        staff_rows += [[s.as_of, *r] for r in snap.staff[staff_cols].itertuples(index=False)]
        record_rows += [[s.as_of, *r] for r in snap.records[rec_cols].itertuples(index=False)]
    _sheet(
        wb,
        "Staff",
        [
            "As of",
            "Staff id (keyed hash)",
            "Name",
            "Service",
            "Band",
            "WTE",
            "Function",
            "Profession",
            "Registration",
            "Leaving date",
        ],
        staff_rows,
    )
    _sheet(
        wb,
        "Competency records",
        [
            "As of",
            "Staff id (keyed hash)",
            "Competency",
            "Statement",
            "Achieved",
            "In progress",
            "Self-assessed on",
            "Signed off by",
            "Signed off on",
            "Expires on",
            "Evidence",
        ],
        record_rows,
    )
    _sheet(wb, "Members", ["User", "Role"], [[m.user, m.role] for m in members(store, team)])
    _sheet(
        wb,
        "Access log",
        ["When (UTC)", "User", "Action"],
        [[a.at, a.user, a.action] for a in access_log(store, team)],
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
