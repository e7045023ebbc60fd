"""Read a region's **Services** sheet: each service's population and its own scenario values.

A region's roster names several services in its Service column. To model each against its own demand,
the planner needs one row per service: ``Service`` (as the roster spells it), ``Population`` or
``Eligible population``, and optionally any scenario parameter the service sets differently (its
referral rate, uptake, class size, waiting list now, the waiting list's age profile, …). A parameter
column is headed by the scenario's own name (``referral_rate``, as ``--set`` takes it, dotted names
included: ``waiting_list_by_weeks.12-18``) or by the parameter's label as the Expansion page shows it
("Referral rate now"); case, spaces and punctuation are ignored.

The sheet is read from the roster workbook (a sheet named Services) or from a separate CSV or Excel
file. :func:`read_services` returns a :class:`ServicesRead`: a typed table (one row per service) and
every problem in the ingest's issue format (sheet, row, column, value, expected, severity, code,
message), so a user fixes the file once. :func:`match_roster` then sets the table against the roster's
services: a row for a service the roster does not have, and a roster service with no row, are each a
listed problem with a "did you mean", never dropped in silence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner.ingest.body import ISSUE_COLUMNS, issue
from planner.ingest.columns import header_key
from planner.ingest.filecheck import check_file
from planner.ingest.normalise import Problem, cell_text, is_blank
from planner.ingest.sheets import RawSheet, read_sheets
from planner.ingest.suggest import suggest_choice

__all__ = ["ServicesRead", "as_roster_spells", "match_roster", "read_services", "read_services_sheet"]

#: The sheet name the template uses; sheets whose name reads as one of :data:`SHEET_KEYS` are services sheets.
SERVICES_SHEET = "Services"
SHEET_KEYS: frozenset[str] = frozenset({"services", "service populations", "populations", "region"})
#: Why the roster reader leaves a Services sheet out of the staff (``RosterRead.sheets_skipped``).
SKIP_REASON = "the region's Services sheet: each service's population, read by the expansion model"
#: Header keys of the two population columns (either one per row).
POPULATION_KEYS = {"population": "population", "population served": "population"}
ELIGIBLE_KEYS = {
    "eligible population": "eligible_population",
    "eligible_population": "eligible_population",
}
SERVICE_KEYS = {"service", "service name", "team", "team name"}
#: Columns for the reader's own notes (where a figure came from): the source of the row's values.
NOTE_KEYS = {"source", "sources", "note", "notes", "comment", "comments"}
#: Columns of :attr:`ServicesRead.table` before the per-service parameter columns (``notes`` is the
#: row's Source/Notes text, joined, which becomes the source of the values the row sets).
BASE_COLUMNS = ["service", "population", "eligible_population", "sheet", "row", "notes"]


@dataclass(frozen=True)
class ServicesRead:
    """A Services sheet as read.

    Attributes:
        table: one row per service read: ``service``, ``population`` (people, or missing),
            ``eligible_population`` (people, or missing), ``sheet``, ``row`` (as the spreadsheet
            shows it), then one column per scenario parameter the sheet overrides, under the
            parameter's name (``referral_rate``, ``waiting_list_by_weeks.12-18``); a blank cell is
            missing and leaves the scenario's value.
        issues: every problem, in the ingest's columns (:data:`planner.ingest.body.ISSUE_COLUMNS`).
        sheet: the sheet the rows came from.
    """

    table: pd.DataFrame
    issues: pd.DataFrame
    sheet: str

    @property
    def n_errors(self) -> int:
        """Problems that stop the region being modelled."""
        return int((self.issues["severity"] == "error").sum())

    def overrides(self, service: str) -> dict[str, Any]:
        """Scenario overrides for one service: its population or eligible population and its own values."""
        row = self.table[self.table["service"] == service]
        if row.empty:
            return {}
        values = row.iloc[0].drop(["service", "sheet", "row", "notes"])
        return {k: _plain(v) for k, v in values.items() if not _missing(v)}


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _plain(value: Any) -> Any:
    """NumPy scalars as Python numbers (whole floats as int), so scenario checks read them as typed."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def is_services_sheet(name: str) -> bool:
    """Whether a sheet's name marks it as a region's Services sheet."""
    return header_key(name) in SHEET_KEYS


def _parameter_headers(parameters: Mapping[str, Any]) -> dict[str, str]:
    """Header key → parameter name, from each parameter's name and label (``Parameter.label``)."""
    out: dict[str, str] = {}
    for name, p in parameters.items():
        out[header_key(name.replace("_", " "))] = name
        label = getattr(p, "label", None)
        if label:
            out.setdefault(header_key(label), name)
    return out


def _problem(code: str, expected: str, message: str, severity: str = "error") -> Problem:
    return Problem(code, severity, expected, message)


def _number(value: Any) -> float | None:
    text = cell_text(value)
    if text is None:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


#: Checks one override: (parameter name, cell value) → a sentence saying what is wrong, or None.
Checker = Callable[[str, Any], "str | None"]


def read_services_sheet(
    sheet: RawSheet, parameters: Mapping[str, Any], check: Checker | None = None
) -> ServicesRead:
    """Read one Services sheet's grid.

    Args:
        sheet: the raw grid (row 0 is spreadsheet row 1); the header is the first non-blank row.
        parameters: the scenario's parameters, name → :class:`planner.expansion.parameter.Parameter`
            (``Scenario.parameters``), which name the columns a service may override.
        check: the scenario's own check of a value (:func:`planner.expansion.region.check_override`),
            passed in because the ingest sits below the model; without it only populations are checked.
    """
    issues: list[dict[str, Any]] = []
    rows = sheet.rows
    h = next((i for i, r in enumerate(rows) if any(not is_blank(c) for c in r)), None)
    if h is None:
        issues.append(
            issue(
                sheet.name,
                None,
                "",
                "",
                _problem(
                    "services_empty", "a header row: Service, Population", "The Services sheet is empty."
                ),
            )
        )
        return _result(sheet.name, [], [], issues)
    known = _parameter_headers(parameters)
    columns: dict[int, str] = {}
    notes: list[int] = []
    for j, cell in enumerate(rows[h]):
        text = cell_text(cell)
        if text is None:
            continue
        key = header_key(text)
        base, dot, part = text.partition(".")
        if key in NOTE_KEYS:
            notes.append(j)
            continue
        if key == "service type":  # the type is read by planner.ingest.service_type
            continue
        if key in SERVICE_KEYS:
            columns[j] = "service"
        elif key in POPULATION_KEYS:
            columns[j] = "population"
        elif key in ELIGIBLE_KEYS or header_key(text.replace("_", " ")) in ELIGIBLE_KEYS:
            columns[j] = "eligible_population"
        elif dot and base.strip() in parameters:
            columns[j] = f"{base.strip()}.{part.strip()}"
        elif key in known:
            columns[j] = known[key]
        else:
            labels = [str(getattr(p, "label", "")) for p in parameters.values()]
            hint = suggest_choice(
                text, [*parameters, *labels, "Service", "Population", "Eligible population"]
            )
            hint = str(getattr(parameters[hint], "label", hint)) if hint in parameters else hint
            issues.append(
                issue(
                    sheet.name,
                    h + 1,
                    text,
                    text,
                    _problem(
                        "services_column_unknown",
                        "Service, Population, Eligible population, Source or Notes, or a scenario value's "
                        "label as the Expansion page shows it",
                        f"Column '{text}' is not a scenario value, a population or a Source or Notes column."
                        + (f" Did you mean '{hint}'?" if hint else " Check its heading against the template.")
                        + " Rename it (or head it Notes to keep it as a note).",
                    ),
                )
            )
    if "service" not in columns.values():
        issues.append(
            issue(
                sheet.name,
                h + 1,
                "Service",
                "",
                _problem(
                    "services_no_service_column",
                    "a column headed Service",
                    "The Services sheet has no Service column, so no row can be matched to the roster.",
                ),
            )
        )
        return _result(sheet.name, [], [], issues)
    records: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    params = [c for c in dict.fromkeys(columns.values()) if c not in BASE_COLUMNS]
    for i, raw in enumerate(rows[h + 1 :], start=h + 2):
        cells = {field: raw[j] if j < len(raw) else "" for j, field in columns.items()}
        if all(is_blank(v) for v in cells.values()):
            continue
        service = cell_text(cells["service"])
        if service is None:
            issues.append(
                issue(
                    sheet.name,
                    i,
                    "Service",
                    "",
                    _problem(
                        "services_no_name", "the service's name", "A row has figures but no service name."
                    ),
                )
            )
            continue
        key = " ".join(service.split()).casefold()  # names match whatever their case and spacing
        if key in seen:
            issues.append(
                issue(
                    sheet.name,
                    i,
                    "Service",
                    service,
                    _problem(
                        "services_duplicate",
                        "one row per service",
                        f"Service '{{value}}' has a second row (the first is row {seen[key]}); keep one "
                        "row per service.",
                    ),
                )
            )
            continue
        seen[key] = i
        record: dict[str, Any] = {"service": service, "sheet": sheet.name, "row": i}
        said = [t for j in notes if j < len(raw) and (t := cell_text(raw[j])) is not None]
        if said:
            record["notes"] = "; ".join(said)
        bad: set[str] = set()
        for field in ("population", "eligible_population", *params):
            value = cells.get(field, "")
            if is_blank(value):
                continue
            header = cell_text(rows[h][next(j for j, f in columns.items() if f == field)]) or field
            problem = _check_value(field, value, check, parameters)
            if problem is not None:
                issues.append(issue(sheet.name, i, header, value, problem))
                bad.add(field)
                continue
            record[field] = _typed(value)
        given = {"population", "eligible_population"} & (set(record) | bad)
        if not given:
            issues.append(
                issue(
                    sheet.name,
                    i,
                    "Population",
                    "",
                    _problem(
                        "services_no_population",
                        "the population served, or the eligible population",
                        f"Service '{service}' has no Population and no Eligible population, so its demand "
                        "is not known.",
                    ),
                )
            )
        records.append(record)
    return _result(sheet.name, records, params, issues)


def _check_value(
    field: str, value: Any, check: Checker | None, parameters: Mapping[str, Any]
) -> Problem | None:
    """A problem when a cell cannot be the parameter's value (types and ranges: the scenario's rules)."""
    if field in ("population", "eligible_population"):
        number = _number(value)
        if number is None or number < 0:
            return _problem(
                "services_population_bad",
                "a number of people, 0 or more",
                "'{value}' is not a number of people.",
            )
    message = check(field, _typed(value)) if check is not None else None
    if message:  # the scenario names the parameter as --set does; a sheet's reader knows its label
        base = field.split(".")[0]
        label = str(getattr(parameters.get(base), "label", "") or base.replace("_", " ").capitalize())
        label += f", {field.split('.', 1)[1]}" if "." in field else ""
        message = message.replace(f"'{field}'", f"'{label}'").replace(f"'{base}'", f"'{label}'")
        return _problem("services_value_bad", "a value the scenario accepts", message)
    return None


def _typed(value: Any) -> Any:
    """A cell as the scenario reads a ``--set`` value: numbers as numbers, text as text."""
    number = _number(value)
    if number is None:
        return cell_text(value)
    return int(number) if number.is_integer() else number


def _result(
    sheet: str, records: list[dict[str, Any]], params: Sequence[str], issues: list[dict[str, Any]]
) -> ServicesRead:
    table = pd.DataFrame(records, columns=[*BASE_COLUMNS, *params])
    table = table.astype({"population": "Float64", "eligible_population": "Float64"})
    table["row"] = table["row"].astype("Int64")
    table["notes"] = table["notes"].astype(object)
    frame = pd.DataFrame(issues, columns=ISSUE_COLUMNS).astype({"row": "Int64"})
    return ServicesRead(table=table, issues=frame, sheet=sheet)


def read_services(
    data: bytes,
    filename: str,
    parameters: Mapping[str, Any],
    check: Checker | None = None,
    *,
    in_roster: bool = False,
) -> ServicesRead | None:
    """Read the Services sheet of a workbook, or a CSV of services; None when there is none.

    A services file (``in_roster=False``) that is a CSV, or a workbook of one sheet without Band or WTE
    columns, is read as the Services sheet whatever its name; otherwise the Services sheet is the one
    named Services (or Service populations, Populations, Region). In a roster (``in_roster=True``) only
    a sheet so named is read.

    Raises:
        RosterRefused: the file cannot be read at all (the ingest's refusals: empty, not a spreadsheet, …).
    """
    kind = check_file(data, filename)
    sheets = read_sheets(data, kind, filename)
    if not in_roster and (kind == "csv" or (len(sheets) == 1 and not _looks_like_staff(sheets[0]))):
        return read_services_sheet(sheets[0], parameters, check)
    found = [s for s in sheets if is_services_sheet(s.name)]
    return read_services_sheet(found[0], parameters, check) if found else None


def _looks_like_staff(sheet: RawSheet) -> bool:
    """A lone sheet with a Band or WTE column is a roster, not a Services sheet."""
    head = next((r for r in sheet.rows if any(not is_blank(c) for c in r)), [])
    return bool({header_key(c) for c in head} & {"band", "wte", "staff id"})


from planner.ingest.services_match import as_roster_spells, match_roster  # noqa: E402  (it reads ServicesRead, above)
