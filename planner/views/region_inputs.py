"""The Region page's inputs: each service's population and its own scenario values, as an editable table.

The region's scenario is one scenario for every service; a service's row can override any of it. The
rows start from the roster's Services sheet where it has one (:func:`planner.ingest.services.read_services`)
and are blank otherwise, so a user without a sheet types each population on the page instead of being
refused. :func:`editor_frame` builds the table the page's data editor shows (headers in words, one row
per roster service, in roster order); :func:`model_table` turns the edited table back into the engine's
Services table (:func:`planner.expansion.region.model_region`) and lists, in words, every value it
cannot use, so nothing is dropped in silence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner.expansion.region import check_override
from planner.expansion.scenario import Scenario
from planner.ingest.services import (
    BASE_COLUMNS,
    ServicesRead,
    as_roster_spells,
    match_roster,
    read_services,
)

__all__ = ["EDITOR_OVERRIDES", "ServicesInput", "editor_frame", "model_table", "sheet_services"]

SERVICE = "Service"
#: Scenario values the editor offers for every service, beside the population (any other value the
#: Services sheet sets is shown too).
EDITOR_OVERRIDES = ("population", "eligible_population", "referral_rate", "uptake", "waiting_list_now")


@dataclass(frozen=True)
class ServicesInput:
    """What the page's Services editor starts from: its rows and the sheet's problems (ingest columns)."""

    frame: pd.DataFrame
    issues: pd.DataFrame
    from_sheet: bool


def sheet_services(
    upload: tuple[bytes, str] | None, services: Sequence[str], scenario: Scenario
) -> ServicesRead | None:
    """The roster workbook's Services sheet, or None when there is no upload or no such sheet."""
    if upload is None:
        return None
    data, name = upload
    return read_services(data, name, scenario.parameters, check_override, in_roster=True)


def _label(scenario: Scenario, name: str) -> str:
    p = scenario.parameters.get(name.split(".")[0])
    if p is None:
        return name
    return p.label if "." not in name else f"{p.label}: {name.split('.', 1)[1]}"


def _blank(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def editor_frame(services: Sequence[str], read: ServicesRead | None, scenario: Scenario) -> ServicesInput:
    """One row per roster service with its population and overrides from the sheet (blank where none).

    Returns:
        The frame (headers in words: ``Service`` then each parameter's label) and the sheet's problems,
        including services named in the sheet that the roster does not have (with a "did you mean").
    """
    read = as_roster_spells(read, services) if read is not None else None  # case and spaces ignored
    extra = [c for c in (read.table.columns if read is not None else []) if c not in BASE_COLUMNS]
    names = [*EDITOR_OVERRIDES, *[c for c in extra if c not in EDITOR_OVERRIDES]]
    given = read.table.set_index("service") if read is not None else pd.DataFrame()
    rows = []
    for s in services:
        row: dict[str, Any] = {SERVICE: s}
        for n in names:
            v = given.loc[s, n] if s in given.index and n in given.columns else None
            row[_label(scenario, n)] = None if _blank(v) else (v.item() if hasattr(v, "item") else v)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[SERVICE, *[_label(scenario, n) for n in names]])
    for col in frame.columns[1:]:
        try:  # numbers as numbers, so the editor offers number cells; a text value keeps its column as text
            frame[col] = pd.to_numeric(frame[col]).astype(float)
        except (ValueError, TypeError):
            frame[col] = frame[col].astype(object)
    if read is None:
        issues = pd.DataFrame()
    else:
        issues = pd.concat([read.issues, match_roster(read, services)], ignore_index=True)
        # a roster service without a row is not a problem here: the page offers its row to fill in
        issues = issues[issues["code"] != "services_missing_row"].reset_index(drop=True)
    return ServicesInput(frame, issues, read is not None)


def model_table(edited: pd.DataFrame, scenario: Scenario) -> tuple[pd.DataFrame | None, list[str]]:
    """The engine's Services table from the edited rows, or None and every problem in words.

    A service needs a Population or an Eligible population; every other value is checked against the
    scenario's range (:func:`planner.expansion.region.check_override`). Blank cells keep the region's
    scenario value.
    """
    by_label = {_label(scenario, n): n for n in [*scenario.parameters, *EDITOR_OVERRIDES]}
    problems: list[str] = []
    records = []
    for i, row in enumerate(edited.to_dict("records"), start=1):
        service = str(row.get(SERVICE, "")).strip()
        record: dict[str, Any] = {"service": service, "sheet": "Region page", "row": i}
        for label, value in row.items():
            if label == SERVICE or _blank(value):
                continue
            name = by_label.get(str(label), str(label))
            value = value.item() if hasattr(value, "item") else value
            if isinstance(value, str):
                try:
                    value = float(value.replace(",", ""))
                except ValueError:
                    pass
            if isinstance(value, float) and value.is_integer() and name in ("population", "waiting_list_now"):
                value = int(value)
            why = check_override(name, value)
            if why is not None:
                problems.append(f"{service}, {label}: {why}")
                continue
            record[name] = value
        if "population" not in record and "eligible_population" not in record:
            problems.append(f"{service}: enter its Population or Eligible population.")
        records.append(record)
    if problems:
        return None, problems
    table = pd.DataFrame(records)
    for col in ("population", "eligible_population"):
        if col not in table.columns:
            table[col] = None
    return table, []


#: What the pages call the sample region when the Region page opens it.
SAMPLE_REGION_NAME = "Sample region (synthetic, six services)"
