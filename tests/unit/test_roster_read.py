"""read_roster on small in-memory files: accounting, issues, mappings, posts, records, formula text."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

from planner.ingest.columns import MappingError
from planner.ingest.read import RosterRefused, read_roster
from planner.reference.catalogue import load_catalogue

CATALOGUE = load_catalogue()

pytestmark = pytest.mark.unit


def csv_bytes(rows: list[list[object]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEAD = ["Staff ID", "Name", "Band", "WTE"]


def test_every_row_is_accounted_for_with_spreadsheet_row_numbers() -> None:
    rows = [
        ["Team list"],
        [],
        HEAD,
        ["1", "Ann", "5", "1"],
        [],
        ["2", "Bob", "Band 11", "1"],
        ["3", "Cy", "6", "x"],
    ]
    read = read_roster(csv_bytes(rows), "team.csv", catalogue=CATALOGUE)
    assert read.rows == {"read": 4, "accepted": 1, "reported": 2, "blank": 1}
    assert read.rows_for("staff", "team") == read.rows
    issues = read.issues.set_index("row")
    assert (
        issues.loc[6, "code"] == "band_unknown"
        and issues.loc[6, "column"] == "Band"
        and issues.loc[6, "value"] == "Band 11"
    )
    assert issues.loc[7, "code"] == "wte_not_number" and issues.loc[7, "expected"].startswith("a number")
    assert set(read.issues["sheet"]) == {"team"}
    assert list(read.staff["row"]) == [4]


def test_all_problems_of_a_row_are_reported_at_once() -> None:
    read = read_roster(
        csv_bytes([[*HEAD, "Function"], ["", "Ann", "12", "9", "Juggling"]]), "t.csv", catalogue=CATALOGUE
    )
    assert set(read.issues["code"]) == {
        "staff_id_missing",
        "band_unknown",
        "wte_out_of_range",
        "value_unknown",
    }
    assert read.rows == {"read": 1, "accepted": 0, "reported": 1, "blank": 0}


def test_trailing_blank_rows_are_not_counted() -> None:
    read = read_roster(
        csv_bytes([HEAD, ["1", "A", "5", "1"], [], [], ["", "", "", ""]]), "t.csv", catalogue=CATALOGUE
    )
    assert read.rows == {"read": 1, "accepted": 1, "reported": 0, "blank": 0}


def test_missing_required_column_is_one_sheet_issue_and_every_row_is_reported() -> None:
    read = read_roster(
        csv_bytes([["Staff ID", "Name", "WTE"], ["1", "A", "1"], ["2", "B", "1"]]),
        "t.csv",
        catalogue=CATALOGUE,
    )
    missing = read.issues[read.issues["code"] == "column_missing"]
    assert len(missing) == 1 and missing.iloc[0]["row"] == 1 and missing.iloc[0]["column"] == "Band"
    message = missing.iloc[0]["message"]  # web users map on the Team page, CLI users with --map
    assert "on the Team page choose Band" in message and '--map "Grade=band"' in message
    assert read.rows == {"read": 2, "accepted": 0, "reported": 2, "blank": 0}


def test_user_mapping_fixes_an_unrecognised_column() -> None:
    data = csv_bytes([["Staff ID", "Bnad", "WTE"], ["1", "5", "1"]])
    assert read_roster(data, "t.csv", catalogue=CATALOGUE).rows["reported"] == 1
    fixed = read_roster(data, "t.csv", mapping={"Bnad": "Band"}, catalogue=CATALOGUE)
    assert fixed.rows["accepted"] == 1 and fixed.staff.loc[0, "band"] == "5"
    assert fixed.mapping.set_index("column").loc["Bnad", "how"] == "mapped"


def test_mapping_an_absent_column_is_a_warning_and_bad_targets_raise() -> None:
    read = read_roster(
        csv_bytes([HEAD, ["1", "A", "5", "1"]]), "t.csv", mapping={"Nope": "band"}, catalogue=CATALOGUE
    )
    assert read.issues["code"].tolist() == ["mapping_unused"]
    with pytest.raises(MappingError, match="not a field"):
        read_roster(
            csv_bytes([HEAD, ["1", "A", "5", "1"]]),
            "t.csv",
            mapping={"Band": "favourite colour"},
            catalogue=CATALOGUE,
        )


def test_ignored_column_is_listed_not_read() -> None:
    read = read_roster(csv_bytes([[*HEAD, "Spirometry"], ["1", "A", "5", "1", "yes"]]), "t.csv",
                       mapping={"Spirometry": "ignore"}, catalogue=CATALOGUE)  # fmt: skip
    assert read.competencies.empty
    assert read.mapping.set_index("column").loc["Spirometry", "field"] == "ignore"


def test_two_posts_for_one_person_are_legitimate_but_a_copy_is_warned() -> None:
    rows = [
        ["Staff ID", "Service", "Band", "WTE", "Function"],
        ["7", "North PR", "6", "0.5", "Delivering PR"],
        ["7", "South PR", "6", "0.5", "Delivering PR"],  # a second post in another service: fine
        ["8", "North PR", "5", "1", "Delivering PR"],
        ["8", "North PR", "5", "1", "Delivering PR"],  # the same post twice: a likely copy
    ]
    read = read_roster(csv_bytes(rows), "t.csv", catalogue=CATALOGUE)
    dup = read.issues[read.issues["code"] == "staff_id_duplicate"]
    assert dup["row"].tolist() == [5] and dup["severity"].tolist() == ["warning"]
    assert read.rows["accepted"] == 4  # warnings never drop rows
    assert read.staff.groupby("staff_id")["wte"].sum().to_dict() == {"7": 1.0, "8": 2.0}
    over = read.issues[read.issues["code"] == "wte_person_over"]
    assert over["value"].tolist() == ["8"]


def test_totals_row_is_reported_not_counted() -> None:
    read = read_roster(
        csv_bytes([HEAD, ["1", "A", "5", "1"], ["Total", "", "", "1"]]), "t.csv", catalogue=CATALOGUE
    )
    assert read.issues["code"].tolist() == ["total_row"]
    assert read.staff["wte"].sum() == 1.0


def test_hours_become_wte_and_fill_a_blank_wte() -> None:
    rows = [
        ["Staff ID", "Band", "WTE", "Contracted hours per week"],
        ["1", "5", "", "22.5"],
        ["2", "5", "0.8", "37.5"],
    ]
    read = read_roster(csv_bytes(rows), "t.csv", catalogue=CATALOGUE)
    assert read.staff.set_index("staff_id")["wte"].to_dict() == {"1": 0.6, "2": 0.8}


def test_first_and_last_names_are_joined_and_never_in_issues() -> None:
    rows = [
        ["Assignment Number", "First name", "Surname", "Grade", "FTE"],
        ["A1", "Zoë", "Brontë", "XR06", "2"],
    ]
    read = read_roster(csv_bytes(rows), "t.csv", catalogue=CATALOGUE)
    assert read.row_status.loc[0, "name"] == "Zoë Brontë"
    assert not read.issues.apply(lambda r: r.astype(str).str.contains("Zo").any(), axis=1).any()


def test_windows_1252_semicolon_csv() -> None:
    data = csv_bytes([["Staff ID", "Name", "Band", "WTE"], ["1", "Jürgen Müller", "5", "0,6"]], ";", "cp1252")
    read = read_roster(data, "t.csv", catalogue=CATALOGUE)
    assert read.staff.loc[0, "name"] == "Jürgen Müller" and read.staff.loc[0, "wte"] == 0.6


def test_utf8_bom_csv() -> None:
    read = read_roster(
        b"\xef\xbb\xbf" + csv_bytes([HEAD, ["1", "Zoë", "5", "1"]]), "t.csv", catalogue=CATALOGUE
    )
    assert read.mapping["column"].tolist()[0] == "Staff ID" and read.staff.loc[0, "name"] == "Zoë"


def test_formula_like_text_is_kept_as_text_in_csv_and_xlsx() -> None:
    rows = [HEAD, ["=1+1", "@SUM(A1)", "5", "1"], ["+44", '=HYPERLINK("x")', "6", "1"]]
    for data, name in ((csv_bytes(rows), "f.csv"), (xlsx_bytes({"Staff": rows}), "f.xlsx")):
        read = read_roster(data, name, catalogue=CATALOGUE)
        assert read.staff["staff_id"].tolist() == ["=1+1", "+44"]
        assert read.staff["name"].tolist() == ["@SUM(A1)", '=HYPERLINK("x")']


def test_one_sheet_per_service_uses_sheet_names_and_skips_notes_sheets() -> None:
    data = xlsx_bytes({
        "Read-me": [["Fill one sheet per service"]],
        "North": [HEAD, ["1", "A", "5", 1]],
        "South": [HEAD, ["2", "B", "6", 0.5]],
        "Data dictionary": [["Field", "Meaning"], ["Band", "AfC band"]],
        "Lists": [["Band"], ["5"]],
    })  # fmt: skip
    read = read_roster(data, "w.xlsx", catalogue=CATALOGUE)
    assert read.sheets == ["North", "South"]
    assert read.sheets_skipped["sheet"].tolist() == ["Read-me", "Data dictionary", "Lists"]
    assert read.staff.set_index("staff_id")["service"].to_dict() == {"1": "North", "2": "South"}
    only = read_roster(data, "w.xlsx", sheet="south", catalogue=CATALOGUE)
    assert only.sheets == ["South"] and only.staff["service"].tolist() == ["Team"]


def test_unknown_sheet_is_refused_with_the_sheet_names() -> None:
    data = xlsx_bytes({"North": [HEAD, ["1", "A", "5", 1]]})
    with pytest.raises(RosterRefused) as info:
        read_roster(data, "w.xlsx", sheet="East", catalogue=CATALOGUE)
    assert info.value.code == "sheet_not_found" and "North" in info.value.message


def test_a_sheet_without_a_header_is_skipped_with_a_warning_when_others_are_read() -> None:
    data = xlsx_bytes({"Staff": [HEAD, ["1", "A", "5", 1]], "Scratch": [["some", "notes"], ["1", "2"]]})
    read = read_roster(data, "w.xlsx", catalogue=CATALOGUE)
    assert read.issues["code"].tolist() == ["sheet_skipped"] and read.issues.loc[0, "sheet"] == "Scratch"


def test_no_header_anywhere_is_refused_with_suggestions() -> None:
    with pytest.raises(RosterRefused) as info:
        read_roster(csv_bytes([["Bnad", "Emp"], ["5", "1"]]), "t.csv", catalogue=CATALOGUE)
    assert info.value.code == "no_header" and "'Bnad' → 'Band'" in info.value.message


def test_headers_without_rows_is_empty() -> None:
    with pytest.raises(RosterRefused) as info:
        read_roster(csv_bytes([HEAD]), "t.csv", catalogue=CATALOGUE)
    assert info.value.code == "empty"


def test_wide_competency_cells_become_records_of_accepted_people_only() -> None:
    rows = [[*HEAD, "XC-01", "Nordic walking"], ["1", "A", "5", "1", "yes", "in progress"],
            ["2", "B", "55", "1", "yes", ""], ["3", "C", "6", "1", "maybe", "no"]]  # fmt: skip
    read = read_roster(csv_bytes(rows), "t.csv", catalogue=CATALOGUE)
    comps = read.competencies
    assert comps[["staff_id", "competency_id", "achieved", "in_progress"]].values.tolist() == [
        ["1", "XC-01", True, False],
        ["1", "Nordic walking", False, True],
        ["3", "XC-01", pd.NA, False],
        ["3", "Nordic walking", False, False],
    ]
    assert read.issues.set_index("code").loc["value_unknown", "value"] == "maybe"
    assert read.rows_for("competencies") == {"read": 5, "accepted": 4, "reported": 1, "blank": 0}
    assert read.counts.set_index("table").loc["competencies", "unit"] == "cell"
    assert read.rows["read"] == 3  # spreadsheet rows, not cells


def test_competency_record_sheet() -> None:
    data = xlsx_bytes({
        "Staff": [HEAD, ["1", "A", "5", 1]],
        "Record": [["Staff ID", "Reference no.", "Competency", "Achieved? (yes / no) Self-assessment",
                    "Date of self-assessment", "Evidence", "Signed off – name and date"],
                   ["1", "XC-01", "", "Yes", "01/04/2025", "course", "J Smith 12/04/2025"],
                   ["1", "xc-02", "", "yes", dt.date(2025, 5, 1), "", ""],
                   ["2", "XC-03", "", "no", "", "", ""]],
    })  # fmt: skip
    read = read_roster(data, "r.xlsx", catalogue=CATALOGUE)
    c = read.competencies.set_index("competency_id")
    assert c.loc["XC-01", "self_assessed_on"] == pd.Timestamp("2025-04-01")
    assert (c.loc["XC-01", "signed_off_by"], c.loc["XC-01", "signed_off_on"]) == (
        "J Smith",
        pd.Timestamp("2025-04-12"),
    )
    assert c.loc["XC-02", "self_assessed_on"] == pd.Timestamp("2025-05-01")
    codes = read.issues.set_index("row")["code"].to_dict()
    assert codes == {3: "not_signed_off", 4: "staff_id_unknown"}
    assert c.loc["XC-01", "service"] == "Team"
    assert str(read.competencies["self_assessed_on"].dtype).startswith("datetime64")


def test_output_tables_follow_the_data_model() -> None:
    read = read_roster(csv_bytes([HEAD, ["1", "A", "8A", "60%"]]), "t.csv", catalogue=CATALOGUE)
    assert list(read.staff.columns) == ["staff_id", "name", "service", "band", "wte", "function", "profession",
                                        "registration_body", "registration", "career_level", "role", "judged_at",
                                        "leaving_date", "service_type", "arrs_role", "practice", "salary", "start_date",
                                        "sheet", "row"]  # fmt: skip
    assert list(read.issues.columns) == [
        "sheet",
        "row",
        "column",
        "value",
        "expected",
        "severity",
        "code",
        "message",
    ]
    assert (read.staff.loc[0, "band"], read.staff.loc[0, "wte"], read.staff.loc[0, "registration"]) == (
        "8a",
        0.6,
        "none",
    )
