"""AppTest of the Team page: sample, upload, refusal, sheet picker, column mapping, names, downloads."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from planner.views.session import SAMPLE_NAME

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "team.py")
FIXTURES = ROOT / "tests" / "fixtures" / "roster"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frame_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def upload(at: AppTest, name: str, mime: str = XLSX, data: bytes | None = None) -> AppTest:
    payload = (FIXTURES / name).read_bytes() if data is None else data
    return at.file_uploader(key="roster_file").upload(name, payload, mime).run()


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not app.exception
    return app


def test_opens_on_the_sample_team(at: AppTest) -> None:
    assert at.session_state["roster_name"] == SAMPLE_NAME
    m = metrics(at)
    rows = at.session_state["roster"].rows
    assert m["Rows read"] == f"{rows['read']:,}" and m["Reported"] == "0"
    assert any(SAMPLE_NAME in i.value for i in at.info)
    # No browser-side type filter: a wrong file is refused in the page, with the reason (issue 12).
    assert not at.file_uploader(key="roster_file").allowed_type


def test_upload_shows_the_accounting_and_problems_and_feeds_the_other_pages(at: AppTest) -> None:
    upload(at, "messy_headers.xlsx")
    assert not at.exception
    m = metrics(at)
    assert (m["Rows read"], m["Accepted"], m["Reported"], m["Blank"]) == ("13", "6", "5", "2")
    assert m["WTE"] == "4.30"
    assert at.session_state["roster_name"] == "messy_headers.xlsx"
    assert at.session_state["roster"].staff["staff_id"].tolist()[:2] == ["E1001", "E1002"]
    problems = frame_with(at, "Problem")
    assert problems["Problem"].tolist()[:2] == ["Registration body missing", "Band unknown"]
    assert problems.columns[:2].tolist() == ["Severity", "What to fix"]
    assert at.download_button(key="download_problems").label.startswith("Download the problem list")


def test_names_are_hidden_until_asked(at: AppTest) -> None:
    upload(at, "simple_staff.csv", "text/csv")
    staff = frame_with(at, "Staff ID")
    assert "Name" not in staff.columns and staff["Staff ID"].tolist() == ["S1", "S2", "S3", "S4", "S5"]
    assert at.toggle(key="show_names").value is False
    at.toggle(key="show_names").set_value(True).run()
    assert frame_with(at, "Staff ID")["Name"].tolist()[0] == "Amy Adams"


def test_a_refused_file_keeps_the_current_roster(at: AppTest) -> None:
    upload(at, "password.xlsx")
    assert not at.exception
    assert "password-protected" in at.error[0].value
    assert at.session_state["roster_name"] == SAMPLE_NAME


def test_a_picture_is_refused_in_the_page_and_replaces_the_last_error(at: AppTest) -> None:
    upload(at, "empty.csv", "text/csv", b"")
    assert [e.value for e in at.error] == ["'empty.csv' is empty. Choose the file that holds your team list."]
    upload(at, "photo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("'photo.png' is not a spreadsheet or CSV file")
    assert "not_spreadsheet" not in " ".join(c.value for c in at.caption)
    assert at.session_state["roster_name"] == SAMPLE_NAME


@pytest.mark.parametrize(
    ("name", "mime"),
    [("simple_staff.xls", "application/vnd.ms-excel"), ("simple_staff.ods", "application/octet-stream")],
)
def test_xls_and_ods_uploads(at: AppTest, name: str, mime: str) -> None:
    upload(at, name, mime)
    assert metrics(at)["Accepted"] == "5" and at.session_state["roster_name"] == name


def test_oversized_upload_is_refused_in_code(at: AppTest) -> None:
    upload(at, "big.csv", "text/csv", b"a" * (20 * 1024 * 1024 + 1))
    assert "the limit is 20 MB" in at.error[0].value
    assert at.session_state["roster_name"] == SAMPLE_NAME


def test_sheet_picker_for_a_workbook_of_services(at: AppTest) -> None:
    upload(at, "multi_service_sheets.xlsx")
    picker = at.selectbox(key="roster_sheet")
    assert picker.options == ["All data sheets", "North PR", "South PR"]
    assert metrics(at)["Rows read"] == "6"
    picker.set_value("South PR").run()
    assert (metrics(at)["Rows read"], metrics(at)["Accepted"]) == ("3", "2")


def test_editing_the_column_mapping_reads_the_file_again(at: AppTest) -> None:
    data = b"Staff ID,Bnad,WTE\nA1,5,1\nA2,6,0.5\n"
    upload(at, "bnad.csv", "text/csv", data)
    assert metrics(at)["Accepted"] == "0"
    # AppTest cannot type into a data editor; its edit state is seeded instead (ecosystem.md section 4)
    row = 1  # "Bnad" is the second row of the mapping table
    at.session_state["column_map"] = {
        "edited_rows": {row: {"Read as": "Band"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert (metrics(at)["Accepted"], metrics(at)["WTE"]) == ("2", "1.50")
    assert at.session_state["roster"].staff["band"].tolist() == ["5", "6"]


def test_a_mapping_to_no_field_is_reported_and_keeps_the_detected_reading(at: AppTest) -> None:
    upload(at, "bnad.csv", "text/csv", b"Staff ID,Bnad,WTE\nA1,5,1\n")
    at.session_state["column_map"] = {
        "edited_rows": {1: {"Read as": "Favourite colour"}},  # not a choice the editor offers
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert any("'Favourite colour' is not a field" in e.value for e in at.error)


def test_a_new_file_starts_from_the_detected_mapping(at: AppTest) -> None:
    upload(at, "bnad.csv", "text/csv", b"Staff ID,Bnad,WTE\nA1,5,1\n")
    at.session_state["column_map"] = {
        "edited_rows": {1: {"Read as": "Band"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert metrics(at)["Accepted"] == "1"
    upload(at, "simple_staff.csv", "text/csv")  # its second column is Name: the old edit must not apply
    assert (metrics(at)["Accepted"], metrics(at)["Reported"]) == ("5", "0")


def test_use_the_sample_team_restores_it(at: AppTest) -> None:
    upload(at, "simple_staff.csv", "text/csv")
    assert at.session_state["roster_name"] == "simple_staff.csv"
    at.button(key="use_sample").click().run()
    assert at.session_state["roster_name"] == SAMPLE_NAME
    assert any(SAMPLE_NAME in i.value for i in at.info)


def test_problem_download_holds_the_csv(at: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.runtime.media_file_manager import MediaFileManager

    captured: dict[str, bytes] = {}
    original = MediaFileManager.add

    def record(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name:
            captured[file_name] = path_or_data
        return original(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", record)
    upload(at, "formula_injection.csv", "text/csv")
    text = captured["formula_injection-problems.csv"].decode("utf-8-sig")
    assert text.splitlines()[0] == "sheet,row,staff_id,column,value,expected,severity,code,message"
    assert "'=A1" in text  # formula-like text is neutralised in the download


def test_the_blank_template_downloads_as_a_workbook_with_the_staff_headers(deferred) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    button = at.download_button(key="download_template")
    assert button.label == "Download the blank roster template"
    book = openpyxl.load_workbook(io.BytesIO(deferred["roster_template.xlsx"]()))
    assert [c.value for c in book["Staff"][1]] == [
        "Staff ID", "Name", "Service", "Band", "WTE", "Function",
        "Profession", "Registration body", "Career level", "Role", "Judged at", "Leaving date",
    ]  # fmt: skip
    assert book.sheetnames[:3] == ["Staff", "Competencies", "Read-me"]


def test_lead_sets_the_level_a_person_is_judged_at(at: AppTest) -> None:
    from planner import coverage
    from planner.reference import frameworks
    from planner.views.session import Keys

    roster = at.session_state[Keys.ROSTER]
    bts = frameworks.get("bts")
    levels = coverage.person_levels(roster.staff, bts)
    lead = levels[levels["level_id"] == "lead"]
    who = str(lead[lead["band"] == "7"]["staff_id"].iloc[0])  # the band 7 who also leads part-time
    at.selectbox(key="judge_person").set_value(who)
    at.selectbox(key="judge_level").set_value("Band 7")
    at.button(key="judge_apply").click().run()
    assert not at.exception
    assert at.session_state[Keys.LEVEL_OVERRIDES] == {who: "Band 7"}
    after = coverage.person_levels(at.session_state[Keys.ROSTER].staff, bts)
    assert set(after.loc[after["staff_id"] == who, "level_id"]) == {"band7"}
    assert any(f"{who} is judged at Band 7 (set by hand)." in c.value for c in at.caption)
    at.run()  # a rerun keeps the level
    again = coverage.person_levels(at.session_state[Keys.ROSTER].staff, bts)
    assert set(again.loc[again["staff_id"] == who, "level_id"]) == {"band7"}
