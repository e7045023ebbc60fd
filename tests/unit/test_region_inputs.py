"""The Region page's Services editor: rows from the sheet or blank, every unusable value said in words."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.expansion.scenario import load_scenario
from planner.ingest.services import read_services
from planner.views.region_inputs import SERVICE, editor_frame, model_table

pytestmark = pytest.mark.unit

SCENARIO = load_scenario(None)


def test_without_a_sheet_every_service_gets_a_blank_row_and_is_asked_for() -> None:
    start = editor_frame(["North", "South"], None, SCENARIO)
    assert start.frame[SERVICE].tolist() == ["North", "South"]
    assert not start.from_sheet and start.issues.empty
    table, problems = model_table(start.frame, SCENARIO)
    assert table is None
    assert problems == [
        "North: enter its Population or Eligible population.",
        "South: enter its Population or Eligible population.",
    ]


def test_a_sheet_fills_the_rows_and_a_misspelt_service_is_reported_with_a_suggestion() -> None:
    csv = b"Service,Population,Uptake\nNorth,120000,0.5\nSouht,90000,\n"
    read = read_services(csv, "services.csv", SCENARIO.parameters)
    start = editor_frame(["North", "South"], read, SCENARIO)
    pop = SCENARIO.parameters["population"].label
    uptake = SCENARIO.parameters["uptake"].label
    assert start.frame[pop].tolist()[0] == 120000 and pd.isna(start.frame[pop].tolist()[1])
    assert start.frame[uptake].tolist()[0] == 0.5
    assert start.issues["message"].str.contains("Did you mean 'South'").any()
    edited = start.frame.copy()
    edited.loc[1, pop] = 80000
    table, problems = model_table(edited, SCENARIO)
    assert problems == []
    assert table["service"].tolist() == ["North", "South"]
    assert table["population"].tolist() == [120000, 80000]
    assert table.loc[0, "uptake"] == 0.5 and pd.isna(table.loc[1, "uptake"])


def test_an_out_of_range_value_is_refused_in_words() -> None:
    start = editor_frame(["North", "South"], None, SCENARIO)
    pop = SCENARIO.parameters["population"].label
    uptake = SCENARIO.parameters["uptake"].label
    edited = start.frame.assign(**{pop: [100000.0, 100000.0]})
    edited.loc[0, uptake] = 7.0
    table, problems = model_table(edited, SCENARIO)
    assert table is None and len(problems) == 1
    assert problems[0].startswith(f"North, {uptake}: ")
