"""AppTests of the Coverage page's what-if, lapsed lists and heatmap selection (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planner import coverage, samples
from planner.coverage.whatif import Change
from planner.reference import frameworks
from planner.views.session import SAMPLE_NAME, sample_roster
from planner.views.whatif import whatif_view

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def importable_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT))


def open_coverage(**state: object) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "coverage.py"), default_timeout=90)
    at.session_state["roster"] = sample_roster()
    at.session_state["roster_name"] = SAMPLE_NAME
    at.session_state["coverage_as_of"] = samples.SAMPLE_AS_OF
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest, columns: set[str]) -> pd.DataFrame:
    found = [d.value for d in at.dataframe if columns <= set(d.value.columns)]
    assert found, f"no table with {columns}"
    return found[0]


def test_lapsed_items_are_listed_apart_from_expiring_with_days() -> None:
    at = open_coverage()
    lapsed = table(at, {"Lapsed on", "Overdue"})
    expiring = table(at, {"Lapses on", "Days left"})
    expired = int(next(m.value for m in at.metric if m.label == "Expired"))
    roster = sample_roster()
    st = coverage.statuses(roster.staff, roster.competencies, frameworks.get("bts"), samples.SAMPLE_AS_OF)
    assert len(lapsed) == expired > 0  # every expired status is listed, by person
    assert len(expiring) == len(coverage.expiring(st, samples.SAMPLE_AS_OF, 90)) > 0
    assert lapsed["Overdue"].str.endswith(("overdue", "recorded")).all()
    assert expiring["Days left"].between(0, 90).all()
    assert lapsed["Staff ID"].is_monotonic_increasing
    people = table(at, {"Most days overdue"})
    assert people["Lapsed"].sum() == expired
    assert any(f"{expired} item(s) have lapsed" in c.value for c in at.caption)


def test_whatif_compares_a_leaver_and_a_new_post_with_today() -> None:
    at = open_coverage()
    assert any("Choose a leaver" in i.value for i in at.info)
    at.multiselect(key="whatif_leavers").set_value(["SYN10004"])
    at.number_input(key="whatif_add_posts").set_value(2)
    at.run()
    assert not at.exception
    staff = sample_roster().staff
    people, wte = staff["staff_id"].nunique(), round(float(staff["wte"].sum()), 2)
    leaver = staff[staff["staff_id"] == "SYN10004"]
    overall = table(at, {"Measure", "Today", "What-if"}).set_index("Measure")
    assert overall.loc["People"].tolist() == [str(people), str(people + 1)]
    assert overall.loc["WTE"].tolist() == [str(wte), str(round(wte - float(leaver["wte"].sum()) + 2.0, 2))]
    by_band = table(at, {"Band", "People today", "People what-if"}).set_index("Band")
    band5 = int(staff.loc[staff["band"] == "5", "staff_id"].nunique())
    assert by_band.loc["Band 5", ["People today", "People what-if"]].tolist() == [band5, band5 + 2]
    band3 = int(staff.loc[staff["band"] == "3", "staff_id"].nunique())
    assert leaver["band"].tolist() == ["3"]
    assert by_band.loc["Band 3", ["People today", "People what-if"]].tolist() == [band3, band3 - 1]
    caption = next(c.value for c in at.caption if c.value.startswith("What-if ("))
    assert "SYN10004 leaves" in caption and "New post: Band 5, Delivering PR, 1.00 WTE" in caption
    expected = whatif_view(
        staff,
        sample_roster().competencies,
        frameworks.get("bts"),
        samples.SAMPLE_AS_OF,
        [Change("remove", "SYN10004"), *[Change("add", None, "5", "delivering", 1.0)] * 2],
    )
    today_spof, new_spof = [d.value for d in at.dataframe if {"Holders", "Who"} <= set(d.value.columns)][:2]
    first_ids = new_spof["References"].str.split(", ").str[0]
    assert sorted(first_ids) == expected.spof_new
    assert set(new_spof["References"]).isdisjoint(today_spof["References"])
    assert not new_spof["Who"].astype(str).str.contains("SYN10004").any()


def test_whatif_move_changes_band_counts() -> None:
    at = open_coverage()
    at.selectbox(key="whatif_move_who").set_value("SYN10005")
    at.selectbox(key="whatif_move_band").set_value("6")
    at.run()
    assert not at.exception
    by_band = table(at, {"Band", "People today", "People what-if"}).set_index("Band")
    assert by_band.loc["Band 6", ["People today", "People what-if"]].tolist() == [6, 7]
    # the move alone, without a band or function, is no change
    at.selectbox(key="whatif_move_band").set_value("")
    at.run()
    assert any("Choose a leaver" in i.value for i in at.info)


def test_a_selected_heatmap_cell_shows_the_people_behind_it() -> None:
    at = open_coverage()
    band = json.loads(at.get("plotly_chart")[0].proto.spec)
    targets = band["data"][1]
    assert targets["type"] == "scatter"
    point = targets["customdata"][0]  # Band 3 × the first domain
    at.session_state["coverage_heatmap"] = {
        "selection": {"points": [{"curve_number": 1, "point_index": 0, "customdata": point}]}
    }
    at.run()
    assert not at.exception
    people = table(at, {"Staff ID", "Required", "Verified share"})
    assert set(people["Band"]) == {"Band 3"} and len(people) == point[5]
    assert any("From the cell selected in the chart" in c.value for c in at.caption)
