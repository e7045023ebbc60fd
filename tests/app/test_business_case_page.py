"""AppTest of the Business case page: its widgets, the build with its status, and the ZIP it gives."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from planner import export
from planner.expansion.scenario import load_scenario
from planner.pack import build as pack
from planner.pack import contents
from planner.views.session import SAMPLE_NAME, sample_roster

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "business_case.py")


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Count pack builds and record their arguments (the page must build only when asked)."""
    calls: list[dict] = []
    real = pack.build_pack

    def spy(*args, **kwargs):
        calls.append({"scenario": args[1], **kwargs})
        return real(*args, **kwargs)

    monkeypatch.setattr(pack, "build_pack", spy)
    return calls


def build(at: AppTest) -> bytes:
    """Press Build: a status with its steps, then the download of the ZIP it kept for these choices."""
    at.button(key="build_pack").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.status[0].label.startswith("Pack built:")
    assert at.status[0].markdown[0].value.startswith("Coverage, skill mix and the expansion model")
    assert at.download_button(key="download_pack").label == "Download the pack (ZIP)"
    return at.session_state["built_pack"][1]


def open_page(**state: object) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["roster"] = sample_roster()
    at.session_state["roster_name"] = SAMPLE_NAME
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_widgets_preview_and_nothing_built_before_the_click(
    deferred: dict[str, Callable[[], bytes]], builds: list[dict]
) -> None:
    at = open_page()
    assert at.selectbox(key="pack_scenario").value == "status_quo"
    assert at.selectbox(key="pack_framework").value == "bts"
    assert at.toggle(key="pack_names").value is False
    assert at.button(key="build_pack").label == "Build business-case pack"
    assert not at.download_button and not at.status and not deferred
    assert builds == []  # nothing is built while the page renders
    preview = at.markdown[-1].value
    assert preview.count("\n- ") == len(contents.pack_contents()) - 1
    assert "business_case.xlsx" in preview and "people.xlsx" not in preview
    assert not at.warning


def test_the_download_is_the_pack_with_the_chosen_scenario_and_no_names(
    deferred: dict[str, Callable[[], bytes]], builds: list[dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "browser_path", lambda: None)  # images are tested in tests/integration
    at = open_page()
    at.selectbox(key="pack_scenario").select("long_term_plan").run()
    at.selectbox(key="pack_framework").select("london").run()
    assert not at.exception
    data = build(at)
    assert len(builds) == 1
    assert builds[0]["scenario"].name == "long_term_plan"
    assert builds[0]["framework_id"] == "london" and builds[0]["include_names"] is False
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        wb = openpyxl.load_workbook(io.BytesIO(z.read("business_case.xlsx")))
    assert names[0] == "README.txt" and "people.xlsx" not in names
    assert wb["Summary"]["A1"].value == "Business case: North Shore PR"
    params = {r[1]: r[2] for r in wb["Parameters"].iter_rows(min_row=4, values_only=True) if r[0]}
    target = params["Referral rate in the target year (assumption)"]
    assert target == load_scenario("long_term_plan")["referral_rate_target"]
    ids = set(sample_roster().staff["staff_id"])
    cells = {str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None}
    assert not {c for c in cells if any(i in c for i in ids)}


def test_names_toggle_warns_and_adds_people_xlsx(
    deferred: dict[str, Callable[[], bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "browser_path", lambda: None)
    at = open_page()
    at.toggle(key="pack_names").set_value(True).run()
    assert "personal data" in at.warning[0].value
    assert "people.xlsx" in at.markdown[-1].value
    with zipfile.ZipFile(io.BytesIO(build(at))) as z:
        people = openpyxl.load_workbook(io.BytesIO(z.read("people.xlsx")))["People"]
    header = [c.value for c in people[3]]
    assert header[:2] == ["Staff ID", "Name"]
    first = sample_roster().staff.sort_values("staff_id").iloc[0]
    assert (people["A4"].value, people["B4"].value) == (first["staff_id"], first["name"])


def test_no_team_loaded_says_where_to_go() -> None:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception
    assert "Team page" in at.info[0].value
    assert not at.download_button


def test_the_session_scenario_is_the_default_and_its_edits_are_shown(
    deferred: dict[str, Callable[[], bytes]], builds: list[dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "browser_path", lambda: None)
    base = load_scenario("long_term_plan")
    edited = base.with_overrides(referral_rate_target=0.5)
    edited = type(edited)(**{**edited.__dict__, "title": "Long Term Plan expansion (edited)"})
    at = open_page(working_scenario=edited, working_base="long_term_plan")
    assert at.selectbox(key="pack_scenario").value == "session"
    edits = next(d.value for d in at.dataframe if "Edited value" in d.value.columns)
    assert edits.to_dict("records") == [
        {
            "Parameter": "Referral rate in the target year",
            "Value in the scenario": "60% of the eligible population referred per year",
            "Edited value": "50% of the eligible population referred per year",
        }
    ]
    assert any("Long Term Plan expansion (edited)" in m.value for m in at.markdown)
    at.slider(key="pack_threshold").set_value(90).run()
    build(at)
    assert builds[0]["scenario"]["referral_rate_target"] == 0.5
    assert builds[0]["threshold"] == pytest.approx(0.9)
    # the stock scenarios stay choices
    at.selectbox(key="pack_scenario").select("status_quo").run()
    assert not at.exception
    assert any("No edits" in c.value for c in at.caption)
