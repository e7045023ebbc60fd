"""What a roster read says: headline figures, the problem list for download, tables for display.

The CLI's JSON, the Team page's metrics and tables, and the downloadable problem list all come from
here, so the figures a user sees in the browser and on the command line are the same numbers.
Exports neutralise text that a spreadsheet would treat as a formula.

The Team page's upload state (which file is read, the kept upload, the mapping editor's reset, the
roster every page uses) is here too, as transitions over a plain mapping: :func:`use_sample`,
:func:`roster_source`, :func:`start_mapping` and :func:`accept`.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner import export
from planner.ingest.columns import COMPETENCY, FIELD_BY_ID, IGNORE
from planner.ingest.filecheck import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, RosterRefused, describe_size
from planner.ingest.read import RosterRead
from planner.ingest.suggest import suggest_value
from planner.skillmix.mix import registration_recorded
from planner.views.session import SAMPLE_NAME
from planner.vocab import BANDS, band_label, function_label

#: Picker label → mapping target, for the Team page's column-mapping editor.
FIELD_CHOICES: dict[str, str] = {
    **{f.label: f.id for f in FIELD_BY_ID.values()},
    "Competency column (one per competency)": COMPETENCY,
    "Ignore this column": IGNORE,
}
NOT_READ = "(not read)"
#: How the ingest read a column (its ``how`` code), in words for the mapping editor.
HOW_WORDS: dict[str, str] = {
    "recognised": "Recognised by its header",
    "mapped": "Set by you",
    "competency id": "A competency, by its reference number",
    "competency text": "A competency, by its wording",
    "competency values": "A competency, from its yes / no values",
    "not recognised": "Not recognised",
    "duplicate": "Another column already gives this",
    "not used": "Not used",
}
ISSUE_EXPORT_COLUMNS = [
    "sheet",
    "row",
    "staff_id",
    "column",
    "value",
    "expected",
    "severity",
    "code",
    "message",
]


def staff_figures(staff: pd.DataFrame) -> dict[str, Any]:
    """People, WTE in total, by band (every band, AfC order; an empty band is 0) and by registration."""
    by_band = staff.groupby("band")["wte"].sum()
    return {
        "staff": int(staff["staff_id"].nunique()),
        "wte_total": round(float(staff["wte"].sum()), 4),
        "wte_by_band": {b: round(float(by_band.get(b, 0.0)), 4) for b in BANDS},
        "wte_registered": round(float(staff.loc[staff["registration"] == "statutory", "wte"].sum()), 4),
        "wte_accredited_register": round(
            float(staff.loc[staff["registration"] == "accredited", "wte"].sum()), 4
        ),
    }


def _service_rows(read: RosterRead, service: str) -> dict[str, int]:
    log = read.row_status
    mine = log[(log["table"] == "staff") & (log["service"] == service)]
    counts = {k: int((mine["status"] == k).sum()) for k in ("accepted", "reported", "blank")}
    return {"read": sum(counts.values()), **counts}


def figures(read: RosterRead) -> dict[str, Any]:
    """The JSON the CLI prints: file, sheets, staff, rows, WTE figures, issues, and per service.

    ``services`` is present only when the accepted staff belong to more than one service.
    """
    out: dict[str, Any] = {"file": read.filename, "sheets": list(read.sheets)}
    whole = _registration_or_none(read, staff_figures(read.staff))
    out["staff"] = whole.pop("staff")
    out["rows"] = dict(read.rows)
    out.update(whole)
    out["issues"] = issue_rows(read, read.issues)
    if len(read.services) > 1:
        out["services"] = {
            s: {
                **_registration_or_none(read, staff_figures(read.staff[read.staff["service"] == s])),
                "rows": _service_rows(read, s),
            }
            for s in read.services
        }
    return out


def _registration_or_none(read: RosterRead, fig: dict[str, Any]) -> dict[str, Any]:
    """The registration WTE figures as ``None`` (not recorded) when the roster records no registration."""
    if registration_recorded(read.staff):
        return fig
    return {**fig, "wte_registered": None, "wte_accredited_register": None}


def issue_rows(read: RosterRead, issues: pd.DataFrame) -> list[dict[str, Any]]:
    """Problems as JSON rows: whole row numbers, the row's staff id and a "did you mean" where known.

    ``staff_id`` is the id on the problem's row (``None`` for a problem about the whole file);
    ``suggestion`` is a value the ingest would accept (``"Bnad 5"`` → ``"Band 5"``,
    :func:`planner.ingest.suggest.suggest_value`), or ``None``.
    """
    who = read.row_status.drop_duplicates(["sheet", "row"]).set_index(["sheet", "row"])["staff_id"]
    fields = {(str(m.sheet), str(m.column)): str(m.field) for m in read.mapping.itertuples(index=False)}
    out = []
    for r in issues.itertuples(index=False):
        row = None if r.row is None or pd.isna(r.row) else int(r.row)
        sid = who.get((r.sheet, row)) if row is not None else None
        field = fields.get((str(r.sheet), str(r.column)))
        out.append(
            {
                "sheet": r.sheet,
                "row": row,
                "staff_id": None if sid is None or pd.isna(sid) or str(sid) == "" else str(sid),
                "column": r.column,
                "value": r.value,
                "severity": r.severity,
                "code": r.code,
                "message": r.message,
                "suggestion": suggest_value(field, r.value) if field and r.value else None,
            }
        )
    return out


def accounting_line(read: RosterRead) -> str:
    """``"130 rows read: 120 accepted, 6 reported, 4 blank"``."""
    r = read.rows
    return f"{r['read']:,} rows read: {r['accepted']:,} accepted, {r['reported']:,} reported, {r['blank']:,} blank"


def issues_table(read: RosterRead) -> pd.DataFrame:
    """The problem list with the columns users fix files from, in file order, with each row's staff id."""
    log = read.row_status.drop_duplicates(["sheet", "row"])[["sheet", "row", "staff_id"]]
    issues = read.issues.assign(_order=range(len(read.issues)))
    out = issues.merge(log.astype({"row": "float64"}), on=["sheet", "row"], how="left").sort_values("_order")
    out["staff_id"] = out["staff_id"].astype(object).where(out["staff_id"].notna(), "")
    out["row"] = out["row"].astype("Int64")
    return out[ISSUE_EXPORT_COLUMNS].reset_index(drop=True)


def issues_to_csv(read: RosterRead) -> bytes:
    """The problem list as CSV (UTF-8 with BOM so Excel shows accents), formula-like text neutralised."""
    return export.table_csv(issues_table(read))


def issues_to_xlsx(read: RosterRead) -> bytes:
    """The problem list as a formatted .xlsx workbook; text is never written as a formula."""
    return export.table_xlsx({"Problems": issues_table(read)})


def staff_for_display(read: RosterRead, show_names: bool = False) -> pd.DataFrame:
    """Accepted staff with readable labels; the name column only when asked for."""
    s = read.staff
    out = pd.DataFrame(
        {
            "Staff ID": s["staff_id"],
            **({"Name": s["name"]} if show_names else {}),
            "Service": s["service"],
            "Band": s["band"].map(band_label),
            "WTE": s["wte"],
            "Function": s["function"].map(function_label, na_action="ignore"),
            "Profession": s["profession"],
            "Registration": s["registration"],
            "Registration body": s["registration_body"],
            "Sheet": s["sheet"],
            "Row": s["row"],
        }
    )
    return out.reset_index(drop=True)


def counts_table(read: RosterRead) -> pd.DataFrame:
    """Rows read, accepted, reported and blank per sheet and table."""
    return read.counts.rename(columns=str.capitalize)


def mapping_for_editor(read: RosterRead) -> pd.DataFrame:
    """One row per column: sheet, the user's header, what it is read as (a picker label), and why."""
    labels = {v: k for k, v in FIELD_CHOICES.items()}
    m = read.mapping
    read_as = [labels.get(f, NOT_READ) if isinstance(f, str) else NOT_READ for f in m["field"]]
    return pd.DataFrame(
        {
            "Sheet": m["sheet"],
            "Column": m["column"],
            "Read as": read_as,
            "How": m["how"].map(lambda h: HOW_WORDS.get(h, h)),
            "Note": m["note"],
        }
    )


def unrecognised_columns(read: RosterRead) -> list[str]:
    """Headers of the columns that were not recognised (so not read), in sheet order."""
    m = read.mapping
    return m.loc[m["how"] == "not recognised", "column"].tolist()


def mapping_from_editor(detected: pd.DataFrame, edited: pd.DataFrame) -> dict[str, str]:
    """The user's changes in the mapping editor as a ``read_roster`` mapping (header → target).

    Args:
        detected: the table :func:`mapping_for_editor` produced.
        edited: the same table after the user changed some "Read as" cells (same rows, same order).

    Targets are passed on as chosen; :func:`planner.ingest.read.read_roster` resolves them and raises
    :class:`planner.ingest.columns.MappingError` for one that is not a field.
    """
    out: dict[str, str] = {}
    for column, before, after in zip(detected["Column"], detected["Read as"], edited["Read as"], strict=True):
        if after and after != before:
            out[str(column)] = IGNORE if after == NOT_READ else FIELD_CHOICES.get(after, str(after))
    return out


def summary_text(read: RosterRead, show_names: bool = False) -> str:
    """A readable summary for the terminal: sheets, accounting line, WTE by band, problems table."""
    fig = staff_figures(read.staff)
    lines = [f"{read.filename}: read sheet(s) {', '.join(read.sheets)}"]
    for r in read.sheets_skipped.itertuples(index=False):
        lines.append(f"  skipped '{r.sheet}': {r.reason}")
    lines.append(accounting_line(read))
    comp = read.rows_for("competencies")
    if comp["read"]:
        lines.append(
            f"Competency records: {comp['read']:,} read: {comp['accepted']:,} accepted, "
            f"{comp['reported']:,} reported, {comp['blank']:,} blank"
        )
    lines.append(
        f"Staff: {fig['staff']:,} people, {fig['wte_total']:.2f} WTE "
        + (
            f"({fig['wte_registered']:.2f} statutory registration, {fig['wte_accredited_register']:.2f} accredited register)"
            if registration_recorded(read.staff)
            else "(registration not recorded)"
        )
    )
    lines.append("WTE by band:")
    lines += [f"  {band_label(b):<8} {w:8.2f}" for b, w in fig["wte_by_band"].items() if w]
    if len(read.services) > 1:
        lines.append("By service:")
        for s in read.services:
            f = staff_figures(read.staff[read.staff["service"] == s])
            lines.append(f"  {s}: {f['staff']:,} people, {f['wte_total']:.2f} WTE")
    if read.issues.empty:
        lines.append("No problems found.")
        return "\n".join(lines)
    lines.append(
        f"Problems: {read.n_errors} error(s) (rows left out), {read.n_warnings} warning(s) (rows kept)"
    )
    who = read.row_status.drop_duplicates(["sheet", "row"]).set_index(["sheet", "row"])
    rows = []
    for r in read.issues.itertuples(index=False):
        row = "" if pd.isna(r.row) else int(r.row)
        person = ""
        if row != "" and (r.sheet, row) in who.index:
            ident = who.loc[(r.sheet, row)]
            person = _text(ident["staff_id"])
            if show_names and _text(ident["name"]):
                person = f"{person} {_text(ident['name'])}".strip()
        rows.append([r.sheet, str(row), person, r.column, _clip(r.value), r.severity, r.code, r.message])
    header = ["sheet", "row", "staff", "column", "value", "severity", "code", "message"]
    table = [header, *rows]
    widths = [max(len(x[i]) for x in table) for i in range(len(header) - 1)]
    for x in table:
        lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(x[:-1], widths, strict=True)) + "  " + x[-1])
    return "\n".join(lines)


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _clip(value: str, width: int = 30) -> str:
    value = str(value)
    return value if len(value) <= width else value[: width - 1] + "…"


# --- the Team page's upload state ----------------------------------------------------------------
# The uploader forgets its file when the user visits another page, so an accepted upload is kept in
# the session (bytes only, this session only) and shown again on return. These functions are the
# page's transitions over that state, a plain mapping, so they run and are tested without Streamlit.


@dataclass(frozen=True)
class Upload:
    """The file in the uploader: Streamlit's file id, its name and its bytes."""

    file_id: str
    name: str
    data: bytes


@dataclass(frozen=True)
class RosterSource:
    """What the Team page reads: the bytes and file name, and whether they are the user's own file.

    ``own_file`` is False for the sample team (shown when nothing has been uploaded).
    """

    data: bytes
    file_name: str
    own_file: bool

    @property
    def shown_name(self) -> str:
        """The heading the page shows: the file's name, or the sample's."""
        return self.file_name if self.own_file else SAMPLE_NAME


def use_sample(state: MutableMapping[str, Any], uploaded: Upload | None, sample: RosterRead | None) -> None:
    """The user pressed "Use the sample team": dismiss the file still in the uploader and forget the kept one.

    Args:
        state: the session state.
        uploaded: the file in the uploader, if any (it is ignored until another file is chosen).
        sample: the sample team as read; None leaves the current roster in place.
    """
    state["dismissed_upload"] = uploaded.file_id if uploaded is not None else None
    state.pop("roster_upload", None)
    state.pop("reopened_snapshot", None)
    if sample is not None:
        state["roster"] = sample
        state["roster_name"] = SAMPLE_NAME


def roster_source(
    state: Mapping[str, Any], uploaded: Upload | None, sample: tuple[bytes, str]
) -> RosterSource:
    """Which file the Team page reads: a new upload, else the upload kept in the session, else the sample.

    Args:
        state: the session state.
        uploaded: the file in the uploader, if any; one the user dismissed counts as none.
        sample: the sample team's bytes and file name.

    Raises:
        RosterRefused: the new upload is over :data:`MAX_UPLOAD_BYTES` (code ``too_large``).
    """
    if uploaded is not None and uploaded.file_id != state.get("dismissed_upload"):
        size = len(uploaded.data)
        if size > MAX_UPLOAD_BYTES:
            raise RosterRefused(
                "too_large",
                f"'{uploaded.name}' is {describe_size(size)}; the limit is {MAX_UPLOAD_MB} MB. "
                "Remove other sheets, images or old data, or split it by service.",
            )
        return RosterSource(uploaded.data, uploaded.name, own_file=True)
    if "roster_upload" in state:
        data, file_name = state["roster_upload"]
        return RosterSource(data, file_name, own_file=True)
    data, file_name = sample
    return RosterSource(data, file_name, own_file=False)


def start_mapping(state: MutableMapping[str, Any], source: RosterSource, sheet: str | None) -> None:
    """Mapping edits belong to one file and sheet: a new file or sheet starts from what was detected."""
    key = (source.file_name, len(source.data), sheet)
    if state.get("column_map_source") != key:
        state.pop("column_map", None)
        state["column_map_source"] = key


def accept(state: MutableMapping[str, Any], read: RosterRead, source: RosterSource) -> bool:
    """Make the user's file the roster every page uses, if any staff row was accepted.

    Returns:
        True when the roster was replaced; False (the current roster stays) when no staff row was
        accepted or the source is the sample.
    """
    if not source.own_file or not len(read.staff):
        return False
    state["roster"] = read
    state["roster_name"] = source.file_name
    state["roster_upload"] = (source.data, source.file_name)
    state.pop("reopened_snapshot", None)  # a new upload replaces a reopened snapshot
    return True
