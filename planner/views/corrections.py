"""Correcting rejected roster rows on the Team page, without editing the file.

:func:`correction_table` lists the staff rows the ingest rejected (and those it kept with a value it
could not read, such as an unknown function), with the staff id, every problem in full, a
"did you mean" (:func:`planner.ingest.suggest.suggest_value`) and the row's cells as the file holds
them. The user edits the cells; :func:`fixes_from_editor` turns the edits into :class:`Fix` records;
:func:`corrected_workbook` writes the file's sheets again with the fixed cells, and the page reads
that workbook through the same ingest, so the figures rerun with the fixes and the corrected roster
can be downloaded. Names are never shown in the table (they stay in the file, as uploaded).

The fixes live in the session (:data:`planner.views.session.Keys.ROSTER_FIXES`), tied to one file,
sheet and column mapping by :func:`start_fixes`, so they survive a visit to another page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import xlsxwriter

from planner.ingest.filecheck import check_file
from planner.ingest.normalise import cell_text
from planner.ingest.read import RosterRead
from planner.ingest.sheets import RawSheet, read_sheets
from planner.ingest.suggest import suggest_value
from planner.views.session import Keys

#: Staff fields the table lets a user correct (names are personal data and are left out).
EDITABLE_FIELDS: tuple[str, ...] = (
    "staff_id",
    "service",
    "band",
    "wte",
    "hours",
    "function",
    "profession",
    "registered",
    "registration_body",
    "career_level",
    "role",
)
FIXED_COLUMNS: tuple[str, ...] = ("Sheet", "Row", "Staff ID", "Problems", "Did you mean")
#: The fixed staff-id column's name when the file has its own "Staff ID" column (which is editable).
READ_AS = "Staff ID as read"


@dataclass(frozen=True)
class Fix:
    """A corrected cell: the sheet, the spreadsheet row (as Excel shows it), the column header, the value."""

    sheet: str
    row: int
    column: str
    value: str


@dataclass
class Corrections:
    """The rows to correct and what the page needs to edit them."""

    table: pd.DataFrame
    editable: list[str]
    suggestions: list[Fix]
    positions: dict[tuple[str, str], int]


def raw_sheets(data: bytes, filename: str, sheet: str | None = None) -> list[RawSheet]:
    """The file's sheets as raw grids (what the corrected workbook is written from).

    Raises:
        RosterRefused: the file cannot be read (the page has already read it, so this is rare).
    """
    return read_sheets(data, check_file(data, filename), filename, only=sheet)


def _grid_value(raw: dict[str, RawSheet], sheet: str, row: int, position: int) -> str:
    grid = raw.get(sheet)
    if grid is None or row - 1 >= len(grid.rows):
        return ""
    cells = grid.rows[row - 1]
    return (cell_text(cells[position]) or "") if position < len(cells) else ""


def correction_table(read: RosterRead, raw: list[RawSheet]) -> Corrections:
    """The staff rows to correct, one per row, with the problems in full and the suggestions.

    Args:
        read: the roster as read (with the user's column mapping).
        raw: :func:`raw_sheets` of the same file and sheet.

    Returns:
        A :class:`Corrections`: ``table`` has :data:`FIXED_COLUMNS` then one text column per
        correctable column of the file (headed as in the file); rejected rows come first.
    """
    log = read.row_status
    staff_rows = log[log["table"] == "staff"]
    sheets = set(staff_rows["sheet"])
    m = read.mapping[read.mapping["sheet"].isin(sheets) & read.mapping["field"].isin(EDITABLE_FIELDS)]
    positions = {(str(r.sheet), str(r.column)): int(r.position) for r in m.itertuples(index=False)}
    field_of = {(str(r.sheet), str(r.column)): str(r.field) for r in m.itertuples(index=False)}
    editable = list(dict.fromkeys(str(c) for c in m["column"]))
    issues = read.issues[read.issues["sheet"].isin(sheets) & read.issues["row"].notna()]
    rejected = staff_rows[staff_rows["status"] == "reported"][["sheet", "row"]]
    warned = issues[issues["column"].isin(editable)][["sheet", "row"]]
    wanted = pd.concat([rejected.assign(first=0), warned.assign(first=1)])
    wanted = (
        wanted.astype({"row": int}).sort_values(["first", "sheet", "row"]).drop_duplicates(["sheet", "row"])
    )
    by_sheet = {s.name: s for s in raw}
    ids = staff_rows.drop_duplicates(["sheet", "row"]).set_index(["sheet", "row"])["staff_id"]
    rows, suggestions = [], []
    fixed = [READ_AS if c == "Staff ID" and c in editable else c for c in FIXED_COLUMNS]
    id_column = fixed[2]
    for sheet, row in zip(wanted["sheet"], wanted["row"], strict=True):
        mine = issues[(issues["sheet"] == sheet) & (issues["row"] == row)]
        cells = {
            c: _grid_value(by_sheet, sheet, row, positions[(sheet, c)]) if (sheet, c) in positions else ""
            for c in editable
        }
        hints = []
        for column in dict.fromkeys(mine["column"]):
            field = field_of.get((sheet, str(column)))
            better = suggest_value(field, cells.get(str(column), "")) if field else None
            if better is not None:
                hints.append(f"{column}: '{better}'")
                suggestions.append(Fix(sheet, row, str(column), better))
        sid = ids.get((sheet, row))
        rows.append(
            {
                **cells,
                "Sheet": sheet,
                "Row": row,
                id_column: "" if sid is None or pd.isna(sid) else str(sid),
                "Problems": " ".join(
                    f"{c}: {msg}" for c, msg in zip(mine["column"], mine["message"], strict=True)
                ),
                "Did you mean": "; ".join(hints),
            }
        )
    table = pd.DataFrame(rows, columns=[*fixed, *editable])
    return Corrections(table=table, editable=editable, suggestions=suggestions, positions=positions)


def problem_lines(table: pd.DataFrame) -> list[str]:
    """One sentence per row to correct, every problem in full: ``"Staff row 5, SYN10004: Band: … Did you mean Band: 'Band 5'?"``."""
    out = []
    for r in table.to_dict("records"):
        sid = r.get(READ_AS, r.get("Staff ID", ""))
        who = f", {sid}" if sid else ""
        hint = f" Did you mean {r['Did you mean']}?" if r["Did you mean"] else ""
        out.append(f"{r['Sheet']} row {r['Row']}{who}: {r['Problems']}{hint}")
    return out


_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~$-])")


def problem_markdown(table: pd.DataFrame) -> str:
    """:func:`problem_lines` as a Markdown list, with the file's own text escaped (shown as typed)."""
    escaped = (_MARKDOWN.sub(r"\\\1", line) for line in problem_lines(table))
    return "\n".join("- " + line for line in escaped)


def with_fixes(table: pd.DataFrame, fixes: list[Fix]) -> pd.DataFrame:
    """The table with the fixes written into its cells (what the editor starts from)."""
    out = table.copy()
    for f in fixes:
        at = (out["Sheet"] == f.sheet) & (out["Row"] == f.row)
        if f.column in out.columns and at.any():
            out.loc[at, f.column] = f.value
    return out


def fixes_from_editor(table: pd.DataFrame, edited: pd.DataFrame, editable: list[str]) -> list[Fix]:
    """Every editable cell the user changed, compared with the file's own values (``table``)."""
    out = []
    for (_, before), (_, after) in zip(table.iterrows(), edited.iterrows(), strict=True):
        for column in editable:
            new = "" if after[column] is None or pd.isna(after[column]) else str(after[column]).strip()
            if new != str(before[column]):
                out.append(Fix(str(before["Sheet"]), int(before["Row"]), column, new))
    return out


_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def corrected_workbook(raw: list[RawSheet], positions: dict[tuple[str, str], int], fixes: list[Fix]) -> bytes:
    """The file's sheets written again as an .xlsx workbook, with the fixed cells.

    Text is written as text (never as a formula), numbers as numbers, dates as dates; nothing else
    of the file changes. Formatting and formulas of the original are not kept (cells keep their values).
    """
    fixed = {
        (f.sheet, f.row - 1, positions[(f.sheet, f.column)]): f.value
        for f in fixes
        if (f.sheet, f.column) in positions
    }
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    used: set[str] = set()
    for sheet in raw:
        name = _SHEET_NAME_BAD.sub(" ", sheet.name)[:31] or "Sheet"
        while name.casefold() in used:
            name = f"{name[:28]} {len(used)}"
        used.add(name.casefold())
        ws = book.add_worksheet(name)
        for r, cells in enumerate(sheet.rows):
            for c, value in enumerate(cells):
                _write(ws, r, c, fixed.get((sheet.name, r, c), value), date_format)
        for (s, r, c), value in fixed.items():
            if s == sheet.name and (r >= len(sheet.rows) or c >= len(sheet.rows[r])):
                ws.write_string(r, c, value)
    book.close()
    return buf.getvalue()


def _write(ws: Any, r: int, c: int, value: Any, date_format: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value)
    elif isinstance(value, (dt.datetime, dt.date)):
        ws.write_datetime(r, c, value, date_format)
    else:
        ws.write_string(r, c, str(value))


def start_fixes(state: MutableMapping[str, Any], source_key: tuple[Any, ...]) -> list[Fix]:
    """The fixes kept for this file, sheet and mapping; a different one starts with none."""
    kept = state.get(Keys.ROSTER_FIXES)
    if not kept or kept[0] != source_key:
        state[Keys.ROSTER_FIXES] = (source_key, [])
        state.pop(Keys.ROW_FIXES_EDITOR, None)
        return []
    return list(kept[1])


def keep_fixes(state: MutableMapping[str, Any], source_key: tuple[Any, ...], fixes: list[Fix]) -> None:
    """Remember the fixes for this file, sheet and mapping (this session only)."""
    state[Keys.ROSTER_FIXES] = (source_key, list(fixes))


def merge_fixes(kept: list[Fix], new: list[Fix]) -> list[Fix]:
    """``kept`` with ``new`` on top (a later fix to the same cell wins)."""
    cells = {(f.sheet, f.row, f.column): f for f in kept}
    cells.update({(f.sheet, f.row, f.column): f for f in new})
    return list(cells.values())


def fixed_line(before: RosterRead, after: RosterRead, fixes: list[Fix]) -> str:
    """The sentence under the table: cells corrected, staff rows accepted before and after, rows still out."""
    b, a = before.rows_for("staff")["accepted"], after.rows_for("staff")["accepted"]
    log = after.row_status
    still = log[(log["table"] == "staff") & (log["status"] == "reported")]
    left = [
        f"{r.sheet} row {r.row}" + (f" ({r.staff_id})" if isinstance(r.staff_id, str) and r.staff_id else "")
        for r in still.itertuples(index=False)
    ]
    tail = f" Still left out: {', '.join(left)}." if left else ""
    return (
        f"{len(fixes)} cell(s) corrected: {a - b} more staff row(s) accepted ({b} → {a}). "
        f"The other pages use the corrected roster.{tail}"
    )
