"""Figures, exports and display tables built from a roster read."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from planner.export import neutralise
from planner.ingest.read import read_roster
from planner.reference.catalogue import load_catalogue
from planner.views.team import (
    FIELD_CHOICES,
    NOT_READ,
    accounting_line,
    figures,
    issues_to_csv,
    issues_to_xlsx,
    mapping_for_editor,
    mapping_from_editor,
    staff_figures,
    staff_for_display,
    summary_text,
)

CATALOGUE = load_catalogue()

pytestmark = pytest.mark.unit


def roster(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


TEAM = roster([
    ["Staff ID", "Name", "Service", "Band", "WTE", "Registration body"],
    ["1", "Ann Ash", "North", "5", "1", "HCPC"],
    ["2", "Bob Birch", "North", "6", "0.5", "AHCS"],
    ["3", "Cy Cole", "South", "8a", "0.8", ""],
    ["4", "Di Dale", "South", "=A1", "1", ""],
    ["", "", "", "", "", ""],
    ["5", "Ed Elm", "South", "3", "0.4", "NMC"],
])  # fmt: skip


@pytest.fixture(scope="module")
def read():
    return read_roster(TEAM, "team.csv", catalogue=CATALOGUE)


def test_json_figures_have_exactly_the_documented_keys(read) -> None:
    fig = figures(read)
    assert list(fig) == ["file", "sheets", "staff", "rows", "wte_total", "wte_by_band", "wte_registered",
                         "wte_accredited_register", "issues", "services"]  # fmt: skip
    assert fig["rows"] == {"read": 6, "accepted": 4, "reported": 1, "blank": 1}
    assert fig["staff"] == 4 and fig["wte_total"] == 2.7
    assert fig["wte_registered"] == 1.4 and fig["wte_accredited_register"] == 0.5
    assert list(fig["wte_by_band"]) == ["1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"]
    assert fig["wte_by_band"]["8a"] == 0.8 and fig["wte_by_band"]["9"] == 0.0
    assert list(fig["issues"][0]) == ["sheet", "row", "staff_id", "column", "value", "severity", "code", "message",
                                      "suggestion"]  # fmt: skip
    assert fig["issues"][0]["row"] == 5 and fig["issues"][0]["code"] == "band_unknown"


def test_per_service_figures_when_several_services(read) -> None:
    services = figures(read)["services"]
    assert set(services) == {"North", "South"}
    assert services["North"]["wte_total"] == 1.5 and services["North"]["staff"] == 2
    assert services["South"]["rows"] == {"read": 3, "accepted": 2, "reported": 1, "blank": 0}


def test_one_service_has_no_services_key() -> None:
    one = read_roster(roster([["Staff ID", "Band", "WTE"], ["1", "5", "1"]]), "t.csv", catalogue=CATALOGUE)
    assert "services" not in figures(one)


def test_empty_bands_are_zero_never_nan() -> None:
    fig = staff_figures(
        read_roster(
            roster([["Staff ID", "Band", "WTE"], ["1", "x", "1"]]), "t.csv", catalogue=CATALOGUE
        ).staff
    )
    assert fig["wte_total"] == 0.0 and set(fig["wte_by_band"].values()) == {0.0} and fig["staff"] == 0


def test_accounting_line(read) -> None:
    assert accounting_line(read) == "6 rows read: 4 accepted, 1 reported, 1 blank"


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("=A1", "'=A1"),
        ("+44", "'+44"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("ok", "ok"),
        (5, 5),
    ],
)
def test_neutralise(raw: object, safe: object) -> None:
    assert neutralise(raw) == safe


def test_problem_csv_neutralises_formula_text(read) -> None:
    text = issues_to_csv(read).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["value"] == "'=A1" and rows[0]["code"] == "band_unknown" and rows[0]["row"] == "5"
    assert list(rows[0]) == [
        "sheet", "row", "staff_id", "column", "value", "expected", "severity", "code", "message"
    ]  # fmt: skip


def test_problem_xlsx_holds_text_never_formulas(read) -> None:
    sheet = load_workbook(io.BytesIO(issues_to_xlsx(read)))["Problems"]
    # stored as text with Excel's quote prefix, so it shows as typed and is never evaluated
    assert sheet["E2"].value == "=A1" and sheet["E2"].data_type == "s" and sheet["E2"].quotePrefix
    assert [c.value for c in sheet[1]] == [
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


def test_names_are_shown_only_when_asked(read) -> None:
    hidden = staff_for_display(read)
    assert "Name" not in hidden.columns and "Ann Ash" not in hidden.to_string()
    shown = staff_for_display(read, show_names=True)
    assert shown["Name"].tolist()[:2] == ["Ann Ash", "Bob Birch"]
    assert shown["Band"].tolist()[:3] == ["Band 5", "Band 6", "Band 8a"]


def test_summary_prints_staff_ids_not_names_unless_asked(read) -> None:
    text = summary_text(read)
    assert "6 rows read: 4 accepted, 1 reported, 1 blank" in text and "Band 8a" in text
    assert "Di Dale" not in text and " 4 " in text
    assert "4    Di Dale" in summary_text(read, show_names=True) or "4 Di Dale" in summary_text(
        read, show_names=True
    )


def test_mapping_editor_round_trip() -> None:
    data = roster([["Staff ID", "Bnad", "WTE", "Notes"], ["1", "5", "1", "x"]])
    read = read_roster(data, "t.csv", catalogue=CATALOGUE)
    detected = mapping_for_editor(read)
    assert detected.set_index("Column")["Read as"].to_dict() == {
        "Staff ID": "Staff ID", "Bnad": NOT_READ, "WTE": "WTE", "Notes": NOT_READ}  # fmt: skip
    assert detected.set_index("Column")["How"].to_dict() == {
        "Staff ID": "Recognised by its header", "Bnad": "Not recognised", "WTE": "Recognised by its header",
        "Notes": "Not recognised"}  # fmt: skip
    edited = detected.copy()
    edited.loc[edited["Column"] == "Bnad", "Read as"] = "Band"
    edited.loc[edited["Column"] == "Notes", "Read as"] = "Ignore this column"
    mapping = mapping_from_editor(detected, edited)
    assert mapping == {"Bnad": "band", "Notes": "ignore"}
    fixed = read_roster(data, "t.csv", mapping=mapping, catalogue=CATALOGUE)
    assert fixed.rows["accepted"] == 1
    assert set(FIELD_CHOICES.values()) >= {"band", "competency", "ignore"}


def test_unchanged_editor_gives_no_mapping(read) -> None:
    detected = mapping_for_editor(read)
    assert mapping_from_editor(detected, detected.copy()) == {}
    assert isinstance(detected, pd.DataFrame) and list(detected.columns) == [
        "Sheet",
        "Column",
        "Read as",
        "How",
        "Note",
    ]
