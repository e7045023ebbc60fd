"""The pack and the pages agree by construction: each sheet is its page's view, only renamed.

The pack is built once for the sample team; each sheet of ``business_case.xlsx`` is read back and
compared with the table the page's view holds for the same roster, date and scenario, after the
pack's documented renaming (:data:`planner.pack.parts.COVERAGE_NAMES`, :data:`~planner.pack.parts.MIX_NAMES`,
:func:`planner.pack.expansion.gap_rows`).
"""

from __future__ import annotations

import io
import math
import zipfile
from typing import Any

import openpyxl
import pandas as pd
import pytest

from planner.expansion.projection import Projection, project
from planner.expansion.scenario import load_scenario
from planner.ingest.read import RosterRead
from planner.pack.build import build_pack
from planner.pack.least_cost import LEAST_COST_SHEET, least_cost_part
from planner.pack.parts import COVERAGE_NAMES, GAP_PEOPLE, MIX_NAMES
from planner.pack.sources import cite
from planner.samples import SAMPLE_AS_OF
from planner.views import expansion as ui
from planner.views.coverage import coverage_view
from planner.views.optimise import least_cost_view
from planner.views.session import sample_roster
from planner.views.skill_mix import skill_mix_view

pytestmark = pytest.mark.integration

SCENARIO = "long_term_plan"
FRAMEWORK = "london"  # the London mapping also exercises the interpretation note
NAME = "Sample team (synthetic)"


@pytest.fixture(scope="module")
def roster() -> RosterRead:
    return sample_roster()


@pytest.fixture(scope="module")
def sheets(roster: RosterRead) -> dict[str, pd.DataFrame]:
    """Every table of the built pack's workbook, read back from the cells."""
    result = build_pack(
        roster, load_scenario(SCENARIO), as_of=SAMPLE_AS_OF, framework_id=FRAMEWORK, runs=0, roster_name=NAME
    )
    with zipfile.ZipFile(io.BytesIO(result.data)) as z:
        wb = openpyxl.load_workbook(io.BytesIO(z.read("business_case.xlsx")))
    out = {}
    for ws in wb.worksheets:
        header = [c.value for c in ws[3] if c.value is not None]
        rows = []
        for row in ws.iter_rows(min_row=4, max_col=len(header), values_only=True):
            if row[0] is None:
                break
            rows.append(row)
        out[ws.title] = pd.DataFrame(rows, columns=header)
    return out


@pytest.fixture(scope="module")
def projected(roster: RosterRead) -> Projection:
    """The run the Expansion page makes for the same scenario, team and date."""
    return project(
        load_scenario(SCENARIO), ui.model_staff(roster), as_of=SAMPLE_AS_OF, runs=0, roster_name=NAME
    )


def cell(value: Any) -> Any:
    """A table value as a workbook cell holds it (missing values are empty cells)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def assert_same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want) > 0
    for g, w in zip(got.itertuples(index=False), want.itertuples(index=False), strict=True):
        for col, a, b in zip(want.columns, (cell(v) for v in g), (cell(v) for v in w), strict=True):
            if isinstance(b, float) and a is not None:
                assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12), (col, a, b)
            else:
                assert a == b, (col, a, b)


def test_the_coverage_sheet_is_the_coverage_views_counts(
    sheets: dict[str, pd.DataFrame], roster: RosterRead
) -> None:
    view = coverage_view(roster.staff, roster.competencies, FRAMEWORK, SAMPLE_AS_OF)
    assert_same(sheets["Coverage"], view.counts().rename(columns=COVERAGE_NAMES))
    team = sheets["Coverage"].iloc[0]
    assert team["Category"] == "Whole team" and team["Required"] == view.overall["required"]


def test_the_skill_mix_sheet_is_the_skill_mix_views_table(
    sheets: dict[str, pd.DataFrame], roster: RosterRead
) -> None:
    values = load_scenario(SCENARIO).values()
    view = skill_mix_view(roster.staff, str(values["pay_point"]), str(values["pension_basis"]))
    assert_same(sheets["Skill mix"], view.mix().rename(columns=MIX_NAMES))


def test_the_gaps_sheet_holds_the_expansion_pages_gap_tables(
    sheets: dict[str, pd.DataFrame], projected: Projection
) -> None:
    gaps = sheets["Gaps"]
    band, func = gaps[gaps["By"] == "Band"], gaps[gaps["By"] == "Function"]
    page_band, page_func = ui.gap_table(projected), ui.function_table(projected)
    assert band["Category"].tolist() == page_band["Band"].tolist()
    assert func["Category"].tolist() == page_func["Function"].tolist()
    for pack_col, page_col, places in [
        ("Required WTE", "Required WTE", 2),
        ("In post WTE", "In post WTE", 2),
        ("Gap WTE", "Gap WTE", 2),
        (GAP_PEOPLE, GAP_PEOPLE, 1),
        ("Required cost (£ a year)", "Required cost (£ a year)", 0),
    ]:
        assert band[pack_col].astype(float).round(places).tolist() == page_band[page_col].tolist()
    for col in ("Required WTE", "In post WTE", "Gap WTE"):
        assert func[col].astype(float).round(2).tolist() == page_func[col].tolist()


def test_the_parameters_sheet_lists_what_the_expansion_page_lists(sheets: dict[str, pd.DataFrame]) -> None:
    got = sheets["Parameters"]
    page = ui.parameters_table(load_scenario(SCENARIO))
    for col in ("Group", "Parameter", "Status"):
        assert got[col].tolist() == page[col].tolist(), col
    scenario = load_scenario(SCENARIO)
    for flag, source, shown, p in zip(
        got["Assumption"],
        got["Source, or why it is an assumption"],
        page["Source"],
        scenario.parameters.values(),
        strict=True,
    ):
        # both mark the same assumptions; the pack cites the page's source in words
        assert shown.startswith("Assumption: ") == (flag == "yes") == source.startswith("Assumption")
        if flag == "no" and p.source:
            assert source.endswith(cite(shown))
        assert got.loc[got["Parameter"] == p.display_label(), "Unit"].iloc[0] in (p.unit, "")


def test_the_least_cost_sheet_is_the_skill_mix_pages_least_cost_view(
    sheets: dict[str, pd.DataFrame], roster: RosterRead
) -> None:
    view = least_cost_view(load_scenario(SCENARIO), ui.model_staff(roster))
    assert view.mix is not None and view.mix.in_post is not None
    assert_same(sheets[LEAST_COST_SHEET], least_cost_part(view).tables[LEAST_COST_SHEET])
    assert sheets[LEAST_COST_SHEET].columns[-1] == "Team in post WTE"
