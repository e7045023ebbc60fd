"""The seeded sample generator and the blank template: realistic, reproducible, synthetic."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from planner import samples
from planner.ingest import template
from planner.reference import frameworks
from planner.vocab import function_label

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def team() -> samples.Sample:
    return samples.generate_team(7)


def test_same_seed_same_team_other_seed_other_team(team: samples.Sample) -> None:
    again = samples.generate_team(7)
    pd.testing.assert_frame_equal(team.staff, again.staff)
    pd.testing.assert_frame_equal(team.records, again.records)
    other = samples.generate_team(8)
    assert not other.staff.equals(team.staff)


def test_team_is_a_realistic_pr_team(team: samples.Sample) -> None:
    staff = team.staff
    people = staff["Staff ID"].nunique()
    assert 15 <= people <= 25
    bands = set(staff["Band"])
    assert {"Band 3", "Band 4", "Band 5", "Band 6", "Band 7"} <= bands
    assert bands <= {f"Band {b}" for b in ("3", "4", "5", "6", "7", "8a", "8b")}
    assert set(staff["Function"]) == {
        function_label(f) for f in ("supporting", "delivering", "leading", "delivering_managing")
    }
    assert staff["WTE"].between(0.1, 1.0).all() and staff["WTE"].nunique() >= 3
    assert {"HCPC", "NMC", "AHCS", ""} <= set(staff["Registration body"])
    # one person holds two posts: two rows, one id, WTE adding to at most 1.0
    dual = staff[staff.duplicated("Staff ID", keep=False)]
    assert len(dual) == 2 and len(set(dual["Staff ID"])) == 1 and dual["WTE"].sum() <= 1.0
    assert staff["Staff ID"].str.fullmatch(r"SYN\d{5}").all()


def test_records_mix_every_state(team: samples.Sample) -> None:
    rec = team.records
    answers = rec["Achieved? (yes / no) Self-assessment"].value_counts()
    assert set(answers.index) == {"Yes", "No", "In progress"}
    signed = rec["Signed off – name and date"] != ""
    assert 0.5 < signed.mean() < 0.9  # most verified, some only self-assessed
    assert (
        rec.loc[signed, "Signed off – name and date"].str.fullmatch(r"[A-Z]\. \w+ \d{2}/\d{2}/\d{4}")
    ).all()
    assert rec["Date of self-assessment"].max() < samples.SAMPLE_AS_OF
    known = set(frameworks.get("bts").competencies["competency_id"])
    known |= set(frameworks.load_all()["cross_cutting"].competencies["competency_id"])
    assert set(rec["Reference no."]) <= known
    assert not rec.duplicated(["Staff ID", "Reference no."]).any()


def test_some_life_support_certificates_have_expired(team: samples.Sample) -> None:
    cross = frameworks.load_all()["cross_cutting"]
    renew = cross.competencies.dropna(subset=["renewal_months"])
    bls = renew.iloc[0]
    rec = team.records[
        (team.records["Reference no."] == bls["competency_id"])
        & (team.records["Signed off – name and date"] != "")
    ]
    signed = pd.to_datetime(rec["Signed off – name and date"].str[-10:], format="%d/%m/%Y")
    cutoff = pd.Timestamp(samples.SAMPLE_AS_OF) - pd.DateOffset(months=int(bls["renewal_months"]))
    assert (signed < cutoff).sum() >= 1
    assert (signed >= cutoff).sum() >= 1


def test_region_has_six_services_with_distinct_ids() -> None:
    region = samples.generate_region(11)
    assert region.staff["Service"].nunique() == 6
    per_person = region.staff.drop_duplicates("Staff ID").groupby("Service").size()
    assert per_person.min() >= 8
    assert region.staff.groupby("Staff ID")["Service"].nunique().max() == 1


def test_committed_samples_match_the_generator() -> None:
    """The committed workbooks are exactly what the seeded generator writes (no hand edits)."""
    for (data, _name), sample in (
        (samples.sample_team_bytes(), samples.generate_team(7)),
        (samples.sample_region_bytes(), samples.generate_region(11)),
    ):
        staff = pd.read_excel(
            io.BytesIO(data), sheet_name="Staff", engine="calamine", dtype=str, keep_default_na=False
        )
        assert list(staff["Staff ID"]) == list(sample.staff["Staff ID"])
        assert list(staff["Band"]) == list(sample.staff["Band"])


def test_template_has_sheets_validation_and_dictionary() -> None:
    book = openpyxl.load_workbook(io.BytesIO(template.template_bytes()))
    assert book.sheetnames[:3] == ["Staff", "Competencies", "Read-me"]
    staff = book["Staff"]
    assert [c.value for c in staff[1]] == [*samples.STAFF_COLUMNS, "Judged at", "Leaving date"]
    assert [c.value for c in book["Competencies"][1]] == list(samples.RECORD_COLUMNS)
    lists = {str(dv.sqref): dv.formula1 for dv in staff.data_validations.dataValidation}
    assert any("Lists!$A$2" in f for f in lists.values())  # band drop-down
    assert any("Lists!$B$2" in f for f in lists.values())  # function drop-down
    comp_dv = [dv.formula1 for dv in book["Competencies"].data_validations.dataValidation]
    assert any("Lists!$C$2" in f for f in comp_dv)  # yes / no / in progress
    band_list = [c.value for c in book["Lists"]["A"][1:]]
    assert band_list[0] == "Band 1" and "Band 8a" in band_list and band_list[-1] == "Band 9"
    readme = [[c.value for c in row] for row in book["Read-me"].iter_rows(min_row=5)]
    assert len(readme) == len(template.DATA_DICTIONARY)
    assert readme[0][0] == "Staff ID"
    described = {row[0]: row[4] for row in readme if row[1] == "Staff"}
    assert "Framework level" in described["Judged at"] and "Band 6" in described["Judged at"]
    assert "single points of failure" in described["Leaving date"]
    leaving = [dv for dv in staff.data_validations.dataValidation if dv.type == "date"]
    assert [str(dv.sqref) for dv in leaving] == ["L2:L501"]  # the Leaving date column takes dates only


def test_a_filled_in_template_is_read_with_its_optional_columns() -> None:
    """A lead's Judged at and Leaving date reach the roster the coverage reads."""
    from planner.coverage.spof import leaving_dates
    from planner.ingest.read import read_roster
    from planner.reference.catalogue import load_catalogue

    book = openpyxl.load_workbook(io.BytesIO(template.template_bytes()))
    staff = book["Staff"]
    staff.append(["SYN00001", "", "", "Band 7", 1.0, "", "Physiotherapist", "HCPC", "", "", "Band 6",
                  datetime(2027, 1, 31)])  # fmt: skip
    staff.append(["SYN00002", "", "", "Band 5", 0.6, "", "Nurse", "NMC", "", "", "", None])
    buf = io.BytesIO()
    book.save(buf)
    read = read_roster(buf.getvalue(), "filled.xlsx", catalogue=load_catalogue())
    by_id = read.staff.set_index("staff_id")
    assert by_id.loc["SYN00001", "judged_at"] == "Band 6"
    assert pd.isna(by_id.loc["SYN00002", "judged_at"])
    assert leaving_dates(read.staff) == {"SYN00001": datetime(2027, 1, 31).date()}


def test_data_dictionary_file_matches_code() -> None:
    on_disk = pd.read_csv(template.SAMPLES_DIR / template.DICTIONARY_FILE, keep_default_na=False)
    pd.testing.assert_frame_equal(on_disk, template.dictionary_frame())


def test_sample_dates_are_real_excel_dates() -> None:
    data, _ = samples.sample_team_bytes()
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    cell = next(book["Competencies"].iter_rows(min_row=2, max_row=2, min_col=5, max_col=5))[0]
    assert isinstance(cell.value, datetime)


def test_the_cli_writes_the_blank_template_and_dictionary_the_repository_ships(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli import main

    assert main(["sample", "--template", str(tmp_path)]) == 0
    assert "roster_template.xlsx" in capsys.readouterr().out
    written = openpyxl.load_workbook(tmp_path / template.TEMPLATE_FILE)
    shipped = openpyxl.load_workbook(template.TEMPLATES_DIR / template.TEMPLATE_FILE)
    assert written.sheetnames == shipped.sheetnames
    header = [c.value for c in next(written["Staff"].iter_rows(max_row=1))]
    assert header == [c.value for c in next(shipped["Staff"].iter_rows(max_row=1))]
    assert (tmp_path / template.DICTIONARY_FILE).read_text() == (
        template.SAMPLES_DIR / template.DICTIONARY_FILE
    ).read_text()
    assert main(["sample"]) == 2  # neither --out nor --template
