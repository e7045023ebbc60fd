"""Read a team's roster spreadsheet into the planner's tables, accounting for every row.

:func:`read_roster` takes the bytes of an .xlsx, .xlsm, .xls, .ods or .csv file and returns a
:class:`RosterRead`: the accepted staff (one row per post), their competency records, every problem
found (with sheet, row as the spreadsheet shows it, column, value, expected value and reason code),
and the accounting ``read = accepted + reported + blank`` per sheet, per table and in total. A file
that cannot be read at all raises :class:`RosterRefused` with a message saying what to do.
The output tables follow docs/data-model.md; accepted file shapes are described in the README ("Reading your team's roster").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planner.ingest.body import (
    COMPETENCY_COLUMNS,
    ISSUE_COLUMNS,
    LOG_COLUMNS,
    STAFF_COLUMNS,
    SheetRows,
    issue,
)
from planner.ingest.checks import counts, cross_checks, fill_competency_service
from planner.ingest.columns import HEADER_SCAN_ROWS, find_header, header_key, resolve_target, suggest
from planner.ingest.contract import validate_staff
from planner.ingest.filecheck import MAX_ROWS, MAX_UPLOAD_BYTES, RosterRefused, check_file
from planner.ingest.normalise import Problem, cell_text, is_blank
from planner.ingest.plan import ColumnPlan, plan_sheet
from planner.ingest.record_sheet import read_record_sheet
from planner.ingest.rows import read_staff_sheet
from planner.ingest.services import SKIP_REASON, is_services_sheet
from planner.ingest.sheets import RawSheet, read_sheets
from planner.reference.catalogue import CompetencyCatalogue

__all__ = ["MAX_ROWS", "MAX_UPLOAD_BYTES", "RosterRead", "RosterRefused", "read_roster"]

#: Sheets that hold notes rather than data (compared by header key: case, spaces and dashes ignored).
NOTE_SHEETS = {
    "read me",
    "readme",
    "data dictionary",
    "dictionary",
    "lists",
    "list",
    "lookups",
    "lookup",
    "instructions",
    "guidance",
    "how to use",
    "notes",
    "drop downs",
    "dropdowns",
    "validation",
    "version history",
    "change log",
    "changelog",
    "about",
    "contents",
    "cover",
    "key",
}
MAPPING_COLUMNS = ["sheet", "column", "position", "field", "how", "suggestion", "competency_id", "note"]


@dataclass
class RosterRead:
    """A roster as read: the accepted tables, every problem, and where every row went.

    Attributes:
        filename: the name the file was uploaded under.
        file_format: ``xlsx``, ``xls``, ``ods`` or ``csv``.
        staff: accepted staff rows (docs/data-model.md), validated against
            :data:`planner.ingest.contract.STAFF_SCHEMA`; names are personal data, kept in memory only.
        competencies: accepted competency records.
        issues: one row per problem: ``sheet``, ``row``, ``column``, ``value``, ``expected``,
            ``severity`` (``error`` drops the row, ``warning`` keeps it), ``code``, ``message``.
        rows: spreadsheet rows below the header in every data sheet: ``read``, ``accepted``,
            ``reported``, ``blank`` with read = accepted + reported + blank.
        counts: the same figures per ``sheet`` and ``table`` (``staff`` / ``competencies``); ``unit``
            is ``row``, or ``cell`` for competencies melted from one-column-per-competency columns.
        sheets: the data sheets read, in workbook order.
        sheets_skipped: ``sheet`` and ``reason`` for each sheet not read (notes, empty, no header).
        mapping: how every column was read: ``sheet``, ``column`` (the user's header), ``position``,
            ``field``, ``how``, ``suggestion``, ``competency_id``, ``note``.
        row_status: one row per row (or competency cell) read: ``sheet``, ``row``, ``table``,
            ``unit``, ``status``, ``service``, ``staff_id``, ``name``.
    """

    filename: str
    file_format: str
    staff: pd.DataFrame
    competencies: pd.DataFrame
    issues: pd.DataFrame
    rows: dict[str, int]
    counts: pd.DataFrame
    sheets: list[str]
    sheets_skipped: pd.DataFrame
    mapping: pd.DataFrame
    row_status: pd.DataFrame = field(repr=False)

    @property
    def n_errors(self) -> int:
        """Number of error issues."""
        return int((self.issues["severity"] == "error").sum())

    @property
    def n_warnings(self) -> int:
        """Number of warning issues."""
        return int((self.issues["severity"] == "warning").sum())

    @property
    def services(self) -> list[str]:
        """The services of the accepted staff, in the order first met."""
        return list(dict.fromkeys(self.staff["service"].tolist()))

    def rows_for(self, table: str | None = None, sheet: str | None = None) -> dict[str, int]:
        """``read``/``accepted``/``reported``/``blank`` for one table and/or sheet (all when None)."""
        c = self.counts
        if table is not None:
            c = c[c["table"] == table]
        if sheet is not None:
            c = c[c["sheet"] == sheet]
        return {k: int(c[k].sum()) for k in ("read", "accepted", "reported", "blank")}


def _refuse_no_header(filename: str, raw: list[RawSheet]) -> RosterRefused:
    sample = ""
    for sheet in raw:
        first = next((r for r in sheet.rows[:HEADER_SCAN_ROWS] if any(not is_blank(c) for c in r)), None)
        if first:
            cells = [cell_text(c) for c in first if not is_blank(c)][:8]
            hints = [f"'{c}' → '{suggest(c)}'" for c in cells if suggest(c)]
            sample = f" The first row of '{sheet.name}' reads: {', '.join(repr(c) for c in cells)}."
            if hints:
                sample += f" Perhaps: {', '.join(hints)}."
            break
    return RosterRefused(
        "no_header",
        f"No sheet in '{filename}' has a header row the planner recognises. It looks, in the first "
        f"{HEADER_SCAN_ROWS} rows, for columns such as Staff ID, Band and WTE (a staff roster) or Staff ID, "
        f"Reference no. and Competency (a competency record).{sample} Rename the columns, or map them "
        '(in the Team page, or planner validate --map "Column=field").',
    )


def read_roster(
    data: bytes,
    filename: str,
    *,
    catalogue: CompetencyCatalogue,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    engine: str = "calamine",
) -> RosterRead:
    """Read a roster file: staff, competency records, issues and row accounting.

    Args:
        data: the file's bytes.
        filename: its name (the suffix matters only for CSV; content decides the rest).
        catalogue: the framework competencies and levels that name competency columns and level
            cells; the caller builds it (:func:`planner.reference.catalogue.load_catalogue`), so a
            broken framework file fails there, loudly, and never switches recognition off.
        sheet: read only this sheet (default: every data sheet; notes sheets are skipped).
        mapping: header text → field (``{"Grade": "band", "Emp": "staff_id", "Notes": "ignore"}``);
            overrides detection. Targets may be field ids, labels or synonyms, ``competency`` or
            ``competency:ID`` (a one-column-per-competency column) or ``ignore``.
        max_bytes: the size limit (default 20 MB, as ``server.maxUploadSize``).
        engine: spreadsheet reader: ``calamine`` (default) or ``openpyxl`` / ``pandas-calamine``
            (pandas ``read_excel``; the benchmark compares them).

    Returns:
        The :class:`RosterRead`.

    Raises:
        RosterRefused: the whole file is refused (``empty``, ``not_spreadsheet``, ``password_protected``,
            ``no_header``, ``too_large``, ``too_many_rows``, ``zip_bomb``, ``unreadable``,
            ``sheet_not_found``).
        MappingError: a mapping target is not a field (the user's mapping is bad).
    """
    user = {str(k): resolve_target(v) for k, v in (mapping or {}).items()}
    kind = check_file(data, filename, max_bytes)
    raw = read_sheets(data, kind, filename, engine=engine, only=sheet)
    skipped: list[dict[str, str]] = []
    notes: list[dict[str, Any]] = []
    planned: list[tuple[RawSheet, int, str, list[ColumnPlan]]] = []
    for rs in raw:
        if header_key(rs.name) in NOTE_SHEETS and sheet is None:
            skipped.append({"sheet": rs.name, "reason": "notes sheet (read-me, data dictionary or lists)"})
            continue
        if is_services_sheet(rs.name) and sheet is None:
            skipped.append({"sheet": rs.name, "reason": SKIP_REASON})
            continue
        if not any(not is_blank(c) for r in rs.rows for c in r):
            skipped.append({"sheet": rs.name, "reason": "empty"})
            continue
        h = find_header(rs.rows, user)
        kind_, plans = (
            plan_sheet(rs.rows[h], rs.rows[h + 1 :], user, catalogue) if h is not None else (None, [])
        )
        if kind_ is None:
            skipped.append(
                {"sheet": rs.name, "reason": "no header row naming Staff ID, Band, WTE or competencies"}
            )
            notes.append(
                issue(
                    rs.name,
                    None,
                    "",
                    "",
                    Problem(
                        "sheet_skipped",
                        "warning",
                        "a header row with Staff ID, Band and WTE, or Reference no. and Competency",
                        f"Sheet '{rs.name}' was not read: no header row naming Staff ID, Band and WTE (or a competency "
                        "record's Reference no. and Competency) in its first 30 rows. Map its columns to read it.",
                    ),
                )
            )
            continue
        planned.append((rs, h, kind_, plans))
    if not planned:
        if all(s["reason"] == "empty" for s in skipped) or not raw:
            raise RosterRefused(
                "empty", f"'{filename}' has no data in any sheet. Choose the file with your team list."
            )
        raise _refuse_no_header(filename, raw)
    data_rows = sum(len(rs.rows) - h - 1 for rs, h, _, _ in planned)
    if not any(not is_blank(c) for rs, h, _, _ in planned for r in rs.rows[h + 1 :] for c in r):
        raise RosterRefused(
            "empty",
            f"'{filename}' has column headers but no rows of staff or competencies. "
            "Fill in one row per person (or post), then upload it again.",
        )
    if data_rows > MAX_ROWS:
        raise RosterRefused(
            "too_many_rows",
            f"'{filename}' has {data_rows:,} rows; the planner reads at most "
            f"{MAX_ROWS:,}. Keep only your services' staff and upload again.",
        )
    multi = sum(k == "staff" for _, _, k, _ in planned) > 1
    parts: list[SheetRows] = []
    for rs, h, kind_, plans in planned:
        if kind_ == "staff":
            parts.append(
                read_staff_sheet(rs.name, rs.rows, h, plans, rs.name if multi else "Team", catalogue)
            )
        else:
            parts.append(read_record_sheet(rs.name, rs.rows, h, plans, None, catalogue))
    return _assemble(filename, kind, planned, parts, skipped, notes, user)


def _assemble(
    filename: str,
    kind: str,
    planned: list[tuple[RawSheet, int, str, list[ColumnPlan]]],
    parts: list[SheetRows],
    skipped: list[dict[str, str]],
    notes: list[dict[str, Any]],
    user: dict[str, str],
) -> RosterRead:
    staff_records = [r for p in parts for r in p.staff]
    log_records = [r for p in parts for r in p.log]
    order = {rs.name: i for i, (rs, _, _, _) in enumerate(planned)}
    comp_records = sorted(
        (r for p in parts for r in p.competencies), key=lambda r: (order[r["sheet"]], r["row"])
    )
    issues = [*notes, *(i for p in parts for i in p.issues)]
    headers = {(rs.name, p.field): p.header for rs, _, _, plans in planned for p in plans if p.field}
    issues += cross_checks(staff_records, comp_records, log_records, headers)
    fill_competency_service(comp_records, staff_records)
    staff = validate_staff(
        pd.DataFrame(staff_records, columns=STAFF_COLUMNS).astype({"wte": float, "row": int})
    )
    log = pd.DataFrame(log_records, columns=LOG_COLUMNS)
    comps = pd.DataFrame(comp_records, columns=COMPETENCY_COLUMNS)
    for col in ("self_assessed_on", "signed_off_on", "expires_on"):
        comps[col] = pd.to_datetime(comps[col])
    comps["achieved"] = comps["achieved"].astype("boolean")
    comps["in_progress"] = comps["in_progress"].astype(bool)
    comps["row"] = comps["row"].astype(int)
    mapping_rows = [
        {
            "sheet": rs.name,
            "column": p.header,
            "position": p.position,
            "field": p.field,
            "how": p.how,
            "suggestion": p.suggestion,
            "competency_id": p.competency_id,
            "note": p.note,
        }
        for rs, _, _, plans in planned
        for p in plans
    ]
    used = {header_key(p["column"]) for p in mapping_rows if p["how"] == "mapped"}
    for column in user:
        if header_key(column) not in used:
            issues.append(
                issue(
                    "",
                    None,
                    column,
                    "",
                    Problem(
                        "mapping_unused",
                        "warning",
                        "a column with this header",
                        f"No column is headed '{column}', so that mapping was not used.",
                    ),
                )
            )
    issues.sort(key=lambda i: (order.get(i["sheet"], -1), -1 if i["row"] is None else i["row"]))
    issue_frame = pd.DataFrame(issues, columns=ISSUE_COLUMNS).astype({"row": "Int64"})
    count_table = counts(log_records)
    by_row = count_table[count_table["unit"] == "row"]
    return RosterRead(
        filename=filename,
        file_format=kind,
        staff=staff,
        competencies=comps,
        issues=issue_frame,
        rows={k: int(by_row[k].sum()) for k in ("read", "accepted", "reported", "blank")},
        counts=count_table,
        sheets=[rs.name for rs, _, _, _ in planned],
        sheets_skipped=pd.DataFrame(skipped, columns=["sheet", "reason"]),
        mapping=pd.DataFrame(mapping_rows, columns=MAPPING_COLUMNS),
        row_status=log,
    )
