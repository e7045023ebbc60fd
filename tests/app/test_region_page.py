"""AppTest of the Region page: one service points to Expansion; a region is modelled, suppressed, ranked,
and its drill-down cuts the other pages to one service."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planner import samples
from planner.export.suppress import SYMBOL
from planner.views import region as rv
from planner.views.session import Keys, read_team

pytestmark = pytest.mark.app

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGE = "pages/region.py"
POPULATIONS = [150_000, 200_000, 250_000, 300_000, 350_000, 400_000]


def region_with_services_sheet() -> tuple[bytes, str]:
    """The sample region with a Services sheet: one population per service, Westmoor with its own uptake."""
    data, _ = samples.sample_region_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    services = rv.roster_services(read_team(data, "r.xlsx").staff)
    del wb["Services"]  # the sample's own sheet, replaced by the test's populations
    ws = wb.create_sheet("Services")
    ws.append(["Service", "Population", "Uptake"])
    for s, pop in zip(services, POPULATIONS, strict=True):
        ws.append([s, pop, 0.5 if s == "Westmoor PR" else None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), "my_region.xlsx"


def with_region(at: AppTest) -> AppTest:
    data, name = region_with_services_sheet()
    at.session_state[Keys.ROSTER] = read_team(data, name)
    at.session_state[Keys.ROSTER_NAME] = name
    at.session_state[Keys.ROSTER_UPLOAD] = (data, name)
    return at


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, column
    return found[0]


def region_page(timeout: int = 300) -> AppTest:
    """The app, opened on the Region page (page links need the app's navigation)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.switch_page(PAGE)
    return at


def test_one_service_says_so_and_opens_the_sample_region_with_its_populations() -> None:
    at = region_page().run()
    assert not at.exception, at.exception
    assert "one service" in at.info[0].value and "Expansion page" in at.info[0].value
    at.button(key="open_sample_region").click().run()
    assert not at.exception, at.exception
    # the sample region's Services sheet gives every population: the region is modelled at once
    assert not at.warning
    shown = table_with(at, "Required WTE")
    assert shown["Service"].tolist() == [*rv.roster_services(at.session_state[Keys.ROSTER].staff), "Region"]
    assert int(shown["Population"].iloc[0]) == 1_117_000


def test_without_a_services_sheet_every_population_is_asked_for() -> None:
    data, _ = samples.sample_region_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    del wb["Services"]
    out = io.BytesIO()
    wb.save(out)
    at = region_page()
    at.session_state[Keys.ROSTER] = read_team(out.getvalue(), "no_sheet.xlsx")
    at.session_state[Keys.ROSTER_NAME] = "no_sheet.xlsx"
    at.session_state[Keys.ROSTER_UPLOAD] = (out.getvalue(), "no_sheet.xlsx")
    at.run()
    assert not at.exception, at.exception
    text = at.warning[0].value
    assert text.startswith("The region cannot be modelled yet")
    for s in ("North Shore PR", "Westmoor PR", "Central PR"):
        assert f"{s}: enter its Population or Eligible population." in text
    assert not at.get("plotly_chart")


@pytest.fixture(scope="module")
def opened() -> AppTest:
    at = with_region(region_page()).run()
    assert not at.exception, at.exception
    return at


def test_services_side_by_side_with_small_numbers_hidden(opened: AppTest) -> None:
    at = opened
    shown = table_with(at, "Required WTE")
    assert shown["Service"].tolist()[-1] == "Region"
    assert len(shown) == 7
    body = shown.iloc[:-1]
    # populations from the sheet, each service modelled against its own
    assert [int(p) for p in body["Population"]] == POPULATIONS
    required = [float(x) for x in body["Required WTE"]]
    assert float(shown["Required WTE"].iloc[-1]) == pytest.approx(sum(required), abs=0.02)
    # at 7 nothing in the sample is small (the smallest service has 9 people): totals shown and true
    people = [int(x) for x in body["People in post"]]
    assert min(people) == 9 and int(shown["People in post"].iloc[-1]) == sum(people)
    assert "1 to 7" in " ".join(c.value for c in at.caption)
    # Westmoor's own uptake (0.5 in the sheet, against 0.6 for the region) gives it the least WTE per head
    per_head = {s: r / p for s, r, p in zip(body["Service"], required, POPULATIONS, strict=True)}
    assert min(per_head, key=per_head.get) == "Westmoor PR"
    editor = at.session_state["region_services_editor"]
    assert editor is not None
    assert any(m.value.startswith("6 services need") for m in at.markdown)


def test_a_threshold_of_ten_hides_the_small_service_and_one_more(opened: AppTest) -> None:
    at = opened
    at.selectbox(key="region_threshold").set_value(10).run()
    assert not at.exception, at.exception
    shown = table_with(at, "Required WTE").set_index("Service")
    assert shown.loc["Westmoor PR", "People in post"] == SYMBOL
    assert shown.loc["Westmoor PR", "Gap WTE (required − in post)"] == SYMBOL
    hidden = shown.index[shown["People in post"] == SYMBOL].tolist()
    assert len(hidden) == 2 and "Region" not in hidden
    assert all(isinstance(v, (int, float)) or v == SYMBOL for v in shown["Required WTE"])
    assert SYMBOL not in set(shown["Required WTE"])
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    bar = chart["data"][0]
    assert bar["text"][bar["y"].index("Westmoor PR")] == f"{SYMBOL} not ranked: small numbers"
    assert sorted(bar["y"][-2:]) == bar["y"][-2:] == sorted(hidden)  # unranked, after the ranked ones
    assert chart["layout"]["title"]["text"].startswith("Where investment does most")


def test_choosing_a_service_cuts_the_people_page_to_it(opened: AppTest) -> None:
    at = opened
    at.selectbox(key="region_drill_service").set_value("Hillcrest PR").run()
    assert not at.exception, at.exception
    assert at.session_state[Keys.SERVICE_FILTER] == "Hillcrest PR"
    roster = at.session_state[Keys.ROSTER]
    hill = roster.staff[roster.staff["service"] == "Hillcrest PR"]
    at.switch_page("pages/people.py").run()
    people = at
    assert not people.exception, people.exception
    assert set(people.selectbox(key="person").options) == set(hill["staff_id"].astype(str))
    assert "Showing Hillcrest PR only" in people.info[0].value
    people.button(key="clear_service_filter").click().run()
    assert people.session_state[Keys.SERVICE_FILTER] is None
    assert len(people.selectbox(key="person").options) == roster.staff["staff_id"].nunique()


def test_the_business_case_page_builds_the_regional_pack_with_small_numbers_hidden() -> None:
    data, name = samples.sample_region_bytes()
    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state[Keys.ROSTER] = read_team(data, name)
    at.session_state[Keys.ROSTER_NAME] = name
    at.session_state[Keys.ROSTER_UPLOAD] = (data, name)
    at.switch_page("pages/business_case.py").run()
    assert not at.exception, at.exception
    assert any("regional business case" in m.value for m in at.markdown)
    at.selectbox(key="regional_pack_threshold").set_value(10).run()
    at.button(key="build_regional_pack").click().run()
    assert not at.exception, at.exception
    _, zipped, filename = at.session_state["built_regional_pack"]
    assert filename.startswith("regional-business-case-")
    z = zipfile.ZipFile(io.BytesIO(zipped))
    wb = openpyxl.load_workbook(io.BytesIO(z.read("regional_business_case.xlsx")))
    rows = list(wb["Services"].iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "Service")
    people_col = rows[head].index("People in post")
    people = {r[0]: r[people_col] for r in rows[head + 1 :] if r[0]}
    assert people["Westmoor PR"] == SYMBOL  # 9 people, hidden at 10
    assert not [v for v in people.values() if isinstance(v, (int, float)) and 1 <= v <= 10]
    assert people["Region"] == at.session_state[Keys.ROSTER].staff["staff_id"].nunique()


def test_the_region_table_downloads_are_suppressed(deferred) -> None:
    at = with_region(region_page())
    at.run()
    at.selectbox(key="region_threshold").set_value(10).run()
    assert not at.exception, at.exception
    csv = pd.read_csv(io.BytesIO(deferred["region-services.csv"]()), encoding="utf-8-sig", dtype=str)
    people = csv.set_index("Service")["People in post"]
    assert people["Westmoor PR"] == SYMBOL
    assert not [v for v in people if v != SYMBOL and 1 <= float(v) <= 10]
    # every figure drawn from a hidden service's staff is hidden with its count (WTE, gap, cost)
    staff_cols = [c for c in csv.columns if any(w in c.lower() for w in ("in-post", "gap", "shortfall"))]
    assert len(staff_cols) >= 4
    hidden = csv[csv["People in post"] == SYMBOL]
    assert len(hidden) >= 2 and (hidden[staff_cols] == SYMBOL).all().all()
    wb = openpyxl.load_workbook(io.BytesIO(deferred["region-services.xlsx"]()))
    values = [c for row in wb.active.iter_rows(values_only=True) for c in row]
    assert SYMBOL in values


def test_edits_are_modelled_only_when_the_button_is_pressed() -> None:
    at = with_region(region_page()).run()
    assert not at.exception, at.exception
    before = float(table_with(at, "Required WTE")["Required WTE"].iloc[0])
    at.session_state["region_services_editor"] = {
        "edited_rows": {0: {"Population served": 3_000_000.0}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception
    assert any("not modelled yet" in i.value for i in at.info)
    assert float(table_with(at, "Required WTE")["Required WTE"].iloc[0]) == before  # the edit waits
    at.button(key="region_model").click().run()
    assert not at.exception, at.exception
    assert not any("not modelled yet" in i.value for i in at.info)
    assert float(table_with(at, "Required WTE")["Required WTE"].iloc[0]) > before
