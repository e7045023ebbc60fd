"""AppTest of the Team page's corrections: rejected rows fixed in the app, figures rerun, download."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from planner import samples
from planner.views.corrections import Fix

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "team.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def typo_roster() -> bytes:
    """A synthetic team with "Bnad 5" in one row (rejected) and "Delivring PR" in another (kept)."""
    team = samples.generate_team(21, service="Seaview PR")
    staff = team.staff.copy()
    staff.loc[3, "Band"] = "Bnad 5"
    staff.loc[4, "Function"] = "Delivring PR"
    return samples.to_xlsx(samples.Sample(staff, team.records))


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.fixture
def at(deferred) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=90).run()
    app.file_uploader(key="roster_file").upload("typo.xlsx", typo_roster(), XLSX).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_rejected_rows_are_listed_with_staff_id_whole_message_and_suggestion(at: AppTest) -> None:
    assert metrics(at)["Reported"] == "1" and metrics(at)["People"] == "17"
    text = " ".join(m.value for m in at.markdown)
    assert (
        "Staff row 5, SYN10004: Band: Band 'Bnad 5' is not an Agenda for Change band \\(1 to 9, with 8a to 8d\\)."
        in text
    )
    assert "Did you mean Band: 'Band 5'?" in text
    assert "Staff row 6, SYN10005: Function: Function 'Delivring PR'" in text
    problems = next(d.value for d in at.dataframe if {"Staff ID", "What to fix"} <= set(d.value.columns))
    bnad = problems["What to fix"].str.contains("Bnad 5", regex=False)
    assert problems.loc[bnad, "Staff ID"].tolist() == ["SYN10004"]
    assert not at.session_state["roster"].staff["staff_id"].eq("SYN10004").any()


def test_use_the_suggestions_counts_the_person_and_offers_the_corrected_roster(
    at: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.runtime.media_file_manager import MediaFileManager

    captured: dict[str, bytes] = {}
    original = MediaFileManager.add

    def record(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name:
            captured[file_name] = path_or_data
        return original(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", record)
    at.button(key="use_suggestions").click().run()
    assert not at.exception
    assert metrics(at)["Reported"] == "0" and metrics(at)["People"] == "18"
    roster = at.session_state["roster"].staff.set_index("staff_id")
    assert roster.loc["SYN10004", "band"] == "5" and roster.loc["SYN10005", "function"] == "delivering"
    assert any("2 cell(s) corrected: 1 more staff row(s) accepted (18 → 19)" in s.value for s in at.success)
    button = at.download_button(key="download_corrected")
    assert button.label.startswith("Download the corrected roster")
    book = openpyxl.load_workbook(io.BytesIO(captured["typo-corrected.xlsx"]))
    assert book.sheetnames == ["Staff", "Competencies"]
    assert (book["Staff"]["D5"].value, book["Staff"]["F6"].value) == ("Band 5", "Delivering PR")
    assert book["Staff"]["A5"].value == "SYN10004" and book["Staff"]["E5"].value == 0.2


def test_a_typed_correction_is_kept_when_coming_back(at: AppTest) -> None:
    # AppTest cannot type into a data editor; its edit state is seeded instead (ecosystem.md section 4)
    at.session_state["row_fixes_editor"] = {
        "edited_rows": {0: {"Band": "5"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert metrics(at)["People"] == "18"
    _, fixes = at.session_state["roster_fixes"]
    assert fixes == [Fix("Staff", 5, "Band", "5")]
    # the editor's own state is gone after a visit to another page; the fix is not
    del at.session_state["row_fixes_editor"]
    at.run()
    assert metrics(at)["People"] == "18"
