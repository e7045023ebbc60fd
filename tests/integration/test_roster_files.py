"""Real files (most saved by LibreOffice) through read_roster and ``planner validate``.

Fixtures are made by scripts/make_roster_fixtures.py; the expected figures below are worked out by
hand from the rows written there.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from planner import samples
from planner.cli import main
from planner.ingest.read import RosterRefused, read_roster
from planner.reference.catalogue import load_catalogue
from planner.views.team import figures

CATALOGUE = load_catalogue()

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "roster"


def read(name: str, **kw):
    return read_roster((FIXTURES / name).read_bytes(), name, **kw, catalogue=CATALOGUE)


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_messy_headers_saved_by_libreoffice() -> None:
    r = read("messy_headers.xlsx")
    assert r.rows == {"read": 13, "accepted": 6, "reported": 5, "blank": 2}
    assert r.staff["staff_id"].tolist() == ["E1001", "E1002", "E1003", "E1004", "E1005", "E1009"]
    assert r.staff["row"].tolist() == [
        5,
        6,
        7,
        9,
        10,
        15,
    ]  # title, blank and note rows above the header at row 4
    assert r.staff["band"].tolist() == ["5", "6", "7", "8a", "4", "3"]
    assert r.staff["wte"].tolist() == [1.0, 0.8, 0.6, 1.0, 0.5, 0.4]
    assert r.staff["function"].tolist() == ["delivering", "delivering", "delivering_managing", "leading",
                                            "supporting", "supporting"]  # fmt: skip
    errors = r.issues[r.issues["severity"] == "error"].set_index("row")
    assert errors["code"].to_dict() == {11: "band_unknown", 12: "wte_not_number", 13: "wte_out_of_range",
                                        14: "staff_id_missing", 17: "total_row"}  # fmt: skip
    assert errors.loc[11, "column"] == "Pay Band" and errors.loc[11, "value"] == "Band 10"
    assert errors.loc[14, "column"] == "EMPLOYEE NUMBER"
    warning = r.issues[r.issues["severity"] == "warning"].iloc[0]
    assert (warning["row"], warning["code"]) == (7, "registration_body_missing")
    m = r.mapping.set_index("column")
    assert (
        m.loc["Proffesion", "how"] == "not recognised" and m.loc["Proffesion", "suggestion"] == "Profession"
    )
    assert m.loc["Notes", "how"] == "not recognised"
    assert m.loc["EMPLOYEE NUMBER", "field"] == "staff_id" and m.loc["staff group", "field"] == "profession"
    fig = figures(r)
    assert fig["wte_total"] == 4.3 and fig["wte_registered"] == 3.4 and fig["wte_accredited_register"] == 0.0


def test_the_same_roster_as_csv_xls_and_ods_gives_the_same_tables() -> None:
    frames = [
        read(n).staff.drop(columns=["sheet"])
        for n in ("simple_staff.csv", "simple_staff.xls", "simple_staff.ods")
    ]
    for other in frames[1:]:
        pd.testing.assert_frame_equal(frames[0], other)
    fig = figures(read("simple_staff.ods"))
    assert fig["wte_total"] == 4.4 and fig["wte_registered"] == 2.4 and fig["wte_accredited_register"] == 1.0
    assert read("simple_staff.xls").staff["registration"].tolist() == ["none", "statutory", "accredited",
                                                                        "statutory", "statutory"]  # fmt: skip


def test_one_sheet_per_service_workbook() -> None:
    r = read("multi_service_sheets.xlsx")
    assert r.sheets == ["North PR", "South PR"]
    assert r.sheets_skipped["sheet"].tolist() == ["Read me", "Lists"]
    services = figures(r)["services"]
    assert {s: v["wte_total"] for s, v in services.items()} == {"North PR": 2.1, "South PR": 1.8}
    assert services["South PR"]["rows"] == {"read": 3, "accepted": 2, "reported": 1, "blank": 0}
    assert r.rows_for(sheet="South PR") == {"read": 3, "accepted": 2, "reported": 1, "blank": 0}


def test_service_column_in_an_ods() -> None:
    r = read("service_column.ods")
    assert r.staff.groupby("service")["wte"].sum().to_dict() == {
        "Hillcrest PR": 1.8,
        "Riverside PR": 1.5,
        "Team": 0.6,
    }
    assert r.issues["code"].tolist() == ["service_missing"]


def test_windows_1252_semicolon_csv() -> None:
    r = read("win1252_semicolon.csv")
    assert r.staff["name"].tolist() == ["Jürgen Müller", "Zoë Brontë", "José Núñez"]
    assert r.staff["wte"].tolist() == [0.6, 1.0, 1.0] and r.staff["band"].tolist() == ["6", "5", "8b"]


def test_esr_export_columns() -> None:
    r = read("esr_export.csv")
    assert r.staff["staff_id"].tolist() == ["12345678-1", "12345679-1", "12345680-1"]
    assert r.staff["band"].tolist() == ["6", "3", "8a"] and r.staff["wte"].tolist() == [1.0, 0.6, 0.8]
    assert r.staff["profession"].tolist() == [
        "Physiotherapist",
        "Rehabilitation assistant",
        "Physiotherapist",
    ]
    assert r.staff["service"].tolist() == [
        "344 Respiratory North",
        "344 Respiratory North",
        "344 Respiratory South",
    ]
    assert r.issues[["row", "column", "code"]].values.tolist() == [
        [5, "Contracted Hours", "wte_out_of_range"]
    ]
    assert r.row_status.loc[0, "name"] == "Anna Smith"


def test_london_competency_record() -> None:
    r = read("london_record.xlsx")
    assert r.rows_for("competencies") == {"read": 11, "accepted": 8, "reported": 2, "blank": 1}
    c = r.competencies
    first = c.iloc[0]
    assert (first["competency_id"], first["achieved"], first["self_assessed_on"]) == (
        "BTS-B3-CCS-01",
        True,
        pd.Timestamp(2025, 4, 1),
    )  # "01/04/2025" typed as text is the 1st of April
    assert (first["signed_off_by"], first["signed_off_on"]) == ("J Smith", pd.Timestamp(2025, 3, 12))
    assert (c.iloc[1]["signed_off_by"], c.iloc[1]["signed_off_on"]) == ("J Smith", pd.Timestamp(2025, 3, 12))
    assert c.iloc[1]["self_assessed_on"] == pd.Timestamp(2025, 4, 2)  # a real date cell
    by_row = c.set_index("row")
    assert by_row.loc[8, "in_progress"] and not by_row.loc[8, "achieved"]
    assert by_row.loc[9, "competency_id"] == "XC-02"  # matched from the statement "Conflict resolution"
    assert by_row.loc[9, "signed_off_by"] == "K Patel"
    codes = r.issues.set_index("row")["code"]
    assert codes.loc[6] == "not_signed_off" and codes.loc[11] == "staff_id_unknown"
    assert codes.loc[12] == "staff_id_missing" and codes.loc[14] == "competency_missing"
    assert sorted(r.issues.loc[r.issues["row"] == 13, "code"]) == ["competency_unknown", "date_invalid"]
    assert set(c["service"]) == {"Team"}


def test_wide_competency_columns() -> None:
    r = read("wide_competencies.xlsx")
    m = r.mapping.set_index("column")
    assert (
        m.loc["XC-01", "competency_id"] == "XC-01"
        and m.loc["Conflict resolution", "competency_id"] == "XC-02"
    )
    assert m.loc["Start date", "field"] == "start_date"  # read as the start date (issue 16), not a competency
    c = r.competencies
    k1 = c[c["staff_id"] == "K1"].set_index("competency_id")
    assert k1.loc["BTS-B3-CCS-01", "self_assessed_on"] == pd.Timestamp(2025, 3, 1)  # a date: achieved on it
    assert bool(k1.loc["XC-02", "achieved"]) and bool(
        k1.loc[m.loc["Spirometry", "competency_id"], "in_progress"]
    )
    assert "K3" not in set(c["staff_id"])  # the reported row's cells are reported too
    assert r.rows_for("competencies") == {"read": 15, "accepted": 11, "reported": 4, "blank": 0}
    unknown = r.issues[r.issues["code"] == "value_unknown"]
    assert unknown[["row", "column", "value"]].values.tolist() == [[5, "XC-01", "maybe"]]


@pytest.mark.parametrize("name", ["formula_injection.xlsx", "formula_injection.csv"])
def test_formula_like_cells_stay_text(name: str) -> None:
    r = read(name)
    assert r.staff["staff_id"].tolist() == ["=1+1", "-3"]
    assert r.staff["name"].tolist() == ['=HYPERLINK("http://example.invalid","click")', "Tabbed"]
    assert r.issues[["value", "code"]].values.tolist() == [["=A1", "band_unknown"]]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("garbage.xlsx", "not_spreadsheet"),
        ("empty.csv", "empty"),
        ("blank_workbook.xlsx", "empty"),
        ("word_document.xlsx", "not_spreadsheet"),
        ("no_header.xlsx", "no_header"),
        ("password.xlsx", "password_protected"),
        ("password.ods", "password_protected"),
        ("password.xls", "password_protected"),
    ],
)
def test_refusals(name: str, code: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RosterRefused) as info:
        read(name)
    assert info.value.code == code and name in info.value.message
    exit_code, out, err = run_cli([str(FIXTURES / name), "--json"], capsys)
    assert exit_code == 2 and json.loads(out) == {
        "refused": True,
        "code": code,
        "message": info.value.message,
    }
    exit_code, out, err = run_cli([str(FIXTURES / name)], capsys)
    assert exit_code == 2 and err.startswith(f"Refused ({code}): ") and "Traceback" not in err


def test_too_many_rows_is_refused(tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Staff ID", "Band", "WTE"])
    writer.writerows([f"P{i}", "5", "1"] for i in range(200_001))
    with pytest.raises(RosterRefused) as info:
        read_roster(buffer.getvalue().encode(), "huge.csv", catalogue=CATALOGUE)
    assert info.value.code == "too_many_rows" and "200,000" in info.value.message


def test_too_many_rows_in_a_workbook_is_refused_from_the_sheet_size(monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook

    import planner.ingest.sheets

    monkeypatch.setattr(planner.ingest.sheets, "MAX_ROWS", 50)  # the real limit, scaled down
    book = Workbook()
    book.active.append(["Staff ID", "Band", "WTE"])
    for i in range(200):
        book.active.append([f"P{i}", "5", 1])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(RosterRefused) as info:
        read_roster(buffer.getvalue(), "big.xlsx", catalogue=CATALOGUE)
    assert info.value.code == "too_many_rows" and "at most 50" in info.value.message


def test_the_sample_team_reads_cleanly() -> None:
    data, name = samples.sample_team_bytes()
    r = read_roster(data, name, catalogue=CATALOGUE)
    assert r.sheets == ["Staff", "Competencies"]
    assert r.rows["reported"] == 0 and r.rows["read"] == r.rows["accepted"]
    assert len(r.staff) > 10 and len(r.competencies) > 100
    assert set(r.issues["severity"]) <= {"warning"}


def test_the_blank_template_is_recognised_but_empty() -> None:
    from planner.paths import TEMPLATES_DIR

    path = TEMPLATES_DIR / "roster_template.xlsx"
    with pytest.raises(RosterRefused) as info:
        read_roster(path.read_bytes(), path.name, catalogue=CATALOGUE)
    assert info.value.code == "empty" and "column headers but no rows" in info.value.message


def test_cli_json_for_a_file_with_problems(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli([str(FIXTURES / "multi_service_sheets.xlsx"), "--json"], capsys)
    fig = json.loads(out)
    assert code == 1
    assert list(fig) == ["file", "sheets", "staff", "rows", "wte_total", "wte_by_band", "wte_registered",
                         "wte_accredited_register", "issues", "services"]  # fmt: skip
    assert fig["rows"] == {"read": 6, "accepted": 5, "reported": 1, "blank": 0} and fig["staff"] == 5
    assert fig["issues"][0] == {"sheet": "South PR", "row": 4, "staff_id": "S3", "column": "Band", "value": "Band 5/6",
                                "severity": "error", "code": "band_unknown", "message": fig["issues"][0]["message"],
                                "suggestion": "Band 5"}  # fmt: skip
    # The file records no registration: one warning after the read problems, never an error.
    assert [(i["code"], i["severity"]) for i in fig["issues"][1:]] == [
        ("registration_not_recorded", "warning")
    ]


def test_cli_exit_zero_and_no_names_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli([str(FIXTURES / "simple_staff.csv")], capsys)
    assert code == 0 and "5 rows read: 5 accepted, 0 reported, 0 blank" in out and "No problems found." in out
    assert "Amy Adams" not in out


def test_cli_show_names_sheet_and_map(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "messy_headers.xlsx")
    code, out, _ = run_cli([path], capsys)
    assert "Fay Wu" not in out and "E1006" in out
    code, out, _ = run_cli([path, "--show-names"], capsys)
    assert "E1006 Fay Wu" in out
    code, out, _ = run_cli(
        [str(FIXTURES / "multi_service_sheets.xlsx"), "--sheet", "North PR", "--json"], capsys
    )
    assert code == 0 and json.loads(out)["sheets"] == ["North PR"]
    code, out, _ = run_cli(
        [path, "--map", "Proffesion=profession", "--map", "staff group=ignore", "--json"], capsys
    )
    assert code == 1 and json.loads(out)["rows"]["accepted"] == 6
    code, out, err = run_cli([path, "--map", "Proffesion=favourite colour"], capsys)
    assert code == 2 and "is not a field" in err


def test_cli_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _err = run_cli([str(tmp_path / "nope.xlsx"), "--json"], capsys)
    assert code == 2 and json.loads(out)["code"] == "unreadable"


def test_dates_keep_uk_order_through_libreoffice() -> None:
    c = read("london_record.xlsx").competencies
    assert dt.date(2025, 5, 15) in set(c["self_assessed_on"].dropna().dt.date)
    assert dt.date(2025, 1, 4) not in set(c["self_assessed_on"].dropna().dt.date)
